package cite

import "testing"

// What is said not to be told must be the passages' own words, but a
// word of three letters or fewer is never looked up: "war", "won",
// "cut", "spy" — events no passage has are shown as given.
func TestQA17eAbsenceShortWordsUnchecked(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't say why Japan is at war with China.",
		"The article doesn't say who won the war.",
		"The article doesn't say why Japan cut ties with China.",
		"The article doesn't say what the spy did.",
		"There's no timeline for the war.",
	)
}

// The 17d fix refuses a "that"-proposition only when "that" opens what is
// not told: without "that", or after an adverb or a comma, the same
// proposition — false, a passage says Japan was invited — is shown.
func TestQA17eAbsencePropositionWithoutThat(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't say Japan was invited.",
		"The article doesn't say directly that Japan was invited.",
		"The article doesn't say exactly that Japan was invited.",
		"The article doesn't say officially that Japan was invited.",
		"The article doesn't say precisely that France is a critic of NATO.",
		"The article doesn't say, that Japan was invited.",
	)
}

// "neither … nor" is a negation absenceProposition does not know: the
// passages' words turned round (both were invited).
func TestQA17eAbsenceNeitherNor(t *testing.T) {
	qa17dNotShown(t, "The article doesn't say why neither Japan nor Korea was invited.")
}

// Said not to be there at all, an info word is never looked for: a
// passage says "NATO leaders gather" and "the response from the region".
func TestQA17eAbsenceInfoWordSaidMissing(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention any leaders.",
		"Leaders aren't mentioned.",
		"There's no mention of leaders.",
		"The article doesn't mention any response.",
	)
}

// TestQA17eAbsenceLemmaOfOtherWord ("bases" met by a "political base",
// "founded" by "found", "strike" by "general strikes") and
// TestQA17eAbsenceWrongCountryByStem ("Nigerian" met by "Niger") were
// left out: words and names are met as the checker meets them everywhere,
// by form, not by sense (README, statements of absence).
