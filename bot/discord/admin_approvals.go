package discord

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
)

func (a *admin) approve(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Approved == nil {
		return unavailableText
	}
	q, text := "", ""
	if o := opts["question"]; o != nil {
		q = strings.TrimSpace(o.StringValue())
	}
	if o := opts["text"]; o != nil {
		text = strings.TrimSpace(o.StringValue())
	}
	return a.approveText(ctx, r, q, text)
}

// approveText approves a fresh answer to q in the moderator's guild, its
// text replaced by text when that is not empty: /admin approve and the
// Approve button's form both come here, so both get the same citation
// check and the same replies.
func (a *admin) approveText(ctx context.Context, r *Reply, q, text string) string {
	if a.d.Approved == nil || a.d.Asker == nil {
		return unavailableText
	}
	release, err := a.b.deps.Questions.Hold(ctx)
	if err != nil {
		return userText(err)
	}
	ans, err := a.d.Asker.Ask(ctx, answerRequest(q), nil)
	release()
	if err != nil {
		return "I couldn't answer that question: " + userText(err)
	}
	if ans.Refused {
		return "The briefings don't cover that question, so there is no answer to approve."
	}
	e, err := a.d.Approved.Approve(ctx, r.I.GuildID, q, ans, text, r.UserID())
	if err != nil {
		return "Not approved: " + a.failed("answer not approved", err)
	}
	return fmt.Sprintf("Approved #%s for “%s”. Equal and near-equal questions now get this answer without a model call:\n%s",
		e.ID, escapeMarkdown(truncateRunes(oneLine(q), 200)), truncateRunes(renderApprovedText(e), 1400))
}

// renderApprovedText is an entry's text and its citations, compactly.
func renderApprovedText(e approved.Entry) string {
	var b strings.Builder
	b.WriteString("> " + strings.ReplaceAll(e.Answer.Text, "\n", "\n> "))
	for _, c := range e.Answer.Citations {
		fmt.Fprintf(&b, "\n-# [%d] %s ¶%d", c.N, escapeMarkdown(oneLine(c.Briefing)), c.Paragraph)
	}
	return b.String()
}

// maxListedApprovals is how many approvals /admin approved lists.
const maxListedApprovals = 25

func (a *admin) listApproved(ctx context.Context, r *Reply) string {
	if a.d.Approved == nil {
		return unavailableText
	}
	es, err := a.d.Approved.List(ctx, r.I.GuildID)
	if err != nil {
		return a.failed("approved answers not listed", err)
	}
	if len(es) == 0 {
		return "No approved answers yet. Approve one with `/admin approve`."
	}
	// Suspended ones first (they wait for a moderator), then the newest:
	// a long list is cut, not sent as a string of follow-ups.
	shown := slices.Clone(es)
	slices.Reverse(shown)
	slices.SortStableFunc(shown, func(x, y approved.Entry) int {
		switch {
		case x.Suspended == y.Suspended:
			return 0
		case x.Suspended:
			return -1
		}
		return 1
	})
	more := len(shown) - maxListedApprovals
	shown = shown[:min(len(shown), maxListedApprovals)]
	var b strings.Builder
	fmt.Fprintf(&b, "**%d approved answer(s)**\n", len(es))
	for _, e := range shown {
		status := "served"
		if e.Suspended {
			status = "⚠️ suspended: " + e.Reason
		}
		fmt.Fprintf(&b, "• #%s “%s” — %s · <@%s> %s\n", e.ID, escapeMarkdown(truncateRunes(oneLine(e.Question), 100)),
			truncateRunes(status, 200), e.By, e.At.Format(time.DateOnly))
	}
	if more > 0 {
		fmt.Fprintf(&b, "…and %d older served one(s), not shown.\n", more)
	}
	return strings.TrimSpace(b.String())
}

func (a *admin) review(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Approved == nil {
		return unavailableText
	}
	id, ok := "", false
	if o := opts["id"]; o != nil {
		id = strings.TrimPrefix(strings.TrimSpace(o.StringValue()), "#")
	}
	if o := opts["approve"]; o != nil {
		ok = o.BoolValue()
	}
	e, err := a.d.Approved.Review(ctx, r.I.GuildID, id, ok)
	if err != nil {
		return "Not changed: " + a.failed("review not saved", err)
	}
	if !ok {
		return fmt.Sprintf("Removed approved answer #%s (“%s”).", e.ID, escapeMarkdown(truncateRunes(oneLine(e.Question), 100)))
	}
	return fmt.Sprintf("Approved answer #%s is served again (knowledge version `%s`).", e.ID, adminVersion(e.KnowledgeVersion))
}

// answerRequest asks without a guild, so the engine writes a fresh answer
// rather than serving an approved one.
func answerRequest(q string) answer.Request { return answer.Request{Question: q} }
