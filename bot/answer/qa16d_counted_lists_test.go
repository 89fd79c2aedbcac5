package answer

import (
	"strings"
	"testing"
)

// qa16dGate runs raw through the gate over gatePassages ([1] ¶11 Macron,
// [2] ¶20 the Quad and AUKUS, [3] ¶1) in pieces of size, and returns the
// final text, failing if the stream differs from it.
func qa16dGate(t *testing.T, raw string, size int) string {
	t.Helper()
	var shown []string
	g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
	for i := 0; i < len(raw); i += size {
		g.write(raw[i:min(i+size, len(raw))])
	}
	v := g.close()
	if s := strings.Join(shown, ""); s != v.text {
		t.Errorf("%q in pieces of %d: streamed %q, final %q", raw, size, s, v.text)
	}
	return v.text
}

// QA 16d: a counted lead-in's count is matched against the items that
// came, not the items shown. Items dropped by the checks (a name the
// passage lacks) still make up the count, so a lead-in whose number is
// wrong — and unchecked: its passage gives no count — is shown over
// fewer items than it counts: "The Quad has three members [1]:" over the
// U.S. and Japan (¶20 lists four), "Two NATO members are named [1]:"
// over France alone. Nothing unchecked may be shown: the lead-in should
// be dropped (its items shown alone) unless as many items are shown as
// it counts.
func TestQA16dCountedLeadInCountsDroppedItems(t *testing.T) {
	for _, tc := range []struct{ raw, lead string }{
		{"The Quad has three members [2]:\n- the U.S.\n- Japan\n- Germany", "three members"},
		{"The Quad has five members [2]:\n- the U.S.\n- Japan\n- Australia\n- India\n- China", "five members"},
		{"Two NATO members are named [1]:\n- France\n- Germany", "Two NATO members"},
	} {
		for _, size := range []int{len(tc.raw), 1, 5} {
			got := qa16dGate(t, tc.raw, size)
			if strings.Contains(got, tc.lead) {
				shown := strings.Count(got, "\n- ")
				t.Errorf("%q (pieces of %d):\nshown %q\nthe lead-in's count is shown over %d items shown", tc.raw, size, got, shown)
			}
		}
	}
}

// QA 16d: flush counts every line of the held list as an item, nested
// ones too, so a nested point (a bullet under a numbered item, an
// alias under a name — common model layouts) makes a wrong count look
// met: "The Quad has five members [1]:" over its four members, "AUKUS has
// four members [1]:" over its three. And a right count over a nested
// list is dropped ("Two frameworks are named [1]:" over the Quad and
// AUKUS, each with a sub-point).
func TestQA16dCountedLeadInCountsNestedItems(t *testing.T) {
	for _, tc := range []struct{ raw, lead string }{
		{"The Quad has five members [2]:\n1. the U.S.\n   - a NATO member\n2. Japan\n3. Australia\n4. India", "five members"},
		{"AUKUS has four members [2]:\n- Australia\n- the UK\n  - also known as Britain\n- the U.S.", "four members"},
	} {
		if got := qa16dGate(t, tc.raw, len(tc.raw)); strings.Contains(got, tc.lead) {
			t.Errorf("%q:\nshown %q\nthe count is met only by counting a nested item", tc.raw, got)
		}
	}
	const right = "Two frameworks are named [2]:\n- the Quad\n  - the U.S., Japan, Australia and India\n- AUKUS\n  - Australia, the UK and the U.S."
	if got := qa16dGate(t, right, len(right)); !strings.Contains(got, "Two frameworks") {
		t.Errorf("%q:\nshown %q\nthe lead-in, whose two top-level items came and pass, is dropped", right, got)
	}
}
