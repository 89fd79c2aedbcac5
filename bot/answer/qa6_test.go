package answer

import (
	"strings"
	"testing"
)

// The gate's passages (gatePassages): [1] ¶11 (France, Tokyo office),
// [2] ¶20 (Quad, AUKUS), [3] ¶1 (summit). A marker after an
// abbreviation's stop mid-sentence cuts the sentence there: "…not led by
// the U.S. [2] alone" is shown "…not led by the U.S. [1]." (the rest,
// uncited, dropped), which says the opposite; and after "U.S. [2]." the
// next sentence is judged with it on both passages: "The U.S. opposes
// the Tokyo office" is shown, cited to ¶20 and ¶11, neither of which
// says it.
func TestQA6GateAbbreviationMarker(t *testing.T) {
	for _, c := range []struct{ raw, mustNot string }{
		{"The Quad is not led by the U.S. [2] alone, the briefing says.", "The Quad is not led by the U.S. [1]."},
		{"AUKUS links Australia, the UK and the U.S. [2]. **The U.S.** opposes the Tokyo office [1].", "opposes the Tokyo office"},
		// And emphasis closing after "[n]." (P1 in bot/cite/qa6_test.go).
		{"**NATO invited India to its summit [3].** The Quad includes India [2].", "invited India"},
		{"AUKUS links Australia, the UK and the U.S. [2]. the U.S. opposes the Tokyo office [1].", "opposes the Tokyo office"},
	} {
		for size := 1; size <= 7; size++ {
			var shown []string
			g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
			for i := 0; i < len(c.raw); i += size {
				g.write(c.raw[i:min(i+size, len(c.raw))])
			}
			v := g.close()
			if strings.Contains(v.text, c.mustNot) {
				t.Errorf("pieces of %d: %q shown as %q", size, c.raw, v.text)
				break
			}
		}
	}
}
