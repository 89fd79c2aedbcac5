package discord

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/session"
)

// A member who deletes their waiting question takes it out of the queue,
// votes and all: /session next never posts it. Before, it stayed queued
// and was posted later with its words quoted, for the whole class. A
// moderator's bulk delete does the same. A question already posted is
// left posted.
func TestSessionDeletedQuestionLeavesTheQueue(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Deletes"))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	const secret = "Who is in the Quad?"
	deleted := e.inThread(thread, eduMember, secret)
	// Upvoted, so that it would be next.
	if r := e.reply(e.press(deleted, buttonIDs(deleted)[0], eduMember2)); !strings.Contains(r.Content, "Upvoted") {
		t.Fatalf("upvote = %q", r.Content)
	}
	kept := e.inThread(thread, eduMember2, moonQuestion)
	bulk1 := e.inThread(thread, eduMember2, "Why does France oppose a NATO office in Tokyo?")
	posted := e.inThread(thread, eduMember2, "What did the Japanese prime minister say about NATO?")
	ds, bs, ps := seqOf(t, deleted), seqOf(t, bulk1), seqOf(t, posted)

	gone := func(seq string) bool {
		_, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return errors.Is(err, session.ErrNotFound)
	}
	e.srv.Dispatch("MESSAGE_DELETE", &discordgo.MessageDelete{Message: &discordgo.Message{
		ID: deleted.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild}})
	e.until("the deleted question out of the session", func() bool { return gone(ds) })

	// Posted first (upvoted to be next), then deleted in bulk with
	// another: the posted one stays as it was (the deletion cannot
	// unpublish it); the other goes.
	if r := e.reply(e.press(posted, buttonIDs(posted)[0], eduMember)); !strings.Contains(r.Content, "Upvoted") {
		t.Fatalf("upvote = %q", r.Content)
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); !strings.Contains(r.Content, "Posted question #"+ps) {
		t.Fatalf("next = %q", r.Content)
	}
	e.srv.Dispatch("MESSAGE_DELETE_BULK", &discordgo.MessageDeleteBulk{ChannelID: thread, GuildID: e.guild,
		Messages: []string{bulk1.MessageReference.MessageID, posted.MessageReference.MessageID}})
	e.until("the bulk-deleted question out of the session", func() bool { return gone(bs) })
	if q, err := e.ed.Sessions.Question(ctx, thread, "q"+ps); err != nil || q.Status != session.StatusPosted {
		t.Errorf("the posted question after its deletion: %+v %v", q, err)
	}

	// What is left waiting is the one kept; the deleted one is never
	// posted.
	qs, err := e.ed.Sessions.Questions(ctx, thread)
	if err != nil {
		t.Fatal(err)
	}
	waiting := 0
	for _, q := range qs {
		if q.Status != session.StatusPosted {
			waiting++
		}
	}
	if waiting != 1 {
		t.Errorf("%d questions wait, want 1 (%s)", waiting, seqOf(t, kept))
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); !strings.Contains(r.Content, "#"+seqOf(t, kept)) {
		t.Errorf("next = %q", r.Content)
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); strings.Contains(r.Content, "Posted") {
		t.Errorf("next with nothing waiting = %q", r.Content)
	}
	for _, m := range e.posted(thread) {
		if strings.Contains(m.Content, secret) {
			t.Errorf("the deleted question was posted: %q", m.Content)
		}
	}
	e.checkNoMentions()
}
