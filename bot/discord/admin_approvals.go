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
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/knowledge"
)

func (a *admin) approve(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Approved == nil {
		return tr(r.I.Locale, msgAdminUnavailable)
	}
	q, text := "", ""
	if o := opts["question"]; o != nil {
		q = strings.TrimSpace(o.StringValue())
	}
	if o := opts["text"]; o != nil {
		text = strings.TrimSpace(o.StringValue())
	}
	return a.approveText(ctx, r, q, text, nil)
}

// approveText approves an answer to q in the moderator's guild, its text
// replaced by text when that is not empty: /admin approve and the
// Approve button's form both come here, so both get the same citation
// check and the same replies, in the moderator's language. The answer is
// shown, when the form's answer can be rebuilt as it was shown (its
// record names its passages, of the knowledge in use): the moderator's
// markers then name the passages they saw. Otherwise it is a fresh one.
func (a *admin) approveText(ctx context.Context, r *Reply, q, text string, shown *asking.AnswerRecord) string {
	l := r.I.Locale
	if a.d.Approved == nil || a.d.Asker == nil {
		return tr(l, msgAdminUnavailable)
	}
	ans, ok := a.asShown(shown)
	if !ok {
		release, err := a.b.deps.Questions.Hold(ctx)
		if err != nil {
			return localText(l, err)
		}
		ans, err = a.d.Asker.Ask(ctx, answerRequest(q), nil)
		release()
		if err != nil {
			return tr(l, msgAdminCannotAnswer, localText(l, err))
		}
	}
	if ans.Refused {
		return tr(l, msgAdminNotCovered)
	}
	e, err := a.d.Approved.Approve(ctx, r.I.GuildID, q, ans, text, r.UserID())
	if err != nil {
		return tr(l, msgAdminNotApproved, a.failed(l, "answer not approved", err))
	}
	done := tr(l, msgAdminApproved, e.ID, asWritten(truncateRunes(oneLine(q), 200)), truncateRunes(renderApprovedText(e), 1400))
	// The briefings may have changed while the answer was written: the
	// change's re-check of the approvals then ran before this one was
	// saved, and it would stay on the old knowledge, listed as served and
	// never served (only the current version's are). It is re-checked
	// now, as that change's re-check would have done: carried over, or
	// suspended (and said so) if a passage it cites changed.
	if c := a.corpus(); c.Version != "" && e.KnowledgeVersion != c.Version {
		done += a.revalidated(ctx, l, r.I.GuildID, c)
	}
	return done
}

// asShown rebuilds the answer a record keeps, with its citations from
// the knowledge in use; ok is false when it cannot (no record, a record
// kept before passages were, or one of another knowledge version).
func (a *admin) asShown(rec *asking.AnswerRecord) (answer.Answer, bool) {
	kb := a.b.deps.Questions.Knowledge()
	if rec == nil || len(rec.ChunkIDs) == 0 || kb == nil || kb.Version != rec.KnowledgeVersion {
		return answer.Answer{}, false
	}
	ans := answer.Answer{Text: rec.Text, KnowledgeVersion: rec.KnowledgeVersion}
	for i, id := range rec.ChunkIDs {
		j := slices.IndexFunc(kb.Chunks, func(c knowledge.Chunk) bool { return c.ID == id })
		if j < 0 {
			return answer.Answer{}, false
		}
		c := kb.Chunks[j]
		ans.Citations = append(ans.Citations, answer.Citation{N: i + 1, Briefing: c.Title, Paragraph: c.Paragraph, ChunkID: c.ID, Quote: c.Text})
	}
	return ans, true
}

// renderApprovedText is an entry's text and its citations, compactly.
func renderApprovedText(e approved.Entry) string {
	var b strings.Builder
	b.WriteString("> " + strings.ReplaceAll(e.Answer.Text, "\n", "\n> "))
	for _, c := range e.Answer.Citations {
		fmt.Fprintf(&b, "\n-# [%d] %s ¶%d", c.N, titleText(c.Briefing), c.Paragraph)
	}
	return b.String()
}

// maxListedApprovals is how many approvals /admin approved lists.
const maxListedApprovals = 25

func (a *admin) listApproved(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	l := r.I.Locale
	if a.d.Approved == nil {
		return tr(l, msgAdminUnavailable)
	}
	es, err := a.d.Approved.List(ctx, r.I.GuildID)
	if err != nil {
		return a.failed(l, "approved answers not listed", err)
	}
	if len(es) == 0 {
		return tr(l, msgAdminNoApprovals)
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
	// A server keeps up to 500: every one of them can be reached, page by
	// page, to be reviewed or dropped (a page past the last shows the
	// last).
	pages := (len(shown) + maxListedApprovals - 1) / maxListedApprovals
	page := 1
	if o := opts["page"]; o != nil {
		page = int(min(max(o.IntValue(), 1), int64(pages)))
	}
	shown = shown[(page-1)*maxListedApprovals : min(len(shown), page*maxListedApprovals)]
	var b strings.Builder
	b.WriteString(tr(l, msgAdminApprovalsHead, len(es)) + "\n")
	for _, e := range shown {
		status := tr(l, msgAdminServed)
		if e.Suspended {
			// why: as the store says it, briefing titles and all; cut
			// before it is escaped, never inside an escape.
			status = tr(l, msgAdminSuspended, asWritten(truncateRunes(oneLine(e.Reason), 185)))
		}
		fmt.Fprintf(&b, "• #%s “%s” — %s · <@%s> %s\n", e.ID, asWritten(truncateRunes(oneLine(e.Question), 100)),
			status, e.By, e.At.Format(time.DateOnly))
	}
	switch {
	case page < pages:
		b.WriteString(tr(l, msgAdminApprovalsPage, page, pages, page+1) + "\n")
	case pages > 1:
		b.WriteString(tr(l, msgAdminApprovalsLastPage, page, pages) + "\n")
	}
	return strings.TrimSpace(b.String())
}

func (a *admin) review(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	l := r.I.Locale
	if a.d.Approved == nil {
		return tr(l, msgAdminUnavailable)
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
		return tr(l, msgAdminNotChanged, a.failed(l, "review not saved", err))
	}
	if !ok {
		return tr(l, msgAdminApprovalRemoved, e.ID, asWritten(truncateRunes(oneLine(e.Question), 100)))
	}
	return tr(l, msgAdminServedAgain, e.ID, adminVersion(e.KnowledgeVersion))
}

// answerRequest asks without a guild, so the engine writes a fresh answer
// rather than serving an approved one.
func answerRequest(q string) answer.Request { return answer.Request{Question: q} }
