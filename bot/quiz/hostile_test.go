package quiz

import (
	"context"
	"strings"
	"testing"
)

// stringModel replies with the same text every time.
type stringModel string

func (m stringModel) Write(context.Context, string, string, Generation) (string, error) {
	return string(m), nil
}

// A model's question or option carrying a link, a mention, code or an
// invisible control character is dropped like any other failing
// proposal: members see what a quiz shows as it is written, and nothing
// the model writes is shown unchecked. The correct option and the
// paragraph are otherwise those of a good proposal.
func TestModelProposalsWithLinksMentionsOrCodeDropped(t *testing.T) {
	b := briefing(t)
	hostile := []proposal{
		{Paragraph: 11, Question: "Who has expressed concerns (see https://evil.example/quiz) about a NATO office in Tokyo?",
			Correct: good.Correct, Wrong: good.Wrong},
		{Paragraph: 11, Question: good.Question, Correct: good.Correct,
			Wrong: []string{"Jens Stoltenberg", "discord.gg/free-nitro", "Joe Biden"}},
		{Paragraph: 11, Question: "Who, <@&123456789012345678>, has expressed concerns about a NATO office in Tokyo?",
			Correct: good.Correct, Wrong: good.Wrong},
		{Paragraph: 11, Question: good.Question, Correct: good.Correct,
			Wrong: []string{"Jens Stoltenberg", "`rm -rf`", "Joe Biden"}},
		{Paragraph: 11, Question: good.Question + "\u202e", Correct: good.Correct, Wrong: good.Wrong},
	}
	for _, p := range hostile {
		qs, rep, err := GenerateWithModel(context.Background(), stringModel(reply(t, p)), b, 1)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Kept != 0 || len(rep.Dropped) != 1 || !strings.Contains(rep.Dropped[0], "link, a mention or code") {
			t.Errorf("proposal %q / %q: kept %d, dropped %q", p.Question, p.Wrong, rep.Kept, rep.Dropped)
		}
		for _, q := range qs {
			if q.Kind == KindModel {
				t.Errorf("model question kept: %q %q", q.Text, q.Options)
			}
		}
	}
	// The good one still passes.
	if _, rep, _ := GenerateWithModel(context.Background(), stringModel(reply(t, good)), b, 1); rep.Kept != 1 {
		t.Errorf("good proposal: %+v", rep)
	}
}
