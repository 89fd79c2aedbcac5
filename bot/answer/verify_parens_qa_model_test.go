package answer

import "testing"

// A model that puts its markers in parentheses, as many write citations
// ("…China ([1])."), left the member an empty pair where the marker had
// been: "Macron fears provoking China () [1]." Taking the pair out must
// not join up a link the checker did not see ("https:()//…").
func TestGateMarkersInParenthesesLeaveNoEmptyPair(t *testing.T) {
	for raw, want := range map[string]string{
		"Macron fears provoking China ([1]).":                       "Macron fears provoking China [1].",
		"Macron fears provoking China ([1], [2]).":                  "Macron fears provoking China [1] [2].",
		"Macron fears provoking China, https:()//evil.example [1].": "",
		"Macron fears provoking China (and Beijing) [1].":           "Macron fears provoking China (and Beijing) [1].",
	} {
		var shown string
		g := newGate(gatePassages(t), true, func(s string) { shown += s })
		g.write(raw)
		v := g.close()
		if v.text != want || shown != want {
			t.Errorf("%q:\nfinal %q\nshown %q\nwant  %q", raw, v.text, shown, want)
		}
	}
}
