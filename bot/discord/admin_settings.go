package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
)

// /admin channels, educators, limits, stats and export: the guild's settings
// and its report.

func (a *admin) channels(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	l := r.I.Locale
	if a.d.Guilds == nil {
		return tr(l, msgAdminUnavailable)
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
	case "auto":
		gr = guild.RuleAuto
	case "clear":
		gr = guild.RuleNone
	default:
		return tr(l, msgAdminBadRule)
	}
	// Rules do not pass from a category to its channels: a rule on one
	// would match nothing ("allow" would make an allow-list of no
	// channel). The picker still offers categories, so that a rule saved
	// on one before can be cleared, and voice channels, where allow and
	// deny work (members can mention the bot in their chat): the kind of
	// channel is checked here instead.
	if gr != guild.RuleNone {
		kind, ok := a.channelType(ctx, r, ch)
		if ok && kind == discordgo.ChannelTypeGuildCategory {
			return tr(l, msgAdminCategory)
		}
		if refusal, refused := autoRefusal(kind); ok && refused && gr == guild.RuleAuto {
			return tr(l, refusal, "<#"+ch+">")
		}
	}
	if err := a.d.Guilds.SetChannel(ctx, r.I.GuildID, ch, gr); err != nil {
		return tr(l, msgAdminNotChanged, a.failed(l, "channel rule not saved", err))
	}
	// An allow-list of a channel the bot cannot read silences it
	// everywhere, and auto there answers nothing. The rule stays (the
	// moderator may be fixing the permissions), but the moderator is
	// told; the resolved channel's permissions are the moderator's, so
	// the cache is asked.
	warning := ""
	if unseen, ok := map[guild.Rule]msg{guild.RuleAllow: msgAdminAllowUnseen, guild.RuleAuto: msgAdminAutoUnseen}[gr]; ok {
		if can, known := a.b.botCanAnswerIn(ch); known && !can {
			warning = "\n" + tr(l, unseen, "<#"+ch+">")
		}
	}
	s, err := a.d.Guilds.Get(ctx, r.I.GuildID)
	if err != nil {
		return tr(l, msgAdminSaved) + warning
	}
	saved := map[string]msg{"allow": msgAdminSavedAllow, "deny": msgAdminSavedDeny, "clear": msgAdminSavedClear, "auto": msgAdminSavedAuto}[rule]
	return tr(l, saved, "<#"+ch+">") + warning + "\n" + renderChannelRules(l, s)
}

// channelType is the kind of the channel picked: as the interaction
// resolved it (Discord always does), else as the gateway cache or one REST
// call says. ok is false when neither can say; the rule is then saved as
// it was before kinds were checked, rather than refused for a hiccup.
func (a *admin) channelType(ctx context.Context, r *Reply, id string) (kind discordgo.ChannelType, ok bool) {
	if data := r.I.ApplicationCommandData(); data.Resolved != nil {
		if c := data.Resolved.Channels[id]; c != nil {
			return c.Type, true
		}
	}
	if c := a.b.channel(ctx, id); c != nil {
		return c.Type, true
	}
	return 0, false
}

// autoRefusal is the text refusing "auto" on a channel of kind k, and
// whether it is refused. Auto answers each question in a thread opened
// from it, so it needs a channel whose messages can start threads (text
// and announcement channels), or one whose posts are threads (forums and
// media channels). A thread is refused: autoAnswer leaves an existing
// thread's messages alone (they may be chat), and a forum post's first
// message, the one it answers, is gone by the time a moderator can pick
// the post. Its parent takes the rule instead, and the thread inherits
// it. A voice or stage channel's chat has no threads, and other kinds have
// no messages.
func autoRefusal(k discordgo.ChannelType) (msg, bool) {
	switch k {
	case discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews,
		discordgo.ChannelTypeGuildForum, discordgo.ChannelTypeGuildMedia:
		return 0, false
	case discordgo.ChannelTypeGuildNewsThread, discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildPrivateThread:
		return msgAdminAutoThread, true
	case discordgo.ChannelTypeGuildVoice:
		return msgAdminAutoVoice, true
	case discordgo.ChannelTypeGuildStageVoice:
		return msgAdminAutoStage, true
	}
	return msgAdminAutoOther, true
}

// renderChannelRules describes where the bot answers, in l.
func renderChannelRules(l discordgo.Locale, s guild.Settings) string {
	var allow, deny, auto []string
	for id, r := range s.Channels {
		switch r {
		case guild.RuleAllow:
			allow = append(allow, "<#"+id+">")
		case guild.RuleAuto:
			auto = append(auto, "<#"+id+">")
		default:
			deny = append(deny, "<#"+id+">")
		}
	}
	var b strings.Builder
	switch {
	case len(allow) > 0:
		b.WriteString(tr(l, msgAdminOnlyIn, strings.Join(adminSorted(allow), ", ")))
		if len(deny) > 0 {
			b.WriteString(tr(l, msgAdminDenied, strings.Join(adminSorted(deny), ", ")))
		}
	case len(deny) > 0:
		b.WriteString(tr(l, msgAdminEveryExcept, strings.Join(adminSorted(deny), ", ")))
	default:
		b.WriteString(tr(l, msgAdminEveryChannel))
	}
	if len(auto) > 0 {
		b.WriteString(tr(l, msgAdminAutoIn, strings.Join(adminSorted(auto), ", ")))
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
	l := r.I.Locale
	if a.d.Guilds == nil {
		return tr(l, msgAdminUnavailable)
	}
	role, on := "", false
	if o := opts["role"]; o != nil {
		role, _ = o.Value.(string)
	}
	if o := opts["educator"]; o != nil {
		on = o.BoolValue()
	}
	if err := a.d.Guilds.SetEducatorRole(ctx, r.I.GuildID, role, on); err != nil {
		return tr(l, msgAdminNotChanged, a.failed(l, "educator role not saved", err))
	}
	s, err := a.d.Guilds.Get(ctx, r.I.GuildID)
	if err != nil {
		return tr(l, msgAdminSaved)
	}
	var roles []string
	for _, id := range s.EducatorRoles {
		roles = append(roles, "<@&"+id+">")
	}
	if len(roles) == 0 {
		return tr(l, msgAdminNoEducators)
	}
	return tr(l, msgAdminEducators, strings.Join(roles, ", "))
}

func (a *admin) limits(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) string {
	l := r.I.Locale
	if a.d.Guilds == nil {
		return tr(l, msgAdminUnavailable)
	}
	g := r.I.GuildID
	perMinute := func(n int64) state.Limit {
		if n == 0 {
			return state.Limit{}
		}
		return state.Limit{Rate: int(n), Burst: int(n), Period: time.Minute}
	}
	// Every setting given is saved in one write, all or none, so "Not
	// changed" is true of each of them.
	var c guild.LimitsChange
	var changed []string
	if o := opts["user_per_minute"]; o != nil {
		lim := perMinute(o.IntValue())
		c.User = &lim
		changed = append(changed, tr(l, msgAdminMemberLimit))
	}
	if o := opts["guild_per_minute"]; o != nil {
		lim := perMinute(o.IntValue())
		c.Guild = &lim
		changed = append(changed, tr(l, msgAdminServerLimit))
	}
	if o := opts["private"]; o != nil {
		p := o.BoolValue()
		c.Private = &p
		changed = append(changed, tr(l, msgAdminPrivateDefault))
	}
	if len(changed) > 0 {
		if err := a.d.Guilds.SetLimits(ctx, g, c); err != nil {
			return tr(l, msgAdminNotChanged, a.failed(l, "limits not saved", err))
		}
	}
	s, err := a.d.Guilds.Get(ctx, g)
	if err != nil {
		return tr(l, msgAdminSaved)
	}
	head := tr(l, msgAdminLimitsCurrent)
	if len(changed) > 0 {
		head = tr(l, msgAdminLimitsSaved, strings.Join(changed, ", "))
	}
	return tr(l, msgAdminLimits, head, adminLimitText(l, s.UserLimit), adminLimitText(l, s.GuildLimit), adminYesNo(l, s.PrivateByDefault))
}

// adminLimitText is a limit in loc; its period keeps Go's short form ("1m").
func adminLimitText(loc discordgo.Locale, l state.Limit) string {
	if l.Rate <= 0 {
		return tr(loc, msgAdminDefaultLimit)
	}
	return tr(loc, msgAdminPerPeriod, l.Rate, strings.TrimSuffix(strings.TrimSuffix(l.Period.String(), "0s"), "0m"))
}

func adminYesNo(l discordgo.Locale, b bool) string {
	if b {
		return tr(l, msgAdminYes)
	}
	return tr(l, msgAdminNo)
}

// period reads the period option; a period it refuses comes back as the
// moderator's line in l: in English the stats store's own text.
func adminPeriod(l discordgo.Locale, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) (stats.Period, string) {
	s := ""
	if o := opts["period"]; o != nil {
		s = o.StringValue()
	}
	p, err := stats.ParsePeriod(s)
	switch {
	case err == nil:
		return p, ""
	case lang(l) == english || !errors.Is(err, state.ErrInvalid):
		return p, adminErrText(l, err)
	}
	return p, tr(l, msgAdminBadPeriod, strings.ToLower(strings.TrimSpace(s)))
}

// report acknowledges first, as every slow /admin command does (slow):
// the question log may take a while with Redis struggling, and Discord
// gives the acknowledgement 3 s. Then it reads the period's report and
// shows what show makes of it.
func (a *admin) report(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption,
	show func(stats.Report, stats.Period) (string, []*discordgo.MessageEmbed, []*discordgo.File, error)) error {
	l := r.I.Locale
	if a.d.Stats == nil {
		return r.Respond(tr(l, msgAdminUnavailable), true, nil)
	}
	p, bad := adminPeriod(l, opts)
	if bad != "" {
		return r.Respond(bad, true, nil)
	}
	done, ok := a.b.begin()
	if !ok {
		return &UserError{Kind: KindRestarting}
	}
	defer done()
	if err := r.deferReport(); err != nil {
		a.b.logErr(r.I, "acknowledging /admin", err)
		return nil
	}
	var content string
	var embeds []*discordgo.MessageEmbed
	var files []*discordgo.File
	rep, err := a.d.Stats.Report(ctx, r.I.GuildID, p.Since(time.Now()))
	if err == nil {
		content, embeds, files, err = show(rep, p)
	}
	if err != nil {
		content, embeds, files = a.failed(l, "stats report failed", err), nil, nil
	}
	if err := r.editReport(content, embeds, files); err != nil {
		a.b.logErr(r.I, "answering /admin", redact(err, r.I.Token))
	}
	return nil
}

func (a *admin) stats(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) error {
	return a.report(ctx, r, opts, func(rep stats.Report, p stats.Period) (string, []*discordgo.MessageEmbed, []*discordgo.File, error) {
		return "", []*discordgo.MessageEmbed{statsEmbed(r.I.Locale, rep, p)}, nil, nil
	})
}

func (a *admin) export(ctx context.Context, r *Reply, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) error {
	return a.report(ctx, r, opts, func(rep stats.Report, p stats.Period) (string, []*discordgo.MessageEmbed, []*discordgo.File, error) {
		// UTF-8's byte order mark first: without it, Excel opens a .csv
		// in the system's code page, and questions in other scripts (日本の
		// 首相は？) show as mojibake. LibreOffice and Google Sheets skip
		// it; a script reading the file may have to (Python: utf-8-sig).
		var buf bytes.Buffer
		buf.WriteString("\uFEFF")
		if err := rep.CSV(&buf); err != nil {
			return "", nil, nil, err
		}
		name := "briefbot-stats-" + p.String() + ".csv"
		return tr(r.I.Locale, msgAdminExported, adminPeriodText(r.I.Locale, p), rep.Asked) + adminStatsFrom(r.I.Locale, rep), nil,
			[]*discordgo.File{{Name: name, ContentType: "text/csv; charset=utf-8", Reader: &buf}}, nil
	})
}

// adminStatsFrom is the line, in l, saying that the question log was full
// and the report starts later than its period (stats.Report.From); empty
// when the period is whole. Without it the newest questions alone were
// shown as "all time".
func adminStatsFrom(l discordgo.Locale, rep stats.Report) string {
	if rep.From.IsZero() {
		return ""
	}
	return "\n" + tr(l, msgAdminStatsFrom, rep.From.UTC().Format("2006-01-02 15:04")+" UTC")
}

func adminPeriodText(l discordgo.Locale, p stats.Period) string {
	if p.Duration() == 0 {
		return tr(l, msgAdminAllTime)
	}
	return tr(l, msgAdminLastPeriod, p.String())
}

// statsEmbed is the report as one compact embed in l, within Discord's
// limits (field values up to 1024 characters).
func statsEmbed(l discordgo.Locale, rep stats.Report, p stats.Period) *discordgo.MessageEmbed {
	groups := func(gs []stats.Group, n int) string {
		var lines []string
		for i, g := range gs {
			if i == n {
				break
			}
			line := fmt.Sprintf("%d× %s", g.Count, truncateRunes(oneLine(g.Question), 80))
			if len(g.Variants) > 0 {
				line += tr(l, msgAdminWordings, len(g.Variants))
			}
			lines = append(lines, asWritten(line))
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
		Title:       tr(l, msgAdminStatsTitle, adminPeriodText(l, p)),
		Description: tr(l, msgAdminStatsSummary, rep.Asked, rep.Askers, rep.Answered, rep.Refused, rep.Up, rep.Down) + adminStatsFrom(l, rep),
		Fields: []*discordgo.MessageEmbedField{
			{Name: tr(l, msgAdminTopQuestions), Value: groups(rep.Top, 5)},
			{Name: tr(l, msgAdminUncovered), Value: groups(rep.Uncovered, 5)},
			{Name: tr(l, msgAdminVotedDown), Value: groups(rep.Disliked, 3)},
			{Name: tr(l, msgAdminBusiest), Value: chanText},
		},
	}
}
