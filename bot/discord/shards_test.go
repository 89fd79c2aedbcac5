package discord

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// Two processes, one shard each, on one gateway: each guild's events reach
// the shard that owns it ((guild_id >> 22) % 2), and only that one answers.
func TestTwoShardsAnswerTheirOwnGuilds(t *testing.T) {
	t.Parallel()
	const guild0, guild1 = "300000000000000001", "300000000004194305" // shards 0 and 1
	srv := discordtest.New(t, discordtest.WithGuilds(guild0, guild1), discordtest.WithRecommendedShards(2))
	for shard := range 2 {
		text := []string{"Shard zero says Macron [1].", "Shard one says Macron [1]."}[shard]
		k := testKnowledge(t)
		a := answer.Answer{Text: text, Mode: answer.ModeLLM, KnowledgeVersion: k.Version,
			Citations: []answer.Citation{{N: 1, Briefing: k.Briefings[0].Title, Paragraph: 11, ChunkID: k.Briefings[0].ID + "#p11", Quote: k.Briefings[0].Paragraphs[10]}}}
		shards := 2
		if shard == 1 {
			shards = AutoShards // asks GET /gateway/bot: 2
		}
		b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), GuildID: guild0, EditInterval: 20 * time.Millisecond, Shards: shards, ShardIDs: []int{shard}},
			Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: fixed{a}}, nil)}, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- b.Run(ctx) }()
		t.Cleanup(func() { cancel(); <-done })
		select {
		case <-b.Ready():
		case err := <-done:
			t.Fatalf("shard %d: %v", shard, err)
		case <-time.After(wait):
			t.Fatalf("shard %d not ready", shard)
		}
	}
	ask := func(guild string) *discordgo.Message {
		return srv.DispatchMessage(&discordgo.Message{GuildID: guild, Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ,
			Mentions: []*discordgo.User{botUser()}})
	}
	for guild, want := range map[string]string{guild0: "Shard zero", guild1: "Shard one"} {
		q := ask(guild)
		deadline := time.Now().Add(wait)
		var answers []string
		for time.Now().Before(deadline) {
			answers = answers[:0]
			// The thread started from the question, and the channel (where
			// a second shard, finding the thread taken, would answer).
			for _, m := range append(srv.ChannelMessages(q.ID), srv.ChannelMessages(q.ChannelID)...) {
				if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "Macron") {
					answers = append(answers, m.Content)
				}
			}
			if len(answers) > 0 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond) // room for a wrong second answer
		answers = answers[:0]
		for _, m := range append(srv.ChannelMessages(q.ID), srv.ChannelMessages(q.ChannelID)...) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "Macron") {
				answers = append(answers, m.Content)
			}
		}
		if len(answers) != 1 || !strings.Contains(answers[0], want) {
			t.Errorf("guild %s: answers %q, want one from %q", guild, answers, want)
		}
	}
}

func TestShardOutOfRangeIsRefused(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), Shards: 2, ShardIDs: []int{2}},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "shard 2 is not one of 0-1") {
		t.Errorf("Run = %v", err)
	}
}

// guildOnShard is a guild id whose events go to shard k of n ((id >> 22) %
// n == k).
func guildOnShard(k, n int) string {
	return strconv.FormatUint(uint64(1<<20*n+k)<<22|7, 10)
}

// shardGateway is an Observer that keeps each shard's gateway state.
type shardGateway struct {
	nopObserver
	mu sync.Mutex
	up map[int]bool
}

func (o *shardGateway) Gateway(shard int, connected bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.up[shard] = connected
}

func (o *shardGateway) state() map[int]bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return maps.Clone(o.up)
}

// runSharded starts b.Run; done is closed when Run returns, and stop
// ends it and returns what Run returned.
func runSharded(t *testing.T, b *Bot) (done <-chan struct{}, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	var err error
	go func() { err = b.Run(ctx); close(finished) }()
	stop = func() error { cancel(); <-finished; return err }
	t.Cleanup(func() { stop() })
	return finished, stop
}

// botAnswers returns the bot's answers (messages naming Macron) in these
// channels.
func botAnswers(srv *discordtest.Server, channels ...string) []string {
	var answers []string
	for _, ch := range channels {
		for _, m := range srv.ChannelMessages(ch) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "Macron") {
				answers = append(answers, m.Content)
			}
		}
	}
	return answers
}

// Two shards in one process: both connect over sessions of their own, one
// IDENTIFY at a time (max_concurrency 1) at least IdentifyInterval apart;
// the process is ready only once both are; each guild's question is
// answered exactly once, after reaching the shard that owns the guild; DMs
// reach shard 0; both shards show the status line and report their state;
// stopping closes both connections.
func TestTwoShardsInOneProcess(t *testing.T) {
	t.Parallel()
	const interval = time.Second
	guild0, guild1 := guildOnShard(0, 2), guildOnShard(1, 2)
	srv := discordtest.New(t, discordtest.WithGuilds(guild0, guild1), discordtest.WithRecommendedShards(2))
	obs := &shardGateway{up: map[int]bool{}}
	k := testKnowledge(t)
	a := answer.Answer{Text: "Macron said so [1].", Mode: answer.ModeLLM, KnowledgeVersion: k.Version,
		Citations: []answer.Citation{{N: 1, Briefing: k.Briefings[0].Title, Paragraph: 11, ChunkID: k.Briefings[0].ID + "#p11", Quote: k.Briefings[0].Paragraphs[10]}}}
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), GuildID: guild0, EditInterval: 20 * time.Millisecond,
		Shards: AutoShards, IdentifyInterval: interval},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: fixed{a}}, nil), Observer: obs},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	done, stop := runSharded(t, b)

	// Shard 1 waits its turn to IDENTIFY: meanwhile the process is not
	// ready, and says which shard it waits for.
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if _, err := srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool { return g.Live == 1 }); err != nil {
		t.Fatalf("shard 0 did not connect: %+v", srv.Gateway())
	}
	if err := b.Healthy(); err == nil || !strings.Contains(err.Error(), "shard 1: not connected") {
		t.Errorf("Healthy with shard 1 not connected yet = %v", err)
	}
	select {
	case <-b.Ready():
		t.Fatal("ready before shard 1 connected")
	default:
	}
	select {
	case <-b.Ready():
	case <-done:
		t.Fatalf("Run = %v", stop())
	case <-time.After(wait + interval):
		t.Fatalf("not ready; identifies %+v", srv.Identifies())
	}
	if err := b.Healthy(); err != nil {
		t.Errorf("Healthy = %v", err)
	}
	ids := srv.Identifies()
	if len(ids) != 2 || ids[0].Shard != [2]int{0, 2} || ids[1].Shard != [2]int{1, 2} {
		t.Fatalf("identifies = %+v, want shard 0 then shard 1 of 2", ids)
	}
	if gap := ids[1].At.Sub(ids[0].At); gap < interval {
		t.Errorf("shard 1 identified %s after shard 0, want at least %s", gap, interval)
	}
	if got := obs.state(); !got[0] || !got[1] || len(got) != 2 {
		t.Errorf("gateway state by shard = %v", got)
	}

	// Record which shard's session each message reaches.
	var mu sync.Mutex
	reached := map[string][]int{} // message id → shard ids
	for _, sh := range b.shardList() {
		sh.s.AddHandler(func(s *discordgo.Session, mc *discordgo.MessageCreate) {
			mu.Lock()
			defer mu.Unlock()
			reached[mc.ID] = append(reached[mc.ID], s.ShardID)
		})
	}
	for _, c := range []struct {
		guild string
		shard int
	}{{guild0, 0}, {guild1, 1}, {"", 0}} {
		m := &discordgo.Message{GuildID: c.guild, Content: franceQ}
		if c.guild != "" {
			m.Content = "<@" + discordtest.DefaultBotUserID + "> " + franceQ
			m.Mentions = []*discordgo.User{botUser()}
		}
		q := srv.DispatchMessage(m)
		// In guilds: the thread started from the question, and the channel
		// (where a second answer would go, finding the thread taken).
		channels := []string{q.ChannelID}
		if c.guild != "" {
			channels = append(channels, q.ID)
		}
		deadline := time.Now().Add(wait)
		for len(botAnswers(srv, channels...)) == 0 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond) // room for a wrong second answer
		if got := botAnswers(srv, channels...); len(got) != 1 {
			t.Errorf("guild %q: %d answers %q, want exactly one", c.guild, len(got), got)
		}
		mu.Lock()
		if got := reached[q.ID]; !slices.Equal(got, []int{c.shard}) {
			t.Errorf("guild %q: the question reached shards %v, want only %d", c.guild, got, c.shard)
		}
		mu.Unlock()
	}

	// A presence belongs to one connection: each shard sets its own.
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		by := map[int]bool{}
		for _, p := range srv.Presence() {
			by[p.Shard] = true
		}
		if by[0] && by[1] {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	before := srv.Presence()
	b.KnowledgeChanged()
	deadline = time.Now().Add(wait)
	for len(srv.Presence()) < len(before)+2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	by := map[int]int{}
	for _, p := range srv.Presence() {
		by[p.Shard]++
	}
	if by[0] < 2 || by[1] < 2 {
		t.Errorf("status updates by shard = %v, want each shard's at READY and after the knowledge changed", by)
	}

	if err := stop(); err != nil {
		t.Errorf("Run = %v", err)
	}
	if g := srv.Gateway(); g.Live != 0 {
		t.Errorf("after shutdown %d gateway connections are live", g.Live)
	}
	// Handlers run in goroutines of their own: the last state may come a
	// moment after Run returned.
	deadline = time.Now().Add(wait)
	for got := obs.state(); got[0] || got[1]; got = obs.state() {
		if time.Now().After(deadline) {
			t.Errorf("gateway state by shard after shutdown = %v", got)
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// With max_concurrency 2 (from GET /gateway/bot), shards 0 and 1 identify
// at once, and 2 and 3 (the same buckets) each at least the interval
// after them.
func TestShardsIdentifyByBucket(t *testing.T) {
	t.Parallel()
	const interval = time.Second
	srv := discordtest.New(t, discordtest.WithGuilds(), discordtest.WithMaxConcurrency(2))
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), Shards: 4, IdentifyInterval: interval},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	done, stop := runSharded(t, b)
	select {
	case <-b.Ready():
	case <-done:
		t.Fatalf("Run = %v", stop())
	case <-time.After(wait + 2*interval):
		t.Fatalf("not ready; identifies %+v", srv.Identifies())
	}
	at := map[int]time.Time{}
	for _, id := range srv.Identifies() {
		if id.Shard[1] != 4 {
			t.Fatalf("IDENTIFY with shard %v, want of 4", id.Shard)
		}
		at[id.Shard[0]] = id.At
	}
	if len(at) != 4 {
		t.Fatalf("identified shards %v, want 0-3", at)
	}
	if d := at[1].Sub(at[0]).Abs(); d >= interval {
		t.Errorf("shards 0 and 1 (two buckets) identified %s apart, want at once", d)
	}
	for _, pair := range [][2]int{{0, 2}, {1, 3}} {
		if d := at[pair[1]].Sub(at[pair[0]]); d < interval {
			t.Errorf("shard %d identified %s after shard %d (same bucket), want at least %s", pair[1], d, pair[0], interval)
		}
	}
}

// A fatal close code on one shard stops the whole process, closing the
// shards already connected.
func TestFatalCloseOnOneShardStopsAll(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithRecommendedShards(2),
		discordtest.WithIdentifyCloseOnShard(1, 4011, "Sharding required."))
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), Shards: 2, IdentifyInterval: 10 * time.Millisecond},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	done, stop := runSharded(t, b)
	select {
	case <-done:
		err := stop()
		var ge *GatewayError
		if !errors.As(err, &ge) || ge.Code != 4011 {
			t.Errorf("Run = %v, want the 4011 gateway error", err)
		}
	case <-time.After(wait):
		t.Fatal("Run did not stop")
	}
	if len(srv.Identifies()) != 2 {
		t.Errorf("identifies = %+v, want shard 0's and shard 1's", srv.Identifies())
	}
	if g := srv.Gateway(); g.Live != 0 {
		t.Errorf("%d gateway connections still live", g.Live)
	}
}

func TestShardOf(t *testing.T) {
	for _, c := range []struct {
		guild string
		n     int
		want  int
	}{
		{"", 4, 0}, {"x", 4, 0}, {guildOnShard(3, 4), 4, 3}, {guildOnShard(3, 4), 1, 0},
		{"300000000000000001", 2, 0}, {"300000000004194305", 2, 1},
		{"81384788765712384", 16, (81384788765712384 >> 22) % 16},
	} {
		if got := shardOf(c.guild, c.n); got != c.want {
			t.Errorf("shardOf(%q, %d) = %d, want %d", c.guild, c.n, got, c.want)
		}
	}
}

func TestShardIDsAreChecked(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t, discordtest.WithRecommendedShards(3))
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Shards: AutoShards, ShardIDs: []int{0, 3}}, "shard 3 is not one of 0-2"},
		{Config{Shards: 4, ShardIDs: []int{1, 1}}, "shard 1 is named twice"},
	} {
		c.cfg.Token, c.cfg.APIURL = "test-token", srv.APIBase()
		b, err := New(c.cfg, Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Run(context.Background()); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: Run = %v, want %q", c.cfg.ShardIDs, err, c.want)
		}
	}
	if n := srv.Gateway().Connects; n != 0 {
		t.Errorf("%d gateway connections with refused shard ids", n)
	}
}

// The gate lets a bucket's shards in by id the first time, spaces them
// by the interval, and gives the turn back when a waiter gives up.
func TestIdentifyGate(t *testing.T) {
	t.Parallel()
	const interval = 300 * time.Millisecond
	// Every wait is bounded: a gate that never lets in fails, not hangs.
	enter := func(g *identifyGate, shard int, within time.Duration) error {
		ctx, cancel := context.WithTimeout(context.Background(), within)
		defer cancel()
		release, err := g.wait(ctx, shard)
		if err == nil {
			release()
		}
		return err
	}
	g := newIdentifyGate(1, interval, []int{0, 1})
	if err := enter(g, 1, 20*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("shard 1 before shard 0: %v, want to wait", err)
	}
	if err := enter(g, 0, wait); err != nil {
		t.Fatal(err)
	}
	released := time.Now()
	// Giving up during the interval keeps the bucket usable.
	if err := enter(g, 1, 5*time.Millisecond); err == nil && time.Since(released) < interval {
		t.Errorf("shard 1 let in within the interval")
	}
	if err := enter(g, 1, wait); err != nil {
		t.Fatalf("shard 1 after the interval: %v", err)
	}
	if d := time.Since(released); d < interval {
		t.Errorf("shard 1 let in %s after shard 0, want at least %s", d, interval)
	}
	// Another bucket does not wait.
	g2 := newIdentifyGate(2, time.Hour, []int{0, 1})
	if err := enter(g2, 0, wait); err != nil {
		t.Fatal(err)
	}
	if err := enter(g2, 1, wait); err != nil {
		t.Errorf("shard 1 in another bucket: %v", err)
	}
}
