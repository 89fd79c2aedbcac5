package cite

import "testing"

// mixedScript knows Latin, Cyrillic and Greek only, and fold does not
// map Latin look-alikes: an Armenian "օ", a Latin alpha "ɑ", a dotless
// "ı" or an enclosing mark make a name the passages have read as missing
// — a member sees "doesn't mention Macron".
func TestQA17gAbsenceLookalikeName(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention Macrօn.",       // Armenian o
		"The article doesn't mention Mɑcron.",       // Latin alpha
		"The article doesn't mention Chına.",        // dotless i
		"The article doesn't mention M\u20DDacron.", // enclosing circle (Me)
	)
}

// Said not to be there at all, a word naming a kind the passages have is
// checked only as a word: France, Japan, Tokyo, Beijing, Macron, "10th
// July 2024", "75th", "four" are all in the passages.
func TestQA17gAbsenceKindSaidMissing(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention any countries.",
		"The article doesn't name any nations.",
		"The article doesn't mention any cities.",
		"The article doesn't mention any people.",
		"The article doesn't mention anyone by name.",
		"The article doesn't mention any numbers.",
		"The article doesn't mention any figures.",
		"The article doesn't mention a date.",
		"There's no date in the article.",
		"The article doesn't mention the location.",
	)
}

// Another form of a name the passages have: "DC" of "Washington D.C.",
// "America", "the Americans", "the USA" of "the U.S.", "Britain" of "the
// UK", "Indopacific" of "Indo-Pacific".
// ("doesn't mention Britain" of a passage saying "the UK" was left out:
// the lexicon ties the two to different countries — a limit, noted.)
func TestQA17gAbsenceOtherFormOfName(t *testing.T) {
	qa17dNotShown(t, "The article doesn't mention DC.")
	qa17fNotShown(t, qa17fChecker,
		"The article doesn't mention America.",
		"The article doesn't mention the Americans.",
		"The article doesn't mention the USA.",
		"The article doesn't mention the Indopacific.",
	)
}
