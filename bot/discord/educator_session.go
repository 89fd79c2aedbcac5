package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/session"
)

// Session custom ids: "ss:<action>:<thread id>:<question id>", action u
// (upvote), a (approve), e (edit), s (skip); "ssm:<thread>:<question>" is
// the edit modal.
const (
	prefixSession      = "ss:"
	prefixSessionModal = "ssm:"
)

func sessionCommandDef() *discordgo.ApplicationCommand {
	dm := false
	return &discordgo.ApplicationCommand{
		Name:         "session",
		Description:  "Run a live Q&A session on a briefing (educators)",
		DMPermission: &dm,
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "start", Description: "Open a Q&A thread here",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "title", Description: "Title of the session", Required: true, MaxLength: 90},
					{Type: discordgo.ApplicationCommandOptionString, Name: "briefing", Description: "Briefing id (default: the latest)", Autocomplete: true},
					{Type: discordgo.ApplicationCommandOptionBoolean, Name: "approve", Description: "Review each answer before it is posted"},
				}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "next", Description: "Post the top-voted question with its answer (in the session thread)"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "end", Description: "End the session: transcript, then lock the thread (in the session thread)"},
		},
	}
}

// runSession handles /session start|next|end; every one is for
// educators only, checked here whatever Discord's permissions say.
func (e *educator) runSession(ctx context.Context, r *Reply) error {
	opts := r.I.ApplicationCommandData().Options
	if len(opts) == 0 {
		return &UserError{Kind: KindUnknown}
	}
	if !e.isEducator(ctx, r.I) {
		return eduRefuse(r, notEducatorText)
	}
	switch opts[0].Name {
	case "start":
		return e.sessionStart(ctx, r, opts)
	case "next":
		return e.sessionNext(ctx, r)
	case "end":
		return e.sessionEnd(ctx, r)
	}
	return &UserError{Kind: KindUnknown}
}

func (e *educator) sessionStart(ctx context.Context, r *Reply, opts []*discordgo.ApplicationCommandInteractionDataOption) error {
	title := oneLine(eduString(opts, "title"))
	if title == "" {
		return eduRefuse(r, "Please give the session a title.")
	}
	br, ok := e.briefing(eduString(opts, "briefing"))
	if !ok {
		return eduRefuse(r, "I don't know that briefing — pick one from the list.")
	}
	approve := eduBool(opts, "approve")
	if err := r.Defer(true); err != nil {
		return err
	}
	th, err := e.b.s.ThreadStartComplex(r.I.ChannelID, &discordgo.ThreadStart{
		Name: threadName("Q&A: " + title), AutoArchiveDuration: 1440, Type: discordgo.ChannelTypeGuildPublicThread,
	})
	if err != nil {
		e.b.log.Info("cannot open a session thread", "channel", r.I.ChannelID, "err", err)
		return r.Edit("I can't open a thread here — run `/session start` in a text channel where I may create threads.", nil)
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	_, err = e.d.Sessions.Start(sctx, r.I.GuildID, th.ID, title, br.ID, approve, r.UserID())
	cancel()
	if err != nil {
		return err
	}
	var panel strings.Builder
	fmt.Fprintf(&panel, "🎙️ **Live Q&A: %s**\nOn *%s* (%s).\n\n", escapeMarkdown(neutralise(title)), escapeMarkdown(oneLine(br.Title)), br.Date)
	panel.WriteString("Ask your questions here, one per message. Each joins the queue (similar questions are merged); **Upvote** the ones you want answered. Answers come from the briefing only, with their sources.")
	if approve {
		panel.WriteString("\n-# An educator reviews every answer before it is posted.")
	}
	m, err := e.b.s.ChannelMessageSendComplex(th.ID, &discordgo.MessageSend{
		Content: panel.String(), Flags: answerFlags, AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{},
	})
	if err != nil {
		return err
	}
	if err := e.b.s.ChannelMessagePin(th.ID, m.ID); err != nil {
		e.b.log.Info("cannot pin the session panel", "thread", th.ID, "err", err)
	}
	return r.Edit(fmt.Sprintf("Session started in <#%s>. Use `/session next` there to post the top question, `/session end` to close it.", th.ID), nil)
}

// sessionIn returns the session of the thread the command ran in, or
// tells the user there is none.
func (e *educator) sessionIn(ctx context.Context, r *Reply) (session.Session, bool, error) {
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	sess, err := e.d.Sessions.Get(sctx, r.I.ChannelID)
	if errors.Is(err, session.ErrNotFound) {
		return sess, false, eduRefuse(r, "There is no session in this channel — run this in the session's thread.")
	}
	if err != nil {
		return sess, false, err
	}
	if sess.Ended() {
		return sess, false, eduRefuse(r, "This session has ended.")
	}
	return sess, true, nil
}

func (e *educator) sessionNext(ctx context.Context, r *Reply) error {
	sess, ok, err := e.sessionIn(ctx, r)
	if !ok {
		return err
	}
	if err := r.Defer(true); err != nil {
		return err
	}
	thread := sess.ThreadID
	for range 20 {
		sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
		q, ok, err := e.d.Sessions.Next(sctx, thread)
		cancel()
		if err != nil {
			return err
		}
		if !ok {
			return r.Edit("No questions waiting.", nil)
		}
		if q.Draft == nil {
			if q, err = e.draft(ctx, sess, q); err != nil {
				return err
			}
		}
		if sess.Approve && q.Status != session.StatusApproved {
			comps := reviewButtons(thread, q.ID)
			return r.Edit(renderReview(q), &comps)
		}
		sctx, cancel = context.WithTimeout(ctx, eduStoreTimeout)
		q, err = e.d.Sessions.MarkPosted(sctx, thread, q.ID)
		cancel()
		if errors.Is(err, session.ErrState) {
			continue // posted by someone else meanwhile: take the next
		}
		if err != nil {
			return err
		}
		for _, part := range splitContent(renderSessionAnswer(q), contentBudget) {
			if err := e.post(thread, part, nil); err != nil {
				return err
			}
		}
		return r.Edit(fmt.Sprintf("Posted question #%d.", q.Seq), nil)
	}
	return r.Edit("The queue keeps changing — try again.", nil)
}

// ask answers a session question through the question service, as a
// session draft.
func (e *educator) ask(ctx context.Context, sess session.Session, q session.Question) (answer.Answer, error) {
	asker := ""
	if len(q.Askers) > 0 {
		asker = q.Askers[0]
	}
	t, err := e.b.deps.Questions.Admit(ctx, asking.Question{
		Surface: asking.SurfaceSession, GuildID: sess.GuildID, ChannelID: sess.ThreadID, UserID: asker, Text: q.Text,
	})
	if err != nil {
		return answer.Answer{}, err
	}
	res, err := e.b.deps.Questions.Answer(ctx, t, nil)
	return res.Answer, err
}

// draft answers a question and stores the answer as its draft.
func (e *educator) draft(ctx context.Context, sess session.Session, q session.Question) (session.Question, error) {
	a, err := e.ask(ctx, sess, q)
	if err != nil {
		return q, err
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	return e.d.Sessions.SetDraft(sctx, sess.ThreadID, q.ID, a)
}

// draftIfNone drafts a question unless /session next drafted it first
// (and an educator maybe approved it) while the Answerer was at work.
func (e *educator) draftIfNone(ctx context.Context, sess session.Session, q session.Question) (session.Question, error) {
	a, err := e.ask(ctx, sess, q)
	if err != nil {
		return q, err
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	if cur, err := e.d.Sessions.Question(sctx, sess.ThreadID, q.ID); err == nil && cur.Draft != nil {
		return cur, nil
	}
	return e.d.Sessions.SetDraft(sctx, sess.ThreadID, q.ID, a)
}

func eduVotes(n int) string {
	if n == 1 {
		return "1 vote"
	}
	return fmt.Sprintf("%d votes", n)
}

// renderSessionAnswer is a posted question with its answer and sources.
func renderSessionAnswer(q session.Question) string {
	head := fmt.Sprintf("**Question #%d** · %s", q.Seq, eduVotes(q.Votes))
	if q.Edited {
		head += " · answer reviewed by the educator"
	}
	return head + "\n" + renderAnswer(q.Text, *q.Draft)
}

// renderReview is the educator's private view of a draft.
func renderReview(q session.Question) string {
	s := fmt.Sprintf("**Review — question #%d** (%s)\n%s", q.Seq, eduVotes(q.Votes), renderAnswer(q.Text, *q.Draft))
	s += "\n\n-# Approve it as it is, edit it, or skip the question; then `/session next` posts it."
	return truncateRunes(s, contentBudget)
}

func reviewButtons(thread, qid string) []discordgo.MessageComponent {
	id := func(a string) string { return prefixSession + a + ":" + thread + ":" + qid }
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Style: discordgo.SuccessButton, Label: "Approve", CustomID: id("a")},
		discordgo.Button{Style: discordgo.PrimaryButton, Label: "Edit", CustomID: id("e")},
		discordgo.Button{Style: discordgo.SecondaryButton, Label: "Skip", CustomID: id("s")},
	}}}
}

func upvoteButton(thread, qid string) []discordgo.MessageComponent {
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Style: discordgo.SecondaryButton, Label: "Upvote", Emoji: &discordgo.ComponentEmoji{Name: "⬆️"},
			CustomID: prefixSession + "u:" + thread + ":" + qid},
	}}}
}

func (e *educator) sessionEnd(ctx context.Context, r *Reply) error {
	sess, ok, err := e.sessionIn(ctx, r)
	if !ok {
		return err
	}
	if err := r.Defer(true); err != nil {
		return err
	}
	thread := sess.ThreadID
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	if _, err := e.d.Sessions.End(sctx, thread); err != nil {
		return err
	}
	md, err := e.d.Sessions.Transcript(sctx, thread)
	if err != nil {
		return err
	}
	_, err = e.b.s.ChannelMessageSendComplex(thread, &discordgo.MessageSend{
		Content:         "🏁 **Session ended.** The transcript is attached: every question, its answer and sources, and what the briefing did not cover.",
		Flags:           answerFlags,
		AllowedMentions: noMentions(),
		Components:      []discordgo.MessageComponent{},
		Files:           []*discordgo.File{{Name: "transcript.md", ContentType: "text/markdown", Reader: strings.NewReader(md)}},
	})
	if err != nil {
		return err
	}
	if err := r.Edit("Session ended; transcript posted, thread locked.", nil); err != nil {
		e.b.logErr(r.I, "session end reply", err)
	}
	yes := true
	if _, err := e.b.s.ChannelEditComplex(thread, &discordgo.ChannelEdit{Locked: &yes, Archived: &yes}); err != nil {
		e.b.log.Warn("cannot lock the session thread", "thread", thread, "err", err)
	}
	return nil
}

// onSessionMessage queues members' messages in a session thread. Other
// messages are left to the bot's normal handling.
func (e *educator) onSessionMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	b := e.b
	m := mc.Message
	me := b.botUserID()
	if m == nil || m.Author == nil || m.Author.Bot || m.Author.ID == me || m.WebhookID != "" || m.GuildID == "" || me == "" {
		return
	}
	text := strings.TrimSpace(stripMention(m.Content, me))
	if text == "" || b.isClosing() {
		return
	}
	// Sessions live in threads: a channel the gateway state knows as not a
	// thread is skipped without a Redis call.
	if ch, err := b.s.State.Channel(m.ChannelID); err == nil && ch != nil && !ch.IsThread() {
		return
	}
	ctx := b.work
	sctx, cancel := context.WithTimeout(ctx, preAckTimeout)
	sess, err := e.d.Sessions.Get(sctx, m.ChannelID)
	cancel()
	if err != nil || sess.Ended() {
		if err != nil && !errors.Is(err, session.ErrNotFound) {
			b.log.Warn("session lookup unavailable", "channel", m.ChannelID, "err", err)
		}
		return
	}
	if !b.first(ctx, "session-message:"+m.ID) {
		return
	}
	done, ok := b.begin()
	if !ok {
		return
	}
	defer done()
	sctx, cancel = context.WithTimeout(ctx, eduStoreTimeout)
	q, merged, err := e.d.Sessions.Add(sctx, sess.ThreadID, m.Author.ID, text)
	cancel()
	switch {
	case errors.Is(err, session.ErrInvalid):
		e.reply(m, "That is too long for a question — please keep it short.", nil)
		return
	case errors.Is(err, session.ErrEnded):
		return
	case err != nil:
		b.log.Warn("cannot queue a session question", "thread", sess.ThreadID, "err", err)
		e.reply(m, (&UserError{Kind: KindInternal}).Text(), nil)
		return
	}
	if merged {
		e.reply(m, fmt.Sprintf("➕ Same as question #%d — “%s” — now %s.", q.Seq, neutralise(truncateRunes(oneLine(q.Text), 200)), eduVotes(q.Votes)), upvoteButton(sess.ThreadID, q.ID))
		return
	}
	e.reply(m, fmt.Sprintf("📥 Queued as question #%d. Upvote it if you want it answered too.", q.Seq), upvoteButton(sess.ThreadID, q.ID))
	var refusal *asking.Refusal
	if _, err := e.draftIfNone(ctx, sess, q); errors.As(err, &refusal) && refusal.Reason == asking.Busy {
		return // drafted later, at /session next
	} else if err != nil {
		b.log.Warn("session draft failed; it will be drafted at /session next", "thread", sess.ThreadID, "question", q.ID, "err", err)
	}
}

func (e *educator) reply(m *discordgo.Message, text string, comps []discordgo.MessageComponent) {
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	_, err := e.b.s.ChannelMessageSendComplex(m.ChannelID, &discordgo.MessageSend{
		Content: text, Components: comps, Flags: answerFlags, AllowedMentions: noMentions(), Reference: reference(m),
	})
	if err != nil {
		e.b.log.Warn("cannot post in the session thread", "thread", m.ChannelID, "err", err)
	}
}

// onSessionButton handles upvotes (anyone) and Approve / Edit / Skip
// (educators).
func (e *educator) onSessionButton(ctx context.Context, r *Reply, id string) error {
	parts := strings.Split(strings.TrimPrefix(id, prefixSession), ":")
	if len(parts) != 3 {
		return &UserError{Kind: KindUnknown}
	}
	action, thread, qid := parts[0], parts[1], parts[2]
	if action != "u" && !e.isEducator(ctx, r.I) {
		return eduRefuse(r, notEducatorText)
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	if err := e.sameGuild(sctx, r, thread); err != nil {
		return err
	}
	var err error
	var q session.Question
	switch action {
	case "u":
		n, added, err := e.d.Sessions.Upvote(sctx, thread, qid, r.UserID())
		if err != nil {
			return e.sessionErr(r, err)
		}
		if !added {
			return eduRefuse(r, fmt.Sprintf("You have already asked or upvoted this question (%s).", eduVotes(n)))
		}
		return r.Respond(fmt.Sprintf("⬆️ Upvoted — %s.", eduVotes(n)), true, nil)
	case "a":
		if q, err = e.d.Sessions.Approve(sctx, thread, qid); err != nil {
			return e.sessionErr(r, err)
		}
		return r.Respond(fmt.Sprintf("✅ Approved question #%d — `/session next` posts it.", q.Seq), true, nil)
	case "s":
		if q, err = e.d.Sessions.Skip(sctx, thread, qid); err != nil {
			return e.sessionErr(r, err)
		}
		return r.Respond(fmt.Sprintf("⏭️ Skipped question #%d.", q.Seq), true, nil)
	case "e":
		if q, err = e.d.Sessions.Question(sctx, thread, qid); err != nil {
			return e.sessionErr(r, err)
		}
		if q.Draft == nil {
			return eduRefuse(r, "That question has no draft yet.")
		}
		return e.b.s.InteractionRespond(r.I, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseModal,
			Data: &discordgo.InteractionResponseData{
				CustomID: prefixSessionModal + thread + ":" + qid,
				Title:    truncateRunes(fmt.Sprintf("Edit the answer to #%d", q.Seq), 45),
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.TextInput{CustomID: "text", Label: "Answer (keep the [n] markers)", Style: discordgo.TextInputParagraph,
						Value: truncateRunes(q.Draft.Text, 4000), Required: true, MaxLength: 4000},
				}}},
			},
		})
	}
	return &UserError{Kind: KindUnknown}
}

// sessionErr tells the user what a session store error means.
func (e *educator) sessionErr(r *Reply, err error) error {
	switch {
	case errors.Is(err, session.ErrEnded):
		return eduRefuse(r, "This session has ended.")
	case errors.Is(err, session.ErrNotFound):
		return eduRefuse(r, "That question is gone.")
	case errors.Is(err, session.ErrState):
		return eduRefuse(r, "That question has already been posted or skipped.")
	case errors.Is(err, session.ErrCitations), errors.Is(err, session.ErrInvalid):
		msg := err.Error()
		msg = strings.TrimPrefix(msg, "session: edit: ")
		msg = strings.TrimSuffix(msg, ": "+session.ErrCitations.Error())
		msg = strings.TrimSuffix(msg, ": "+session.ErrInvalid.Error())
		return eduRefuse(r, "That edit was not saved: "+msg+".")
	}
	return err
}

// onModalSubmit handles the educator's edited answer. Modal submits do not
// go through the command router, so this is its own handler.
func (e *educator) onModalSubmit(_ *discordgo.Session, ev *discordgo.InteractionCreate) {
	i := ev.Interaction
	if i.Type != discordgo.InteractionModalSubmit {
		return
	}
	data := i.ModalSubmitData()
	if !strings.HasPrefix(data.CustomID, prefixSessionModal) {
		return
	}
	b := e.b
	r := &Reply{b: b, I: i}
	if b.isClosing() {
		b.fail(r, &UserError{Kind: KindRestarting})
		return
	}
	ctx := b.work
	if !b.first(ctx, "interaction:"+i.ID) {
		return
	}
	if err := e.onEdit(ctx, r, data); err != nil {
		b.fail(r, err)
	}
}

func (e *educator) onEdit(ctx context.Context, r *Reply, data discordgo.ModalSubmitInteractionData) error {
	if !e.isEducator(ctx, r.I) {
		return eduRefuse(r, notEducatorText)
	}
	parts := strings.Split(strings.TrimPrefix(data.CustomID, prefixSessionModal), ":")
	if len(parts) != 2 {
		return &UserError{Kind: KindUnknown}
	}
	text := ""
	for _, row := range data.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if ti, ok := c.(*discordgo.TextInput); ok && ti.CustomID == "text" {
					text = ti.Value
				}
			}
		}
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	if err := e.sameGuild(sctx, r, parts[0]); err != nil {
		return err
	}
	q, err := e.d.Sessions.Edit(sctx, parts[0], parts[1], text)
	if err != nil {
		return e.sessionErr(r, err)
	}
	return r.Respond(fmt.Sprintf("✏️ Edited and approved question #%d — `/session next` posts it.\n\n%s", q.Seq, truncateRunes(renderAnswer("", *q.Draft), 1500)), true, nil)
}

// sameGuild refuses a button or modal naming a session of another guild:
// an educator here is not one there.
func (e *educator) sameGuild(ctx context.Context, r *Reply, thread string) error {
	sess, err := e.d.Sessions.Get(ctx, thread)
	if errors.Is(err, session.ErrNotFound) || (err == nil && sess.GuildID != r.I.GuildID) {
		return &UserError{Kind: KindUnknown}
	}
	return err
}
