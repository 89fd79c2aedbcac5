package knowledge

import (
	"encoding/json"
	"fmt"
	"testing"
)

// questionsLineFor is one line of a questions file, as `bot questions`
// writes it.
func questionsLineFor(l QuestionLine) string {
	j, _ := json.Marshal(l)
	return string(j) + "\n"
}

// qa19bQs returns n distinct questions tagged with tag.
func qa19bQs(tag string, n int) []string {
	qs := make([]string, n)
	for i := range qs {
		qs[i] = fmt.Sprintf("%s question %d?", tag, i)
	}
	return qs
}

// A paragraph repeated word for word (a recurring "Read more on our
// website." line, a repeated subhead) gets a line of its own per copy,
// as `bot questions -n 40` writes them (40 is within its 1-64). Once a
// paragraph is added above (an editor's note, the very case the 19a fix
// was for), neither line's paragraph number matches any more, so
// attachQuestions gives EACH line's questions to EVERY copy: each copy
// then has 80 questions, more than MaxChunkQuestions, and the WHOLE file
// is rejected — every other paragraph of the briefing silently loses the
// questions search needs (a "questions file ignored" warning the operator
// can do nothing about but regenerate). Questions placed by the hash must
// not add up past the cap the writer respected; one line per copy should
// go to one copy.
func TestQA19bRepeatedParagraphsAfterAnInsertKeepTheFile(t *testing.T) {
	dir := t.TempDir()
	const rep = "Read more on our website."
	// As written: ¶1 First, ¶2 rep, ¶3 Second, ¶4 rep.
	lines := ""
	for _, l := range []QuestionLine{
		{Paragraph: 1, SHA256: ChunkHash("First paragraph."), Questions: qa19bQs("first", 40)},
		{Paragraph: 2, SHA256: ChunkHash(rep), Questions: qa19bQs("repA", 40)},
		{Paragraph: 3, SHA256: ChunkHash("Second paragraph."), Questions: qa19bQs("second", 40)},
		{Paragraph: 4, SHA256: ChunkHash(rep), Questions: qa19bQs("repB", 40)},
	} {
		lines += questionsLineFor(l)
	}
	writeFile(t, dir, "extra.questions.jsonl", lines)
	// Then a note is added on top: nothing the questions were written
	// from has changed.
	writeFile(t, dir, "extra.md", goodFront+"\nUpdate: a note added on top.\n\nFirst paragraph.\n\n"+rep+"\n\nSecond paragraph.\n\n"+rep+"\n")
	c, _ := buildDir(t, dir)
	if err := c.ProblemsErr(); err != nil {
		t.Errorf("the questions file is rejected after a paragraph was added above: %v", err)
	}
	got := map[string]int{}
	for _, ch := range c.Chunks {
		if ch.BriefingID == "test-brief" {
			got[ch.ID] = len(ch.Questions)
		}
	}
	if got["test-brief#p2"] != 40 || got["test-brief#p4"] != 40 {
		t.Errorf("questions per chunk %v: the unchanged ¶2 (First) and ¶4 (Second) should keep their 40", got)
	}
	for _, id := range []string{"test-brief#p3", "test-brief#p5"} {
		if got[id] > MaxChunkQuestions {
			t.Errorf("%s has %d questions, more than the %d a paragraph may have", id, got[id], MaxChunkQuestions)
		}
	}
}
