package cite

import "testing"

// Only a cited sentence's first clause is held to absence's rules
// (firstClause): a statement of absence after a claim ("…, but the
// article doesn't mention Beijing [1]", "…; Tokyo isn't mentioned") is
// checked as a claim, and its name, being in the cited passage, passes.
// The member reads that the article doesn't mention Beijing, Tokyo or
// Macron, all three named in paragraph 11, the very passage cited.
func TestQA18aAbsenceAfterCitedClaim(t *testing.T) {
	qa17dNotShown(t,
		"Macron fears that a NATO office in Tokyo could provoke China [1], but the article doesn't mention Beijing.",
		"Macron fears provoking China [1]; the article doesn't mention Beijing.",
		"Macron fears provoking China and the article doesn't mention Beijing [1].",
		"Macron fears provoking China [1], though the article doesn't mention Tokyo.",
		"France is a vocal critic of NATO's Asian pivot [1], but Tokyo isn't mentioned.",
		"France is a vocal critic [1], while Macron isn't named.",
	)
}

// The mirror: the honest form, a name no passage has said missing after
// a cited claim, is dropped whole, as an unsupported name of the claim
// ("Germany" is not in paragraph 11) — the common "X [1], but the article
// doesn't mention Y" loses its true first half with it.
func TestQA18aAbsenceAfterCitedClaimHonestDropped(t *testing.T) {
	qa17fShown(t, checker,
		"Macron fears provoking China [1], but the article doesn't mention Germany.",
		"Macron fears provoking China [1]; the article doesn't mention Germany.",
	)
}
