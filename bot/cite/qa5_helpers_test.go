package cite

import (
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

func qa5Checker(t *testing.T, ps ...int) Checker {
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	paras := c.Briefings[0].Paragraphs
	return Checker{Passage: func(n int) (string, bool) {
		if n < 1 || n > len(ps) {
			return "", false
		}
		return paras[ps[n-1]-1], true
	}}
}
