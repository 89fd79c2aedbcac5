package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/session"
)

// The bot's "same as question #n" reply to a merged message quotes the
// question's words. When that merged message is itself deleted, the
// reply is deleted too: after the first asker's deletion it quotes the
// second asker's words, and once the second asker deletes theirs (or a
// moderator deletes both at once) no bot message quotes either.
func TestSessionDeletedMergedAskReplyTakenDown(t *testing.T) {
	t.Parallel()
	for _, bulk := range []bool{false, true} {
		e := startEducator(t)
		ctx := context.Background()
		p := e.askMerged("Quotes")
		thread, asked, merged, seq := p.thread, p.asked, p.merged, p.seq
		del := func(id string) { e.deleteMessage(thread, id) }
		reply := func() string { return e.messageText(thread, merged.ID) }
		if bulk {
			e.srv.Dispatch("MESSAGE_DELETE_BULK", &discordgo.MessageDeleteBulk{ChannelID: thread, GuildID: e.guild,
				Messages: []string{asked.MessageReference.MessageID, merged.MessageReference.MessageID}})
		} else {
			del(asked.MessageReference.MessageID)
			e.until("the reply quoting the second asker's words", func() bool { return strings.Contains(reply(), "why does france") })
			del(merged.MessageReference.MessageID)
		}
		e.until("the question withdrawn", func() bool {
			q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
			return err == nil && q.Status == session.StatusWithdrawn
		})
		// The replies and the panel are followed once the store's change
		// is made.
		e.until("no bot message quoting deleted words", func() bool {
			for _, m := range e.srv.ChannelMessages(thread) {
				if m.Author != nil && m.Author.Bot && strings.Contains(strings.ToLower(m.Content), "why does france") {
					return false
				}
			}
			return true
		})
		if r := reply(); r != "" {
			t.Errorf("bulk=%v: the reply to the deleted merged message stays: %q", bulk, r)
		}
	}
}

// The first asker edits their message into another question (Moved) or
// into chat ("?", Unask): the question goes on in the second asker's
// words, and the bot's reply to the second asker quotes those.
func TestSessionEditedAwayWordsLeaveTheReplies(t *testing.T) {
	t.Parallel()
	for _, into := range []string{moonQuestion, "?"} {
		e := startEducator(t)
		ctx := context.Background()
		p := e.askMerged("Quotes")
		thread, merged, seq := p.thread, p.merged, p.seq
		// (A reply recorded after the edit is handled is another test's.)
		e.untilMergedReplyRecorded(p)
		e.editMessage(thread, p.asked, eduMember, into)
		e.until("the question in the second asker's words", func() bool {
			q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
			return err == nil && q.Text == mergedSecond
		})
		e.until("the reply quoting the second asker's words, edited into "+into, func() bool {
			for _, m := range e.srv.ChannelMessages(thread) {
				if m.ID == merged.ID {
					return strings.Contains(m.Content, "“why does france")
				}
			}
			return false
		})
	}
}
