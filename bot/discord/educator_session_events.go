package discord

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/session"
)

// onSessionMessage queues members' messages in a session thread. Other
// messages are left to the bot's normal handling.
func (e *educator) onSessionMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	b := e.b
	defer b.survive("a session message")
	m := mc.Message
	me := b.botUserID()
	if !fromMember(m, me) || m.GuildID == "" {
		return
	}
	text := strings.TrimSpace(stripMention(m.Content, me))
	if text == "" || b.isClosing() {
		return
	}
	// "?", "!!!" or an emoji alone is chat, not a question: the question
	// service refuses it as empty, so queued it could never be drafted and
	// would block /session next at the top of the queue. "thanks!", "lol"
	// or "+1" asks nothing either (sessionChat).
	if sessionChat(text) {
		return
	}
	// Sessions live in threads: a channel the gateway state knows as not a
	// thread is skipped without a Redis call.
	if b.cachedNonThread(m.ChannelID) {
		return
	}
	ctx := b.work
	// A message is no interaction, with 3 s to answer: the lookup waits
	// as long as the queue's write does, so that Redis stalling for a
	// moment does not drop the question, with no reply.
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	sess, err := e.d.Sessions.Get(sctx, m.ChannelID)
	cancel()
	if err != nil {
		if !errors.Is(err, session.ErrNotFound) {
			b.log.Warn("session lookup unavailable", "channel", m.ChannelID, "err", err)
			if _, live := e.liveThreads.Load(m.ChannelID); live {
				e.tellNotQueued(m)
			}
		} else if e.wasSession(m.ChannelID) && !e.educatorByRole(ctx, m) {
			// (Who ran it went with the record: an educator by role is
			// taken for them, and not told their message was no question.)
			b.log.Info("a message in the thread of a session whose record is gone", "channel", m.ChannelID)
			e.tellLost(ctx, m)
		}
		return
	}
	if m.Author.ID == sess.EducatorID {
		// The educator who runs it talks to the class ("welcome
		// everyone, ask away", a wrap-up once it ended); their
		// messages are not the queue's, and no notice is for them.
		if !sess.Ended() {
			e.liveThreads.Store(m.ChannelID, sess.EducatorID)
		}
		return
	}
	if sess.Ended() {
		e.liveThreads.Delete(m.ChannelID)
		e.tellEnded(ctx, m)
		return
	}
	e.liveThreads.Store(m.ChannelID, sess.EducatorID)
	if !b.first(ctx, "session-message:"+m.ID, dedupeTimeout) {
		return
	}
	done, ok := b.begin()
	if !ok {
		return
	}
	defer done()
	// Replies in the thread are for everyone: the guild's locale.
	loc := b.guildLocale(m.GuildID)
	sctx, cancel = context.WithTimeout(ctx, eduStoreTimeout)
	q, merged, err := e.d.Sessions.Add(sctx, sess.ThreadID, m.Author.ID, m.ID, text)
	cancel()
	if e.addRefused(ctx, sess, m, loc, err) {
		return
	}
	e.queued(ctx, sess, m, loc, q, merged)
}

// addRefused tells the member why their message was not queued (err from
// Add, or from Reword moving it), and reports whether it was not.
func (e *educator) addRefused(ctx context.Context, sess session.Session, m *discordgo.Message, loc discordgo.Locale, err error) bool {
	var full *session.FullError
	switch {
	case err == nil:
		return false
	case errors.Is(err, session.ErrInvalid):
		e.reply(m, tr(loc, msgSessionTooLong), nil)
	case errors.As(err, &full):
		// Told once a minute: a member flooding the thread must not
		// have the bot flood it too.
		if e.firstTime(ctx, "session-full:"+sess.ThreadID+":"+m.Author.ID, fullNoticeEvery) {
			text := tr(loc, msgSessionQueueFull, full.Limit)
			if errors.Is(full, session.ErrMemberFull) {
				text = tr(loc, msgSessionMemberFull, full.Limit)
			}
			e.reply(m, text, nil)
		}
	case errors.Is(err, session.ErrEnded), errors.Is(err, session.ErrDeleted), errors.Is(err, session.ErrAsked):
		// Ended meanwhile, deleted by the member before this was
		// handled, or queued already (the event handled twice):
		// nothing to say.
	default:
		e.b.log.Warn("cannot queue a session question", "thread", sess.ThreadID, "err", err)
		e.reply(m, tr(loc, msgSessionNotQueued), nil)
	}
	return true
}

// tellNotQueued tells a member their message in a session's thread was
// not queued, the store being down: silently dropped, they would wait
// for an answer that never comes. Once a minute a member at most: one
// posting on must not have the bot flood the thread too.
func (e *educator) tellNotQueued(m *discordgo.Message) {
	key := m.ChannelID + ":" + m.Author.ID
	now := time.Now()
	if last, ok := e.notQueuedTold.Load(key); ok && now.Sub(last.(time.Time)) < fullNoticeEvery {
		return
	}
	e.notQueuedTold.Store(key, now)
	e.notQueuedTold.Range(func(k, last any) bool { // forget those told long ago
		if now.Sub(last.(time.Time)) >= fullNoticeEvery {
			e.notQueuedTold.Delete(k)
		}
		return true
	})
	done, ok := e.b.begin()
	if !ok {
		return
	}
	defer done()
	e.reply(m, tr(e.b.guildLocale(m.GuildID), msgSessionNotQueued), nil)
}

// queued tells the member their message's question is queued (or merged
// into one asked already), and drafts a new one's answer.
func (e *educator) queued(ctx context.Context, sess session.Session, m *discordgo.Message, loc discordgo.Locale, q session.Question, merged bool) {
	e.panelChanged(sess.ThreadID)
	if merged && q.Status == session.StatusPosted {
		// Told once a member and question where its answer is: asked
		// again and again, the thread would fill with the same reply.
		if e.firstTime(ctx, "session-answered:"+sess.ThreadID+":"+q.ID+":"+m.Author.ID, endedNoticeTTL) {
			e.reply(m, tr(loc, msgSessionAnsweredAbove, q.Seq, quotedQuestion(q.Text, 200)), nil)
		}
		return
	}
	if merged && slices.ContainsFunc(q.Asks, func(a session.Ask) bool { return a.User == m.Author.ID && a.Message != m.ID }) {
		// Their own question asked again: a "same as" reply to each
		// repeat, about their own question, would flood the thread.
		// They are told once that it waits; the message is followed
		// as an ask of it all the same.
		if e.firstTime(ctx, "session-repeat:"+sess.ThreadID+":"+q.ID+":"+m.Author.ID, endedNoticeTTL) {
			// Remembered, to be taken down with the repeat.
			if id := e.reply(m, tr(loc, msgSessionAskedAlready, q.Seq), nil); id != "" {
				e.recordReply(ctx, sess, m, q, id, true)
			}
		}
		return
	}
	if merged {
		// It quotes another member's words: remembered, so that it is
		// edited should they delete or edit their message, and taken
		// down should this one be.
		if id := e.reply(m, mergedText(loc, q), upvoteButton(loc, sess.ThreadID, q.ID)); id != "" {
			e.recordReply(ctx, sess, m, q, id, false)
		}
		return
	}
	// Remembered too: should the member delete their message, or edit
	// it into chat, the reply (and its Upvote button) is taken down.
	if id := e.reply(m, tr(loc, msgSessionQueued, q.Seq), upvoteButton(loc, sess.ThreadID, q.ID)); id != "" {
		e.recordReply(ctx, sess, m, q, id, true)
	}
	e.draftOnArrival(ctx, sess, q)
}

// recordReply records the bot's reply id to member message m, which
// asked question q, so that it follows the question (followDrops). A
// message deleted or edited away meanwhile has its reply taken down now.
func (e *educator) recordReply(ctx context.Context, sess session.Session, m *discordgo.Message, q session.Question, id string, plain bool) {
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	now, found, err := e.d.Sessions.SetReply(sctx, sess.ThreadID, m.ID, id, plain)
	cancel()
	switch {
	case err != nil:
		e.b.log.Warn("cannot record a session reply; it will not follow its question", "thread", sess.ThreadID, "err", err)
	case !found:
		// The message was deleted or edited away meanwhile.
		e.deleteReply(sess.ThreadID, id)
	case now.Text != q.Text:
		// The words it quoted changed meanwhile.
		e.refreshReplies(sess, now)
	}
}

// draftOnArrival drafts a question's answer as it is queued (or
// reworded), so that /session next finds it ready; it is drafted there
// otherwise.
func (e *educator) draftOnArrival(ctx context.Context, sess session.Session, q session.Question) {
	b := e.b
	var refusal *asking.Refusal
	_, err := e.draft(ctx, sess, q, true)
	switch {
	case errors.As(err, &refusal) && refusal.Reason == asking.RateLimited:
		b.log.Info("session draft deferred to /session next: the member is over their rate limit",
			"thread", sess.ThreadID, "question", q.ID)
	case errors.As(err, &refusal) && refusal.Reason == asking.Busy:
		// drafted later, at /session next
	case errors.Is(err, session.ErrChanged), errors.Is(err, session.ErrState):
		// reworded, withdrawn, skipped or posted while it was drafted:
		// the draft is of words no longer asked
	case err != nil:
		b.log.Warn("session draft failed; it will be drafted at /session next", "thread", sess.ThreadID, "question", q.ID, "err", err)
	}
}

// mergedText is the reply to a message merged into question q.
func mergedText(loc discordgo.Locale, q session.Question) string {
	return tr(loc, msgSessionMerged, q.Seq, quotedQuestion(q.Text, 200), eduVotes(loc, q.Votes))
}

// refreshReplies edits the bot's replies that quote question q (its
// merged asks') to its words now: the words they quoted were deleted or
// edited by their writer.
func (e *educator) refreshReplies(sess session.Session, q session.Question) {
	loc := e.b.guildLocale(sess.GuildID)
	for _, a := range q.Asks {
		if a.Reply == "" || a.Plain {
			continue // "queued as question #n" quotes nothing
		}
		text := mergedText(loc, q)
		if _, err := e.b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
			ID: a.Reply, Channel: sess.ThreadID, Content: &text, AllowedMentions: noMentions(),
		}); err != nil {
			e.b.log.Warn("cannot edit a session reply quoting a question whose words changed", "thread", sess.ThreadID, "question", q.ID, "err", err)
		}
	}
}

// fullNoticeEvery spaces the replies telling a member their question was
// not queued for a limit (session.FullError).
const fullNoticeEvery = time.Minute

// endedNoticeTTL is how long a member told that a session has ended is
// not told again: a session's record lasts a month (then its thread is
// no session's, and messages there are left alone).
const endedNoticeTTL = 30 * 24 * time.Hour

// tellEnded tells a member who posts in the thread of an ended session
// (one whose lock failed, or that a moderator reopened) that the session
// has ended, once per member and thread, not once per message.
func (e *educator) tellEnded(ctx context.Context, m *discordgo.Message) {
	if !e.firstTime(ctx, "session-ended:"+m.ChannelID+":"+m.Author.ID, endedNoticeTTL) {
		return
	}
	done, ok := e.b.begin()
	if !ok {
		return
	}
	defer done()
	e.reply(m, tr(e.b.guildLocale(m.GuildID), msgSessionEndedNotQueued), nil)
}

// firstTime reports whether id is seen for the first time in ttl, across
// processes (the bot's de-duplication store); without that store, or with
// it failing, always.
func (e *educator) firstTime(ctx context.Context, id string, ttl time.Duration) bool {
	once := e.b.deps.Once
	if once == nil {
		return true
	}
	ctx, cancel := context.WithTimeout(ctx, dedupeTimeout)
	defer cancel()
	first, err := once.First(ctx, id, ttl)
	if err != nil {
		e.b.log.Warn("dedupe unavailable; telling the member", "err", err)
		return true
	}
	return first
}

// reply replies to a member's message in a session thread, and returns
// the reply's id ("" if Discord refused it).
func (e *educator) reply(m *discordgo.Message, text string, comps []discordgo.MessageComponent) string {
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	r, err := e.b.s.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
		Content: text, Components: comps, Flags: answerFlags, AllowedMentions: noMentions(), Reference: reference(m),
	})
	if err != nil {
		e.b.log.Warn("cannot post in the session thread", "thread", m.ChannelID, "err", err)
		return ""
	}
	return r.ID
}

// onSessionButtonPress handles upvotes (anyone) and Approve / Edit /
// Skip (educators).
func (e *educator) onSessionButtonPress(ctx context.Context, r *Reply, id string) error {
	// action:thread:question, and for an educator's action the revision
	// of the question they were shown (buttons made before revisions
	// were kept have none: revision 0).
	parts := strings.Split(strings.TrimPrefix(id, prefixSession), ":")
	if len(parts) != 3 && len(parts) != 4 {
		return &UserError{Kind: KindUnknown}
	}
	action, thread, qid := parts[0], parts[1], parts[2]
	rev, ok := revision(parts[3:])
	if !ok {
		return &UserError{Kind: KindUnknown}
	}
	if action != "u" {
		if ok, err := e.educatorOrRefuse(ctx, r); !ok {
			return err
		}
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	sess, err := e.sameGuild(sctx, r, thread)
	if err != nil {
		return err
	}
	var q session.Question
	switch action {
	case "u":
		n, added, err := e.d.Sessions.Upvote(sctx, thread, qid, r.UserID())
		if err != nil {
			return e.sessionErr(r, err)
		}
		if !added {
			return eduRefuse(r, tr(r.I.Locale, msgAlreadyUpvoted, eduVotes(r.I.Locale, n)))
		}
		e.panelChanged(thread)
		return r.Respond(tr(r.I.Locale, msgUpvoted, eduVotes(r.I.Locale, n)), true, nil)
	case "a":
		if q, err = e.d.Sessions.Approve(sctx, thread, qid, rev); err != nil {
			return e.sessionErr(r, err)
		}
		e.panelChanged(thread)
		return r.Respond(tr(r.I.Locale, msgEduApproved, q.Seq), true, nil)
	case "s":
		if q, err = e.d.Sessions.Skip(sctx, thread, qid, rev); err != nil {
			return e.sessionErr(r, err)
		}
		e.panelChanged(thread)
		return r.Respond(tr(r.I.Locale, msgEduSkipped, q.Seq), true, nil)
	case "e":
		// The form's text would be refused, and lost, once submitted.
		if sess.Ended() {
			return eduRefuse(r, tr(r.I.Locale, msgSessionEnded))
		}
		if q, err = e.d.Sessions.Question(sctx, thread, qid); err != nil {
			return e.sessionErr(r, err)
		}
		if q.Rev != rev {
			return eduRefuse(r, tr(r.I.Locale, msgQuestionChanged))
		}
		if q.Draft == nil {
			return eduRefuse(r, tr(r.I.Locale, msgEduNoDraft))
		}
		return r.callback(editModal(r.I.Locale, thread, q))
	}
	return &UserError{Kind: KindUnknown}
}

// sessionErr tells the user what a session store error means, in their
// language: a member's Upvote meets these too. Why an edit was refused
// is the session store's own text, in English.
func (e *educator) sessionErr(r *Reply, err error) error {
	switch {
	case errors.Is(err, session.ErrEnded):
		return eduRefuse(r, tr(r.I.Locale, msgSessionEnded))
	case errors.Is(err, session.ErrNotFound):
		return eduRefuse(r, tr(r.I.Locale, msgQuestionGone))
	case errors.Is(err, session.ErrState):
		return eduRefuse(r, tr(r.I.Locale, msgQuestionDone))
	case errors.Is(err, session.ErrChanged):
		return eduRefuse(r, tr(r.I.Locale, msgQuestionChanged))
	}
	if msg, ok := userMessage(err); ok {
		return eduRefuse(r, tr(r.I.Locale, msgEduEditNotSaved, msg))
	}
	if errors.Is(err, session.ErrInvalid) {
		return err
	}
	return storeFailed(err)
}

// editModal is the Edit button's modal for q's draft, in loc (the
// educator's).
func editModal(loc discordgo.Locale, thread string, q session.Question) *discordgo.InteractionResponse {
	return textModal(prefixSessionModal+thread+":"+q.ID+":"+strconv.Itoa(q.Rev), tr(loc, msgEduEditTitle, q.Seq), tr(loc, msgEduEditLabel),
		truncateRunes(q.Draft.Text, maxModalText))
}

// revision is the question revision a button or form names after its
// question (rest: none, or one field), 0 if it names none.
func revision(rest []string) (int, bool) {
	if len(rest) == 0 {
		return 0, true
	}
	n, err := strconv.Atoi(rest[0])
	return n, err == nil && n >= 0
}

// onEditSubmit handles the educator's edited answer (the Edit modal).
func (e *educator) onEditSubmit(ctx context.Context, r *Reply, data discordgo.ModalSubmitInteractionData) error {
	if ok, err := e.educatorOrRefuse(ctx, r); !ok {
		return err
	}
	parts := strings.Split(strings.TrimPrefix(data.CustomID, prefixSessionModal), ":")
	if len(parts) != 2 && len(parts) != 3 {
		return &UserError{Kind: KindUnknown}
	}
	rev, ok := revision(parts[2:])
	if !ok {
		return &UserError{Kind: KindUnknown}
	}
	text := modalValue(data, "text")
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	if _, err := e.sameGuild(sctx, r, parts[0]); err != nil {
		return err
	}
	q, err := e.d.Sessions.Edit(sctx, parts[0], parts[1], rev, text)
	if msg, ok := userMessage(err); ok && strings.TrimSpace(text) != "" {
		return e.refuseEdit(r, msg, text)
	}
	if errors.Is(err, session.ErrChanged) && strings.TrimSpace(text) != "" {
		// What they wrote answers words no longer asked; handed back.
		return e.refuseEditWith(r, tr(r.I.Locale, msgQuestionChanged), text)
	}
	if err != nil {
		return e.sessionErr(r, err)
	}
	e.panelChanged(parts[0])
	return r.Respond(tr(r.I.Locale, msgEduEdited, q.Seq, truncateRunes(renderAnswerBy(r.I.Locale, "", *q.Draft, true), 1500)), true, nil)
}

// refuseEdit tells the educator why their edit was not saved and hands
// them back what they wrote, as a file: Discord's form cannot be reopened
// with it, and up to 4,000 characters typed would otherwise be lost.
func (e *educator) refuseEdit(r *Reply, why, text string) error {
	return e.refuseEditWith(r, tr(r.I.Locale, msgEduEditNotSaved, why), text)
}

// refuseEditWith is refuseEdit with its whole message.
func (e *educator) refuseEditWith(r *Reply, msg, text string) error {
	if err := r.Defer(true); err != nil {
		return err
	}
	return r.editReport(truncateRunes(msg, contentBudget), nil,
		[]*discordgo.File{{Name: "answer.txt", ContentType: "text/plain; charset=utf-8", Reader: strings.NewReader(text)}})
}

// sameGuild refuses a button or modal naming a session of another guild:
// an educator here is not one there. It returns the session.
func (e *educator) sameGuild(ctx context.Context, r *Reply, thread string) (session.Session, error) {
	sess, err := e.d.Sessions.Get(ctx, thread)
	if errors.Is(err, session.ErrNotFound) || (err == nil && sess.GuildID != r.I.GuildID) {
		return sess, &UserError{Kind: KindUnknown}
	}
	return sess, storeFailed(err)
}

// educatorByRole reports whether a message's author ran the session in
// its thread, as this process saw it running, or holds one of the guild's
// educator roles; false when that cannot be told.
func (e *educator) educatorByRole(ctx context.Context, m *discordgo.Message) bool {
	if ran, ok := e.liveThreads.Load(m.ChannelID); ok && ran == m.Author.ID {
		return true
	}
	if m.Member == nil || e.d.Guilds == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	s, err := e.d.Guilds.Get(ctx, m.GuildID)
	return err == nil && s.IsEducator(m.Member.Roles)
}
