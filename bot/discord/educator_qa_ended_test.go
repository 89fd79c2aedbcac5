package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// An educator who ends a session with a review still on screen and then
// presses its Approve (or Skip) is told the session has ended: they were
// told "Approved question #n", and nothing would ever post it. Edit
// opened its form, and the text typed in it was refused and lost.
func TestEducatorQAReviewButtonsAfterEndSayEnded(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Asia week"), boolOpt("approve", true))))
	thread := threadRE.FindStringSubmatch(r.Content)[1]
	seq := seqOf(t, e.inThread(thread, eduMember, franceQ))
	review := e.reply(e.slash(eduRole, thread, "session", sub("next")))
	ids := buttonIDs(review)
	if len(ids) != 3 {
		t.Fatalf("review: %q", review.Content)
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("end"))); !strings.Contains(r.Content, "Session ended") {
		t.Fatalf("end = %q", r.Content)
	}
	for _, id := range []string{ids[0], ids[2]} {
		if r := e.reply(e.press(review, id, eduRole)); !ephemeral(r) || r.Content != tr(english, msgSessionEnded) {
			t.Errorf("%s after the end = %q, want %q", id, r.Content, tr(english, msgSessionEnded))
		}
	}
	// Edit would open a form whose text the session then refuses, and
	// loses: it says so before the educator types.
	edit := e.press(review, ids[1], eduRole)
	if cb := e.waitCallback(edit); cb.Type == discordgo.InteractionResponseModal {
		t.Errorf("Edit after the end opened the form")
	} else if r := e.reply(edit); r.Content != tr(english, msgSessionEnded) {
		t.Errorf("Edit after the end = %q", r.Content)
	}
	if q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq); err != nil || q.Status != "drafted" {
		t.Errorf("question after the end: %+v %v", q.Status, err)
	}
}
