package answer

import (
	"strings"
	"testing"
)

// gateRun feeds raw to a gate in pieces of size bytes and returns what
// was streamed and the final answer.
func gateRun(t *testing.T, raw string, size int) (shown string, v verified) {
	t.Helper()
	var parts []string
	g := newGate(gatePassages(t), true, func(s string) { parts = append(parts, s) })
	for i := 0; i < len(raw); i += size {
		g.write(raw[i:min(i+size, len(raw))])
	}
	v = g.close()
	return strings.Join(parts, ""), v
}

// QA 17a: a sentence the model wraps over two lines — hard-wrapped
// prose, or a list item continued on an indented line, both plain
// Markdown — is judged as two sentences, one per line. Its first line has
// no marker and is dropped as uncited; its second line carries the
// marker, passes, and is shown alone: "Macron has never said that / an
// office in Tokyo could provoke China [1]." streams and ends as "an
// office in Tokyo could provoke China [1]." — the opposite of what the
// model wrote — and "- Macron fears that an office in Tokyo / could
// provoke China [1]." as the fragment "could provoke China [1]." with no
// subject and no bullet. A line that continues a sentence should be
// judged with it (or the whole sentence dropped), never shown as a
// sentence of its own.
func TestQA17aGateWrappedSentenceIsNotShownHalf(t *testing.T) {
	for _, tc := range []struct{ raw, start, fragment string }{
		{"Macron has never said that\nan office in Tokyo could provoke China [1].", "Macron has never said that", "an office in Tokyo"},
		{"- Macron fears that an office in Tokyo\n  could provoke China [1].", "Macron fears that", "could provoke China"},
		{"- Macron fears provoking China [1].\n- Macron also worries about\n  European efforts with Beijing [1].", "Macron also worries about", "European efforts with Beijing"},
	} {
		for _, size := range []int{1, 4, len(tc.raw)} {
			shown, v := gateRun(t, tc.raw, size)
			if strings.Contains(v.text, tc.fragment) && !strings.Contains(v.text, tc.start) {
				t.Errorf("pieces of %d: %q\nfinal %q\nstreamed %q\nshows the end of a sentence without its start %q", size, tc.raw, v.text, shown, tc.start)
			}
		}
	}
}

// QA 17a: the layout chat models most often give a list — each numbered
// item a bold heading on its own line, its explanation on the indented
// line under it — loses its numbers: the heading lines have no marker and
// are dropped, and the explanations, not list items themselves, are shown
// as two plain lines ("An office in Tokyo could provoke China [1].\nIt
// could complicate European efforts [1]."), the list gone. Their item's
// number should stay with them ("1. An office…", "2. It could…").
func TestQA17aGateNumberedHeadingsKeepTheirNumbers(t *testing.T) {
	raw := "1. **Provocation**\n   An office in Tokyo could provoke China [1].\n2. **Relations with Beijing**\n   It could complicate European efforts [1]."
	for _, size := range []int{1, len(raw)} {
		shown, v := gateRun(t, raw, size)
		if !strings.Contains(v.text, "1. ") || !strings.Contains(v.text, "2. ") {
			t.Errorf("pieces of %d: final %q (streamed %q)\nwant the two explanations still numbered 1. and 2.", size, v.text, shown)
		}
	}
}

// QA 17a: bold that the model closes in a sentence the gate drops is left
// open in what is shown: "**Macron fears provoking China [1]. Germany
// backs the office [1].** The Quad comprises…" shows "**Macron fears
// provoking China [1]. The Quad comprises…", a stray "**" Discord prints
// as two asterisks (or, with the Sources line's "*Title*" after it, reads
// as italics running over the whole answer). The same with an
// underscore's italics. What is shown should carry no unpaired emphasis
// marker.
func TestQA17aGateNoStrayEmphasisMarkers(t *testing.T) {
	for _, tc := range []struct{ raw, marker string }{
		{"**Macron fears provoking China [1]. Germany backs the office [1].** The Quad comprises the U.S., Japan, Australia, and India [2].", "**"},
		{"Macron fears provoking China [1]. __It could complicate European efforts [1]. Germany backs the office [1].__", "__"},
		{"The Quad comprises the U.S., Japan, Australia, and India [2]. ~~Germany backs the office [1]. Macron fears provoking China [1].~~", "~~"},
	} {
		for _, size := range []int{1, len(tc.raw)} {
			shown, v := gateRun(t, tc.raw, size)
			if v.text == "" {
				t.Fatalf("control: %q shows nothing (%+v)", tc.raw, v.grounding)
			}
			if n := strings.Count(v.text, tc.marker); n%2 == 1 {
				t.Errorf("pieces of %d: %q\nfinal %q (streamed %q)\nholds %d %q: one is left unpaired", size, tc.raw, v.text, shown, n, tc.marker)
			}
		}
	}
}

// QA 17a: a list whose items open with a bold label — "1. **Provocation:**
// an office in Tokyo could provoke China [1]." — the way most chat models
// write one, is dropped whole: each label's capitalised word
// ("Provocation", "Relations") is taken for a name the cited paragraph
// lacks. Every claim in it is in ¶11; the member is shown nothing of the
// model's answer, and gets the extractive fallback with a notice that the
// model's answer was rejected. A label before a colon names no one.
func TestQA17aGateBoldLabelledItemsShown(t *testing.T) {
	raw := "Macron has two concerns:\n\n" +
		"1. **Provocation:** an office in Tokyo could provoke China [1].\n" +
		"2. **Relations with Beijing:** it could complicate European efforts [1]."
	for _, size := range []int{1, len(raw)} {
		shown, v := gateRun(t, raw, size)
		for _, want := range []string{"could provoke China", "could complicate European efforts"} {
			if !strings.Contains(v.text, want) {
				t.Errorf("pieces of %d: final %q (streamed %q, %+v)\nwant it to hold %q", size, v.text, shown, v.grounding, want)
			}
		}
	}
}
