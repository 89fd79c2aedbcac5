package knowledge

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// A briefing's questions file, "<name>.questions.jsonl" beside
// "<name>.md", holds questions a reader might ask that each paragraph
// answers, written by a model from the paragraph alone (doc2query; see
// `bot questions`). Search gives them a field of their own, so that a
// member asking in everyday words ("the alliance's boss") finds the
// paragraph that says it in the briefing's ("Secretary General"). They
// are never shown, quoted or cited, and a word found only in them is not
// counted as said by the briefing.
//
// One JSON object per line:
//
//	{"paragraph": 3, "sha256": "9f2c…", "questions": ["…", "…"]}
//
// with "part" too for a long paragraph split into parts. sha256 is
// ChunkHash of the text the questions were written from, and it is what
// places them: a paragraph moved (one added above it) keeps its
// questions, and an edited one no longer matches, so its old questions
// are left out, as they may ask what it no longer says. The paragraph
// number places them only among chunks of one text (a sentence repeated
// as a paragraph of its own). Several lines for one chunk add up.
const questionsExt = ".questions.jsonl"

// Limits on a questions file, which a model wrote: enough for dozens of
// questions per paragraph, never enough to swamp the index.
const (
	MaxQuestionsBytes = 1 << 20
	MaxChunkQuestions = 64
	maxQuestionRunes  = 300
)

// QuestionsFile returns the name of the questions file kept beside the
// briefing file name.
func QuestionsFile(name string) string {
	return strings.TrimSuffix(name, filepath.Ext(name)) + questionsExt
}

// IsQuestionsFile reports whether name is a questions file's: a problem
// with one costs its briefing its questions, not its place in the
// knowledge.
func IsQuestionsFile(name string) bool { return strings.HasSuffix(name, questionsExt) }

// Effect says what a problem costs, for the log: a briefing file left out
// of the knowledge, or a questions file its briefing is served without.
func (e *ParseError) Effect() string {
	if IsQuestionsFile(e.Name) {
		return "questions file ignored"
	}
	return "briefing left out"
}

// ChunkHash identifies the text a chunk's questions were written from: the
// first 16 hex digits of its SHA-256.
func ChunkHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:8])
}

// QuestionLine is one line of a questions file.
type QuestionLine struct {
	Paragraph int      `json:"paragraph"`
	Part      int      `json:"part,omitempty"`
	SHA256    string   `json:"sha256"`
	Questions []string `json:"questions"`
}

// attachQuestions gives chunks (one briefing's, in order) the questions of
// the questions file name holding data. Lines for a chunk whose text has
// changed since are left out; a malformed file is an error naming its
// line, and then no chunk has questions from it.
func attachQuestions(chunks []Chunk, name string, data []byte) *ParseError {
	fail := func(line int, format string, args ...any) *ParseError {
		return &ParseError{Name: name, Line: line, Msg: fmt.Sprintf(format, args...) + "; the briefing is searched without its questions"}
	}
	if len(data) > MaxQuestionsBytes {
		return fail(0, "%d bytes, more than the %d a questions file may have", len(data), MaxQuestionsBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from Windows editors
	byHash := map[string][]int{}
	for i, c := range chunks {
		h := ChunkHash(c.Text)
		byHash[h] = append(byHash[h], i)
	}
	found := make([][]string, len(chunks))
	// written counts the questions the file gives each paragraph (and
	// part), as it numbers them: its limit is checked as written, not as
	// placed, since a line for a paragraph the briefing repeats word for
	// word goes to every copy of it.
	type key struct{ para, part int }
	written := map[key]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	// A line is never longer than the file may be.
	sc.Buffer(nil, MaxQuestionsBytes+1)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var ql QuestionLine
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ql); err != nil {
			return fail(n, "not a questions line (%v): expected {\"paragraph\": N, \"sha256\": \"…\", \"questions\": [\"…\"]}", err)
		}
		if dec.More() || dec.InputOffset() != int64(len(line)) {
			return fail(n, "text after the JSON object (a lost line break?): one object per line")
		}
		if ql.Paragraph < 1 {
			return fail(n, "\"paragraph\" must be a paragraph number from 1")
		}
		for _, q := range ql.Questions {
			if !utf8.ValidString(q) || utf8.RuneCountInString(q) > maxQuestionRunes {
				return fail(n, "a question must be valid UTF-8 of at most %d characters", maxQuestionRunes)
			}
		}
		k := key{ql.Paragraph, ql.Part}
		if written[k] += len(ql.Questions); written[k] > MaxChunkQuestions {
			return fail(n, "paragraph %d has %d questions, more than the %d kept per paragraph", ql.Paragraph, written[k], MaxChunkQuestions)
		}
		for _, i := range placed(byHash[ql.SHA256], chunks, ql.Paragraph, ql.Part) {
			found[i] = append(found[i], ql.Questions...)
		}
	}
	if err := sc.Err(); err != nil {
		return fail(0, "cannot be read: %v", err)
	}
	for i, qs := range found {
		// A repeated paragraph's copies may each be given the others'
		// questions: the first ones are kept.
		chunks[i].Questions = qs[:min(len(qs), MaxChunkQuestions)]
	}
	return nil
}

// placed returns which of the chunks of one text (at) a line written for
// paragraph para, part part, is for: that chunk when it is one of them,
// else all of them (the paragraph moved).
func placed(at []int, chunks []Chunk, para, part int) []int {
	for _, i := range at {
		if chunks[i].Paragraph == para && chunks[i].Part == part {
			return []int{i}
		}
	}
	return at
}

// QuestionLines returns the questions file lines for chunks with
// questions, in corpus order, as `bot questions` writes them.
func QuestionLines(chunks []Chunk) []QuestionLine {
	var out []QuestionLine
	for _, c := range chunks {
		if len(c.Questions) == 0 {
			continue
		}
		out = append(out, QuestionLine{Paragraph: c.Paragraph, Part: c.Part, SHA256: ChunkHash(c.Text), Questions: c.Questions})
	}
	return out
}

// EncodeQuestions is the questions file of chunks (one briefing's), as
// `bot questions` and the library write it: a line per chunk with
// questions, no HTML escaping (a model's "&" stays one).
func EncodeQuestions(chunks []Chunk) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, l := range QuestionLines(chunks) {
		if err := enc.Encode(l); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}
