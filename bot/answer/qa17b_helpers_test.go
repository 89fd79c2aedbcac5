package answer

import (
	"context"
	"slices"
	"testing"
)

// qa17bAsk asks the extractive engine (no model) on the embedded
// briefing, as `bot ask` and /ask do with no model configured.
func qa17bAsk(t *testing.T, e *Engine, q string, history ...Turn) Answer {
	t.Helper()
	a, err := e.Ask(context.Background(), Request{Question: q, History: history}, nil)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return a
}

// qa17bParagraphs lists the paragraphs an answer cites.
func qa17bParagraphs(a Answer) []int {
	var ps []int
	for _, c := range a.Citations {
		ps = append(ps, c.Paragraph)
	}
	return ps
}

// qa17bCitesAny reports whether the answer cites one of the paragraphs.
func qa17bCitesAny(a Answer, want ...int) bool {
	return slices.ContainsFunc(qa17bParagraphs(a), func(p int) bool { return slices.Contains(want, p) })
}
