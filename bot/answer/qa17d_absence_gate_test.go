package answer

import "testing"

// End to end: a name the passages have, in single quotes, is shown as
// not mentioned after an honest sentence.
func TestQA17dGateQuotedNameSaidMissing(t *testing.T) {
	raw := "Macron fears provoking China [1]. The article doesn't mention 'Macron'."
	streamGate(t, raw, len(raw), "Macron fears provoking China [1].")
}

// End to end: "whether" with a presupposing noun phrase tells the member
// Macron resigned.
func TestQA17dGateWhetherPresupposes(t *testing.T) {
	raw := "Macron fears provoking China [1]. The article doesn't say whether Macron's resignation was accepted."
	streamGate(t, raw, len(raw), "Macron fears provoking China [1].")
}

// End to end: the passage names "French President Emmanuel Macron".
func TestQA17dGatePresidentIsNamed(t *testing.T) {
	raw := "Macron fears provoking China [1]. The article doesn't name the president."
	streamGate(t, raw, len(raw), "Macron fears provoking China [1].")
}

// TestQA17dGateLabelNamingWho went with the label rule it tested: see
// the note over TestQA17dDemonymOpenerNotCountry's neighbour in bot/cite
// (qa17d_names_test.go).

// End to end: "Americans" opens a sentence unchecked.
func TestQA17dGateAmericansOpener(t *testing.T) {
	raw := "Macron fears provoking China [1]. Americans fear provoking China [1]."
	streamGate(t, raw, len(raw), "Macron fears provoking China [1].")
}
