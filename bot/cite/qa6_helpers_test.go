package cite

import (
	"os"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// qa6Checker checks against the whole NATO briefing: passage n is its
// paragraph n, as in the blind answer sets.
func qa6Checker(t testing.TB, skipNames bool) Checker {
	t.Helper()
	data, err := os.ReadFile("../../knowledge/briefings/nato-indo-pacific-2024.md")
	if err != nil {
		t.Fatal(err)
	}
	b, err := knowledge.Parse("nato-indo-pacific-2024.md", data)
	if err != nil {
		t.Fatal(err)
	}
	return Checker{SkipNames: skipNames, Passage: func(n int) (string, bool) {
		if n < 1 || n > len(b.Paragraphs) {
			return "", false
		}
		return b.Paragraphs[n-1], true
	}}
}

// qa6Kept is whether the stream gate would keep sentence s.
func qa6Kept(r Result) bool {
	return r.Shown()
}

func qa6Honest(t *testing.T, skipNames bool, sentences ...string) {
	t.Helper()
	c := qa6Checker(t, skipNames)
	for _, s := range sentences {
		if r := c.Check(s); !qa6Kept(r) {
			t.Errorf("honest sentence refused (reason %d, missing %q, vacuous %v): %s", r.Reason, r.Missing, r.Vacuous, s)
		}
	}
}

func qa6Wrong(t *testing.T, skipNames bool, sentences ...string) {
	t.Helper()
	c := qa6Checker(t, skipNames)
	for _, s := range sentences {
		if r := c.Check(s); qa6Kept(r) {
			t.Errorf("wrong sentence passed: %s", s)
		}
	}
}
