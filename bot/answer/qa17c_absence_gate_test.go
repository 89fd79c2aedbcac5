package answer

import "testing"

// A stop the splitter keeps inside a sentence (before an emoji, in
// "e.g.") hides a claim behind a statement of absence: "Germany left
// NATO" is shown with no marker and nothing checking it.
func TestQA17cAbsenceHidesClaimAfterStop(t *testing.T) {
	for _, raw := range []string{
		"Macron fears provoking China [1]. The article doesn't say! 😄 Germany left NATO.",
		"Macron fears provoking China [1]. It doesn't say, e.g. Germany left NATO.",
	} {
		streamGate(t, raw, len(raw), "Macron fears provoking China [1].")
	}
}

// Once one cited sentence is shown, a statement of absence carrying a
// presupposition is shown with it: the member reads that Macron resigned.
func TestQA17cAbsencePresuppositionShownInAnswer(t *testing.T) {
	raw := "Macron fears provoking China [1]. The article doesn't explain why Macron resigned."
	streamGate(t, raw, 5, "Macron fears provoking China [1].")
}
