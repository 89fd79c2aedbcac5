package doc2query

import (
	"slices"
	"testing"
)

// Parse claims to drop a model's lead-ins, but only recognises one that
// ends in ":". Ordinary chatter — "Here are 10 questions this paragraph
// answers." or a closing "I hope these help!" or a refusal "I'm sorry,
// but I can't help with that." — is kept as a "question" and written to
// the questions file, where its words ("questions", "paragraph", "help",
// "sorry") rank the paragraph for members' chat; a refusal even counts
// as the paragraph's one question, and `bot questions` reports it as done.
func TestQA19aParseDropsChatter(t *testing.T) {
	reply := "Here are 10 questions this paragraph answers.\n" +
		"Who criticised the pivot?\n" +
		"Is France against it?\n" +
		"I hope these help!\n"
	want := []string{"Who criticised the pivot?", "Is France against it?"}
	if got := Parse(reply); !slices.Equal(got, want) {
		t.Errorf("Parse:\n got %q\nwant %q", got, want)
	}
	if got := Parse("I'm sorry, but I can't help with that."); len(got) != 0 {
		t.Errorf("a refusal parsed as questions: %q", got)
	}
}
