package discord

import (
	"context"
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
)

// A member's edit or deletion of a message that asked a waiting question
// reaches the queue (session.Store.Reword, Withdraw, which say what
// happens to merged near-duplicates and votes): a deleted question is
// never posted, an edited one is drafted again in its new words. A
// question posted or skipped is left as it is: a deletion cannot
// unpublish the answer posted in the thread, which quotes the question.

// sessionThread returns channelID's session, or ok false when it has
// none (or the lookup failed, logged).
func (e *educator) sessionThread(ctx context.Context, channelID string) (session.Session, bool) {
	if e.b.cachedNonThread(channelID) {
		return session.Session{}, false
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	sess, err := e.d.Sessions.Get(sctx, channelID)
	if err != nil {
		if !errors.Is(err, session.ErrNotFound) {
			e.b.log.Warn("session lookup unavailable", "channel", channelID, "err", err)
		}
		return sess, false
	}
	return sess, true
}

// onSessionMessageDelete takes a deleted message's waiting question out
// of its session's queue. The gateway's state keeps no messages, so the
// event has only ids; the session's message index has the rest.
func (e *educator) onSessionMessageDelete(_ *discordgo.Session, md *discordgo.MessageDelete) {
	defer e.b.survive("a deleted session message")
	if md.Message == nil || md.GuildID == "" {
		return
	}
	e.withdraw(md.ChannelID, []string{md.ID})
}

// onSessionMessageDeleteBulk is onSessionMessageDelete for a moderator's
// bulk delete.
func (e *educator) onSessionMessageDeleteBulk(_ *discordgo.Session, mb *discordgo.MessageDeleteBulk) {
	defer e.b.survive("deleted session messages")
	if mb.GuildID == "" || len(mb.Messages) == 0 {
		return
	}
	e.withdraw(mb.ChannelID, mb.Messages)
}

// withdraw withdraws the questions messages ids asked in channelID's
// session (after its end too: a transcript asked for again must not hold
// them), redrafting one that goes on in another member's words.
func (e *educator) withdraw(channelID string, ids []string) {
	b := e.b
	ctx := b.work
	sess, ok := e.sessionThread(ctx, channelID)
	if !ok {
		return
	}
	done, ok := b.begin()
	if !ok {
		b.log.Warn("shutting down: a deleted session message's question stays queued", "thread", channelID)
		return
	}
	defer done()
	changed := false
	var redraft []session.Question
	for _, id := range ids {
		sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
		r, err := e.d.Sessions.Withdraw(sctx, sess.ThreadID, id)
		cancel()
		if err != nil {
			b.log.Warn("cannot withdraw a deleted message's session question", "thread", sess.ThreadID, "message", id, "err", err)
			continue
		}
		changed = changed || r.Changed
		if r.Redraft && !sess.Ended() {
			redraft = append(redraft, r.Question)
		}
	}
	if changed {
		e.panelChanged(sess.ThreadID)
	}
	for _, q := range redraft {
		e.draftQueued(ctx, sess, q)
	}
}

// onSessionMessageUpdate rewords the waiting question a member's edited
// message asked and drafts it again. An update that is not the author's
// edit (a link's preview: no edited_timestamp) changes nothing; an edit
// to words that are no question ("?", an emoji) withdraws it, as a
// deletion does; an edited message that asked no question (one refused
// as too long, shortened) is taken as a question posted now.
func (e *educator) onSessionMessageUpdate(_ *discordgo.Session, mu *discordgo.MessageUpdate) {
	b := e.b
	defer b.survive("an edited session message")
	m := mu.Message
	me := b.botUserID()
	if m == nil || m.EditedTimestamp == nil || !fromMember(m, me) || m.GuildID == "" || b.isClosing() {
		return
	}
	text := strings.TrimSpace(stripMention(m.Content, me))
	if text == "" {
		return // read without the Message Content intent, or attachments alone
	}
	ctx := b.work
	sess, ok := e.sessionThread(ctx, m.ChannelID)
	if !ok || sess.Ended() {
		return
	}
	if _, _, err := answer.CleanQuestion(text); err != nil {
		e.withdraw(m.ChannelID, []string{m.ID})
		return
	}
	if !b.first(ctx, "session-edit:"+m.ID+":"+m.EditedTimestamp.UTC().String(), dedupeTimeout) {
		return
	}
	done, ok := b.begin()
	if !ok {
		return
	}
	defer done()
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	r, err := e.d.Sessions.Reword(sctx, sess.ThreadID, m.ID, text)
	cancel()
	switch {
	case errors.Is(err, session.ErrInvalid):
		e.reply(m, tr(b.guildLocale(m.GuildID), msgSessionTooLong), nil)
		return
	case err != nil:
		b.log.Warn("cannot reword a session question", "thread", sess.ThreadID, "message", m.ID, "err", err)
		return
	case !r.Found:
		e.queue(ctx, sess, m, text)
		return
	}
	if r.Changed {
		e.panelChanged(sess.ThreadID)
	}
	if r.Requeue != "" {
		e.queue(ctx, sess, m, r.Requeue)
	}
	if r.Redraft {
		e.draftQueued(ctx, sess, r.Question)
	}
}
