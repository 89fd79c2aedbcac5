package cite

import "testing"

// Regression of 18c: laterRefersBack takes a later clause with no
// subject or a pronoun for the claim's own subject, said unnamed while
// the cited passage names it ("Japan was invited [2], but isn't named").
// The briefing's sources for [5] and [19] are unnamed — "A senior
// diplomat …, speaking on condition of anonymity", "some experts argue"
// — and a model says so in the same sentence. Each is dropped as a false
// statement of absence; all were shown before 18c. (18c noted the same
// pronoun in a sentence of its own as a limit, shown because it is so
// often of the anonymous diplomat; in a later clause the diplomat is
// refused.)
func TestQA18eHonestLaterClauseUnnamedSource(t *testing.T) {
	c := qa6Checker(t, false)
	qa17fShown(t, c,
		"A senior diplomat from an Indo-Pacific nation called a NATO office in Tokyo tokenism [5], but is not named.",
		"A senior diplomat from an Indo-Pacific nation called a NATO office in Tokyo tokenism [5]; they are not named in the article.",
		"A senior diplomat from an Indo-Pacific nation expressed scepticism about the need for a NATO presence in the region [5], but isn't named.",
		"Some experts argue Western countries should strengthen existing regional security arrangements [19], though the article doesn't name them.",
		"Some experts argue that Western countries should focus on strengthening existing regional security arrangements [19], but they aren't named.",
	)
}

// A country's initialism is met only when the briefing spells it out
// (18a, spelledIn), not as the country the briefing names: "America" of
// "the U.S." and "Britain" of "the UK" count as there (countryIn), "the
// DPRK", "the PRC" and "the ROK" do not. A member asking about the DPRK
// is told, with no marker, that the article does not mention it — of a
// briefing naming North Korea's nuclear ambitions [2], China in most
// paragraphs, and South Korea in four.
func TestQA18eAbsenceCountryInitialismOfNamedCountry(t *testing.T) {
	qa17fNotShown(t, qa6Checker(t, false),
		"The article doesn't mention the DPRK.",
		"There's no mention of the DPRK in the article.",
		"The article doesn't mention the PRC.",
		"The article doesn't mention the ROK.",
	)
}
