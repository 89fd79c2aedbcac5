package answer

import (
	"context"
	"strings"
	"testing"
)

// A question in other words than its paragraph's, found by the
// paragraph's questions: the extractive answer opens with that
// paragraph's sentence, not with a sentence of another that happens to
// share more of the question's words ("Japan", "alliance").
func TestExtractiveOpensWithTheBestParagraph(t *testing.T) {
	e := newEngine(t, nil)
	for q, want := range map[string]int{
		// A tuning question (tune2 g-055): at a rank weight of 0.05 the
		// answer was ¶14's sentence on alliances with Japan alone.
		"Which head of state of a major EU country worries that an alliance outpost in Japan's capital would needlessly anger Beijing?": 11,
	} {
		a, err := e.Ask(context.Background(), Request{Question: q}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Refused || len(a.Citations) == 0 || a.Citations[0].Paragraph != want || !strings.Contains(a.Text, "Macron") {
			t.Errorf("%q: %+v; want ¶%d's sentence first", q, a, want)
		}
	}
}
