package answer

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// QA round 19c found answers whose best-ranked paragraph (found through
// its reader questions) opens with a sentence that meets the question
// less well than a lower paragraph's: "how do asian countries feel about
// nato coming to their region?" opens with ¶7's "China has been vocal in
// its opposition…" (score 1.06 + rank bonus 2.00) ahead of ¶4's "Many
// Asian countries are wary…" (3.47 + 1.59). Printing paragraphs in the
// order of their best sentence's score instead was tried: on the tuning
// questions the answer opened with a gold paragraph 142 times of 188
// instead of 154, so rank order stays — a limit left. What is held here:
// the sentence that meets the question clearly better is in the answer.
func TestQA19cExtractiveKeepsTheSentenceThatMeetsTheQuestionClearlyBetter(t *testing.T) {
	e := newEngine(t, nil)
	q := "how do asian countries feel about nato coming to their region?"
	a, err := e.Ask(context.Background(), Request{Question: q}, nil)
	if err != nil {
		t.Fatal(err)
	}
	cited := false
	for _, c := range a.Citations {
		cited = cited || c.Paragraph == 4
	}
	if a.Refused || !cited || !strings.Contains(a.Text, "wary of being drawn into") {
		t.Errorf("%q (first ¶%v): %q; want ¶4's sentence (Asian countries wary of a Cold War-style confrontation) in the answer",
			q, firstParagraph(a), a.Text)
	}
}

// QA round 19c. What is wrong: extract keeps a lower-ranked passage's
// sentence that opens by pointing back to a person (pointsBack: "He
// further urged…") out of the answer, since after another passage's
// sentence it reads as about that one; a sentence opening with a
// demonstrative ("This sentiment reflects…", "These areas offer…") points
// back just the same and is let through. With the rank bonus raised from
// 0.05 to 2, such sentences now pass the minSentenceShare cut more often:
// "why does north korea matter here?" answers Stoltenberg's "global"
// security landscape [1] followed by ¶6's "This sentiment reflects a
// broader view in the region…" [2], which reads as though the region
// shared Stoltenberg's view, when ¶6's sentiment is the anonymous
// diplomat's scepticism of a NATO presence (¶5). The old answer was ¶2's
// sentence alone. "what is the uk's involvement?" has the same shape
// (¶20's Quad/AUKUS sentence, then "This sentiment…" of ¶6).
func TestQA19cExtractiveKeepsPointingBackDemonstrativesToTheirOwnPassage(t *testing.T) {
	e := newEngine(t, nil)
	marker := regexp.MustCompile(`\s*\[(\d+)\]\s*`)
	for _, q := range []string{
		"why does north korea matter here?",
		"what is the uk's involvement?",
	} {
		a, err := e.Ask(context.Background(), Request{Question: q}, nil)
		if err != nil {
			t.Fatal(err)
		}
		texts := marker.Split(a.Text, -1)
		nums := marker.FindAllStringSubmatch(a.Text, -1)
		for i := 1; i < len(nums) && i < len(texts); i++ {
			s := strings.TrimLeft(texts[i], "“…")
			if nums[i][1] != nums[i-1][1] && (strings.HasPrefix(s, "This ") || strings.HasPrefix(s, "These ")) {
				t.Errorf("%q: %q [%s] follows a sentence of passage [%s], so it reads as pointing back to that one: %q", q, texts[i], nums[i][1], nums[i-1][1], a.Text)
			}
		}
	}
}

func firstParagraph(a Answer) any {
	if len(a.Citations) == 0 {
		return "none"
	}
	return a.Citations[0].Paragraph
}
