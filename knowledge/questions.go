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
// ChunkHash of the text the questions were written from: when the
// paragraph is edited its old questions no longer match and are left out,
// as they may ask what it no longer says. Several lines for one chunk add
// up.
const questionsExt = ".questions.jsonl"

// Limits on a questions file, which a model wrote: enough for dozens of
// questions per paragraph, never enough to swamp the index.
const (
	MaxQuestionsBytes   = 1 << 20
	MaxChunkQuestions   = 64
	maxQuestionRunes    = 300
	maxQuestionsLineLen = 64 << 10
)

// QuestionsFile returns the name of the questions file kept beside the
// briefing file name.
func QuestionsFile(name string) string {
	return strings.TrimSuffix(name, filepath.Ext(name)) + questionsExt
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
	type key struct{ para, part int }
	at := make(map[key]int, len(chunks))
	for i, c := range chunks {
		at[key{c.Paragraph, c.Part}] = i
	}
	found := make([][]string, len(chunks))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, maxQuestionsLineLen)
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
		if ql.Paragraph < 1 {
			return fail(n, "\"paragraph\" must be a paragraph number from 1")
		}
		for _, q := range ql.Questions {
			if !utf8.ValidString(q) || utf8.RuneCountInString(q) > maxQuestionRunes {
				return fail(n, "a question must be valid UTF-8 of at most %d characters", maxQuestionRunes)
			}
		}
		i, ok := at[key{ql.Paragraph, ql.Part}]
		if !ok || ChunkHash(chunks[i].Text) != ql.SHA256 {
			continue // written for a paragraph the briefing no longer has as it was
		}
		found[i] = append(found[i], ql.Questions...)
	}
	if err := sc.Err(); err != nil {
		return fail(0, "cannot be read: %v", err)
	}
	for i, qs := range found {
		if len(qs) > MaxChunkQuestions {
			c := chunks[i]
			return fail(0, "paragraph %d has %d questions, more than the %d kept per paragraph", c.Paragraph, len(qs), MaxChunkQuestions)
		}
	}
	for i := range chunks {
		chunks[i].Questions = found[i]
	}
	return nil
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
