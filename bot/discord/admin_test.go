package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/eval"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/knowledge/search"
	"github.com/briefbot/briefbot/knowledge/store"
)

// The stores satisfy the interfaces /admin consumes.
var (
	_ asking.Guilds   = (*guild.Store)(nil)
	_ asking.Recorder = (*stats.Store)(nil)
	_ AdminLibrary    = (*library.Library)(nil)
	_ AdminGuilds     = (*guild.Store)(nil)
	_ StatsReporter   = (*stats.Store)(nil)
	_ Approvals       = (*approved.Store)(nil)
	_ Asker           = (*answer.Engine)(nil)
	_ Downloader      = httpDownloader{}
)

// moon is a briefing a moderator uploads; the embedded one knows nothing
// of the Moon.
const moon = `---
id: moon-base
title: A base on the Moon
date: 2025-01-02
---

The lunar base will house twelve astronauts from 2031, according to the space agency.

Construction of the base near the Shackleton crater starts in 2028.
`

const moonQ = "How many astronauts will the lunar base house?"

// modes is an Answerer that records the mode of every answer it gives.
type modes struct {
	inner asking.Answerer
	mu    sync.Mutex
	got   []answer.Mode
}

func (m *modes) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	a, err := m.inner.Ask(ctx, req, onDelta)
	m.mu.Lock()
	m.got = append(m.got, a.Mode)
	m.mu.Unlock()
	return a, err
}

func (m *modes) Knowledge() *answer.Knowledge { return m.inner.Knowledge() }

func (m *modes) list() []answer.Mode {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]answer.Mode(nil), m.got...)
}

// adminEnv is a bot with /admin over real stores: a library in dir,
// guild settings, stats and approvals in Redis.
type adminEnv struct {
	*harness
	dir       string
	lib       *library.Library
	guilds    *guild.Store
	stats     *stats.Store
	statsHold heldStats // e.stats as /admin reads it; a test may hold its reads
	approvals *approved.Store
	engine    *answer.Engine // the members'
	asker     *answer.Engine // the moderators'
	modes     *modes
}

func indexKnowledge(c knowledge.Corpus) *answer.Knowledge {
	return &answer.Knowledge{
		Version: c.Version, Briefings: c.Briefings, Chunks: c.Chunks,
		Retriever: search.New(c.Chunks, search.WithExpander(search.NewLexiconExpander(lexicon.Default()))),
	}
}

// startAdmin is start (harness_test.go) with the moderators' stores and
// /admin enabled before Run.
func startAdmin(t *testing.T, dir string, engineOpts ...answer.Option) *adminEnv {
	t.Helper()
	e := &adminEnv{harness: &harness{t: t, srv: discordtest.New(t), guild: discordtest.DefaultGuildID, log: &syncBuffer{}}, dir: dir}
	h := e.harness
	h.rds = redistest.Start(t)
	ctx := context.Background()
	rdb, err := redisstore.Connect(ctx, h.rds.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	p := h.rds.Prefix()
	db := redisstore.New(rdb, redisstore.Options{Prefix: p})

	srcs, err := knowledge.Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	e.approvals = approved.New(db.Approved())
	e.engine = answer.New(indexKnowledge(corpus), append([]answer.Option{answer.WithVocabulary(lexicon.Default()), answer.WithApproved(e.approvals)}, engineOpts...)...)
	// The moderators' engine writes fresh answers to approve: extractive,
	// like the members' without its model.
	e.asker = answer.New(indexKnowledge(corpus), answer.WithVocabulary(lexicon.Default()))
	e.lib = library.New(dir, store.New(db.Knowledge()), corpus, func(c knowledge.Corpus) {
		e.engine.SetKnowledge(indexKnowledge(c))
		e.asker.SetKnowledge(indexKnowledge(c))
		// As bot run's swap does: approvals are re-checked on every
		// knowledge change, before /admin reports on them.
		if _, err := e.approvals.Revalidate(context.Background(), c); err != nil {
			t.Errorf("revalidate in swap: %v", err)
		}
	}, nil)
	e.guilds = guild.New(db.Guilds(), guild.Options{CacheTTL: -1})
	fb := db.Feedback()
	e.stats = stats.New(db.Stats(), fb, stats.Options{})
	e.statsHold.inner = e.stats
	e.modes = &modes{inner: e.engine}

	limits := state.Limits{User: state.Limit{Rate: 1000, Burst: 1000, Period: time.Minute}}
	logw := io.Writer(h.log)
	if testing.Verbose() {
		logw = io.MultiWriter(h.log, os.Stderr)
	}
	log := slog.New(slog.NewTextHandler(logw, nil))
	h.conv, h.feedback = db.Conversations(), fb
	h.deps = Deps{
		Questions: asking.New(asking.Config{Limits: limits}, asking.Deps{
			Answerer: e.modes, Guilds: e.guilds, Limiter: db.Limiter(limits),
			Conversations: h.conv, Stats: e.stats, Votes: fb,
		}, log),
		Once:  db.Once(),
		Admin: &AdminDeps{Library: e.lib, Guilds: e.guilds, Stats: &e.statsHold, Approved: e.approvals, Asker: e.asker, KnowledgeDir: dir},
	}
	b, err := New(Config{Token: "test-token", APIURL: h.srv.APIBase(), GuildID: h.guild, EditInterval: 50 * time.Millisecond,
		PublicKey: h.srv.PublicKey()}, h.deps, log)
	if err != nil {
		t.Fatal(err)
	}
	h.bot = b
	// The same bot also serves HTTP interactions (h.endpoint), as a
	// gateway process behind an Interactions Endpoint URL does.
	hs := httptest.NewServer(b.InteractionsHandler())
	t.Cleanup(hs.Close)
	h.endpoint = hs.URL + "/interactions"
	t.Cleanup(func() { h.shutdown() })
	h.restart()
	return e
}

// moderator is a member with Manage Server.
func moderator(perms int64) *discordgo.Member {
	return &discordgo.Member{
		User:  &discordgo.User{ID: discordtest.DefaultUserID, Username: discordtest.DefaultUsername, Discriminator: "0"},
		Roles: []string{}, Permissions: perms, JoinedAt: time.Now().UTC(),
	}
}

func opt(name string, t discordgo.ApplicationCommandOptionType, v any) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: t, Value: v}
}

// admin dispatches /admin sub as a member with perms.
func (e *adminEnv) admin(sub string, perms int64, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return e.adminWith(sub, perms, nil, opts...)
}

func (e *adminEnv) adminWith(sub string, perms int64, resolved *discordgo.ApplicationCommandInteractionDataResolved, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, Member: moderator(perms),
		Data: discordgo.ApplicationCommandInteractionData{
			Name: "admin", Resolved: resolved,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}},
		},
	})
}

// reply waits for the final ephemeral text of an /admin interaction.
func (e *adminEnv) reply(i *discordgo.Interaction) *discordgo.Message {
	e.t.Helper()
	m := e.waitOriginal(i, func(m *discordgo.Message) bool {
		return m.Flags&discordgo.MessageFlagsLoading == 0 && (m.Content != "" || len(m.Embeds) > 0)
	})
	if m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		e.t.Errorf("/admin reply not ephemeral: %q", m.Content)
	}
	return m
}

const manage = discordgo.PermissionManageGuild

// addFile dispatches /admin briefing-add with an attachment the fake serves.
func (e *adminEnv) addFile(name, data string, more ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Message {
	e.t.Helper()
	url := e.srv.AddFile(name, []byte(data))
	const attID = "900000000000000001"
	res := &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{
		attID: {ID: attID, Filename: name, URL: url, ProxyURL: url, Size: len(data), ContentType: "text/markdown"},
	}}
	return e.reply(e.adminWith("briefing-add", manage, res, append([]*discordgo.ApplicationCommandInteractionDataOption{opt("file", discordgo.ApplicationCommandOptionAttachment, attID)}, more...)...))
}

func TestAdminRefusesMemberWithoutPermission(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	// Discord delivered the command (a server admin overrode the default)
	// but the member lacks Manage Server.
	for _, perms := range []int64{0, discordgo.PermissionSendMessages | discordgo.PermissionManageMessages} {
		m := e.reply(e.admin("channels", perms,
			opt("channel", discordgo.ApplicationCommandOptionChannel, "555000000000000001"),
			opt("rule", discordgo.ApplicationCommandOptionString, "deny")))
		if m.Content != refusedText {
			t.Errorf("perms %d: reply = %q", perms, m.Content)
		}
	}
	s, err := e.guilds.Get(context.Background(), e.guild)
	if err != nil || len(s.Channels) != 0 {
		t.Errorf("settings changed by a member: %+v, %v", s, err)
	}
	// Administrator alone is enough.
	m := e.reply(e.admin("briefings", discordgo.PermissionAdministrator))
	if !strings.Contains(m.Content, "nato-indo-pacific-2024") {
		t.Errorf("administrator: %q", m.Content)
	}
	// The definition hides it from members and from DMs.
	var def *discordgo.ApplicationCommand
	for _, c := range e.bot.commands {
		if c.Def.Name == "admin" {
			def = c.Def
		}
	}
	if def == nil || def.DefaultMemberPermissions == nil || *def.DefaultMemberPermissions != 32 || def.Contexts == nil ||
		!slices.Equal(*def.Contexts, []discordgo.InteractionContextType{discordgo.InteractionContextGuild}) {
		t.Errorf("definition = %+v", def)
	}
	e.checkNoMentions()
}

func TestAdminBriefingAddAnsweredAtOnceAndAfterRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	e := startAdmin(t, dir)
	ctx := context.Background()

	// Before: the briefings don't cover the Moon.
	before := e.waitFinal(e.ask(moonQ, false))
	if strings.Contains(before.Content, "twelve") {
		t.Fatalf("answered before the briefing was added: %s", before.Content)
	}

	m := e.addFile("moon.md", moon)
	if !strings.Contains(m.Content, "Added `moon-base`") || !strings.Contains(m.Content, "2 paragraphs") {
		t.Fatalf("add reply = %q", m.Content)
	}
	after := e.waitFinal(e.ask(moonQ, false))
	if !strings.Contains(after.Content, "twelve astronauts") {
		t.Errorf("answer after add = %s", after.Content)
	}
	list := e.reply(e.admin("briefings", manage))
	if !strings.Contains(list.Content, "`moon-base` **A base on the Moon** — 2025-01-02 · 2 paragraphs · added") {
		t.Errorf("list = %q", list.Content)
	}
	e.checkNoMentions()

	// A restart: a new bot over the same KNOWLEDGE_DIR knows it.
	e.shutdown()
	e2 := startAdmin(t, dir)
	list = e2.reply(e2.admin("briefings", manage))
	if !strings.Contains(list.Content, "moon-base") {
		t.Errorf("list after restart = %q", list.Content)
	}
	if a, err := e2.engine.Ask(ctx, answer.Request{Question: moonQ}, nil); err != nil || !strings.Contains(a.Text, "twelve") {
		t.Errorf("answer after restart = %+v, %v", a, err)
	}

	// Remove it: refused again.
	rm := e2.reply(e2.admin("briefing-remove", manage, opt("id", discordgo.ApplicationCommandOptionString, "moon-base")))
	if !strings.Contains(rm.Content, "Removed `moon-base`") {
		t.Errorf("remove = %q", rm.Content)
	}
	if a, _ := e2.engine.Ask(ctx, answer.Request{Question: moonQ}, nil); !a.Refused {
		t.Errorf("answered after removal: %s", a.Text)
	}
	// The built-in briefing cannot be removed.
	rm = e2.reply(e2.admin("briefing-remove", manage, opt("id", discordgo.ApplicationCommandOptionString, "nato-indo-pacific-2024")))
	if !strings.HasPrefix(rm.Content, "Not removed: ") || !strings.Contains(rm.Content, "compiled-in") {
		t.Errorf("remove embedded = %q", rm.Content)
	}
	ri := e2.reply(e2.admin("reindex", manage))
	if !strings.HasPrefix(ri.Content, "Reindexed 1 briefing(s)") {
		t.Errorf("reindex = %q", ri.Content)
	}
}

func TestAdminBriefingAddRefusesMalformedWithLine(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	broken := "---\nid: broken\ntitel: Typo\ndate: 2025-01-02\n---\n\nText.\n"
	m := e.addFile("broken.md", broken)
	if !strings.HasPrefix(m.Content, "Not added: broken.md:3: ") {
		t.Errorf("reply = %q", m.Content)
	}
	m = e.addFile("notes.pdf", "%PDF")
	if !strings.HasPrefix(m.Content, "Not added: ") || !strings.Contains(m.Content, ".md or .txt") {
		t.Errorf("pdf reply = %q", m.Content)
	}
	// Too large, by the size Discord declares: not even downloaded.
	const attID = "900000000000000002"
	url := e.srv.AddFile("huge.md", []byte("x"))
	res := &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{
		attID: {ID: attID, Filename: "huge.md", URL: url, Size: maxDownloadBytes + 1},
	}}
	m = e.reply(e.adminWith("briefing-add", manage, res, opt("file", discordgo.ApplicationCommandOptionAttachment, attID)))
	if !strings.Contains(m.Content, "huge.md is too large") {
		t.Errorf("huge reply = %q", m.Content)
	}
	for _, r := range e.srv.Requests() {
		if strings.Contains(r.Path, "huge.md") {
			t.Errorf("downloaded: %s", r.Path)
		}
	}
	// A plain .txt file gets its title from its first line.
	m = e.addFile("Mars notes.txt", "Rover news\n\nThe rover drilled its tenth sample in the Jezero crater.\n")
	if !strings.HasPrefix(m.Content, "Added `mars-notes` **Rover news**") {
		t.Errorf("txt reply = %q", m.Content)
	}
	list := e.reply(e.admin("briefings", manage))
	if strings.Contains(list.Content, "broken") {
		t.Errorf("malformed briefing listed: %q", list.Content)
	}
}

func TestAdminChannelsDenyRefusesAskAndIgnoresMention(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	const denied = "555000000000000001"
	m := e.reply(e.admin("channels", manage,
		opt("channel", discordgo.ApplicationCommandOptionChannel, denied),
		opt("rule", discordgo.ApplicationCommandOptionString, "deny")))
	if !strings.Contains(m.Content, "Saved: I don't answer in <#"+denied+">") {
		t.Errorf("channels reply = %q", m.Content)
	}
	// /ask in the denied channel is refused, ephemerally.
	refused := e.reply(e.ask(franceQ, false, func(i *discordgo.Interaction) { i.ChannelID = denied }))
	if refused.Content != (&asking.Refusal{Reason: asking.ChannelClosed}).Error() {
		t.Errorf("/ask in denied channel = %q", refused.Content)
	}
	// A mention there is ignored; one elsewhere is answered.
	e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild, ChannelID: denied,
		Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()}})
	q := e.srv.DispatchMessage(&discordgo.Message{GuildID: e.guild,
		Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()}})
	e.until("the thread", func() bool { return e.srv.Channel(q.ID) != nil })
	e.waitAnswerIn(q.ID, 0)
	for _, m := range e.srv.ChannelMessages(denied) {
		if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && m.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("the bot posted in the denied channel: %q", m.Content)
		}
	}
	for _, r := range e.srv.Requests() {
		if strings.Contains(r.Path, "/channels/"+denied+"/") && r.Method == "POST" {
			t.Errorf("request in the denied channel: %s %s", r.Method, r.Path)
		}
	}
	// Clearing the rule lets /ask answer there again.
	e.reply(e.admin("channels", manage,
		opt("channel", discordgo.ApplicationCommandOptionChannel, denied),
		opt("rule", discordgo.ApplicationCommandOptionString, "clear")))
	ok := e.waitFinal(e.ask(franceQ, false, func(i *discordgo.Interaction) { i.ChannelID = denied }))
	if !strings.Contains(ok.Content, "Macron") {
		t.Errorf("/ask after clear = %q", ok.Content)
	}
}

func TestAdminChannelsThreadsAndAllowList(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	const parent, thread, other = "555000000000000011", "555000000000000012", "555000000000000013"
	e.srv.AddChannel(&discordgo.Channel{ID: parent, GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "news"})
	e.srv.AddChannel(&discordgo.Channel{ID: thread, GuildID: e.guild, ParentID: parent, Type: discordgo.ChannelTypeGuildPublicThread, Name: "a thread"})
	e.srv.AddChannel(&discordgo.Channel{ID: other, GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "chat"})
	set := func(ch, rule string) {
		e.reply(e.admin("channels", manage,
			opt("channel", discordgo.ApplicationCommandOptionChannel, ch), opt("rule", discordgo.ApplicationCommandOptionString, rule)))
	}
	in := func(ch string) func(*discordgo.Interaction) {
		return func(i *discordgo.Interaction) { i.ChannelID = ch }
	}

	// A thread inherits its parent's deny.
	set(parent, "deny")
	if m := e.reply(e.ask(franceQ, false, in(thread))); m.Content != (&asking.Refusal{Reason: asking.ChannelClosed}).Error() {
		t.Errorf("/ask in a thread of a denied channel = %q", m.Content)
	}
	// Its own rule wins.
	set(thread, "allow")
	if m := e.waitFinal(e.ask(franceQ, false, in(thread))); !strings.Contains(m.Content, "Macron") {
		t.Errorf("/ask in an allowed thread = %q", m.Content)
	}
	// With an allow rule, the allowed channels are the only ones.
	if m := e.reply(e.ask(franceQ, false, in(other))); m.Content != (&asking.Refusal{Reason: asking.ChannelClosed}).Error() {
		t.Errorf("/ask outside the allow-list = %q", m.Content)
	}
	m := e.reply(e.admin("channels", manage,
		opt("channel", discordgo.ApplicationCommandOptionChannel, other), opt("rule", discordgo.ApplicationCommandOptionString, "allow")))
	want := "Saved: I answer in <#" + other + ">.\nI answer only in: <#" + thread + ">, <#" + other + ">. Denied: <#" + parent + ">."
	if m.Content != want {
		t.Errorf("channels reply = %q, want %q", m.Content, want)
	}
}

// A category is not a place the bot answers in: channel rules apply to a
// channel and to the threads of a channel, not to the channels of a
// category. "allow" on one made the allow-list match no channel, so the
// bot went silent everywhere while the reply said it answered only in the
// category. The bot refuses one.
func TestAdminChannelsRefusesCategory(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	const category = "555000000000000021"
	res := &discordgo.ApplicationCommandInteractionDataResolved{Channels: map[string]*discordgo.Channel{
		category: {ID: category, GuildID: e.guild, Type: discordgo.ChannelTypeGuildCategory, Name: "Questions"},
	}}
	for _, rule := range []string{"allow", "deny", "auto"} {
		m := e.reply(e.adminWith("channels", manage, res,
			opt("channel", discordgo.ApplicationCommandOptionChannel, category), opt("rule", discordgo.ApplicationCommandOptionString, rule)))
		if !strings.Contains(m.Content, "category") || strings.HasPrefix(m.Content, "Saved") {
			t.Errorf("%s on a category: %q", rule, m.Content)
		}
	}
	if s, err := e.guilds.Get(context.Background(), e.guild); err != nil || len(s.Channels) != 0 {
		t.Errorf("stored = %+v, %v", s, err)
	}
	if m := e.waitFinal(e.ask(franceQ, false)); !strings.Contains(m.Content, "Macron") {
		t.Errorf("/ask after the refused rules = %q", m.Content)
	}
	// A rule saved on a category before can be cleared.
	if err := e.guilds.SetChannel(context.Background(), e.guild, category, guild.RuleAllow); err != nil {
		t.Fatal(err)
	}
	m := e.reply(e.adminWith("channels", manage, res,
		opt("channel", discordgo.ApplicationCommandOptionChannel, category), opt("rule", discordgo.ApplicationCommandOptionString, "clear")))
	if s, err := e.guilds.Get(context.Background(), e.guild); err != nil || len(s.Channels) != 0 || !strings.HasPrefix(m.Content, "Saved") {
		t.Errorf("clear on a category: %q, stored %+v, %v", m.Content, s, err)
	}
}

func TestAdminLimitsPersist(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	m := e.reply(e.admin("limits", manage,
		opt("user_per_minute", discordgo.ApplicationCommandOptionInteger, 5),
		opt("private", discordgo.ApplicationCommandOptionBoolean, true)))
	want := "Saved member limit, private default:\n• per member: 5 per 1m\n• per server: the bot's default\n• answers private by default: yes"
	if m.Content != want {
		t.Errorf("limits reply = %q, want %q", m.Content, want)
	}
	s, err := e.guilds.Get(context.Background(), e.guild)
	if err != nil || s.UserLimit.Rate != 5 || s.UserLimit.Period != time.Minute || !s.PrivateByDefault {
		t.Errorf("stored = %+v, %v", s, err)
	}
	// Both apply at once: /ask without private: is private, and the
	// sixth question in a minute is refused.
	for n := range 5 {
		a := e.waitFinal(e.ask(franceQ, false))
		if a.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("answer %d not private", n+1)
		}
	}
	if over := e.reply(e.ask(franceQ, false)); !strings.Contains(over.Content, "You're asking quickly") {
		t.Errorf("sixth question = %q", over.Content)
	}
	m = e.reply(e.admin("limits", manage, opt("user_per_minute", discordgo.ApplicationCommandOptionInteger, 5000)))
	if !strings.HasPrefix(m.Content, "Not changed: ") {
		t.Errorf("too high = %q", m.Content)
	}
}

func TestAdminStatsAndExport(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	e.waitFinal(e.ask(franceQ, false))
	e.waitFinal(e.ask(moonQ, false))
	e.waitFinal(e.ask(franceQ, true))
	// Stats are logged after delivery; wait for all three.
	e.until("three events", func() bool {
		r, err := e.stats.Report(context.Background(), e.guild, time.Time{})
		return err == nil && r.Asked == 3
	})
	m := e.reply(e.admin("stats", manage, opt("period", discordgo.ApplicationCommandOptionString, "7d")))
	if len(m.Embeds) != 1 {
		t.Fatalf("stats message = %+v", m)
	}
	em := m.Embeds[0]
	if !strings.Contains(em.Description, "**3** asked by 1 member(s) · **2** answered · **1** not covered") {
		t.Errorf("description = %q", em.Description)
	}
	fields := map[string]string{}
	for _, f := range em.Fields {
		fields[f.Name] = f.Value
	}
	if !strings.Contains(fields["Top questions"], "2× "+escapeMarkdown(franceQ)) {
		t.Errorf("top = %q", fields["Top questions"])
	}
	if !strings.Contains(fields["Not covered by the briefings"], "lunar base") {
		t.Errorf("uncovered = %q", fields["Not covered by the briefings"])
	}
	if bad := e.reply(e.admin("stats", manage, opt("period", discordgo.ApplicationCommandOptionString, "soon"))); !strings.Contains(bad.Content, "24h, 7d") {
		t.Errorf("bad period = %q", bad.Content)
	}

	x := e.reply(e.admin("export", manage))
	if len(x.Attachments) != 1 || !strings.HasSuffix(x.Attachments[0].Filename, ".csv") {
		t.Fatalf("export = %+v", x)
	}
	data, ok := e.srv.Attachment(x.Attachments[0].URL)
	if !ok || !strings.Contains(string(data), franceQ) || !strings.Contains(string(data), "lunar base") {
		t.Errorf("csv = %q", data)
	}
	e.checkNoMentions()
}

// heldStats reads inner, first waiting for the channel a test holds it
// with, if any: a question log slow to read.
type heldStats struct {
	inner StatsReporter
	held  atomic.Pointer[chan struct{}]
	down  atomic.Bool // the question log unreadable
}

func (h *heldStats) Report(ctx context.Context, guildID string, since time.Time) (stats.Report, error) {
	if h.down.Load() {
		return stats.Report{}, fmt.Errorf("stats: read log: %w", redis.ErrClosed)
	}
	if c := h.held.Load(); c != nil {
		select {
		case <-*c:
		case <-ctx.Done():
			return stats.Report{}, ctx.Err()
		}
	}
	return h.inner.Report(ctx, guildID, since)
}

// TestAdminStatsAcknowledgedBeforeTheRead: /admin stats and export
// acknowledge before reading the question log, so a slow Redis cannot
// take them past Discord's 3 s for an acknowledgement.
func TestAdminStatsAcknowledgedBeforeTheRead(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	for _, sub := range []string{"stats", "export"} {
		release := make(chan struct{})
		e.statsHold.held.Store(&release)
		i := e.admin(sub, manage)
		m := e.waitOriginal(i, func(m *discordgo.Message) bool { return true })
		if m.Flags&discordgo.MessageFlagsLoading == 0 || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("%s: first response = %+v, want a private thinking…", sub, m)
		}
		close(release)
		m = e.reply(i)
		if sub == "stats" && len(m.Embeds) != 1 || sub == "export" && len(m.Attachments) != 1 {
			t.Errorf("%s: reply = %+v", sub, m)
		}
		if m.Flags&discordgo.MessageFlagsSuppressEmbeds != 0 {
			t.Errorf("%s: embeds suppressed", sub)
		}
	}
	// The log unreadable: the moderator is told so, privately, in place
	// of the "thinking…".
	e.statsHold.held.Store(nil)
	e.statsHold.down.Store(true)
	for _, sub := range []string{"stats", "export"} {
		m := e.reply(e.admin(sub, manage))
		if len(m.Embeds) != 0 || len(m.Attachments) != 0 || m.Content != tr(english, msgAdminStorage) {
			t.Errorf("%s with the log unreadable: %+v", sub, m)
		}
	}
}

func TestAdminEvalTable(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	m := e.reply(e.admin("eval", manage))
	if !strings.HasPrefix(m.Content, "**Grounding check: ") || !strings.Contains(m.Content, "PASS check-01 cite   ¶11") ||
		!strings.Contains(m.Content, "```") || len(m.Content) > 2000 {
		t.Errorf("eval = %s", m.Content)
	}
	// A check set beside an added briefing, with a malformed line.
	if err := os.WriteFile(e.dir+"/moon-base.eval.jsonl", []byte(`{"id":"m1","question":"`+moonQ+`","gold":["twelve astronauts"],"answerable":true}`+"\n{bad\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.addFile("moon.md", moon)
	m = e.reply(e.admin("eval", manage))
	if !strings.Contains(m.Content, "moon-base.eval.jsonl:2") {
		t.Errorf("eval with a broken set = %s", m.Content)
	}
	os.WriteFile(e.dir+"/moon-base.eval.jsonl", []byte(`{"id":"m1","question":"`+moonQ+`","gold":["twelve astronauts"],"answerable":true}`+"\n"), 0o644)
	m = e.reply(e.admin("eval", manage))
	if !strings.Contains(m.Content, "PASS m1") {
		t.Errorf("eval with the moon set = %s", m.Content)
	}
}

// countingModel counts calls and fails them, so that the engine answers
// extractively: any call at all shows an answer was not served approved.
type countingModel struct{ n atomic.Int32 }

func (m *countingModel) Stream(context.Context, []answer.Message, answer.Generation, func(string)) (answer.Reply, error) {
	m.n.Add(1)
	return answer.Reply{}, errors.New("model unavailable in this test")
}

func TestAdminApproveServedAsApproved(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	model := &countingModel{}
	e := startAdmin(t, dir, answer.WithModel(model, "test-model"))
	// Editing in an unsupported claim is refused, naming the sentence.
	bad := e.reply(e.admin("approve", manage,
		opt("question", discordgo.ApplicationCommandOptionString, franceQ),
		opt("text", discordgo.ApplicationCommandOptionString, "France opposes it because Germany asked in 1999 [1].")))
	if !strings.HasPrefix(bad.Content, "Not approved: The answer is not supported by its citations:") || !strings.Contains(bad.Content, "1999") {
		t.Errorf("bad edit = %q", bad.Content)
	}
	ok := e.reply(e.admin("approve", manage, opt("question", discordgo.ApplicationCommandOptionString, franceQ)))
	if !strings.HasPrefix(ok.Content, "Approved #1 for") || !strings.Contains(ok.Content, "Macron") {
		t.Fatalf("approve = %q", ok.Content)
	}
	n := len(e.modes.list())
	calls := model.n.Load()
	ans := e.waitFinal(e.ask(franceQ, false))
	if !strings.Contains(ans.Content, "Macron") || !strings.Contains(ans.Content, "\n-# "+approvedMark+"\n") {
		t.Errorf("answer = %s", ans.Content)
	}
	if got := e.modes.list(); len(got) != n+1 || got[n] != answer.ModeApproved {
		t.Errorf("modes = %v, want the last %q", got, answer.ModeApproved)
	}
	if c := model.n.Load(); c != calls {
		t.Errorf("model called %d time(s) for an approved answer", c-calls)
	}
	// A question nobody approved does go to the model (which fails here,
	// so it is answered extractively).
	e.waitFinal(e.ask("Which countries make up the Quad?", false))
	if model.n.Load() == calls {
		t.Error("the model was never called: the check above proves nothing")
	}
	list := e.reply(e.admin("approved", manage))
	if !strings.Contains(list.Content, "#1 “"+escapeMarkdown(franceQ)+"” — served") {
		t.Errorf("approved list = %q", list.Content)
	}

	// Replacing a briefing changes a paragraph an approval cites: the
	// approval is suspended, the moderator told, and a review drops it.
	e.addFile("moon.md", moon)
	ok = e.reply(e.admin("approve", manage, opt("question", discordgo.ApplicationCommandOptionString, moonQ)))
	if !strings.HasPrefix(ok.Content, "Approved #2 for") {
		t.Fatalf("approve moon = %q", ok.Content)
	}
	m := e.addFile("moon.md", strings.Replace(moon, "2031", "2033", 1), opt("replace", discordgo.ApplicationCommandOptionBoolean, true))
	if !strings.Contains(m.Content, "Suspended approved answers") || !strings.Contains(m.Content, "#2 “"+moonQ+"”") {
		t.Errorf("replace reply = %q", m.Content)
	}
	list = e.reply(e.admin("approved", manage))
	if !strings.Contains(list.Content, "#2 “"+escapeMarkdown(moonQ)+"” — ⚠️ suspended") || !strings.Contains(list.Content, "#1 “") {
		t.Errorf("approved list after change = %q", list.Content)
	}
	if strings.Index(list.Content, "#2 “") > strings.Index(list.Content, "#1 “") {
		t.Errorf("the suspended answer, which waits for a moderator, should come first: %q", list.Content)
	}
	// Lifting it fails while its text contradicts the new paragraph.
	rv := e.reply(e.admin("review", manage, opt("id", discordgo.ApplicationCommandOptionString, "2"), opt("approve", discordgo.ApplicationCommandOptionBoolean, true)))
	if !strings.HasPrefix(rv.Content, "Not changed: The answer is not supported by its citations:") {
		t.Errorf("review lift = %q", rv.Content)
	}
	rv = e.reply(e.admin("review", manage, opt("id", discordgo.ApplicationCommandOptionString, "2"), opt("approve", discordgo.ApplicationCommandOptionBoolean, false)))
	if !strings.HasPrefix(rv.Content, "Removed approved answer #2") {
		t.Errorf("review = %q", rv.Content)
	}
	if rv := e.reply(e.admin("review", manage, opt("id", discordgo.ApplicationCommandOptionString, "2"), opt("approve", discordgo.ApplicationCommandOptionBoolean, true))); !strings.Contains(rv.Content, "no approved answer with that id") {
		t.Errorf("review unknown = %q", rv.Content)
	}
	e.checkNoMentions()
}

func (e *adminEnv) approvedEntry() approved.Entry {
	e.t.Helper()
	es, err := e.approvals.List(context.Background(), e.guild)
	if err != nil || len(es) == 0 {
		e.t.Fatalf("approvals = %v, %v", es, err)
	}
	return es[0]
}

func TestAdminRenderGoldens(t *testing.T) {
	c := knowledge.Corpus{Version: "0123456789abcdef", Briefings: []knowledge.Briefing{
		{ID: "nato-indo-pacific-2024", Title: "NATO and the Indo-Pacific", Date: "2024-07-10", Paragraphs: make([]string, 24), Origin: "embedded:nato-indo-pacific-2024.md"},
		{ID: "moon-base", Title: "A base on the *Moon*", Date: "2025-01-02", Paragraphs: make([]string, 2), Origin: "/kb/moon-base.md"},
	}, Problems: []knowledge.ParseError{
		{Name: "/kb/broken.md", Line: 3, Msg: `front matter lacks required key "title"`},
		{Name: "/kb/pipe.md", Msg: "cannot be read: not a regular file (p---------)"},
	}}
	golden(t, "admin_briefings.golden", renderAdminBriefings(english, c))

	rows := []eval.CheckRow{
		{ID: "check-01", Question: franceQ, Want: "cites: x", Got: "¶11 ¶5", Pass: true},
		{ID: "check-02", Question: "Who is the spokesperson for the Chinese Foreign Ministry quoted in the briefing?", Want: "cites: y", Got: "refused"},
		{ID: "check-11", Question: "Who won the 2022 FIFA World Cup?", Want: "refuse", Got: "refused", Pass: true},
	}
	golden(t, "admin_eval.golden", renderEval(english, rows, []string{"`moon-base`: no check set (add moon-base.eval.jsonl beside it)"}))

	p, _ := stats.ParsePeriod("7d")
	rep := stats.Report{
		Asked: 12, Answered: 9, Refused: 3, Askers: 4, Up: 5, Down: 1,
		Top:       []stats.Group{{Question: franceQ, Count: 4, Variants: []string{"why is france against a nato tokyo office"}}},
		Uncovered: []stats.Group{{Question: moonQ, Count: 3}},
		Channels:  []stats.Count{{Key: "555000000000000001", N: 8}, {Key: "555000000000000002", N: 4}},
	}
	em := statsEmbed(english, rep, p)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n%s\n", em.Title, em.Description)
	for _, f := range em.Fields {
		fmt.Fprintf(&b, "\n## %s\n%s\n", f.Name, f.Value)
	}
	golden(t, "admin_stats.golden", b.String())
}

func TestAdminDownloadBounds(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", maxDownloadBytes+10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			io.WriteString(w, big)
		case "/slow":
			time.Sleep(300 * time.Millisecond)
			io.WriteString(w, "late")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	d := httpDownloader{}
	if _, err := d.Download(ctx, srv.URL+"/big", 10); !errors.Is(err, errTooLarge) {
		t.Errorf("body over the cap: %v", err)
	}
	if _, err := d.Download(ctx, srv.URL+"/big", maxDownloadBytes+1); !errors.Is(err, errTooLarge) {
		t.Errorf("declared size over the cap: %v", err)
	}
	if _, err := d.Download(ctx, srv.URL+"/gone", 1); err == nil {
		t.Error("404 downloaded")
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := d.Download(short, srv.URL+"/slow", 4); err == nil {
		t.Error("no timeout")
	}
}

func TestAdminEducatorsAndAutocomplete(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	const role = "700000000000000001"
	m := e.reply(e.admin("educators", manage,
		opt("role", discordgo.ApplicationCommandOptionRole, role), opt("educator", discordgo.ApplicationCommandOptionBoolean, true)))
	if !strings.Contains(m.Content, "Educators: <@&"+role+">") {
		t.Errorf("educators = %q", m.Content)
	}
	s, err := e.guilds.Get(context.Background(), e.guild)
	if err != nil || !s.IsEducator([]string{role}) {
		t.Errorf("stored = %+v, %v", s, err)
	}

	// @everyone (the role whose id is the guild's) is in no member's
	// roles as Discord sends them: the moderator is told, not shown it
	// among the educators while no member may run a session.
	m = e.reply(e.admin("educators", manage,
		opt("role", discordgo.ApplicationCommandOptionRole, e.guild), opt("educator", discordgo.ApplicationCommandOptionBoolean, true)))
	if !strings.HasPrefix(m.Content, "Not changed: ") || !strings.Contains(m.Content, "@everyone") {
		t.Errorf("educators @everyone = %q", m.Content)
	}
	if s, err := e.guilds.Get(context.Background(), e.guild); err != nil || !slices.Equal(s.EducatorRoles, []string{role}) {
		t.Errorf("stored after @everyone = %+v, %v", s, err)
	}

	e.addFile("moon.md", moon)
	auto := func(perms int64) []*discordgo.ApplicationCommandOptionChoice {
		i := e.srv.DispatchInteraction(&discordgo.Interaction{
			Type: discordgo.InteractionApplicationCommandAutocomplete, GuildID: e.guild, Member: moderator(perms),
			Data: discordgo.ApplicationCommandInteractionData{Name: "admin", Options: []*discordgo.ApplicationCommandInteractionDataOption{{
				Name: "briefing-remove", Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "id", Type: discordgo.ApplicationCommandOptionString, Value: "mo", Focused: true}},
			}}},
		})
		cb := e.waitCallback(i)
		var data struct {
			Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		}
		if err := json.Unmarshal(cb.Data, &data); err != nil {
			t.Fatal(err)
		}
		return data.Choices
	}
	if got := auto(manage); len(got) != 1 || got[0].Value != "moon-base" {
		t.Errorf("choices = %+v", got)
	}
	if got := auto(0); len(got) != 0 {
		t.Errorf("choices for a member = %+v", got)
	}
}

// A long approvals list is cut to the suspended and the newest, and what
// is shown is split over messages within Discord's limits.
func TestAdminApprovedListIsPaged(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	a, err := e.asker.Ask(ctx, answer.Request{Question: franceQ}, nil)
	if err != nil || a.Refused {
		t.Fatalf("answer to approve: %+v %v", a, err)
	}
	const n = maxListedApprovals + 5
	for i := range n {
		q := fmt.Sprintf("%s Asked in the %s week of term.", franceQ, strings.Repeat("very ", i))
		if _, err := e.approvals.Approve(ctx, e.guild, q, a, "", "210000000000000001"); err != nil {
			t.Fatal(err)
		}
	}
	// list returns the whole text of /admin approved [page], its
	// follow-ups included (a page of long questions is several messages).
	list := func(page ...*discordgo.ApplicationCommandInteractionDataOption) string {
		t.Helper()
		i := e.admin("approved", manage, page...)
		first := e.reply(i)
		var all strings.Builder
		all.WriteString(first.Content)
		var follow []*discordgo.Message
		e.until("the list's last part", func() bool {
			follow = e.srv.Followups(i.Token)
			return strings.Contains(first.Content, "Page ") || len(follow) > 0 && strings.Contains(follow[len(follow)-1].Content, "Page ")
		})
		for _, m := range follow {
			all.WriteString("\n" + m.Content)
		}
		return all.String()
	}
	text := list()
	if !strings.Contains(text, fmt.Sprintf("**%d approved answer(s)**", n)) || !strings.Contains(text, "Page 1 of 2 — `/admin approved page:2` shows the next.") {
		t.Errorf("list = %s", text)
	}
	if got := strings.Count(text, "\n• #"); got != maxListedApprovals {
		t.Errorf("%d entries listed, want %d", got, maxListedApprovals)
	}
	if !strings.Contains(text, fmt.Sprintf("• #%d “", n)) || strings.Contains(text, "• #1 “") {
		t.Errorf("the newest should be on page 1 and the oldest not:\n%s", text)
	}
	// Page 2 holds the oldest five; a page past the last shows the last.
	for _, p := range []int{2, 9} {
		text = list(opt("page", discordgo.ApplicationCommandOptionInteger, float64(p)))
		if got := strings.Count(text, "\n• #"); got != 5 || !strings.Contains(text, "• #1 “") || !strings.Contains(text, "Page 2 of 2, the last.") {
			t.Errorf("page %d: %d entries:\n%s", p, got, text)
		}
	}
}

// Every server the bot is in answers from the same briefings: a moderator
// of another server (anyone who invites the bot to a server of their own)
// may not add, remove or reindex them, nor spend the model on /admin eval,
// nor read the operator's file names and parse errors; the bot's own
// server may.
func TestAdminLibraryChangesOnlyFromTheBotsServers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte("---\nid: broken\ntitel: Typo\ndate: 2025-01-02\n---\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := startAdmin(t, dir)
	own := e.guild
	e.guild = "777000000000000777" // another server, where the member is a moderator
	m := e.addFile("moon.md", moon)
	if !strings.Contains(m.Content, "LIBRARY_GUILD_IDS") {
		t.Errorf("add from another server = %q", m.Content)
	}
	for _, sub := range []string{"reindex", "eval"} {
		if m := e.reply(e.admin(sub, manage)); !strings.Contains(m.Content, "LIBRARY_GUILD_IDS") {
			t.Errorf("%s from another server = %q", sub, m.Content)
		}
	}
	rm := e.reply(e.admin("briefing-remove", manage, opt("id", discordgo.ApplicationCommandOptionString, "nato-indo-pacific-2024")))
	if !strings.Contains(rm.Content, "LIBRARY_GUILD_IDS") {
		t.Errorf("remove from another server = %q", rm.Content)
	}
	if list := e.reply(e.admin("briefings", manage)); !strings.Contains(list.Content, "nato-indo-pacific-2024") || strings.Contains(list.Content, "broken.md") {
		t.Errorf("list in another server (briefings, without the operator's files) = %q", list.Content)
	}
	if a, err := e.engine.Ask(context.Background(), answer.Request{Question: moonQ}, nil); err != nil || !a.Refused {
		t.Errorf("another server's upload is answered from: %+v, %v", a, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "moon.md")); !os.IsNotExist(err) {
		t.Errorf("another server's upload was written: %v", err)
	}

	e.guild = own
	if list := e.reply(e.admin("briefings", manage)); !strings.Contains(list.Content, "broken.md:3") {
		t.Errorf("list in the bot's server lacks the file left out = %q", list.Content)
	}
	if m := e.addFile("moon.md", moon); !strings.Contains(m.Content, "Added `moon-base`") {
		t.Errorf("add from the bot's server = %q", m.Content)
	}
	e.checkNoMentions()
}

func TestChangesLibrary(t *testing.T) {
	for _, tt := range []struct {
		guild, own string
		list       []string
		want       bool
	}{
		{"1", "1", nil, true},
		{"2", "1", nil, false},
		{"1", "", nil, false}, // global commands, no list: none
		{"2", "1", []string{"2", "3"}, true},
		{"1", "1", []string{"2"}, false}, // the list, when set, is all of them
		{"", "", nil, false},             // a DM
	} {
		b := &Bot{cfg: Config{GuildID: tt.own, LibraryGuilds: tt.list}}
		if got := b.changesLibrary(tt.guild); got != tt.want {
			t.Errorf("guild %q, GuildID %q, LibraryGuilds %v: %v", tt.guild, tt.own, tt.list, got)
		}
	}
}

// A knowledge change's re-check of the approvals, overtaken by a newer
// change (another moderator's, another process's), writes nothing: it
// would move the approvals back to knowledge no longer served, where they
// stay unserved until the next change.
func TestAdminRecheckOvertakenLeavesTheApprovals(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	old := e.lib.Corpus()
	a, err := e.asker.Ask(ctx, answer.Request{Question: franceQ}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.approvals.Approve(ctx, e.guild, franceQ, a, "", "210000000000000001"); err != nil {
		t.Fatal(err)
	}
	if m := e.addFile("moon.md", moon); !strings.Contains(m.Content, "Added") {
		t.Fatalf("add = %q", m.Content)
	}
	current := e.lib.Corpus().Version
	adm := &admin{b: e.bot, d: *e.deps.Admin}
	adm.revalidated(ctx, "en-US", e.guild, old) // a late re-check for the knowledge before the add
	es, err := e.approvals.List(ctx, e.guild)
	if err != nil || len(es) != 1 {
		t.Fatalf("approvals = %+v, %v", es, err)
	}
	if es[0].KnowledgeVersion != current {
		t.Errorf("the approval was moved to knowledge %s; the served one is %s", es[0].KnowledgeVersion, current)
	}
}
