package discord

import (
	"fmt"
	"testing"
	"unicode/utf8"
)

// QA 18j on checkedCut's list rule (8cd68b8): a cut followed by a list's
// item is taken only when no cut outside a list fits ANYWHERE before it —
// the search runs back to the answer's first character.

// The stream freezes on the first sentence: an answer opening with one
// sentence, then a list longer than a message (30 checked items, ~2,400
// characters). Every cut in the list is followed by another item, so
// checkedCut goes back to "NATO invited partners [1]." — 26 characters —
// and every streamed edit, for as long as the model writes the list,
// shows that one sentence over "✍️ writing…", though some 1,800
// characters of checked items are there. The final answer then shows the
// list cut between items anyway (message 1 holds 1,800+ characters of
// it): keeping the list whole was never possible, and the stream showed
// nothing for it. The lead-in rule of 18i was for a counted list that
// FITS; a list longer than a message is split by the final answer too.
func TestQA18jPartialFreezesBeforeLongList(t *testing.T) {
	items := ""
	for i := 0; i < 30; i++ {
		items += fmt.Sprintf("- Japan, South Korea, Australia and New Zealand, invited for the %dth time [%d]\n", i+3, i%5+1)
	}
	text := "NATO invited partners [1].\n\nThe briefing lists these invitations:\n" + items
	streamed := qa18jStreamed(text)
	parts := qa18jFinal(text)
	if len(parts) < 2 || utf8.RuneCountInString(parts[0]) < 1500 {
		t.Fatalf("control: %d parts", len(parts))
	}
	if n := utf8.RuneCountInString(streamed); n < 1000 {
		t.Errorf("the streamed edit shows %d characters (%q) of a %d-character answer whose final first message shows %d",
			n, streamed, utf8.RuneCountInString(text), utf8.RuneCountInString(parts[0]))
	}
}
