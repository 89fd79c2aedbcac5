package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/eval"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
)

// Downloader fetches an attachment's bytes from Discord's CDN.
type Downloader interface {
	Download(ctx context.Context, url string, size int) ([]byte, error)
}

// Bounds on a downloaded attachment.
const (
	maxDownloadBytes = library.MaxUploadBytes
	downloadTimeout  = 15 * time.Second
)

var errTooLarge = errors.New("attachment too large")

// httpDownloader downloads with a timeout and a size cap.
type httpDownloader struct{ client *http.Client }

var downloadClient = &http.Client{Timeout: downloadTimeout}

func (d httpDownloader) Download(ctx context.Context, url string, size int) ([]byte, error) {
	if size > maxDownloadBytes {
		return nil, errTooLarge
	}
	c := d.client
	if c == nil {
		c = downloadClient
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxDownloadBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxDownloadBytes {
		return nil, errTooLarge
	}
	return data, nil
}

// isLibraryErr reports errors of the library a moderator can act on.
func isLibraryErr(err error) bool {
	for _, e := range []error{library.ErrNoDir, library.ErrEmbedded, library.ErrUnknown, library.ErrDuplicate, library.ErrBadName, library.ErrTooLarge} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

func (a *admin) channels(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Guilds == nil {
		return unavailableText
	}
	ch, rule := "", ""
	if o := opts["channel"]; o != nil {
		ch, _ = o.Value.(string)
	}
	if o := opts["rule"]; o != nil {
		rule = o.StringValue()
	}
	var gr guild.Rule
	switch rule {
	case "allow":
		gr = guild.RuleAllow
	case "deny":
		gr = guild.RuleDeny
	case "clear":
		gr = guild.RuleNone
	default:
		return "The rule must be allow, deny or clear."
	}
	if err := a.d.Guilds.SetChannel(ctx, r.I.GuildID, ch, gr); err != nil {
		return "Not changed: " + a.failed("channel rule not saved", err)
	}
	s, err := a.d.Guilds.Get(ctx, r.I.GuildID)
	if err != nil {
		return "Saved."
	}
	return fmt.Sprintf("Saved: %s in <#%s>.\n%s", map[string]string{"allow": "I answer", "deny": "I don't answer", "clear": "no rule of its own"}[rule], ch, renderChannelRules(s))
}

// renderChannelRules describes where the bot answers.
func renderChannelRules(s guild.Settings) string {
	var allow, deny []string
	for id, r := range s.Channels {
		if r == guild.RuleAllow {
			allow = append(allow, "<#"+id+">")
		} else {
			deny = append(deny, "<#"+id+">")
		}
	}
	var b strings.Builder
	switch {
	case len(allow) > 0:
		fmt.Fprintf(&b, "I answer only in: %s.", strings.Join(adminSorted(allow), ", "))
	default:
		b.WriteString("I answer in every channel")
		if len(deny) == 0 {
			b.WriteString(".")
		}
	}
	if len(deny) > 0 {
		if len(allow) > 0 {
			b.WriteString(" Denied: ")
		} else {
			b.WriteString(" except: ")
		}
		fmt.Fprintf(&b, "%s.", strings.Join(adminSorted(deny), ", "))
	}
	return b.String()
}

func adminSorted(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func (a *admin) educators(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Guilds == nil {
		return unavailableText
	}
	role, on := "", false
	if o := opts["role"]; o != nil {
		role, _ = o.Value.(string)
	}
	if o := opts["educator"]; o != nil {
		on = o.BoolValue()
	}
	if err := a.d.Guilds.SetEducatorRole(ctx, r.I.GuildID, role, on); err != nil {
		return "Not changed: " + a.failed("educator role not saved", err)
	}
	s, err := a.d.Guilds.Get(ctx, r.I.GuildID)
	if err != nil {
		return "Saved."
	}
	var roles []string
	for _, id := range s.EducatorRoles {
		roles = append(roles, "<@&"+id+">")
	}
	if len(roles) == 0 {
		return "Saved. Only members with Manage Server can run sessions and quizzes."
	}
	return "Saved. Educators: " + strings.Join(roles, ", ") + " (and anyone with Manage Server)."
}

func (a *admin) limits(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	if a.d.Guilds == nil {
		return unavailableText
	}
	g := r.I.GuildID
	perMinute := func(n int64) state.Limit {
		if n == 0 {
			return state.Limit{}
		}
		return state.Limit{Rate: int(n), Burst: int(n), Period: time.Minute}
	}
	var changed []string
	if o := opts["user_per_minute"]; o != nil {
		if err := a.d.Guilds.SetUserLimit(ctx, g, perMinute(o.IntValue())); err != nil {
			return "Not changed: " + a.failed("limits not saved", err)
		}
		changed = append(changed, "member limit")
	}
	if o := opts["guild_per_minute"]; o != nil {
		if err := a.d.Guilds.SetGuildLimit(ctx, g, perMinute(o.IntValue())); err != nil {
			return "Not changed: " + a.failed("limits not saved", err)
		}
		changed = append(changed, "server limit")
	}
	if o := opts["private"]; o != nil {
		if err := a.d.Guilds.SetPrivateByDefault(ctx, g, o.BoolValue()); err != nil {
			return "Not changed: " + a.failed("limits not saved", err)
		}
		changed = append(changed, "private default")
	}
	s, err := a.d.Guilds.Get(ctx, g)
	if err != nil {
		return "Saved."
	}
	head := "Current settings"
	if len(changed) > 0 {
		head = "Saved " + strings.Join(changed, ", ")
	}
	return fmt.Sprintf("%s:\n• per member: %s\n• per server: %s\n• answers private by default: %s",
		head, adminLimitText(s.UserLimit), adminLimitText(s.GuildLimit), adminYesNo(s.PrivateByDefault))
}

func adminLimitText(l state.Limit) string {
	if l.Rate <= 0 {
		return "the bot's default"
	}
	return fmt.Sprintf("%d per %s", l.Rate, strings.TrimSuffix(strings.TrimSuffix(l.Period.String(), "0s"), "0m"))
}

func adminYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// period reads the period option.
func adminPeriod(opts map[string]*discordgo.ApplicationCommandInteractionDataOption) (stats.Period, error) {
	s := ""
	if o := opts["period"]; o != nil {
		s = o.StringValue()
	}
	return stats.ParsePeriod(s)
}

// respondRich answers ephemerally with embeds or files (Reply.Respond
// suppresses embeds, which suits answers, not reports).
func (a *admin) respondRich(r *Reply, content string, embeds []*discordgo.MessageEmbed, files []*discordgo.File) error {
	err := a.b.s.InteractionRespond(r.I, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content: content, Embeds: embeds, Files: files, Flags: discordgo.MessageFlagsEphemeral,
			Components: []discordgo.MessageComponent{}, AllowedMentions: noMentions(),
		},
	})
	if err == nil {
		r.mu.Lock()
		r.acked, r.ephemeral = true, true
		r.mu.Unlock()
	}
	return err
}

func (a *admin) report(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) (stats.Report, stats.Period, string) {
	if a.d.Stats == nil {
		return stats.Report{}, stats.Period{}, unavailableText
	}
	p, err := adminPeriod(opts)
	if err != nil {
		return stats.Report{}, p, adminErrText(err)
	}
	rep, err := a.d.Stats.Report(ctx, r.I.GuildID, p.Since(time.Now()))
	if err != nil {
		return rep, p, a.failed("stats report failed", err)
	}
	return rep, p, ""
}

func (a *admin) stats(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) error {
	rep, p, msg := a.report(ctx, r, opts)
	if msg != "" {
		return r.Respond(msg, true, nil)
	}
	return a.respondRich(r, "", []*discordgo.MessageEmbed{statsEmbed(rep, p)}, nil)
}

func (a *admin) export(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) error {
	rep, p, msg := a.report(ctx, r, opts)
	if msg != "" {
		return r.Respond(msg, true, nil)
	}
	var buf bytes.Buffer
	if err := rep.CSV(&buf); err != nil {
		return err
	}
	name := "briefbot-stats-" + p.String() + ".csv"
	return a.respondRich(r, fmt.Sprintf("Stats for %s (%d questions).", adminPeriodText(p), rep.Asked), nil,
		[]*discordgo.File{{Name: name, ContentType: "text/csv", Reader: &buf}})
}

func adminPeriodText(p stats.Period) string {
	if p.Duration() == 0 {
		return "all time"
	}
	return "the last " + p.String()
}

// statsEmbed is the report as one compact embed, within Discord's limits
// (field values up to 1024 characters).
func statsEmbed(rep stats.Report, p stats.Period) *discordgo.MessageEmbed {
	groups := func(gs []stats.Group, n int) string {
		var lines []string
		for i, g := range gs {
			if i == n {
				break
			}
			line := fmt.Sprintf("%d× %s", g.Count, truncateRunes(oneLine(g.Question), 80))
			if len(g.Variants) > 0 {
				line += fmt.Sprintf(" (+%d wording(s))", len(g.Variants))
			}
			lines = append(lines, escapeMarkdown(line))
		}
		if len(lines) == 0 {
			return "—"
		}
		return truncateRunes(strings.Join(lines, "\n"), 1000)
	}
	var chans []string
	for i, c := range rep.Channels {
		if i == 5 {
			break
		}
		chans = append(chans, fmt.Sprintf("<#%s> %d", c.Key, c.N))
	}
	chanText := "—"
	if len(chans) > 0 {
		chanText = strings.Join(chans, "\n")
	}
	return &discordgo.MessageEmbed{
		Title:       "Questions — " + adminPeriodText(p),
		Description: fmt.Sprintf("**%d** asked by %d member(s) · **%d** answered · **%d** not covered · 👍 %d 👎 %d", rep.Asked, rep.Askers, rep.Answered, rep.Refused, rep.Up, rep.Down),
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Top questions", Value: groups(rep.Top, 5)},
			{Name: "Not covered by the briefings", Value: groups(rep.Uncovered, 5)},
			{Name: "Voted down", Value: groups(rep.Disliked, 3)},
			{Name: "Busiest channels", Value: chanText},
		},
	}
}

// evalTimeout bounds a whole grounding check.
const evalTimeout = 3 * time.Minute

func (a *admin) eval(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, evalTimeout)
	defer cancel()
	// One answer slot for the whole run: the check asks one question at a
	// time and must not crowd out the members.
	release, err := a.b.deps.Questions.Hold(ctx)
	if err != nil {
		return userText(err)
	}
	defer release()
	var rows []eval.CheckRow
	var notes []string
	for _, br := range a.corpus().Briefings {
		name, data, ok, err := a.d.CheckSet(br.ID)
		if err != nil {
			notes = append(notes, fmt.Sprintf("`%s`: the check set cannot be read", br.ID))
			continue
		}
		if !ok {
			notes = append(notes, fmt.Sprintf("`%s`: no check set (add %s.eval.jsonl beside it)", br.ID, br.ID))
			continue
		}
		qs, err := eval.Read(adminBaseName(name), bytes.NewReader(data))
		if err != nil {
			notes = append(notes, fmt.Sprintf("`%s`: %s", br.ID, stripPrefix(strings.TrimPrefix(err.Error(), "eval: "))))
			continue
		}
		rows = append(rows, eval.Check(ctx, a.d.Asker, qs)...)
	}
	return renderEval(rows, notes)
}

func adminBaseName(p string) string {
	p = strings.TrimPrefix(p, "embedded:")
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// renderEval is the pass/fail table in a code block, failures first when
// it must be cut.
func renderEval(rows []eval.CheckRow, notes []string) string {
	var b strings.Builder
	if len(rows) > 0 {
		fmt.Fprintf(&b, "**Grounding check: %d/%d passed**\n```\n", eval.Passed(rows), len(rows))
		ordered := make([]eval.CheckRow, 0, len(rows))
		for _, r := range rows {
			if !r.Pass {
				ordered = append(ordered, r)
			}
		}
		for _, r := range rows {
			if r.Pass {
				ordered = append(ordered, r)
			}
		}
		const budget = 1500
		w := 2
		for _, r := range rows {
			w = max(w, min(len([]rune(r.ID)), 14))
		}
		n := 0
		for _, r := range ordered {
			mark := "PASS"
			if !r.Pass {
				mark = "FAIL"
			}
			want := "refuse"
			if r.Want != "refuse" {
				want = "cite"
			}
			line := fmt.Sprintf("%s %-*s %-6s %-14s %s\n", mark, w, truncateRunes(r.ID, 14), want,
				truncateRunes(strings.ReplaceAll(oneLine(r.Got), "`", "'"), 14), truncateRunes(strings.ReplaceAll(oneLine(r.Question), "`", "'"), 44))
			if b.Len()+len(line) > budget {
				break
			}
			b.WriteString(line)
			n++
		}
		if n < len(ordered) {
			fmt.Fprintf(&b, "… %d more passed\n", len(ordered)-n)
		}
		b.WriteString("```")
	} else {
		b.WriteString("No grounding-check questions to run.")
	}
	for _, n := range notes {
		b.WriteString("\n" + n)
	}
	return b.String()
}

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
	var b strings.Builder
	fmt.Fprintf(&b, "**%d approved answer(s)**\n", len(es))
	for _, e := range es {
		status := "served"
		if e.Suspended {
			status = "⚠️ suspended: " + e.Reason
		}
		fmt.Fprintf(&b, "• #%s “%s” — %s · <@%s> %s\n", e.ID, escapeMarkdown(truncateRunes(oneLine(e.Question), 100)),
			truncateRunes(status, 200), e.By, e.At.Format(time.DateOnly))
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
