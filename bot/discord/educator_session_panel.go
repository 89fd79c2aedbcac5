package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

// renderPanel is a session's panel for its questions.
func renderPanel(sess session.Session, br knowledge.Briefing, qs []session.Question) string {
	var b strings.Builder
	fmt.Fprintf(&b, "🎙️ **Live Q&A: %s**\nOn *%s*", escapeMarkdown(neutralise(oneLine(sess.Title))), escapeMarkdown(oneLine(br.Title)))
	if br.Date != "" {
		fmt.Fprintf(&b, " (%s)", br.Date)
	}
	b.WriteString(".\n\n")
	if sess.Ended() {
		b.WriteString("This session has ended; its transcript is attached below.")
	} else {
		b.WriteString("Ask your questions here, one per message. Each joins the queue (similar questions are merged); **Upvote** the ones you want answered. Answers come from the briefing only, with their sources.")
		if sess.Approve {
			b.WriteString("\n-# An educator reviews every answer before it is posted.")
		}
	}
	b.WriteString("\n\n" + queueLines(qs, sess.Ended()))
	return truncateRunes(b.String(), contentBudget)
}

// queueLines counts the questions by where they are and names the one
// /session next would take.
func queueLines(qs []session.Question, ended bool) string {
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
		parts = append(parts, fmt.Sprintf("%d answered", posted), fmt.Sprintf("%d skipped", skipped))
		if waiting > 0 {
			parts = append(parts, fmt.Sprintf("%d not reached", waiting))
		}
		return "📊 **Final:** " + strings.Join(parts, " · ")
	}
	if len(qs) == 0 {
		return "📊 **Queue:** no questions yet."
	}
	w := fmt.Sprintf("%d waiting", waiting)
	if approved > 0 {
		w += fmt.Sprintf(" (%d approved)", approved)
	}
	parts = append(parts, w, fmt.Sprintf("%d answered", posted))
	if skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped", skipped))
	}
	s := "📊 **Queue:** " + strings.Join(parts, " · ")
	if next != nil {
		s += fmt.Sprintf("\n⬆️ Next up: **#%d** “%s” — %s", next.Seq,
			escapeMarkdown(neutralise(truncateRunes(oneLine(next.Text), 120))), eduVotes(next.Votes))
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
		Content: renderPanel(sess, br, nil), Flags: answerFlags, AllowedMentions: noMentions(), Components: []discordgo.MessageComponent{},
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
	content := renderPanel(sess, e.panelBriefing(sess.BriefingID), qs)
	_, err = e.b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
		ID: sess.PanelID, Channel: thread, Content: &content, Components: &[]discordgo.MessageComponent{},
		AllowedMentions: noMentions(), Flags: answerFlags,
	}, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	var limited *discordgo.RateLimitError
	switch {
	case errors.As(err, &limited) && !final:
		e.panels.touch(thread)
	case err != nil:
		e.b.log.Info("cannot edit the session panel", "thread", thread, "err", err)
	}
}
