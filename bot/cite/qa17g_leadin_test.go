package cite

import (
	"strings"
	"testing"
)

// A list item under a cited lead-in takes the lead-in's markers, and is
// then checked as a cited claim (names and figures only), not by the
// rules of absence: "China isn't mentioned." under "Macron's concerns
// [1]:" is shown, though passage 1 names China. The same with an
// uncited negative lead-in over cited items: "The article doesn't
// mention the following countries:" is shown over "Japan [2]" and
// "Australia [2]", which passage 2 names.
func TestQA17gAbsenceUnderLeadIn(t *testing.T) {
	for _, text := range []string{
		"Macron's concerns [1]:\n- China isn't mentioned.\n- Tokyo isn't mentioned.",
		"Macron's concerns [1]:\n- The article doesn't mention China.",
		"The article doesn't mention the following countries:\n- Japan [2]\n- Australia [2]",
		"Countries the article doesn't mention:\n- Japan [2]\n- Australia [2]",
		"Not mentioned in the article [2]:\n- Japan\n- Australia",
	} {
		for _, r := range checker.CheckText(text) {
			b := strings.ToLower(r.Body)
			if r.Shown() && (strings.Contains(b, "mention") || strings.Contains(b, "mentioned")) {
				t.Errorf("shown from %q: %q (cited %v)", text, r.Body, r.Cited)
			}
		}
	}
}
