package cite

import "testing"

// A later clause whose subject is elided or a pronoun ("…[2], but not
// mentioned in the article", "…, but he isn't named") is cut off as a
// statement of absence: its missing part is "", "but", "he" or "it" —
// short words, never looked for — so namesSaidMissing sees no name and
// absence passes it. The subject is the claim's own name, which the cited
// passage has: the member reads that the article does not name Japan,
// France or Macron, in the sentence that cites the paragraph naming them
// (18a refused only the form with the name written out: "…, but Tokyo
// isn't mentioned"). The same pronoun in the next sentence is shown too.
func TestQA18cAbsenceLaterClauseElidedSubject(t *testing.T) {
	qa17dNotShown(t,
		"Japan was invited [2], but not mentioned in the article.",
		"Japan was invited [2] but isn't named in the article.",
		"Japan was invited [2], yet is not named in the article.",
		"France is a vocal critic [1], but isn't named.",
		"France is a vocal critic [1], but it is not named in the article.",
		"Macron fears provoking China [1], but he isn't named in the article.",
	)
	// Left out, a limit: the same pronoun in a sentence of its own ("…
	// Tokyo [1]. He isn't named in the article."). Sentences are checked
	// one by one, and "They aren't named." / "The article doesn't name
	// them." are as often of the anonymous diplomat, whom no passage
	// names (five honest sentences of the blind sets).
}

// Over-refusal: laterAbsence takes the FIRST join after which the rest
// reads as absence, and absencePassive's lazy subject (.{1,80}?) reads
// "South Korea were invited, but Germany isn't mentioned" as one: after
// "Japan and" the clause is a failed absence, never the one after ",
// but". The claim is then checked whole and "Germany" is missing from
// paragraph 2. The same sentence with one name before the marker ("Japan
// was invited [2], but Germany isn't mentioned.") or the active form
// ("…, but the article doesn't mention Germany.") is shown: any claim
// listing two names loses its true half with the honest passive.
func TestQA18cAbsenceHonestLaterPassiveAfterListDropped(t *testing.T) {
	qa17fShown(t, checker,
		"Japan and South Korea were invited [2], but Germany isn't mentioned.",
		"Japan, South Korea, Australia and New Zealand were invited [2], but Germany isn't mentioned.",
		"Japan and South Korea were invited [2], but Germany is not mentioned in the article.",
	)
}
