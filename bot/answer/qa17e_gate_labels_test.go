package answer

import "testing"

// An honest list with bold plural labels (the commonest shape of a
// model's list) loses every item since d55e518: "**Risks:**" is not in
// the passages, and a label's word is no longer excused as inflected.
func TestQA17eGateBoldPluralLabels(t *testing.T) {
	for _, raw := range []string{
		"**Risks:** A NATO office in Tokyo could provoke China [1].",
		"1. **Objections:** Macron fears a NATO office in Tokyo could provoke China [1].",
		"- **Alternatives:** NATO could enhance cooperation with the Quad [2].",
		"**Members:** The Quad comprises the U.S., Japan, Australia, and India [2].",
	} {
		g := newGate(gatePassages(t), true, func(string) {})
		g.write(raw)
		if v := g.close(); v.text == "" {
			t.Errorf("nothing shown of %q", raw)
		}
	}
}
