package answer

import (
	"strings"
	"testing"
)

// QA 16b: the gate asks whether the lead-in's item would be shown (shows)
// before the lead-in is shown; showing the lead-in then marks its words
// said, and the item, saying the same words, is dropped as a repeat. The
// lead-in is shown with nothing under it, in every piece size.
func TestQA16bGateLeadInSaysWhatItsItemSays(t *testing.T) {
	for _, raw := range []string{
		"Macron fears provoking China [1]:\n- Macron fears provoking China [1].",
		"Macron fears provoking China:\n- Macron fears provoking China [1].",
	} {
		for _, size := range []int{1, 3, len(raw)} {
			var shown []string
			g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
			for i := 0; i < len(raw); i += size {
				g.write(raw[i:min(i+size, len(raw))])
			}
			v := g.close()
			if strings.HasSuffix(strings.TrimSpace(v.text), ":") {
				t.Errorf("pieces of %d of %q: shown %q, a lead-in with no item under it", size, raw, v.text)
			}
		}
	}
}

// QA 16b: a bullet no longer ends a numbered list, nor does a blank line
// (as layout's comment says it does): a second list the model numbers
// from 1, after a bulleted one or a blank line, is shown going on from
// the first ("3."), one list where the model wrote two.
func TestQA16bGateNumbersRestartForANewList(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{
			"1. Macron fears provoking China [1].\n2. It could complicate European efforts [1].\n\n- Japan was invited [2].\n\n1. NATO leaders gather in Washington [3].",
			"1. Macron fears provoking China [1].\n2. It could complicate European efforts [1].\n\n- Japan was invited [2].\n\n1. NATO leaders gather in Washington [3].",
		},
		{
			"1. Macron fears provoking China [1].\n2. It could complicate European efforts [1].\n\n1. NATO leaders gather in Washington [3].\n2. The alliance is at a crossroads [3].",
			"1. Macron fears provoking China [1].\n2. It could complicate European efforts [1].\n\n1. NATO leaders gather in Washington [2].\n2. The alliance is at a crossroads [2].",
		},
	} {
		for _, size := range []int{1, 5, len(tc.raw)} {
			streamGate(t, tc.raw, size, tc.want)
		}
	}
}

// QA 16b: wrong counts, a name and a date shown by the gate, each in no
// cited passage ([2] lists the Quad's four with Japan; [1] has no July,
// no Congress).
func TestQA16bGateShowsUncheckedCountsAndNames(t *testing.T) {
	for _, raw := range []string{
		"Japan and four other countries form the Quad [2].",
		"Australia is one of four AUKUS members [2].",
		"July saw Macron object to a NATO office in Tokyo [1].",
		"Macron's critics [1]:\n- Congress opposed a NATO office in Tokyo.",
	} {
		for _, size := range []int{1, len(raw)} {
			streamGate(t, raw, size, "")
		}
	}
}
