package discord

import (
	"context"
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
)

// A member's message in a session thread is followed while its question
// waits (session.Store.Withdraw, Reword): deleted, it is taken out of the
// queue and its words are never posted for the class; edited, the
// question is asked in its new words and drafted again. Posted questions
// stay posted. An educator reviewing a draft of words that changed is
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

// withdraw takes deleted messages' asks out of a session's waiting
// questions, if channelID is a session's thread.
func (e *educator) withdraw(guildID, channelID string, ids []string) {
	b := e.b
	sess, ok := e.sessionOfMessage(guildID, channelID)
	if !ok {
		return
	}
	done, ok := b.begin()
	if !ok {
		return
	}
	defer done()
	changed := false
	for _, id := range ids {
		ctx, cancel := context.WithTimeout(b.work, eduStoreTimeout)
		q, found, err := e.d.Sessions.Withdraw(ctx, sess.ThreadID, id)
		cancel()
		if err != nil {
			// The question stays queued: an educator reviewing it sees
			// it, and may skip it.
			b.log.Warn("cannot follow a deleted message in a session thread", "thread", sess.ThreadID, "message", id, "err", err)
			continue
		}
		if found {
			b.log.Info("a session question's message was deleted", "thread", sess.ThreadID, "question", q.ID, "status", string(q.Status))
			changed = true
		}
	}
	if changed {
		e.panelChanged(sess.ThreadID)
	}
}

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
	if !ok {
		return
	}
	done, ok := b.begin()
	if !ok {
		return
	}
	defer done()
	ctx := b.work
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	text := strings.TrimSpace(stripMention(m.Content, me))
	if _, _, err := answer.CleanQuestion(text); err != nil {
		// Edited into chat ("?", an emoji): it asks nothing now.
		if q, found, err := e.d.Sessions.Unask(sctx, sess.ThreadID, m.ID); err != nil {
			b.log.Warn("cannot follow an edited message in a session thread", "thread", sess.ThreadID, "message", m.ID, "err", err)
		} else if found {
			b.log.Info("a session question's message was edited into no question", "thread", sess.ThreadID, "question", q.ID)
			e.panelChanged(sess.ThreadID)
		}
		return
	}
	q, how, merged, err := e.d.Sessions.Reword(sctx, sess.ThreadID, m.Author.ID, m.ID, text)
	loc := b.guildLocale(m.GuildID)
	if errors.Is(err, session.ErrInvalid) {
		// Too long now: it asks nothing the queue takes.
		if _, found, uerr := e.d.Sessions.Unask(sctx, sess.ThreadID, m.ID); uerr == nil && found {
			e.panelChanged(sess.ThreadID)
			e.reply(m, tr(loc, msgSessionTooLong), nil)
		}
		return
	}
	cancel()
	switch {
	case e.addRefused(ctx, sess, m, loc, err):
	case how == session.InPlace:
		e.panelChanged(sess.ThreadID)
		if q.From == m.ID && q.Status == session.StatusQueued {
			e.draftOnArrival(ctx, sess, q)
		}
	case how == session.Moved:
		e.queued(ctx, sess, m, loc, q, merged)
	}
}

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
