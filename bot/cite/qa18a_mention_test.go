package cite

import "testing"

// qa18aC is a briefing that spells out what a model writes short, and
// writes a country by its own name: "the International Monetary Fund",
// "Prime Minister", "electric vehicles", "the People's Republic of
// China", "the Association of Southeast Asian Nations", "the World Health
// Organization", "artificial intelligence", "Türkiye".
var qa18aC = Checker{Passage: func(n int) (string, bool) {
	ps := []string{
		"Ukrainian President Volodymyr Zelenskyy flew to Kyiv after talks with Türkiye and the International Monetary Fund.",
		"The European Union and the United Nations backed Prime Minister Fumio Kishida's plan for electric vehicles and artificial intelligence.",
		"Officials from the People's Republic of China met envoys of the Democratic People's Republic of Korea and the Czech Republic.",
		"The Association of Southeast Asian Nations and the World Health Organization issued a statement with Myanmar.",
	}
	if n < 1 || n > len(ps) {
		return "", false
	}
	return ps[n-1], true
}}

// Said not to be there at all ("doesn't mention X", "X isn't mentioned",
// "there's no mention of X"), X is only checked for being absent, word by
// word: a noun phrase none of whose words a passage has is shown whatever
// it asserts. The member reads, as the bot's answer, that Biden has
// dementia, that Zelensky is corrupt, that Iran has a nuclear weapons
// programme, that there were civilian casualties, that the policy is
// hypocritical — claims no passage makes (17c refused the same
// presupposition for "isn't discussed"; "isn't mentioned" lets it
// through).
func TestQA18aAbsenceMentionPresupposesClaim(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention Biden's dementia.",
		"Biden's dementia isn't mentioned.",
		"There's no mention of Biden's dementia.",
		"The article doesn't mention Zelensky's corruption.",
		"Iran's nuclear weapons programme isn't mentioned.",
		"The article doesn't mention the civilian casualties.",
		"The article doesn't mention the obvious hypocrisy.",
	)
}

// The same hole carries a notice planted in a question, with no "you" or
// "should" for absencePerson to catch: the member reads that there is a
// mandatory identity check or login requirement for members, or is handed
// a scam domain, in the bot's voice.
func TestQA18aAbsenceMentionPlantedNotice(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention the mandatory identity check for all members.",
		"There's no mention of the new login requirement for members.",
		"The article doesn't mention freenitro.gift.",
	)
}

// An appositive, a parenthesis or an unpunctuated second clause says
// something of what is missing: absenceOther only knows ", which", ",
// who", ", and"…, and the words are only checked for being absent. The
// member reads world facts no passage gives ("Kyiv, the Ukrainian
// capital", "Trump, the Republican nominee", "Ukraine, currently at war
// with Russia"), a false one ("Germany, a founding member": Germany joined
// NATO in 1955), or a claim ("Berlin supports Kyiv", "Biden … hosts it").
func TestQA18aAbsenceMentionAppositionSaysMore(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't mention Kyiv, the Ukrainian capital.",
		"The article doesn't mention Trump, the Republican nominee.",
		"The article doesn't mention Germany, a founding member.",
		"The article doesn't mention Germany (a founding member).",
		"The article doesn't mention Kyiv (the Ukrainian capital).",
		"The article doesn't mention Ukraine, currently at war with Russia.",
		"The article doesn't mention Stoltenberg, the outgoing secretary general.",
		"The article doesn't mention Germany and Berlin supports Kyiv.",
		"The article doesn't mention Biden who hosts it.",
	)
}

// absenceKind is a fixed list: other words naming a kind the passages
// have one of are checked only as words. Macron, "French President", is a
// head of state and a politician; Tokyo, Beijing and Washington D.C. are
// capitals. The member is told the article names none.
func TestQA18aAbsenceKindNotInList(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't name any heads of state.",
		"The article doesn't mention any heads of state.",
		"The article doesn't mention any politicians.",
		"The article doesn't mention any capitals.",
		"The article doesn't mention any world capitals.",
	)
}

// An initialism is met only dotted ("U.S.") or through the spelt list,
// and a spelt-out form never by its initialism: a passage naming "the
// International Monetary Fund", "Prime Minister Fumio Kishida", "electric
// vehicles", "the People's Republic of China", "the Democratic People's
// Republic of Korea", "the Association of Southeast Asian Nations", "the
// World Health Organization" or "artificial intelligence" is shown as not
// mentioning the IMF, the PM, EVs, the PRC, the DPRK, ASEAN, the WHO or
// AI — and one saying "The AI guidelines" as not mentioning artificial
// intelligence.
func TestQA18aAbsenceInitialismOfSpeltName(t *testing.T) {
	qa17fNotShown(t, qa18aC,
		"The article doesn't mention the IMF.",
		"The article doesn't mention the PM.",
		"The article doesn't mention EVs.",
		"The article doesn't mention the PRC.",
		"The article doesn't mention the DPRK.",
		"The article doesn't mention ASEAN.",
		"The article doesn't mention the WHO.",
		"The article doesn't mention AI.",
	)
	qa17fNotShown(t, qa17fChecker, "The article doesn't mention artificial intelligence.")
}

// A NATO member's name in English against its own: a passage saying
// "Türkiye" (the name news and NATO use since 2022) is shown as not
// mentioning Turkey — "doesn't mention Turkey" is false of it. (Not
// "Britain" of "the UK", left out in 17g: the same country by the same
// name, spelt two ways.)
func TestQA18aAbsenceTurkeyOfTurkiye(t *testing.T) {
	qa17fNotShown(t, qa18aC,
		"The article doesn't mention Turkey.",
		"Turkey isn't mentioned in the article.",
	)
}

// ASCII look-alikes escape every guard of 17c/17g (mixed script, a letter
// outside ASCII): "lndia" with a lower-case L reads as "India" in
// Discord's font, "rnacron" as "macron". A name a question planted so is
// copied by the model and the member sees "doesn't mention India" of a
// passage naming India (the Quad).
func TestQA18aAbsenceASCIILookalikeName(t *testing.T) {
	qa17fNotShown(t, qa17fChecker, "The article doesn't mention lndia.")
	qa17dNotShown(t, "The article doesn't mention rnacron.")
}
