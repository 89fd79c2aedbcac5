package answer

import (
	"strings"
	"testing"
)

// End to end: an item under a cited lead-in takes its marker and is read
// as a cited claim, not as a statement of absence, so "China isn't
// mentioned." is shown under "Macron's concerns [1]:" though passage 1
// names China; an uncited negative lead-in is shown over cited items the
// passages name.
func TestQA17gGateAbsenceUnderLeadIn(t *testing.T) {
	for _, raw := range []string{
		"Macron's concerns [1]:\n- China isn't mentioned.\n- Tokyo isn't mentioned.",
		"The article doesn't mention the following countries:\n- Japan [2]\n- Australia [2]",
	} {
		var shown []string
		g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
		g.write(raw)
		v := g.close()
		if strings.Contains(strings.ToLower(v.text), "mention") {
			t.Errorf("from %q shown %q", raw, v.text)
		}
	}
}
