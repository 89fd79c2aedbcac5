package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestApproveAFollowUpRefused: a follow-up's answer is to its question
// with the thread above it ("why?" after a question on France); approved,
// it was served to everyone asking "why?" on their own. Its Approve button
// says so and points to /admin approve, and nothing is approved; its
// record still names its passages, as a first answer's does.
func TestApproveAFollowUpRefused(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	q := e.mention(franceQ)
	e.waitAnswerIn(q.ID, 0)
	other := &discordgo.User{ID: "200000000000000002", Username: "other"}
	e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild, ChannelID: q.ID, Author: other, Content: "Which countries make up the *Quad*?"})
	follow := e.waitAnswerIn(q.ID, 1)
	id := ""
	for _, b := range buttonIDs(follow) {
		if strings.HasPrefix(b, prefixApprove) {
			id = strings.TrimPrefix(b, prefixApprove)
		}
	}
	rec, err := e.deps.Questions.AnswerRecord(ctx, e.guild, id)
	if err != nil || len(rec.ChunkIDs) == 0 || !rec.FollowUp {
		t.Errorf("the follow-up's record = %+v, %v; want its passages, marked a follow-up", rec, err)
	}
	got := e.reply(e.pressApprove(follow, manage))
	// The question as typed: its Markdown shown as written.
	if want := tr(english, msgApproveFollowUp, asWritten("Which countries make up the *Quad*?")); got.Content != want || !strings.Contains(got.Content, `\*Quad\*`) {
		t.Errorf("Approve on a follow-up = %q, want %q", got.Content, want)
	}
	// The first answer of the thread is no follow-up.
	first, err := e.deps.Questions.AnswerRecord(ctx, e.guild, approveID(t, e.waitAnswerIn(q.ID, 0)))
	if err != nil || first.FollowUp {
		t.Errorf("the first answer's record = %+v, %v; want no follow-up", first, err)
	}
	e.checkNoMentions()
}

func approveID(t *testing.T, m *discordgo.Message) string {
	t.Helper()
	for _, b := range buttonIDs(m) {
		if strings.HasPrefix(b, prefixApprove) {
			return strings.TrimPrefix(b, prefixApprove)
		}
	}
	t.Fatalf("no Approve button on %q", m.Content)
	return ""
}
