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

// The bold label's own first word is the sentence's first word and gets
// every excuse a first word gets, "inflected" included, so that "**Nazis:**
// An office in Tokyo could provoke China [1]." is shown. d55e518 took the
// inflected excuse from labels; QA 17e showed it dropped honest items
// whole ("**Risks:**", "**Objections:**", "Options:"), which models write
// far more often, and it was given back: a people the lexicon ties to no
// country opens a label as it opens a sentence ("Nazis fear…"),
// unchecked — README, "Left as it is".
