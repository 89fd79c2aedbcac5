package discord

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge"
)

// The session panel is the message pinned at the top of a session's
// thread: what the session is about, how to take part, and where its
// queue stands. It is edited as the queue changes (questions queued,
// upvoted, approved, posted or skipped), at most once per
// EducatorDeps.PanelInterval for each session (see coalescer), and a last
// time when the session ends. Its message id is kept with the session, so
// any bot process, before or after a restart, can edit it.

// renderPanel is a session's panel for its questions, in loc (the
// guild's: everyone reads it).
func renderPanel(loc discordgo.Locale, sess session.Session, br knowledge.Briefing, qs []session.Question) string {
	var b strings.Builder
	title, about := escapeMarkdown(neutralise(oneLine(sess.Title))), titleText(br.Title)
	if br.Date != "" {
		b.WriteString(tr(loc, msgPanelTitleDated, title, about, br.Date))
	} else {
		b.WriteString(tr(loc, msgPanelTitle, title, about))
	}
	b.WriteString("\n\n")
	if sess.Ended() {
		b.WriteString(tr(loc, msgPanelEndedNote))
	} else {
		b.WriteString(tr(loc, msgPanelHowTo))
		if sess.Approve {
			b.WriteString("\n" + tr(loc, msgPanelApprove))
		}
	}
	b.WriteString("\n\n" + queueLines(loc, qs, sess.Ended()))
	return truncateRunes(b.String(), contentBudget)
}

// queueLines counts the questions by where they are and names the one
// /session next would take.
func queueLines(loc discordgo.Locale, qs []session.Question, ended bool) string {
	var waiting, approved, posted, skipped int
	var next *session.Question
	for i, q := range qs {
		switch q.Status {
		case session.StatusPosted:
			posted++
			continue
		case session.StatusSkipped:
			skipped++
			continue
		case session.StatusWithdrawn:
			continue // its askers deleted it: not counted anywhere
		case session.StatusApproved:
			approved++
		}
		waiting++
		if next == nil || q.Votes > next.Votes || (q.Votes == next.Votes && q.Seq < next.Seq) {
			next = &qs[i]
		}
	}
	parts := []string{}
	if ended {
		parts = append(parts, tr(loc, msgCountAnswered, posted), tr(loc, msgCountSkipped, skipped))
		if waiting > 0 {
			parts = append(parts, tr(loc, msgCountNotReached, waiting))
		}
		return tr(loc, msgPanelFinal, strings.Join(parts, " · "))
	}
	if len(qs) == 0 {
		return tr(loc, msgPanelEmpty)
	}
	w := tr(loc, msgCountWaiting, waiting)
	if approved > 0 {
		w += tr(loc, msgCountApproved, approved)
	}
	parts = append(parts, w, tr(loc, msgCountAnswered, posted))
	if skipped > 0 {
		parts = append(parts, tr(loc, msgCountSkipped, skipped))
	}
	s := tr(loc, msgPanelQueue, strings.Join(parts, " · "))
	if next != nil {
		s += "\n" + tr(loc, msgPanelNext, next.Seq,
			escapeMarkdown(neutralise(truncateRunes(oneLine(next.Text), 120))), eduVotes(loc, next.Votes))
	}
	return s
}

// panelBriefing is the session's briefing, or a stand-in naming its id
// when it is no longer known.
func (e *educator) panelBriefing(id string) knowledge.Briefing {
	if id != "" {
		if br, ok := e.briefing(id); ok {
			return br
		}
	}
	return knowledge.Briefing{ID: id, Title: id}
}

// postPanel posts and pins a new session's panel and records it with the
// session.
func (e *educator) postPanel(ctx context.Context, sess session.Session, br knowledge.Briefing) error {
	m, err := e.b.s.ChannelMessageSendComplex(sess.ThreadID, &discordgo.MessageSend{
		Content: renderPanel(e.b.guildLocale(sess.GuildID), sess, br, nil), Flags: answerFlags, AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{},
	})
	if err != nil {
		return err
	}
	if err := e.b.s.ChannelMessagePin(sess.ThreadID, m.ID); err != nil {
		e.b.log.Info("cannot pin the session panel", "thread", sess.ThreadID, "err", err)
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	if _, err := e.d.Sessions.SetPanel(sctx, sess.ThreadID, m.ID); err != nil {
		e.b.log.Warn("session panel not recorded; its counts will not update", "thread", sess.ThreadID, "err", err)
	}
	return nil
}

// panelChanged says a session's queue changed: its panel is edited soon.
func (e *educator) panelChanged(thread string) {
	if e.panels != nil {
		e.panels.touch(thread)
	}
}

// finalPanel edits an ending session's panel now, after any edit in
// progress, so that it is the last edit.
func (e *educator) finalPanel(thread string) {
	if e.panels != nil {
		e.panels.flush(thread, func(thread string) { e.updatePanel(thread, true) })
	}
}

// refreshPanel is the coalescer's update of a running session's panel.
func (e *educator) refreshPanel(thread string) { e.updatePanel(thread, false) }

// updatePanel edits the panel to the session's current counts. A
// session that has ended is edited only by its final update. A rate
// limited edit is not waited out but tried again an interval later.
func (e *educator) updatePanel(thread string, final bool) {
	done, ok := e.b.begin()
	if !ok {
		return
	}
	defer done()
	ctx, cancel := context.WithTimeout(e.b.work, eduStoreTimeout)
	defer cancel()
	sess, err := e.d.Sessions.Get(ctx, thread)
	if err != nil {
		e.b.log.Warn("session panel not updated", "thread", thread, "err", err)
		return
	}
	if sess.PanelID == "" || (sess.Ended() && !final) {
		return
	}
	qs, err := e.d.Sessions.Questions(ctx, thread)
	if err != nil {
		e.b.log.Warn("session panel not updated", "thread", thread, "err", err)
		return
	}
	content := renderPanel(e.b.guildLocale(sess.GuildID), sess, e.panelBriefing(sess.BriefingID), qs)
	edit := func(ctx context.Context, opts ...discordgo.RequestOption) error {
		_, err := e.b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
			ID: sess.PanelID, Channel: thread, Content: &content, Components: &[]discordgo.MessageComponent{},
			AllowedMentions: noMentions(), Flags: answerFlags,
		}, append([]discordgo.RequestOption{discordgo.WithContext(ctx)}, opts...)...)
		return err
	}
	if final {
		// No later edit follows this one: a 429 or a 5xx left the
		// locked thread's panel showing a live queue. Tried again,
		// Retry-After waited out, before the thread is locked (an
		// archived thread's messages cannot be edited), within
		// finalPanelWithin.
		fctx, fcancel := context.WithTimeout(e.b.work, finalPanelWithin)
		defer fcancel()
		err = retryServerErrors(fctx, func() error {
			return waitOutRateLimits(fctx, func(opts ...discordgo.RequestOption) error { return edit(fctx, opts...) })
		})
		if err != nil {
			e.b.log.Warn("cannot edit the ended session's panel to its final counts", "thread", thread, "err", err)
		}
		return
	}
	err = edit(ctx, discordgo.WithRetryOnRatelimit(false))
	var limited *discordgo.RateLimitError
	switch {
	case errors.As(err, &limited):
		e.panels.touch(thread)
	case err != nil:
		e.b.log.Info("cannot edit the session panel", "thread", thread, "err", err)
	}
}

// finalPanelWithin bounds the tries of an ending session's last panel
// edit: /session end waits for it (deferred, with minutes to answer), and
// locks the thread after it.
const finalPanelWithin = 15 * time.Second
