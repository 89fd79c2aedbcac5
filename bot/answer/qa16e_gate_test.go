package answer

import (
	"strings"
	"testing"
)

func qa16eGate(t *testing.T, raw string) string {
	t.Helper()
	var shown []string
	g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
	g.write(raw)
	v := g.close()
	if got := strings.Join(shown, ""); got != v.text {
		t.Fatalf("shown %q, final %q", got, v.text)
	}
	return v.text
}

// The gate shows a figure that is in no passage when it follows a
// reference to a cited paragraph and a comma and equals the label of
// another cited passage: passages 1 and 2 are paragraphs 11 and 20, and
// no passage says "20 Asian countries".
func TestQA16eGateShowsFigureAfterParagraphReference(t *testing.T) {
	for _, raw := range []string{
		"Per paragraph 11, 20 Asian countries fear a NATO office in Tokyo could provoke China [1][2].",
		"Per passage 1, 3 NATO offices in Tokyo could provoke China [1][3].",
	} {
		if got := qa16eGate(t, raw); got != "" {
			t.Errorf("%q shown as %q: its figure is in no passage", raw, got)
		}
	}
}

// A sentence naming its passage by the number the prompt gives it
// ("passage 3") is shown, but the gate renumbers its marker in order of
// first use and leaves the reference: the member reads "Passage 3 says …
// [1]" beside a Sources line with no passage 3. The reference must
// follow the marker (or the sentence be held to the paragraph label the
// Sources line shows).
func TestQA16eGatePassageReferenceRenumbered(t *testing.T) {
	raw := "Passage 3 says NATO leaders gather in Washington D.C. for their 75th anniversary summit [3]."
	got := qa16eGate(t, raw)
	if strings.Contains(got, "Passage 3") && strings.Contains(got, "[1]") && !strings.Contains(got, "[3]") {
		t.Errorf("shown %q: 'Passage 3' names no passage the answer shows", got)
	}
}
