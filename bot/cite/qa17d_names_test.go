package cite

import "testing"

// inflected() now refuses a lemma that is a country's demonym, but the
// lexicon knows "American" and "Briton" as no country's: "Americans" and
// "Britons" still open a sentence unchecked, shown as the cited passage's
// (p11 names no American or Briton). "Americans" is refused now (an
// everyday word whose lemma is a country's); "Britons", "Kurds" and other
// peoples the lexicon ties to no country still open a sentence unchecked,
// as before this session (README: left as it is).
func TestQA17dDemonymOpenerNotCountry(t *testing.T) {
	qa17dNotShown(t,
		"Americans fear provoking China [1].",
		"Americans' fears include provoking China [1].",
	)
}

// The bold label's own first word is the sentence's first word (i == 0)
// and gets every excuse, "inflected" included: a label naming who
// ("**Nazis:**") is shown over a claim its passage makes of Macron —
// what 707c44e stopped for a heading on its own line.
func TestQA17dLabelNamingWhoExcused(t *testing.T) {
	qa17dNotShown(t,
		"**Nazis:** An office in Tokyo could provoke China [1].",
		"- **Nazis:** An office in Tokyo could provoke China [1].",
		"**Kurds** fear an office in Tokyo could provoke China [1].",
		"Nazis: an office in Tokyo could provoke China [1].",
	)
}
