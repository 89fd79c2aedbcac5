package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/session"
)

// The bot's "Queued as question #n" reply, with its Upvote button, is
// taken down when the member deletes their message or edits it into
// chat: it announced a question no longer asked. It stayed, because only
// the "same as" replies to merged messages were recorded. An edit that
// keeps the question leaves it as it is: it quotes nothing.
func TestSessionQueuedReplyFollowsItsMessage(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Queued replies")
	recorded := func(reply string, seq string) {
		t.Helper()
		e.until("the queued reply recorded", func() bool {
			q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
			return err == nil && len(q.Asks) == 1 && q.Asks[0].Reply == reply
		})
	}

	deleted := e.inThread(thread, eduMember, "Who is in the Quad?")
	dseq := seqOf(t, deleted)
	recorded(deleted.ID, dseq)
	e.deleteMessage(thread, deleted.MessageReference.MessageID)
	e.until("the reply to the deleted message taken down", func() bool { return e.messageText(thread, deleted.ID) == "" })

	chat := e.inThread(thread, eduMember, moonQuestion)
	recorded(chat.ID, seqOf(t, chat))
	e.editMessage(thread, chat, eduMember, "?")
	e.until("the reply to the message edited into chat taken down", func() bool { return e.messageText(thread, chat.ID) == "" })

	kept := e.inThread(thread, eduMember, franceAsked)
	kseq := seqOf(t, kept)
	recorded(kept.ID, kseq)
	e.editMessage(thread, kept, eduMember, franceReworded)
	e.until("the question reworded", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+kseq)
		return err == nil && q.Text == franceReworded && q.Status != session.StatusWithdrawn
	})
	if got := e.messageText(thread, kept.ID); got != kept.Content || !strings.Contains(got, "Queued as question #"+kseq) {
		t.Errorf("the reply to the reworded question = %q, want %q", got, kept.Content)
	}
}
