package knowledge

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// questionsLine is a questions file line for paragraph n of text.
func questionsLine(n int, text string, qs ...string) string {
	j, _ := json.Marshal(QuestionLine{Paragraph: n, SHA256: ChunkHash(text), Questions: qs})
	return string(j) + "\n"
}

// buildDir builds the corpus of the embedded briefings and those in dir.
func buildDir(t *testing.T, dir string) (Corpus, []Source) {
	t.Helper()
	srcs, err := Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	return c, srcs
}

// The shipped questions were written for the embedded briefing as it is:
// every paragraph has them. Editing a paragraph without writing its
// questions anew (`bot questions`) fails here, not silently in search.
func TestEmbeddedQuestionsMatchTheBriefing(t *testing.T) {
	c, _ := buildDir(t, "")
	if len(c.Problems) != 0 {
		t.Fatalf("problems: %v", c.ProblemsErr())
	}
	for _, ch := range c.Chunks {
		if len(ch.Questions) < 10 {
			t.Errorf("%s has %d questions, want the shipped ones (stale? run bot questions)", ch.ID, len(ch.Questions))
		}
	}
}

func TestQuestionsFileBesideABriefing(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "extra.md", goodFront+"\nFirst paragraph.\n\nSecond paragraph.\n")
	writeFile(t, dir, "extra.questions.jsonl",
		questionsLine(1, "First paragraph.", "what comes first?")+
			"\n"+ // blank lines are fine
			questionsLine(1, "First paragraph.", "and before the second?")+
			questionsLine(2, "Second paragraph, as it was before an edit.", "a stale question?")+
			questionsLine(7, "No such paragraph.", "gone?"))
	c, srcs := buildDir(t, dir)
	if len(c.Problems) != 0 {
		t.Fatalf("problems: %v", c.ProblemsErr())
	}
	got := map[string][]string{}
	for _, ch := range c.Chunks {
		if ch.BriefingID == "test-brief" {
			got[ch.ID] = ch.Questions
		}
	}
	if q := got["test-brief#p1"]; fmt.Sprint(q) != "[what comes first? and before the second?]" {
		t.Errorf("¶1 questions %q, want both lines' questions", q)
	}
	if q := got["test-brief#p2"]; q != nil {
		t.Errorf("¶2 questions %q: they were written for other words and must be left out", q)
	}
	// The questions are part of the version: new questions, new index.
	before := Version(srcs)
	writeFile(t, dir, "extra.questions.jsonl", questionsLine(1, "First paragraph.", "something else?"))
	srcs2, _ := Sources(dir)
	if Version(srcs2) == before {
		t.Error("version unchanged after the questions file changed")
	}
	os.Remove(filepath.Join(dir, "extra.questions.jsonl"))
	srcs3, _ := Sources(dir)
	if Version(srcs3) == before || Version(srcs3) == Version(srcs2) {
		t.Error("version unchanged after the questions file was removed")
	}
}

// A malformed questions file is named by file and line, and costs only
// the questions: the briefing is still served.
func TestMalformedQuestionsFile(t *testing.T) {
	long := strings.Repeat("why ", 100)
	many := make([]string, MaxChunkQuestions+1)
	for i := range many {
		many[i] = "q?"
	}
	tests := []struct{ name, data, want string }{
		{"not json", questionsLine(1, "First paragraph.", "ok?") + "{oops\n", ":2: not a questions line"},
		{"unknown field", `{"paragraph": 1, "sha256": "x", "questions": [], "answer": "y"}` + "\n", `:1: not a questions line (json: unknown field "answer")`},
		{"no paragraph", `{"sha256": "x", "questions": ["a?"]}` + "\n", ":1: \"paragraph\" must be"},
		{"long question", questionsLine(1, "First paragraph.", long), ":1: a question must be"},
		{"too many", questionsLine(1, "First paragraph.", many...), ":1: paragraph 1 has 65 questions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "extra.md", goodFront+"\nFirst paragraph.\n")
			writeFile(t, dir, "extra.questions.jsonl", tt.data)
			c, _ := buildDir(t, dir)
			if _, ok := c.Briefing("test-brief"); !ok {
				t.Fatal("briefing left out for its questions file")
			}
			for _, ch := range c.Chunks {
				if ch.BriefingID == "test-brief" && ch.Questions != nil {
					t.Errorf("%s kept questions %q from a malformed file", ch.ID, ch.Questions)
				}
			}
			err := c.ProblemsErr()
			if err == nil || !strings.Contains(err.Error(), "extra.questions.jsonl"+tt.want) || !strings.Contains(err.Error(), "searched without its questions") {
				t.Errorf("problems %v, want extra.questions.jsonl%s…", err, tt.want)
			}
		})
	}
}

func TestQuestionsFileName(t *testing.T) {
	for in, want := range map[string]string{
		"dir/a.md":                   "dir/a.questions.jsonl",
		"embedded:nato.md":           "embedded:nato.questions.jsonl",
		"briefings/NOTES.MD":         "briefings/NOTES.questions.jsonl",
		"briefings/nato-2024.v2.md":  "briefings/nato-2024.v2.questions.jsonl",
		"briefings/no-extension-too": "briefings/no-extension-too.questions.jsonl",
	} {
		if got := QuestionsFile(in); got != want {
			t.Errorf("QuestionsFile(%q) = %q, want %q", in, got, want)
		}
	}
}
