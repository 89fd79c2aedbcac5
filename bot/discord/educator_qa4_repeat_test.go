package discord

import (
	"context"
	"strings"
	"testing"
	"time"
)

// the "🔁 You asked this already" reply to a member's repeat of
// their own question is not recorded with the repeat's ask, so when the
// member deletes the repeat (or edits it into chat), the reply stays in
// the thread, replying to nothing. Before 42cb55c the repeat got a
// recorded "Same as question #n" reply, taken down with its message; the
// README says the bot's reply to a deleted message is deleted.
func TestQA4RepeatNoticeTakenDownWithTheRepeat(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Repeat deleted")
	seq := seqOf(t, e.inThread(thread, eduMember, franceAsked))
	notice := e.inThread(thread, eduMember, franceReworded)
	if !strings.Contains(notice.Content, "You asked this already") {
		t.Fatalf("the repeat's reply: %q", notice.Content)
	}
	e.until("the repeat followed", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && len(q.Asks) == 2
	})
	e.deleteMessage(thread, notice.MessageReference.MessageID)
	e.until("the repeat's ask withdrawn", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && len(q.Asks) == 1
	})
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) && e.messageText(thread, notice.ID) != "" {
		time.Sleep(50 * time.Millisecond)
	}
	if got := e.messageText(thread, notice.ID); got != "" {
		t.Errorf("the reply to the deleted repeat is still in the thread: %q", got)
	}
}
