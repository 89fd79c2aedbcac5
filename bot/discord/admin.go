package discord

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/knowledge"
)

// Permission bits /admin needs: Manage Server, or Administrator.
const adminPerms = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// approvedMark goes under an answer the moderators approved.
const approvedMark = "✅ Approved by this server's moderators"

// admin holds the /admin dependencies.
type admin struct {
	b *Bot
	d AdminDeps
}

// addAdmin adds the /admin command.
func (b *Bot) addAdmin(d AdminDeps) {
	if d.CheckSet == nil {
		dir := d.KnowledgeDir
		d.CheckSet = func(id string) (string, []byte, bool, error) { return knowledge.CheckSet(dir, id) }
	}
	if d.Download == nil {
		d.Download = httpDownloader{}
	}
	a := &admin{b: b, d: d}
	b.AddCommand(&Command{Def: localized(adminDef()), Run: a.run, Autocomplete: a.autocomplete})
	if d.Guilds != nil {
		b.on(a.onChannelDelete)
		b.on(a.onThreadDelete)
		b.on(a.onGuildCreate)
	}
	if d.Approved != nil && d.Asker != nil {
		a.addApproveAnswer()
	}
}

// minPage is the first page of a listing.
var minPage = 1.0

func adminDef() *discordgo.ApplicationCommand {
	perms := int64(discordgo.PermissionManageGuild)
	str := func(name, desc string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required}
	}
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
	}
	minRate, maxRate := 0.0, float64(guild.MaxRate)
	rate := func(name, desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: name, Description: desc, MinValue: &minRate, MaxValue: maxRate}
	}
	removeID := str("id", "The briefing's id", true)
	removeID.Autocomplete = true
	return &discordgo.ApplicationCommand{
		Name: "admin", Description: "Moderators: briefings, channels, limits, stats, approved answers",
		DefaultMemberPermissions: &perms, Contexts: guildOnly(), IntegrationTypes: guildInstall(),
		Options: []*discordgo.ApplicationCommandOption{
			sub("briefings", "List the briefings the bot knows"),
			sub("briefing-add", "Add a briefing from an .md or .txt file",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "The briefing (.md with front matter, or .txt)", Required: true},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "replace", Description: "Replace an added briefing with the same id"}),
			sub("briefing-remove", "Remove an added briefing", removeID),
			sub("reindex", "Read the briefing files again"),
			sub("channels", "Allow or deny the bot in a channel, thread or forum, or have it answer every question there",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "The channel, thread or forum", Required: true},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "rule", Description: "allow, deny, answer every question, or clear", Required: true,
					Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "allow", Value: "allow"}, {Name: "deny", Value: "deny"},
						{Name: "answer every question (no mention needed)", Value: "auto"}, {Name: "clear", Value: "clear"}}}),
			sub("limits", "Questions per minute and private answers",
				rate("user_per_minute", "Questions each member may ask per minute (0 = default)"),
				rate("guild_per_minute", "Questions the server may ask per minute (0 = default)"),
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", Description: "Answers visible to the asker only by default"}),
			sub("educators", "Give or take a role's educator rights (sessions, quizzes)",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionRole, Name: "role", Description: "The role", Required: true},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "educator", Description: "true gives, false takes", Required: true}),
			sub("stats", "Questions, answers, votes and gaps", str("period", "24h, 7d, 30d, 2w or all (default 7d)", false)),
			sub("export", "The stats as a CSV file", str("period", "24h, 7d, 30d, 2w or all (default 7d)", false)),
			sub("eval", "Run the grounding check on every briefing"),
			sub("approve", "Approve the bot's answer to a question, optionally edited",
				str("question", "The question", true), str("text", "Edited answer text, with [n] citation markers", false)),
			sub("approved", "List the approved answers, suspended ones included",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "page", Description: "Which page of 25 (default 1)", MinValue: &minPage}),
			sub("review", "Lift or drop a suspended approval", str("id", "The approval id", true),
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "approve", Description: "true lifts the suspension, false deletes the approval", Required: true}),
		},
	}
}

// A rule on a channel or thread that is then deleted could never be
// cleared: Discord's channel picker offers no deleted channel. An "allow"
// left on one kept the allow-list, so the bot stayed silent in every other
// channel for good. The rule goes with the channel.
func (a *admin) onChannelDelete(_ *discordgo.Session, e *discordgo.ChannelDelete) {
	if e.Channel != nil {
		a.forgetChannel(e.GuildID, e.ID)
	}
}

func (a *admin) onThreadDelete(_ *discordgo.Session, e *discordgo.ThreadDelete) {
	if e.Channel != nil {
		a.forgetChannel(e.GuildID, e.ID)
	}
}

// A channel deleted while the bot was offline sends it no CHANNEL_DELETE,
// so its rule would stay for good. GUILD_CREATE, on every connection,
// lists the guild's channels, but of its threads only the active ones: an
// archived thread is not listed and still there. So a rule on an id it
// does not list goes only once Discord says the channel is gone (Unknown
// Channel), which is true of a deleted thread as of a deleted channel.
// An unavailable guild (an outage) lists no channels: nothing can be told
// from it, and nothing is cleared.
func (a *admin) onGuildCreate(_ *discordgo.Session, e *discordgo.GuildCreate) {
	if e.Guild == nil || e.ID == "" || e.Unavailable || len(e.Channels) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), pruneRulesTimeout)
	defer cancel()
	s, err := a.d.Guilds.Get(ctx, e.ID)
	if err != nil {
		a.b.log.Warn("guild available: its channel rules not checked", "guild", e.ID, "err", err)
		return
	}
	listed := map[string]bool{}
	for _, c := range e.Channels {
		listed[c.ID] = true
	}
	for _, c := range e.Threads {
		listed[c.ID] = true
	}
	looked := 0
	for id := range s.Channels {
		if listed[id] {
			continue
		}
		if looked == maxRuleLookups {
			a.b.log.Warn("guild available: more unlisted channels with rules than are looked up at once; the rest are looked up at the next connection",
				"guild", e.ID, "looked_up", looked)
			break
		}
		looked++
		if a.channelGone(ctx, id) {
			a.forgetChannel(e.ID, id)
		}
	}
}

const (
	// pruneRulesTimeout bounds checking a guild's rules on GUILD_CREATE.
	pruneRulesTimeout = time.Minute
	// maxRuleLookups bounds the REST calls one GUILD_CREATE makes: rules
	// are set by hand, so a guild has few, and every archived thread with
	// one is looked up on every connection.
	maxRuleLookups = 25
)

// channelGone reports whether Discord says channelID no longer exists.
// Any other answer (the channel, no access to it, an error) keeps its
// rule: a rule wrongly cleared would change where the bot answers.
func (a *admin) channelGone(ctx context.Context, channelID string) bool {
	_, err := a.b.s.Channel(channelID, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusNotFound &&
		re.Message != nil && re.Message.Code == discordgo.ErrCodeUnknownChannel
}

// forgetChannelTimeout bounds clearing a deleted channel's rule.
const forgetChannelTimeout = 5 * time.Second

func (a *admin) forgetChannel(guildID, channelID string) {
	if guildID == "" || channelID == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), forgetChannelTimeout)
	defer cancel()
	s, err := a.d.Guilds.Get(ctx, guildID)
	if err != nil {
		a.b.log.Warn("channel deleted: its rule not checked", "guild", guildID, "channel", channelID, "err", err)
		return
	}
	if _, ok := s.Channels[channelID]; !ok {
		return
	}
	if err := a.d.Guilds.SetChannel(ctx, guildID, channelID, guild.RuleNone); err != nil {
		a.b.log.Warn("channel deleted: its rule not cleared", "guild", guildID, "channel", channelID, "err", err)
		return
	}
	a.b.log.Info("channel deleted: its rule cleared", "guild", guildID, "channel", channelID, "rule", string(s.Channels[channelID]))
}

// sub returns the invoked subcommand and its options by name.
func adminSub(r *Reply) (string, map[string]*discordgo.ApplicationCommandInteractionDataOption) {
	opts := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	data := r.I.ApplicationCommandData()
	if len(data.Options) == 0 {
		return "", opts
	}
	s := data.Options[0]
	for _, o := range s.Options {
		opts[o.Name] = o
	}
	return s.Name, opts
}

// libraryCommands change what every server is answered from, or spend
// the model on the whole library: only LibraryGuilds may run them.
var libraryCommands = map[string]bool{"briefing-add": true, "briefing-remove": true, "reindex": true, "eval": true}

// changesLibrary reports whether moderators of guildID may change the
// briefings (Config.LibraryGuilds).
func (b *Bot) changesLibrary(guildID string) bool {
	if guildID == "" {
		return false
	}
	if len(b.cfg.LibraryGuilds) == 0 {
		return guildID == b.cfg.GuildID
	}
	return slices.Contains(b.cfg.LibraryGuilds, guildID)
}

// isModerator reports whether the member who interacted may use /admin.
func isModerator(i *discordgo.Interaction) bool {
	return i.Member != nil && i.Member.Permissions&adminPerms != 0
}

const (
	// refusedText is msgAdminRefused's English: a member who runs /admin
	// is told in their language that it is for moderators.
	refusedText = "Only moderators (Manage Server) can use `/admin`."
	// unavailableText is msgAdminUnavailable's English. The moderators'
	// own replies are in their language too (r.I.Locale).
	unavailableText = "That isn't available on this bot."
)

func (a *admin) run(ctx context.Context, r *Reply) error {
	if !isModerator(r.I) {
		return r.Respond(tr(r.I.Locale, msgAdminRefused), true, nil) // a member's: in their language
	}
	name, opts := adminSub(r)
	if libraryCommands[name] && !a.b.changesLibrary(r.I.GuildID) {
		return r.Respond(tr(r.I.Locale, msgAdminLibraryElsewhere), true, nil)
	}
	switch name {
	case "briefings":
		return a.briefings(r)
	case "briefing-add":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.add(ctx, r, opts) })
	case "briefing-remove":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.remove(ctx, r.I.Locale, r.I.GuildID, opts) })
	case "reindex":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.reindex(ctx, r.I.Locale, r.I.GuildID) })
	case "channels":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.channels(ctx, r, opts) })
	case "limits":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.limits(ctx, r, opts) })
	case "educators":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.educators(ctx, r, opts) })
	case "stats":
		return a.stats(ctx, r, opts)
	case "export":
		return a.export(ctx, r, opts)
	case "eval":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.eval(ctx, r.I.Locale) })
	case "approve":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.approve(ctx, r, opts) })
	case "approved":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.listApproved(ctx, r, opts) })
	case "review":
		return a.slow(ctx, r, func(ctx context.Context) string { return a.review(ctx, r, opts) })
	}
	return &UserError{Kind: KindUnknown}
}

// slow defers the reply ephemerally, runs f and shows its text, split to
// Discord's limits.
func (a *admin) slow(ctx context.Context, r *Reply, f func(context.Context) string) error {
	done, ok := a.b.begin()
	if !ok {
		return &UserError{Kind: KindRestarting}
	}
	defer done()
	if err := r.Defer(true); err != nil {
		a.b.logErr(r.I, "acknowledging /admin", err)
		return nil
	}
	parts := splitContent(f(ctx), contentBudget)
	if err := r.Edit(parts[0], &[]discordgo.MessageComponent{}); err != nil {
		a.b.logErr(r.I, "answering /admin", redact(err, r.I.Token))
		return nil
	}
	for _, p := range parts[1:] {
		if err := r.Followup(p, nil); err != nil {
			a.b.logErr(r.I, "answering /admin", redact(err, r.I.Token))
			return nil
		}
	}
	return nil
}

// corpus is the current corpus: the library's, else the engine's view.
func (a *admin) corpus() knowledge.Corpus {
	if a.d.Library != nil {
		return a.d.Library.Corpus()
	}
	var c knowledge.Corpus
	if kb := a.b.deps.Questions.Knowledge(); kb != nil {
		c.Version, c.Briefings = kb.Version, kb.Briefings
	}
	return c
}
