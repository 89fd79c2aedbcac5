package discord

import (
	"strings"
	"testing"
)

// QA 18h: renderPartial cuts a streamed answer longer than a message at
// bestCut, the last blank line, else line end, else ". ", in the upper
// half of the room. It is the only code between the checked text the
// gate streams and a member's screen, and it undoes what the gate
// guarantees.

// b17e5d4 makes a list's lead-in reach the streamer together with its
// first item, so that no edit shows the lead-in alone. But once the
// answer outgrows a message, the cut prefers the blank line the layout
// keeps under a lead-in ("**Macron's worries:**\n\n1. …", as models write
// it and the gate shows it): the edit shows "**Macron's worries:**" as the
// last line over "✍️ writing…", its item cut away — and keeps showing
// it, unchanged, until the answer is done. The cut should not separate a
// lead-in from the item it was checked with.
func TestQA18hPartialCutLeavesLeadInAlone(t *testing.T) {
	filler := "Macron fears that an office in Tokyo could unnecessarily provoke China [1]. "
	for n := 20; n <= 24; n++ {
		text := strings.TrimSpace(strings.Repeat(filler, n)) + "\n\n**Macron's worries:**\n\n" +
			"1. an office in Tokyo could provoke China and complicate European efforts to maintain a balanced relationship with Beijing [1]\n" +
			"2. it could complicate European efforts [1]"
		got := renderPartial(english, "", text)
		body := strings.TrimSpace(strings.TrimSuffix(got, writingLine))
		last := body[strings.LastIndexByte(body, '\n')+1:]
		if strings.HasSuffix(strings.TrimRight(last, "*_ "), ":") {
			t.Errorf("%d fillers (%d characters): the streamed edit ends with a lead-in, its items cut off:\n…%s", n, len([]rune(text)), got[max(0, len(got)-160):])
		}
	}
}

// With no line break in the upper half, the cut falls after the last
// ". ": but "Washington D.C. for their 75th anniversary summit [3]." has
// one inside it. The edit then shows "NATO leaders gather in Washington
// D.C." — half of a checked sentence, without its marker, never passed
// as such — over "✍️ writing…", and keeps it until the answer is done.
// (TestRenderPartialLongAnswer's sentences have no abbreviation.)
func TestQA18hPartialCutInsideAnAbbreviation(t *testing.T) {
	filler := "Macron fears that an office in Tokyo could unnecessarily provoke China [1]. "
	text := strings.Repeat(filler, 24) + "NATO leaders gather in Washington D.C. for their 75th anniversary summit [3]."
	got := renderPartial(english, "", text)
	body := strings.TrimSpace(strings.TrimSuffix(got, writingLine))
	if !strings.HasSuffix(body, "].") {
		t.Errorf("the streamed edit (%d characters of %d) ends inside a sentence:\n…%s", len([]rune(got)), len([]rune(text)), got[max(0, len(got)-160):])
	}
}
