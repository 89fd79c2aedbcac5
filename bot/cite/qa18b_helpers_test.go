package cite

import (
	"strings"
	"testing"
)

// qa18bDeniedOnly reports whether r was dropped by the polarity rule
// alone: every Missing entry starts with Denied and nothing else is wrong.
func qa18bDeniedOnly(r Result) bool {
	if len(r.Missing) == 0 || r.Vacuous || r.Dangling || len(r.Bad) > 0 {
		return false
	}
	for _, m := range r.Missing {
		if !strings.HasPrefix(m, Denied) {
			return false
		}
	}
	return true
}

// qa18bHonest fails for each honest sentence (citing the NATO briefing's
// paragraphs) that the gate does not show; it says whether the polarity
// rule is what dropped it.
func qa18bHonest(t *testing.T, sentences ...string) {
	t.Helper()
	c := qa6Checker(t, false)
	for _, s := range sentences {
		r := c.Check(s)
		switch {
		case r.Shown():
		case qa18bDeniedOnly(r):
			t.Errorf("honest sentence dropped as stating what its passage denies %q:\n\t%s", r.Missing, s)
		default:
			t.Errorf("honest sentence dropped, NOT by the polarity rule (reason %d, missing %q) — bad test case:\n\t%s", r.Reason, r.Missing, s)
		}
	}
}

// qa18bWrong fails for each wrong sentence the gate shows.
func qa18bWrong(t *testing.T, sentences ...string) {
	t.Helper()
	c := qa6Checker(t, false)
	for _, s := range sentences {
		if r := c.Check(s); r.Shown() {
			t.Errorf("wrong sentence shown (it says what the briefing denies):\n\t%s", s)
		}
	}
}
