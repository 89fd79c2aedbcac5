package discord

import (
	"bytes"
	"context"
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
	case "auto":
		gr = guild.RuleAuto
	case "clear":
		gr = guild.RuleNone
	default:
		return "The rule must be allow, deny, auto or clear."
	}
	if err := a.d.Guilds.SetChannel(ctx, r.I.GuildID, ch, gr); err != nil {
		return "Not changed: " + a.failed("channel rule not saved", err)
	}
	s, err := a.d.Guilds.Get(ctx, r.I.GuildID)
	if err != nil {
		return "Saved."
	}
	saved := map[string]string{
		"allow": "I answer in <#%s>", "deny": "I don't answer in <#%s>", "clear": "<#%s> has no rule of its own",
		"auto": "I answer every question in <#%s> without a mention — each in a thread of its own (a forum: each new post)",
	}[rule]
	return fmt.Sprintf("Saved: "+saved+".\n%s", ch, renderChannelRules(s))
}

// renderChannelRules describes where the bot answers.
func renderChannelRules(s guild.Settings) string {
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
	if len(auto) > 0 {
		fmt.Fprintf(&b, " Every question answered in: %s.", strings.Join(adminSorted(auto), ", "))
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
	err := r.callback(&discordgo.InteractionResponse{
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
