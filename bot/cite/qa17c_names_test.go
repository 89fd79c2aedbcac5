package cite

import "testing"

// A word after a stop or a colon inside a sentence, or after a bold
// label, is excused from the name check as a sentence's first word is: a
// plural name ("Russians", "Nazis", inflected) slipped in after "e.g.",
// "i.e.", a colon or a label is shown as the passage's. Each was dropped
// before this session.
func TestQA17cNameAfterStopExcused(t *testing.T) {
	for _, s := range []string{
		"Macron fears provoking China, e.g. Russians [1].",
		"Macron, i.e. Russians, fear provoking China [1].",
		"In short: Russians fear provoking China [1].",
		"Macron's worry: Nazis could provoke China [1].",
		"Not really! Nazis fear provoking China [1].",
		"**Provocation:** Nazis fear China [1].",
	} {
		if r := checker.Check(s); r.Shown() {
			t.Errorf("shown: %q (%+v)", s, r)
		}
	}
}
