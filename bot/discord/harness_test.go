package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/knowledge/search"
)

// The state stores satisfy the interfaces the question service and this
// package consume.
var (
	_ Questions            = (*asking.Service)(nil)
	_ Deduper              = (*redisstore.Once)(nil)
	_ asking.Limiter       = (*state.Limiter)(nil)
	_ asking.Conversations = (*redisstore.Conversations)(nil)
	_ asking.Votes         = (*redisstore.Feedback)(nil)
)

// wait bounds every wait of a test for something that should happen soon.
// It is generous: waits poll and end as soon as the thing happens, and
// under -race on a busy 2-core machine a step of the longer flows (a
// session, a quiz) once took over 5 s.
const wait = 15 * time.Second

var (
	kbOnce sync.Once
	kb     *answer.Knowledge
)

// testKnowledge indexes the embedded briefing once for the package.
func testKnowledge(t testing.TB) *answer.Knowledge {
	t.Helper()
	kbOnce.Do(func() {
		srcs, err := knowledge.Sources("")
		if err != nil {
			panic(err)
		}
		c, err := knowledge.Build(srcs)
		if err != nil {
			panic(err)
		}
		kb = &answer.Knowledge{
			Version: c.Version, Briefings: c.Briefings, Chunks: c.Chunks,
			Retriever: search.New(c.Chunks, search.WithExpander(search.NewLexiconExpander(lexicon.Default()))),
		}
	})
	return kb
}

// newEngine is the real answering core, extractive unless opts add a model.
func newEngine(t testing.TB, opts ...answer.Option) *answer.Engine {
	return answer.New(testKnowledge(t), append([]answer.Option{answer.WithVocabulary(lexicon.Default())}, opts...)...)
}

// harness is a Bot connected to a fake Discord, with real Redis stores.
type harness struct {
	t    testing.TB
	srv  *discordtest.Server
	rds  *redistest.Server // nil without Redis
	bot  *Bot
	deps Deps
	// the question service's parts (nil without Redis)
	conv     *redisstore.Conversations
	feedback *redisstore.Feedback
	stop     context.CancelFunc
	done     chan error
	log      *syncBuffer
	guild    string
	// endpoint is the URL of the bot's HTTP interactions endpoint
	// (setup.http).
	endpoint string
}

type setup struct {
	cfg      Config
	asking   asking.Config
	answerer asking.Answerer
	observer Observer
	limits   *state.Limits
	noRedis  bool
	// stalledRedis gives the stores a Redis that accepts connections and
	// never answers, as a stalled server or a network black hole does.
	stalledRedis bool
	// redisURL, when set, is how the stores reach the test's Redis (a
	// proxy in front of it, say).
	redisURL func(testing.TB, *redistest.Server) string
	// wire adds parts to the question service and the bot (admin and
	// educator tests) before the bot is made.
	wire    []func(h *harness, qd *asking.Deps)
	global  bool // register commands globally
	srvOpts []discordtest.Option
	// http serves the bot's HTTP interactions endpoint (h.endpoint),
	// verified with the fake's key; with cfg.NoGateway the bot serves
	// nothing else.
	http bool
	// before changes the bot after New, before Run (commands of a test's
	// own).
	before func(*Bot)
}

// behindProxy is a setup.redisURL that puts a proxy in front of the
// test's Redis (to pause it, slow it, drop its connections) and hands it
// to *proxy.
func behindProxy(proxy **redistest.Proxy) func(testing.TB, *redistest.Server) string {
	return func(tb testing.TB, srv *redistest.Server) string {
		*proxy = redistest.StartProxy(tb, srv.Addr())
		return "redis://" + (*proxy).Addr()
	}
}

func start(t testing.TB, s setup) *harness {
	t.Helper()
	h := &harness{t: t, srv: discordtest.New(t, s.srvOpts...), guild: discordtest.DefaultGuildID, log: &syncBuffer{}}
	if s.answerer == nil {
		s.answerer = newEngine(t)
	}
	logw := io.Writer(h.log)
	if testing.Verbose() {
		logw = io.MultiWriter(h.log, os.Stderr)
	}
	log := slog.New(slog.NewTextHandler(logw, nil))
	qd := asking.Deps{Answerer: s.answerer}
	if !s.noRedis {
		var rdb redis.UniversalClient
		prefix := "stalled:"
		if s.stalledRedis {
			rdb = redis.NewClient(&redis.Options{Addr: stalledServer(t), MaxRetries: -1, ContextTimeoutEnabled: true}) // as redisstore.Connect sets it
		} else {
			h.rds = redistest.Start(t)
			url := h.rds.URL()
			if s.redisURL != nil {
				url = s.redisURL(t, h.rds)
			}
			c, err := redisstore.Connect(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			rdb, prefix = c, h.rds.Prefix()
		}
		t.Cleanup(func() { rdb.Close() })
		db := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
		lim := state.Limits{User: state.Limit{Rate: 1000, Burst: 1000, Period: time.Minute}}
		if s.limits != nil {
			lim = *s.limits
		}
		s.asking.Limits = lim
		h.conv, h.feedback = db.Conversations(), db.Feedback()
		qd.Limiter, qd.Conversations, qd.Votes = db.Limiter(lim), h.conv, h.feedback
		h.deps.Once = db.Once()
	}
	for _, w := range s.wire {
		w(h, &qd)
	}
	h.deps.Questions = asking.New(s.asking, qd, log)
	h.deps.Observer = s.observer
	cfg := s.cfg
	cfg.Token = "test-token"
	cfg.APIURL = h.srv.APIBase()
	if s.http {
		cfg.PublicKey = h.srv.PublicKey()
	}
	if cfg.GuildID == "" && !s.global {
		cfg.GuildID = h.guild
	}
	if cfg.EditInterval == 0 {
		cfg.EditInterval = 50 * time.Millisecond
	}
	b, err := New(cfg, h.deps, log)
	if err != nil {
		t.Fatal(err)
	}
	h.bot = b
	if s.before != nil {
		s.before(b)
	}
	if s.http {
		hs := httptest.NewServer(b.InteractionsHandler())
		t.Cleanup(hs.Close) // after the bot's shutdown (cleanups run last first)
		h.endpoint = hs.URL + "/interactions"
	}
	t.Cleanup(func() { h.shutdown() })
	h.restart()
	return h
}

// restart runs h.bot (again) until shutdown.
func (h *harness) restart() {
	h.t.Helper()
	b := h.bot
	ctx, cancel := context.WithCancel(context.Background())
	h.stop, h.done = cancel, make(chan error, 1)
	done := h.done
	go func() { done <- b.Run(ctx) }()
	select {
	case <-b.Ready():
	case err := <-done:
		done <- err
		h.t.Fatalf("Run ended before ready: %v", err)
	case <-time.After(wait):
		h.t.Fatal("bot not ready")
	}
}

// shutdown cancels Run and waits for it; safe to call twice.
func (h *harness) shutdown() error {
	if h.stop == nil {
		return nil
	}
	h.stop()
	h.stop = nil
	select {
	case err := <-h.done:
		return err
	case <-time.After(20 * time.Second):
		h.t.Error("Run did not return after cancel")
		return nil
	}
}

// ask dispatches /ask.
func (h *harness) ask(q string, private bool, mod ...func(*discordgo.Interaction)) *discordgo.Interaction {
	opts := []*discordgo.ApplicationCommandInteractionDataOption{
		{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: q},
	}
	if private {
		opts = append(opts, &discordgo.ApplicationCommandInteractionDataOption{Name: "private", Type: discordgo.ApplicationCommandOptionBoolean, Value: true})
	}
	i := &discordgo.Interaction{GuildID: h.guild, Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: opts}}
	for _, m := range mod {
		m(i)
	}
	return h.srv.DispatchInteraction(i)
}

// command dispatches a slash command without options.
func (h *harness) command(name string) *discordgo.Interaction {
	return h.srv.DispatchInteraction(&discordgo.Interaction{GuildID: h.guild, Data: discordgo.ApplicationCommandInteractionData{Name: name}})
}

// until waits for cond, checking it whenever the fake may have changed.
// The fake's WaitRequest calls its match function under the fake's lock,
// so conditions that read the fake's state (Original, Channel…) cannot run
// there; they are polled here instead, briefly, up to the deadline.
func (h *harness) until(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(wait)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; requests:%s", what, h.summary())
		}
		<-tick.C
	}
}

func (h *harness) summary() string {
	var b strings.Builder
	for _, r := range h.srv.Requests() {
		fmt.Fprintf(&b, "\n  %s %s → %d", r.Method, r.Path, r.Status)
	}
	return b.String()
}

// waitOriginal waits until the original response of i satisfies ok.
func (h *harness) waitOriginal(i *discordgo.Interaction, ok func(*discordgo.Message) bool) *discordgo.Message {
	h.t.Helper()
	var got *discordgo.Message
	h.until("the original response", func() bool {
		got = h.srv.Original(i.Token)
		return got != nil && ok(got)
	})
	return got
}

// waitFinal waits for the answer's final edit: not loading, not streaming.
func (h *harness) waitFinal(i *discordgo.Interaction) *discordgo.Message {
	h.t.Helper()
	return h.waitOriginal(i, func(m *discordgo.Message) bool {
		return m.Flags&discordgo.MessageFlagsLoading == 0 && !strings.HasSuffix(m.Content, "…") && m.Content != ""
	})
}

// waitRefusal waits for what a member whose question was acknowledged
// publicly and then refused (a rate limit) is shown: the public
// "thinking…" deleted and an ephemeral follow-up, which it returns.
func (h *harness) waitRefusal(i *discordgo.Interaction) *discordgo.Message {
	h.t.Helper()
	m := h.waitShown(i)
	if h.srv.Original(i.Token) != nil || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		h.t.Fatalf("refusal = %q (flags %b), original %+v, want the original deleted and an ephemeral follow-up", m.Content, m.Flags, h.srv.Original(i.Token))
	}
	return m
}

// waitShown waits for what a question's asker ends up with: the answer's
// final edit, or a refusal's follow-up in place of a deleted "thinking…".
func (h *harness) waitShown(i *discordgo.Interaction) *discordgo.Message {
	h.t.Helper()
	var got *discordgo.Message
	h.until("the answer or a refusal", func() bool {
		if fs := h.srv.Followups(i.Token); len(fs) > 0 && h.srv.Original(i.Token) == nil {
			got = fs[0]
			return true
		}
		got = h.srv.Original(i.Token)
		return got != nil && got.Flags&discordgo.MessageFlagsLoading == 0 && !strings.HasSuffix(got.Content, "…") && got.Content != ""
	})
	return got
}

// waitCallback waits for the interaction's initial response.
func (h *harness) waitCallback(i *discordgo.Interaction) discordtest.Callback {
	h.t.Helper()
	var cb discordtest.Callback
	h.until("the interaction callback", func() bool {
		var ok bool
		cb, ok = h.srv.InteractionCallback(i.Token)
		return ok
	})
	return cb
}

// checkNoMentions fails unless every message create and edit the bot sent
// carried allowed_mentions with an empty parse list.
func (h *harness) checkNoMentions() {
	h.t.Helper()
	n := 0
	for _, r := range h.srv.Requests() {
		creates := r.Method == "POST" && (strings.HasSuffix(r.Path, "/messages") || strings.HasPrefix(r.Path, "/webhooks/") || strings.HasSuffix(r.Path, "/callback"))
		if !creates && r.Method != "PATCH" {
			continue
		}
		// Autocomplete choices and modals carry no message.
		if ct := callbackType(r); strings.HasSuffix(r.Path, "/callback") &&
			(ct == int(discordgo.InteractionApplicationCommandAutocompleteResult) || ct == int(discordgo.InteractionResponseModal)) {
			continue
		}
		if r.Method == "PATCH" && !strings.Contains(r.Path, "/messages/") {
			continue // a channel edit, not a message
		}
		n++
		am := r.JSON["allowed_mentions"]
		if strings.HasSuffix(r.Path, "/callback") {
			data, _ := r.JSON["data"].(map[string]any)
			am = data["allowed_mentions"]
		}
		m, ok := am.(map[string]any)
		parse, isList := m["parse"].([]any)
		if !ok || !isList || len(parse) != 0 {
			h.t.Errorf("%s %s: allowed_mentions = %s, want {\"parse\":[]}", r.Method, r.Path, mustJSON(am))
		}
	}
	if n == 0 {
		h.t.Error("no message creates or edits recorded")
	}
}

func callbackType(r discordtest.Request) int {
	f, _ := r.JSON["type"].(float64)
	return int(f)
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// gated is an Answerer whose answers wait for release (or the context),
// streaming the given pieces first; it records every request.
type gated struct {
	inner   asking.Answerer
	pieces  []string
	release chan struct{}
	started chan struct{}

	mu   sync.Mutex
	reqs []answer.Request
}

func newGated(inner asking.Answerer, pieces ...string) *gated {
	return &gated{inner: inner, pieces: pieces, release: make(chan struct{}), started: make(chan struct{}, 16)}
}

func (g *gated) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	g.mu.Lock()
	g.reqs = append(g.reqs, req)
	g.mu.Unlock()
	g.started <- struct{}{}
	for _, p := range g.pieces {
		onDelta(p)
	}
	select {
	case <-g.release:
	case <-ctx.Done():
		return answer.Answer{}, ctx.Err()
	}
	return g.inner.Ask(ctx, req, nil)
}

func (g *gated) Knowledge() *answer.Knowledge { return g.inner.Knowledge() }

func (g *gated) requests() []answer.Request {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]answer.Request(nil), g.reqs...)
}

// recorder is an Answerer that records requests and passes them on.
type recorder struct {
	inner asking.Answerer
	mu    sync.Mutex
	reqs  []answer.Request
}

func (r *recorder) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return r.inner.Ask(ctx, req, onDelta)
}

func (r *recorder) Knowledge() *answer.Knowledge { return r.inner.Knowledge() }

func (r *recorder) requests() []answer.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]answer.Request(nil), r.reqs...)
}

// fixed is an Answerer that always gives the same answer.
type fixed struct {
	a answer.Answer
}

func (f fixed) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	if onDelta != nil {
		onDelta(f.a.Text)
	}
	return f.a, nil
}

func (f fixed) Knowledge() *answer.Knowledge { return kb }

// observed is an Observer that keeps what it hears.
type observed struct {
	mu        sync.Mutex
	stages    map[string]int
	responses map[int]int
	gateway   []bool
}

func newObserved() *observed { return &observed{stages: map[string]int{}, responses: map[int]int{}} }

func (o *observed) Stage(stage string, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.stages[stage]++
}

func (o *observed) DiscordResponse(status int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.responses[status]++
}

func (o *observed) InvalidRequests(int) {}

func (o *observed) Gateway(_ int, up bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.gateway = append(o.gateway, up)
}

func (o *observed) counts() (stages map[string]int, responses map[int]int, gateway []bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return maps.Clone(o.stages), maps.Clone(o.responses), slices.Clone(o.gateway)
}

// stalledServer accepts TCP connections and never answers; it returns its
// address.
func stalledServer(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	return ln.Addr().String()
}
