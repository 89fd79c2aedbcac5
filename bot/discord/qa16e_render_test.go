package discord

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
)

// An approved answer is an educator's own text, saved as written
// (approved.Check keeps its Markdown): its last line may be a "* " item
// or a nested "  - " item, both list items in Discord's Markdown. The
// approved mark under it must be set off by a blank line as it is under
// "- " and "2. " items, or Discord reads it as the item going on.
func TestQA16eApprovedMarkUnderOtherListItems(t *testing.T) {
	for _, text := range []string{
		"Concerns:\n* Macron fears a NATO office in Tokyo could provoke China [1].",
		"Concerns:\n- France:\n  - Macron fears a NATO office in Tokyo could provoke China [1].",
	} {
		a := answer.Answer{Text: text, Mode: answer.ModeApproved}
		if got := renderAnswer(english, "", a); !strings.Contains(got, text+"\n\n-# ") {
			t.Errorf("approved %q rendered:\n%s", text, got)
		}
	}
}
