package discord

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
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
	// lookups is the paced queue of GUILD_CREATE's channel lookups.
	lookups ruleLookups
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
		a.forgetChannel(a.b.work, e.GuildID, e.ID)
	}
}

func (a *admin) onThreadDelete(_ *discordgo.Session, e *discordgo.ThreadDelete) {
	if e.Channel != nil {
		a.forgetChannel(a.b.work, e.GuildID, e.ID)
	}
}

// A channel deleted while the bot was offline sends it no CHANNEL_DELETE,
// so its rule would stay for good. GUILD_CREATE, on every connection,
// lists the guild's channels, but of its threads only the active ones: an
// archived thread is not listed and still there. So a rule on an id it
// does not list goes only once Discord says the channel is gone (Unknown
// Channel), which is true of a deleted thread as of a deleted channel.
// An unavailable guild (an outage) lists no channels: nothing can be told
// from it, and nothing is cleared. The lookups themselves go through the
// process's one paced queue (lookUpRules).
func (a *admin) onGuildCreate(s *discordgo.Session, e *discordgo.GuildCreate) {
	defer a.b.survive("a guild's channel rules")
	guildID, listed := guildCreateListed(s, e)
	if listed == nil {
		return
	}
	// Registered, so that shutdown waits for the store read rather than
	// cutting it, and nothing new starts once it has begun.
	done, ok := a.b.begin()
	if !ok {
		return
	}
	defer done()
	ctx, cancel := context.WithTimeout(a.b.work, guildRulesTimeout)
	defer cancel()
	set, err := a.d.Guilds.Get(ctx, guildID)
	if err != nil {
		a.b.log.Warn("guild available: its channel rules not checked", "guild", guildID, "err", err)
		return
	}
	var unlisted []string
	for id := range set.Channels {
		if !listed[id] {
			unlisted = append(unlisted, id)
		}
	}
	if len(unlisted) == 0 {
		return
	}
	slices.Sort(unlisted) // the same ones left for the next connection each time
	if left := a.lookups.add(guildID, unlisted, time.Now()); left > 0 {
		a.b.log.Warn("guild available: more unlisted channels with rules than are looked up at once; the rest are looked up at the next connection",
			"guild", guildID, "left", left)
	}
	a.lookups.start.Do(func() { go a.lookUpRules() })
}

// guildCreateListed is the guild's id and the ids of the channels and
// threads its GUILD_CREATE lists; nil when it lists nothing to go by (an
// unavailable guild). discordgo's State keeps the event's Guild and its
// slices as its own and changes them in place as channels come and go
// (and fills in a second GUILD_CREATE's missing lists from the first), so
// they are read under the State's read lock and copied.
func guildCreateListed(s *discordgo.Session, e *discordgo.GuildCreate) (string, map[string]bool) {
	if e == nil || e.Guild == nil {
		return "", nil
	}
	if s != nil && s.State != nil {
		s.State.RLock()
		defer s.State.RUnlock()
	}
	if e.ID == "" || e.Unavailable || len(e.Channels) == 0 {
		return "", nil
	}
	listed := make(map[string]bool, len(e.Channels)+len(e.Threads))
	for _, c := range e.Channels {
		if c != nil {
			listed[c.ID] = true
		}
	}
	for _, c := range e.Threads {
		if c != nil {
			listed[c.ID] = true
		}
	}
	return e.ID, listed
}

const (
	// guildRulesTimeout bounds reading a guild's rules on GUILD_CREATE.
	guildRulesTimeout = 10 * time.Second
	// maxRuleLookups bounds the lookups one GUILD_CREATE queues: rules
	// are set by hand, so a guild has few.
	maxRuleLookups = 25
	// ruleLookupEvery paces the lookups of the whole process: at a
	// connection every guild's GUILD_CREATE arrives at once, and a bot in
	// thousands of servers would otherwise send their lookups together.
	ruleLookupEvery = 250 * time.Millisecond
	// ruleLookupTimeout bounds one lookup; the queue waits for it.
	ruleLookupTimeout = 5 * time.Second
	// ruleLookupMemory is how long an answer that will not change soon
	// (the channel is there, or the bot may not see it) is remembered, so
	// that a reconnection does not ask again: a 403 counts toward
	// Discord's limit of 10,000 invalid requests per 10 minutes.
	ruleLookupMemory = 24 * time.Hour
	// maxKnownChannels bounds what is remembered; past it the expired
	// answers go, then all of them.
	maxKnownChannels = 100_000
)

// ruleLookup is a channel with a rule that its guild's GUILD_CREATE did
// not list.
type ruleLookup struct{ guildID, channelID string }

// ruleLookups is the process's queue of lookups (one per admin, so per
// Bot), worked by one goroutine (lookUpRules), and what it learnt.
type ruleLookups struct {
	start   sync.Once
	mu      sync.Mutex
	wake    chan struct{}        // a token when pending gets one
	pending []ruleLookup         // oldest first
	queued  map[string]bool      // channel ids pending or being looked up
	known   map[string]time.Time // channel id → when found there or forbidden
}

// init makes l's channel and maps; l.mu held.
func (l *ruleLookups) init() {
	if l.wake == nil {
		l.wake = make(chan struct{}, 1)
		l.queued = map[string]bool{}
		l.known = map[string]time.Time{}
	}
}

// add queues up to maxRuleLookups of ids, leaving out those queued
// already or answered within ruleLookupMemory, and returns how many it
// left for later.
func (l *ruleLookups) add(guildID string, ids []string, now time.Time) (left int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.init()
	added := 0
	for _, id := range ids {
		if at, ok := l.known[id]; l.queued[id] || ok && now.Sub(at) < ruleLookupMemory {
			continue
		}
		if added == maxRuleLookups {
			left++
			continue
		}
		added++
		l.queued[id] = true
		l.pending = append(l.pending, ruleLookup{guildID, id})
	}
	if added > 0 {
		select {
		case l.wake <- struct{}{}:
		default:
		}
	}
	return left
}

// next is the oldest lookup queued, waiting for one; false once ctx ends.
func (l *ruleLookups) next(ctx context.Context) (ruleLookup, bool) {
	for {
		l.mu.Lock()
		l.init()
		wake := l.wake
		if len(l.pending) > 0 {
			job := l.pending[0]
			l.pending = slices.Delete(l.pending, 0, 1)
			l.mu.Unlock()
			return job, true
		}
		l.mu.Unlock()
		select {
		case <-ctx.Done():
			return ruleLookup{}, false
		case <-wake:
		}
	}
}

// looked records that channelID was looked up; settled, that the answer
// is remembered.
func (l *ruleLookups) looked(channelID string, settled bool, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.queued, channelID)
	if !settled {
		return
	}
	if len(l.known) >= maxKnownChannels {
		for id, at := range l.known {
			if now.Sub(at) >= ruleLookupMemory {
				delete(l.known, id)
			}
		}
		if len(l.known) >= maxKnownChannels {
			clear(l.known)
		}
	}
	l.known[channelID] = now
}

// lookUpRules works the queue: one lookup at a time, at most one per
// ruleLookupEvery, each registered as work so that shutdown waits for it,
// and none once shutdown has begun. It ends with the bot's work context.
func (a *admin) lookUpRules() {
	var last time.Time
	for {
		job, ok := a.lookups.next(a.b.work)
		if !ok {
			return
		}
		if wait := time.Until(last.Add(ruleLookupEvery)); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-a.b.work.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
		done, ok := a.b.begin()
		if !ok {
			return
		}
		last = time.Now()
		settled := a.lookUpRule(job)
		a.lookups.looked(job.channelID, settled, time.Now())
		done()
	}
}

// lookUpRule asks Discord about a channel with a rule that its guild did
// not list, and clears the rule if the channel is gone. settled reports an
// answer worth remembering: the channel is there, or the bot may not see
// it. An error (a 5xx, a 429, a timeout) is not: the channel is looked up
// again at the next connection.
func (a *admin) lookUpRule(job ruleLookup) (settled bool) {
	defer a.b.survive("a channel rule's lookup")
	ctx, cancel := context.WithTimeout(a.b.work, ruleLookupTimeout)
	defer cancel()
	// No retry on a 429: discordgo would sleep it out without looking at
	// ctx, holding up the queue; the channel is looked up next time.
	_, err := a.b.s.Channel(job.channelID, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	switch {
	case err == nil:
		return true
	case channelGone(err):
		a.forgetChannel(a.b.work, job.guildID, job.channelID)
		return false
	case restStatus(err) == http.StatusForbidden:
		a.b.log.Info("guild available: the bot may not see a channel with a rule; its rule stays, and it is not looked up again for a day",
			"guild", job.guildID, "channel", job.channelID)
		return true
	}
	a.b.log.Warn("guild available: a channel with a rule could not be looked up; its rule stays",
		"guild", job.guildID, "channel", job.channelID, "err", err)
	return false
}

// channelGone reports whether err, from looking a channel up, says it no
// longer exists. Any other answer (the channel, no access to it, an
// error) keeps its rule: a rule wrongly cleared would change where the
// bot answers.
func channelGone(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusNotFound &&
		re.Message != nil && re.Message.Code == discordgo.ErrCodeUnknownChannel
}

// forgetChannelTimeout bounds clearing a deleted channel's rule.
const forgetChannelTimeout = 5 * time.Second

func (a *admin) forgetChannel(ctx context.Context, guildID, channelID string) {
	if guildID == "" || channelID == "" {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, forgetChannelTimeout)
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
