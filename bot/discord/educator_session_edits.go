package discord

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/session"
)

// A member's message in a session thread is followed until its question
// is posted (session.Store.Withdraw, Reword): deleted, it is taken out of
// the queue and its words are never posted for the class nor kept for the
// transcript; edited, while the session runs, the question is asked in
// its new words and drafted again, and a message that asked nothing (chat,
// or too long) edited into a question is queued. Posted questions stay posted. An educator reviewing a draft of words that changed is
// refused at Approve, Edit or Skip (session.ErrChanged): what is posted
// is what an educator saw.

// onSessionMessageDelete follows a deleted message.
func (e *educator) onSessionMessageDelete(_ *discordgo.Session, md *discordgo.MessageDelete) {
	defer e.b.survive("a session message's deletion")
	if md.Message == nil {
		return
	}
	if bd := md.BeforeDelete; bd != nil && bd.Author != nil && bd.Author.ID == e.b.botUserID() {
		return // the bot's own message
	}
	e.withdraw(md.GuildID, md.ChannelID, []string{md.ID})
}

// onSessionMessageDeleteBulk follows a moderator's bulk deletion.
func (e *educator) onSessionMessageDeleteBulk(_ *discordgo.Session, mb *discordgo.MessageDeleteBulk) {
	defer e.b.survive("a bulk deletion in a session thread")
	e.withdraw(mb.GuildID, mb.ChannelID, mb.Messages)
}

// withdraw takes deleted messages' asks out of a session's questions not
// yet posted, if channelID is a session's thread (ended or not: a
// transcript asked for again must not hold them). A store that fails is
// tried again a few times: given up, the deleted words would stay queued.
func (e *educator) withdraw(guildID, channelID string, ids []string) {
	b := e.b
	if guildID == "" || b.cachedNonThread(channelID) {
		return
	}
	done, ok := b.begin()
	if !ok {
		return
	}
	defer done()
	for try := 0; ; try++ {
		err := e.withdrawOnce(channelID, ids)
		if err == nil {
			return
		}
		if try == len(withdrawRetries) {
			b.log.Error("cannot follow deleted messages in a thread; a session's questions may stay queued", "channel", channelID, "messages", len(ids), "err", err)
			return
		}
		b.log.Warn("cannot follow deleted messages in a thread; trying again", "channel", channelID, "err", err)
		select {
		case <-time.After(withdrawRetries[try]):
		case <-b.work.Done():
			return
		}
	}
}

// withdrawOnce is one try of withdraw: nothing to do outside a session's
// thread.
func (e *educator) withdrawOnce(channelID string, ids []string) error {
	b := e.b
	ctx, cancel := context.WithTimeout(b.work, eduStoreTimeout)
	defer cancel()
	sess, err := e.d.Sessions.Get(ctx, channelID)
	if errors.Is(err, session.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	qs, err := e.d.Sessions.Withdraw(ctx, channelID, ids...)
	if err != nil {
		return err
	}
	for _, q := range qs {
		b.log.Info("a session question's message was deleted", "thread", channelID, "question", q.ID, "status", string(q.Status))
	}
	// Withdraw names every question the deletions took asks from, those
	// another change took them from first too: no second read.
	e.followDrops(sess, qs, ids)
	return nil
}

// followEdit is followDrops after an edit took message id's ask out of
// its question (into chat, or into another question), reading the
// questions: Unask and Reword name only the question the message asks
// now.
func (e *educator) followEdit(ctx context.Context, sess session.Session, id string) {
	qs, err := e.d.Sessions.Questions(ctx, sess.ThreadID)
	if err != nil {
		e.b.log.Warn("cannot read a session's questions to follow an edited message", "thread", sess.ThreadID, "err", err)
		return
	}
	e.followDrops(sess, qs, []string{id})
}

// followDrops brings the bot's messages in line with the asks of
// messages ids taken out of questions qs (deleted, or edited away),
// whenever that was done (Withdraw, or any change of the question
// before it): the replies to the messages left, which quote the
// question, are edited to its words now; the replies to the messages
// gone are deleted; the panel is redrawn.
func (e *educator) followDrops(sess session.Session, qs []session.Question, ids []string) {
	changed := false
	for _, q := range qs {
		touched := false
		for _, g := range q.Gone {
			if !slices.Contains(ids, g.Message) {
				continue
			}
			touched = true
			if g.Reply != "" {
				e.deleteReply(sess.ThreadID, g.Reply)
			}
		}
		if touched {
			e.refreshReplies(sess, q)
			changed = true
		}
	}
	if changed {
		e.panelChanged(sess.ThreadID)
	}
}

// deleteReply deletes the bot's reply to a session message taken out of
// its question: it quotes words no longer asked. Gone already (a
// moderator's deletion, or this bot's before) is as good.
func (e *educator) deleteReply(thread, id string) {
	if err := e.b.s.ChannelMessageDelete(thread, id); err != nil && restStatus(err) != http.StatusNotFound {
		e.b.log.Warn("cannot delete the bot's reply to a session message taken out of its question", "thread", thread, "err", err)
	}
}

// withdrawRetries are the waits before withdraw tries again: Redis
// failing over, or stalled for a moment, is back within them.
var withdrawRetries = []time.Duration{time.Second, 5 * time.Second, 30 * time.Second}

// onSessionMessageUpdate follows an edited message.
func (e *educator) onSessionMessageUpdate(_ *discordgo.Session, mu *discordgo.MessageUpdate) {
	b := e.b
	defer b.survive("a session message's edit")
	m := mu.Message
	me := b.botUserID()
	// An update without an edit time is Discord adding a link's embed.
	if !fromMember(m, me) || m.EditedTimestamp == nil {
		return
	}
	sess, ok := e.sessionOfMessage(m.GuildID, m.ChannelID)
	if !ok || sess.Ended() || m.Author.ID == sess.EducatorID {
		// After the end, what was asked stays as it was; the
		// educator's own messages ask the queue nothing.
		return
	}
	done, ok := b.begin()
	if !ok {
		return
	}
	defer done()
	ctx := b.work
	text := strings.TrimSpace(stripMention(m.Content, me))
	edited := *m.EditedTimestamp
	if sessionChat(text) {
		// Edited into chat ("?", an emoji, "thanks!"): it asks nothing now.
		var q session.Question
		found, err := e.afterCreation(m, func(sctx context.Context) (found bool, err error) {
			q, found, err = e.d.Sessions.Unask(sctx, sess.ThreadID, m.ID, edited)
			return found, err
		})
		if err != nil {
			b.log.Warn("cannot follow an edited message in a session thread", "thread", sess.ThreadID, "message", m.ID, "err", err)
		} else if found {
			b.log.Info("a session question's message was edited into no question", "thread", sess.ThreadID, "question", q.ID)
			sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
			defer cancel()
			e.followEdit(sctx, sess, m.ID)
		}
		return
	}
	var q session.Question
	var how session.Rewording
	var merged, notAsked bool
	_, err := e.afterCreation(m, func(sctx context.Context) (bool, error) {
		var err error
		q, how, merged, err = e.d.Sessions.Reword(sctx, sess.ThreadID, m.Author.ID, m.ID, text, edited)
		if notAsked = errors.Is(err, session.ErrNotAsked); notAsked {
			return false, nil
		}
		return true, err
	})
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	loc := b.guildLocale(m.GuildID)
	if notAsked && err == nil {
		// It never asked anything — chat ("?"), or too long and told so —
		// and asks a question now: queued as if just sent. Add refuses
		// a message queued already (ErrAsked: its creation handled
		// meanwhile), so the two cannot queue it twice.
		q, merged, err = e.d.Sessions.Add(sctx, sess.ThreadID, m.Author.ID, m.ID, text)
		cancel()
		if !e.addRefused(ctx, sess, m, loc, err) {
			e.queued(ctx, sess, m, loc, q, merged)
		}
		return
	}
	if errors.Is(err, session.ErrInvalid) {
		// Too long now: it asks nothing the queue takes.
		if _, found, uerr := e.d.Sessions.Unask(sctx, sess.ThreadID, m.ID, edited); uerr == nil && found {
			e.followEdit(sctx, sess, m.ID)
			e.reply(m, tr(loc, msgSessionTooLong), nil)
		}
		return
	}
	if how == session.Moved {
		// The question it left goes on in other words, or is withdrawn.
		e.followEdit(sctx, sess, m.ID)
	}
	cancel()
	switch {
	case e.addRefused(ctx, sess, m, loc, err):
	case how == session.InPlace:
		e.panelChanged(sess.ThreadID)
		if q.From == m.ID {
			// The replies quoting its words follow them, a skipped
			// question's too; a waiting one is drafted again.
			e.refreshReplies(sess, q)
			if q.Status == session.StatusQueued {
				e.draftOnArrival(ctx, sess, q)
			}
		}
	case how == session.Moved:
		e.queued(ctx, sess, m, loc, q, merged)
	}
}

// afterCreation runs follow (a store call following message m's edit)
// until it finds the question m asks, waiting for m's creation to be
// queued while m is new: the creation and the edit are gateway events,
// handled concurrently, and an edit made a moment after sending (a typo
// fixed) can be handled while the creation's handler is still in its
// Redis call. Followed at once, the edit found no question and the queue
// kept the first words. An edit of an older message, or of one that is
// chat, finds nothing and is left at that.
func (e *educator) afterCreation(m *discordgo.Message, follow func(context.Context) (found bool, err error)) (found bool, err error) {
	created := m.Timestamp
	if created.IsZero() {
		created, _ = discordgo.SnowflakeTimestamp(m.ID)
	}
	for try := 0; ; try++ {
		ctx, cancel := context.WithTimeout(e.b.work, eduStoreTimeout)
		found, err = follow(ctx)
		cancel()
		if found || err != nil || try == len(creationWaits) || time.Since(created) > creationGrace {
			return found, err
		}
		select {
		case <-time.After(creationWaits[try]):
		case <-e.b.work.Done():
			return false, nil
		}
	}
}

// creationWaits are the waits before afterCreation looks again, while a
// message is younger than creationGrace: the creation's handler waits
// eduStoreTimeout at most for each of its two store calls.
var creationWaits = []time.Duration{500 * time.Millisecond, 2 * time.Second, 3 * time.Second}

const creationGrace = 15 * time.Second

// sessionOfMessage is the session whose thread channelID is, if any: a
// message event in a channel the gateway state knows is not a thread
// costs no Redis call.
func (e *educator) sessionOfMessage(guildID, channelID string) (session.Session, bool) {
	b := e.b
	if guildID == "" || b.cachedNonThread(channelID) || b.isClosing() {
		return session.Session{}, false
	}
	ctx, cancel := context.WithTimeout(b.work, eduStoreTimeout)
	defer cancel()
	sess, err := e.d.Sessions.Get(ctx, channelID)
	if err != nil {
		if !errors.Is(err, session.ErrNotFound) {
			b.log.Warn("session lookup unavailable", "channel", channelID, "err", err)
		}
		return session.Session{}, false
	}
	return sess, true
}
