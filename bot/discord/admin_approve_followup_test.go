package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestApproveAFollowUpAsShown: an answer to a follow-up in a thread was
// recorded without its passages, so its Approve form, prefilled with its
// text, was checked against a fresh answer to the question alone, and
// approving it unchanged was refused as "not supported by its
// citations". Its record names its passages, as a first answer's does,
// and the moderator approves what they read.
func TestApproveAFollowUpAsShown(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	q := e.mention(franceQ)
	e.waitAnswerIn(q.ID, 0)
	other := &discordgo.User{ID: "200000000000000002", Username: "other"}
	e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild, ChannelID: q.ID, Author: other, Content: "Which countries make up the Quad?"})
	follow := e.waitAnswerIn(q.ID, 1)
	id := ""
	for _, b := range buttonIDs(follow) {
		if strings.HasPrefix(b, prefixApprove) {
			id = strings.TrimPrefix(b, prefixApprove)
		}
	}
	rec, err := e.deps.Questions.AnswerRecord(ctx, e.guild, id)
	if err != nil || len(rec.ChunkIDs) == 0 {
		t.Errorf("the follow-up's record = %+v, %v; want its passages", rec, err)
	}
	_, _, text := e.approvalForm(e.pressApprove(follow, manage))
	if text == "" || text != rec.Text {
		t.Fatalf("form prefilled with %q, want the record's %q", text, rec.Text)
	}
	got := e.submitApproval(id, text, manage)
	if !strings.HasPrefix(got.Content, "Approved #1") {
		t.Fatalf("approving the follow-up unchanged = %q", got.Content)
	}
	en := e.approvedEntry()
	if en.Answer.Text != strings.TrimSpace(text) || len(en.Answer.Citations) != len(rec.ChunkIDs) || en.Answer.Citations[0].ChunkID != rec.ChunkIDs[0] {
		t.Errorf("approved %+v; the record cites %v", en, rec.ChunkIDs)
	}
	e.checkNoMentions()
}
