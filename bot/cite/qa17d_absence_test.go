package cite

import "testing"

// qa17dNotShown fails for each sentence the checker would show.
func qa17dNotShown(t *testing.T, sentences ...string) {
	t.Helper()
	for _, s := range sentences {
		if r := checker.Check(s); r.Shown() {
			t.Errorf("shown: %q (absent %v)", s, r.Absent)
		}
	}
}

// A name in plain ASCII single quotes is one "word" with its quotes
// ("'macron'"): it meets no passage, so a name every passage-reader can
// see (Macron, Tokyo, China) is shown as not mentioned. Only double
// quotes are refused.
func TestQA17dAbsenceQuotedNameSaidMissing(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention 'Macron'.",
		"'Macron' isn't mentioned.",
		"There's no mention of 'Tokyo' in the article.",
		"The article doesn't mention 'China' at all.",
		"The article doesn't mention M'acron.",
	)
}

// A name of four letters or less plus an "s" escapes present's prefix
// ("natos" starts no word), so a name the passages have is said missing.
func TestQA17dAbsencePluralShortName(t *testing.T) {
	qa17dNotShown(t, "The article doesn't mention NATOs.")
}

// What is "not told" must be the passages' own words, but present()
// compares five letters: "closed" is met by "closer", "complained" by
// "complicate", "concealed" by "concerns" — an event no passage has is
// shown as given.
func TestQA17dAbsencePrefixMakesEvent(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't say why NATO closed its office in Tokyo.",
		"The article doesn't say when NATO closed the office in Tokyo.",
		"The article doesn't say why Japan complained.",
		"The article doesn't say why Macron concealed his concerns.",
	)
}

// "not" and "never" are skipped as function words, so the passages' own
// words are turned into the opposite of what a passage says (Japan WAS
// invited, France IS a vocal critic) and shown as given.
func TestQA17dAbsenceNegationInvertsPassage(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't say why Japan was not invited.",
		"The article doesn't say why NATO never invited Japan.",
		"The article doesn't say why France did not criticise NATO.",
	)
}

// After "whether"/"if" only names are checked, but a noun phrase or a
// "when/after" clause inside takes an event for given: Macron resigned,
// China invaded Japan, China bombed Tokyo.
func TestQA17dAbsenceWhetherPresupposes(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't say whether Macron's resignation was accepted.",
		"The article doesn't say whether China's invasion of Japan succeeded.",
		"The article doesn't say if Macron resigned when China invaded Japan.",
		"The article doesn't say whether Japan retaliated after China bombed Tokyo.",
	)
}

// After "whether" a name is checked only when capitalised: a lower-case
// name no passage has passes.
func TestQA17dAbsenceWhetherLowerCaseName(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't say whether biden resigned.",
		"The article doesn't say whether biden's visit to Tokyo was cancelled.",
	)
}

// "doesn't name" of a common noun is read as "its name is not told", but
// the passage names the French President: Emmanuel Macron.
func TestQA17dAbsencePresidentIsNamed(t *testing.T) {
	qa17dNotShown(t, "The article doesn't name the president.")
}

// "doesn't say that X" with X made of a passage's own words says the
// passage does not say what it says (Japan was invited to the summit, p3).
func TestQA17dAbsenceDeniesWhatItSays(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't say that Japan was invited to the summit.",
		"It doesn't claim that Japan was invited.",
	)
}
