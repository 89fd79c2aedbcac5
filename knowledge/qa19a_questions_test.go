package knowledge

import (
	"fmt"
	"strings"
	"testing"
)

// qa19aQuestions returns the questions of the test-brief chunks by id.
func qa19aQuestions(c Corpus) map[string][]string {
	got := map[string][]string{}
	for _, ch := range c.Chunks {
		if ch.BriefingID == "test-brief" {
			got[ch.ID] = ch.Questions
		}
	}
	return got
}

// A questions file saved by a Windows editor (Notepad, PowerShell 5's
// Out-File -Encoding utf8) starts with a UTF-8 byte order mark. Briefings
// accept one (parse.go strips it), but the questions file's first line
// then fails to decode and the WHOLE file is rejected: every paragraph of
// the briefing silently loses its questions (only a Problem in the log /
// admin listing), just because of an invisible BOM.
func TestQA19aQuestionsFileWithBOMIsRead(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "extra.md", goodFront+"\nFirst paragraph.\n\nSecond paragraph.\n")
	writeFile(t, dir, "extra.questions.jsonl", "\ufeff"+
		questionsLine(1, "First paragraph.", "what comes first?")+
		questionsLine(2, "Second paragraph.", "what comes second?"))
	c, _ := buildDir(t, dir)
	if err := c.ProblemsErr(); err != nil {
		t.Errorf("a BOM makes the questions file a problem: %v", err)
	}
	got := qa19aQuestions(c)
	if len(got["test-brief#p1"]) != 1 || len(got["test-brief#p2"]) != 1 {
		t.Errorf("questions %q, want one per paragraph despite the BOM", got)
	}
}

// A line longer than the scanner's 64 KiB buffer is reported with Line 0
// ("cannot be read: bufio.Scanner: token too long"), i.e. as a problem of
// the file as a whole, although the contract is that a malformed questions
// file is a Problem naming its file AND LINE. The operator is told neither
// which line is at fault nor what is wrong with it.
func TestQA19aQuestionsOverlongLineNamesItsLine(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "extra.md", goodFront+"\nFirst paragraph.\n\nSecond paragraph.\n")
	junk := `{"paragraph": 2, "sha256": "x", "questions": ["` + strings.Repeat("a", 70<<10) + `"]}` + "\n"
	writeFile(t, dir, "extra.questions.jsonl",
		questionsLine(1, "First paragraph.", "what comes first?")+
			questionsLine(1, "First paragraph.", "and then?")+
			junk)
	c, _ := buildDir(t, dir)
	if len(c.Problems) != 1 {
		t.Fatalf("problems %v, want one for the questions file", c.ProblemsErr())
	}
	if p := c.Problems[0]; p.Line != 3 {
		t.Errorf("problem %v: line %d, want 3 (the over-long line)", &p, p.Line)
	}
}

// A line within every documented limit (64 questions, each at most 300
// characters) is rejected when it is written with JSON's \u escapes, as
// Python's json.dumps does by default (ensure_ascii): the 64 KiB line
// buffer is smaller than what the per-question and per-paragraph limits
// allow, so a valid file for a non-Latin briefing loses all its
// questions.
func TestQA19aQuestionsLineWithinLimitsIsRead(t *testing.T) {
	dir := t.TempDir()
	text := "First paragraph."
	writeFile(t, dir, "extra.md", goodFront+"\n"+text+"\n")
	var qs []string
	for i := 0; i < MaxChunkQuestions; i++ {
		// 300 characters: "q<i> " and then é, written \u00e9 (6 bytes).
		q := fmt.Sprintf("q%d ", i)
		q += strings.Repeat("\\u00e9", maxQuestionRunes-len(q))
		qs = append(qs, `"`+q+`"`)
	}
	line := fmt.Sprintf(`{"paragraph":1,"sha256":%q,"questions":[%s]}`, ChunkHash(text), strings.Join(qs, ",")) + "\n"
	writeFile(t, dir, "extra.questions.jsonl", line)
	c, _ := buildDir(t, dir)
	if err := c.ProblemsErr(); err != nil {
		t.Errorf("a line of %d bytes within the documented limits is refused: %v", len(line), err)
	}
	if got := qa19aQuestions(c)["test-brief#p1"]; len(got) != MaxChunkQuestions {
		t.Errorf("¶1 has %d questions, want %d", len(got), MaxChunkQuestions)
	}
}

// Questions are matched by paragraph NUMBER and hash. Adding a paragraph
// at the top of a briefing (an editor's note, an update) renumbers every
// paragraph: their texts, and so their hashes, are unchanged, yet every
// line is taken as stale and silently ignored — the whole briefing loses
// its questions with no Problem and no warning, though not one paragraph
// the questions were written from was edited.
func TestQA19aQuestionsSurviveAParagraphAddedAbove(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "extra.md", goodFront+"\nUpdate: a note added on top.\n\nFirst paragraph.\n\nSecond paragraph.\n")
	writeFile(t, dir, "extra.questions.jsonl",
		questionsLine(1, "First paragraph.", "what comes first?")+
			questionsLine(2, "Second paragraph.", "what comes second?"))
	c, _ := buildDir(t, dir)
	got := qa19aQuestions(c)
	if len(got["test-brief#p2"]) == 0 || len(got["test-brief#p3"]) == 0 {
		t.Errorf("questions %q: the unchanged paragraphs (now ¶2 and ¶3) lost theirs", got)
	}
}

// A line holding a valid object followed by anything else ("{…} junk",
// or two objects pasted on one line) is accepted: the decoder reads the
// first value and the rest is silently dropped. A malformed line must be
// a Problem naming file and line; here the second object's questions just
// vanish.
func TestQA19aQuestionsTrailingDataOnALineIsAProblem(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "extra.md", goodFront+"\nFirst paragraph.\n\nSecond paragraph.\n")
	l1 := strings.TrimSuffix(questionsLine(1, "First paragraph.", "what comes first?"), "\n")
	l2 := questionsLine(2, "Second paragraph.", "what comes second?")
	writeFile(t, dir, "extra.questions.jsonl", l1+l2) // a lost newline: two objects on line 1
	c, _ := buildDir(t, dir)
	got := qa19aQuestions(c)
	if len(got["test-brief#p2"]) == 0 && c.ProblemsErr() == nil {
		t.Errorf("¶2's questions silently dropped (questions %q) and no problem reported", got)
	}
}

// Relocate makes a cached corpus's problem file names this process's own
// (another process may have built it from the same files in another
// folder), but it maps only briefing file names: a questions file's
// Problem keeps the other machine's path, so the operator is sent to a
// file that does not exist here (in the log; Library.Add compares
// Problem names with local paths too).
func TestQA19aRelocateQuestionsProblem(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		writeFile(t, dir, "extra.md", goodFront+"\nFirst paragraph.\n")
		writeFile(t, dir, "extra.questions.jsonl", "{oops\n")
	}
	built, _ := buildDir(t, a)
	srcsB, err := Sources(b)
	if err != nil {
		t.Fatal(err)
	}
	if Version(srcsB) != built.Version {
		t.Fatal("same files, different versions: the test needs them equal")
	}
	c := built.Relocate(srcsB)
	if len(c.Problems) != 1 {
		t.Fatalf("problems %v", c.ProblemsErr())
	}
	if !strings.HasPrefix(c.Problems[0].Name, b) {
		t.Errorf("problem names %s, want the file in %s (this process's folder)", c.Problems[0].Name, b)
	}
}
