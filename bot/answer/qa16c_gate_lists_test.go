package answer

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// QA 16c: a count in a list's lead-in is met when the things counted
// follow the colon on its line ("The Quad has four members [2]: the U.S.,
// Japan, Australia, and India." is shown), but not when the model writes
// the same things as a Markdown list under it — the layout the gate now
// keeps. The lead-in fails its count, so its items (no marker of their
// own) take no passages and fail as uncited: the whole list is dropped,
// and the member gets the extractive fallback with a notice that the
// model's answer was rejected. Each item is in the cited passage.
func TestQA16cGateCountedLeadInOverAMarkdownList(t *testing.T) {
	kb := testKnowledge(t)
	passages := []knowledge.Chunk{kb.Chunks[19], kb.Chunks[8], kb.Chunks[20]} // ¶20 the Quad, ¶9 SCO/CICA, ¶21 non-military areas
	for _, tc := range []struct{ inline, list string }{
		{
			"The Quad has four members [1]: the U.S., Japan, Australia, and India.",
			"The Quad has four members [1]:\n- the U.S.\n- Japan\n- Australia\n- India",
		},
		{
			"The briefing names two China-backed initiatives [2]: the Shanghai Cooperation Organisation (SCO) and the Conference on Interaction and Confidence-Building Measures in Asia (CICA).",
			"The briefing names two China-backed initiatives [2]:\n1. the Shanghai Cooperation Organisation (SCO)\n2. the Conference on Interaction and Confidence-Building Measures in Asia (CICA)",
		},
		{
			"The briefing suggests three non-military areas [3]: cybersecurity, climate change mitigation, and disaster response.",
			"The briefing suggests three non-military areas [3]:\n- cybersecurity\n- climate change mitigation\n- disaster response",
		},
	} {
		run := func(raw string) verified {
			g := newGate(passages, true, nil)
			g.write(raw)
			return g.close()
		}
		if v := run(tc.inline); v.text == "" {
			t.Fatalf("control: %q shows nothing (%+v)", tc.inline, v.grounding)
		}
		if v := run(tc.list); !strings.Contains(v.text, "\n") || strings.Count(v.text, "[1]") < 2 {
			t.Errorf("%q\nshown %q (%+v); want the lead-in and its items, as the same words on one line are", tc.list, v.text, v.grounding)
		}
	}
}

// QA 16c: the most common lead-ins models write — "Key points", "Main
// concerns", "Key takeaways" — fail as lead-ins: their capitalised first
// word ("Key", "Main") is taken for a name the passage lacks. Citing,
// over items with no marker of their own (which take the lead-in's
// passages only when it passes), the whole list is dropped, where
// "Macron's concerns [1]:" over the same items is shown; over items
// that cite, the items are shown without their lead-in.
func TestQA16cGateCommonLeadInsFail(t *testing.T) {
	const items = "\n- provoking China\n- complicating European efforts with Beijing"
	if v := streamGate(t, "Macron's concerns [1]:"+items, 1, "Macron's concerns [1]:\n- provoking China [1]\n- complicating European efforts with Beijing [1]"); v.text == "" {
		t.Fatal("control shows nothing")
	}
	for _, lead := range []string{"Key points", "Main concerns", "Key takeaways"} {
		streamGate(t, lead+" [1]:"+items, 1, lead+" [1]:\n- provoking China [1]\n- complicating European efforts with Beijing [1]")
		streamGate(t, lead+":\n- Macron fears provoking China [1].", 1, lead+":\n- Macron fears provoking China [1].")
	}
}
