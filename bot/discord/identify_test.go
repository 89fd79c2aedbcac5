package discord

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// identifiesApart returns every IDENTIFY the fake received, in order of
// arrival, and fails t unless each came at least interval after the
// previous one.
func identifiesApart(t *testing.T, srv *discordtest.Server, interval time.Duration) []discordtest.IdentifyAttempt {
	t.Helper()
	ids := srv.Identifies()
	slices.SortFunc(ids, func(a, b discordtest.IdentifyAttempt) int { return a.At.Compare(b.At) })
	for i := 1; i < len(ids); i++ {
		if gap := ids[i].At.Sub(ids[i-1].At); gap < interval {
			t.Errorf("IDENTIFY %d (shard %v) came %s after the previous one (shard %v), want at least %s",
				i, ids[i].Shard, gap, ids[i-1].Shard, interval)
		}
	}
	return ids
}

// waitReady waits for b to be ready, failing t if Run ends or time runs
// out first.
func waitReady(t *testing.T, srv *discordtest.Server, b *Bot, done <-chan struct{}, stop func() error, within time.Duration) {
	t.Helper()
	select {
	case <-b.Ready():
	case <-done:
		t.Fatalf("Run = %v", stop())
	case <-time.After(within):
		t.Fatalf("not ready; identifies %+v", srv.Identifies())
	}
}

// startProcess runs a bot for one shard of two, as one of two processes
// would, with its IDENTIFY leases (nil: none).
func startProcess(t *testing.T, srv *discordtest.Server, shard int, interval time.Duration, leases IdentifyLeases, log *slog.Logger) (b *Bot, done <-chan struct{}, stop func() error) {
	t.Helper()
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), Shards: 2, ShardIDs: []int{shard}, IdentifyInterval: interval},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil), Identify: leases}, log)
	if err != nil {
		t.Fatal(err)
	}
	done, stop = runSharded(t, b)
	return b, done, stop
}

// Two processes, one shard each in the same bucket (max_concurrency 1),
// started at once on one Redis: the lease spaces their IDENTIFYs by the
// interval.
func TestTwoProcessesSpaceTheirIdentifies(t *testing.T) {
	t.Parallel()
	const interval = time.Second
	rds := redistest.Start(t)
	srv := discordtest.New(t, discordtest.WithGuilds(guildOnShard(0, 2), guildOnShard(1, 2)))
	type process struct {
		b    *Bot
		done <-chan struct{}
		stop func() error
	}
	var procs []process
	for shard := range 2 {
		// Each process has a client of its own.
		rdb, err := redisstore.Connect(context.Background(), rds.URL())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rdb.Close() })
		leases := redisstore.New(rdb, redisstore.Options{Prefix: rds.Prefix()}).IdentifyLeases()
		b, done, stop := startProcess(t, srv, shard, interval, leases, nil)
		procs = append(procs, process{b, done, stop})
	}
	for _, p := range procs {
		waitReady(t, srv, p.b, p.done, p.stop, wait+interval)
	}
	if ids := identifiesApart(t, srv, interval); len(ids) != 2 || ids[0].Shard[0] == ids[1].Shard[0] {
		t.Fatalf("identifies = %+v, want one per shard", ids)
	}
}

// With Redis unreachable (refusing connections, or stalled), the gate
// says so once and spaces this process's IDENTIFYs on its own: both
// shards connect, the interval apart, without waiting for Redis more than
// one call's timeout.
func TestIdentifyLeasesDownFallsBack(t *testing.T) {
	t.Parallel()
	const interval, timeout = 500 * time.Millisecond, 300 * time.Millisecond
	closedPort := func(t testing.TB) string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return addr
	}
	for _, c := range []struct {
		name string
		addr func(testing.TB) string
	}{
		{"refused", closedPort},
		{"stalled", stalledServer},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			rdb := redis.NewClient(&redis.Options{Addr: c.addr(t), MaxRetries: -1, ContextTimeoutEnabled: true})
			t.Cleanup(func() { rdb.Close() })
			leases := redisstore.New(rdb, redisstore.Options{Prefix: "down:", Timeout: timeout}).IdentifyLeases()
			srv := discordtest.New(t, discordtest.WithGuilds(guildOnShard(0, 2), guildOnShard(1, 2)))
			logs := &syncBuffer{}
			b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), Shards: 2, IdentifyInterval: interval},
				Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil), Identify: leases},
				slog.New(slog.NewTextHandler(logs, nil)))
			if err != nil {
				t.Fatal(err)
			}
			begin := time.Now()
			done, stop := runSharded(t, b)
			waitReady(t, srv, b, done, stop, wait)
			// One failed call (the second shard skips Redis), one interval.
			if took := time.Since(begin); took > timeout+interval+3*time.Second {
				t.Errorf("ready after %s with Redis down", took)
			}
			if ids := identifiesApart(t, srv, interval); len(ids) != 2 {
				t.Errorf("identifies = %+v, want 2", ids)
			}
			if n := strings.Count(logs.String(), "cannot take the IDENTIFY lease in Redis"); n != 1 {
				t.Errorf("the lease failure was logged %d times, want once; log:\n%s", n, logs)
			}
		})
	}
}

// fakeLeases is an IdentifyLeases whose answers the test sets.
type fakeLeases struct {
	mu       sync.Mutex
	err      error // every call fails with it
	held     bool  // another process holds every lease
	acquires int
	releases []string // owners
	// onAcquire runs inside each acquire (to cancel its caller).
	onAcquire func()
}

func (f *fakeLeases) AcquireIdentify(_ context.Context, _ int, _ string, _ time.Duration) (bool, time.Duration, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.acquires++
	if f.onAcquire != nil {
		f.onAcquire()
	}
	if f.err != nil {
		return false, 0, f.err
	}
	return !f.held, time.Hour, nil
}

func (f *fakeLeases) ReleaseIdentify(_ context.Context, _ int, owner string, _ time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	f.releases = append(f.releases, owner)
	return nil
}

func (f *fakeLeases) set(err error, held bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err, f.held = err, held
}

func (f *fakeLeases) counts() (acquires, releases int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.acquires, len(f.releases)
}

// A lease taken as its caller gives up (shutdown during start-up) is not
// left held for identifyLeaseHold: it is cut to the interval.
func TestIdentifyLeaseTakenAsCallerGivesUp(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	f := &fakeLeases{onAcquire: cancel}
	g := newIdentifyGate(1, time.Millisecond, nil).withLeases(f, slog.New(slog.DiscardHandler))
	if _, err := g.wait(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("wait = %v, want context.Canceled", err)
	}
	deadline := time.Now().Add(wait)
	for {
		if _, r := f.counts(); r == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lease taken as the caller gave up was never released")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// The gate takes the lease after its own turn and releases it with the
// turn; while another process holds it the shard waits, until ctx ends,
// freeing the bucket; a failing store is logged once, left alone for the
// pause, then used again, which is logged too.
func TestIdentifyGateLeases(t *testing.T) {
	t.Parallel()
	f := &fakeLeases{}
	logs := &syncBuffer{}
	g := newIdentifyGate(1, time.Millisecond, nil).withLeases(f, slog.New(slog.NewTextHandler(logs, nil)))
	g.pause = 200 * time.Millisecond
	enter := func(within time.Duration) error {
		ctx, cancel := context.WithTimeout(context.Background(), within)
		defer cancel()
		release, err := g.wait(ctx, 0)
		if err == nil {
			release()
			release() // once only
		}
		return err
	}
	if err := enter(wait); err != nil {
		t.Fatal(err)
	}
	if a, r := f.counts(); a != 1 || r != 1 {
		t.Fatalf("acquires %d, releases %d; want 1 and 1", a, r)
	}
	// Held elsewhere (for an hour, says the store): the shard waits,
	// asking again every identifyLeasePoll, as the holder cuts its lease
	// to the interval once connected; it gives up with ctx.
	f.set(nil, true)
	if err := enter(2*identifyLeasePoll + 100*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("with the lease held elsewhere: %v, want to wait", err)
	}
	if a, _ := f.counts(); a-1 < 2 || a-1 > 3 {
		t.Errorf("%d acquires while held elsewhere, want 3 (one every %s)", a-1, identifyLeasePoll)
	}
	f.set(nil, false)
	if err := enter(wait); err != nil {
		t.Fatalf("the bucket was not freed by the shard that gave up: %v", err)
	}
	// Redis down: in at once, logged once, not asked again for the pause.
	f.set(errors.New("connection refused"), false)
	before, _ := f.counts()
	for range 3 {
		if err := enter(wait); err != nil {
			t.Fatal(err)
		}
	}
	if a, _ := f.counts(); a != before+1 {
		t.Errorf("%d acquires during the pause, want 1", a-before)
	}
	if n := strings.Count(logs.String(), "cannot take the IDENTIFY lease"); n != 1 {
		t.Errorf("failure logged %d times, want once:\n%s", n, logs)
	}
	// Back: after the pause the lease is taken again, and that is said.
	f.set(nil, false)
	time.Sleep(g.pause)
	_, released := f.counts()
	if err := enter(wait); err != nil {
		t.Fatal(err)
	}
	if _, r := f.counts(); r != released+1 {
		t.Errorf("after the pause the lease was not taken and released")
	}
	if !strings.Contains(logs.String(), "IDENTIFY lease in Redis works again") {
		t.Errorf("recovery not logged:\n%s", logs)
	}
}

// After an op 9 INVALID_SESSION discordgo identifies again by itself, on
// the same connection (one shard: no gate to wait for): the shard comes
// back and stays healthy.
func TestInvalidSessionIdentifiesAgain(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase()},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	done, stop := runSharded(t, b)
	waitReady(t, srv, b, done, stop, wait)
	before := srv.Gateway()
	if n := srv.InvalidateSessions(); n != 1 {
		t.Fatalf("op 9 reached %d sessions, want 1", n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if g, err := srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool {
		return g.Identifies == before.Identifies+1 && g.Live == 1
	}); err != nil {
		t.Fatalf("no new session after op 9: %+v", g)
	}
	if err := b.Healthy(); err != nil {
		t.Errorf("Healthy after the new session = %v", err)
	}
}

// twoShardBot is a process running both shards of two, IDENTIFYing
// interval apart, whose answers name Macron.
func twoShardBot(t *testing.T, srv *discordtest.Server, interval time.Duration) *Bot {
	t.Helper()
	k := testKnowledge(t)
	a := answer.Answer{Text: "Macron said so [1].", Mode: answer.ModeLLM, KnowledgeVersion: k.Version,
		Citations: []answer.Citation{{N: 1, Briefing: k.Briefings[0].Title, Paragraph: 11, ChunkID: k.Briefings[0].ID + "#p11", Quote: k.Briefings[0].Paragraphs[10]}}}
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), EditInterval: 20 * time.Millisecond, Shards: 2, IdentifyInterval: interval},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: fixed{a}}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// answersInEach asks a question mentioning the bot in each guild and
// fails t for a guild where no answer comes.
func answersInEach(t *testing.T, srv *discordtest.Server, guilds ...string) {
	t.Helper()
	for _, g := range guilds {
		q := srv.DispatchMessage(&discordgo.Message{GuildID: g, Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ,
			Mentions: []*discordgo.User{botUser()}})
		deadline := time.Now().Add(wait)
		for len(botAnswers(srv, q.ID, q.ChannelID)) == 0 {
			if time.Now().After(deadline) {
				t.Errorf("guild %s: no answer", g)
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// droppedAtOnce waits up to within for the fake to have no connection
// open: after op 9 the bot closes a shard's connection at once rather
// than hold an IDENTIFY on it (and every write behind it) until its turn.
func droppedAtOnce(t *testing.T, srv *discordtest.Server, within time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	if g, err := srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool { return g.Open == 0 }); err != nil {
		t.Errorf("connections still open %s after op 9: %+v", within, g)
	}
}

// Discord invalidating the sessions of two shards of one bucket at once
// (op 9 on live sessions): discordgo would IDENTIFY again at once on each
// connection; the bot closes both connections instead, at once, and the
// shards come back through the gate, in turn (a RESUME, refused, then the
// IDENTIFY inside the turn), the interval apart, and answer.
func TestInvalidSessionsIdentifyInTurn(t *testing.T) {
	t.Parallel()
	const interval = time.Second
	guild0, guild1 := guildOnShard(0, 2), guildOnShard(1, 2)
	srv := discordtest.New(t, discordtest.WithGuilds(guild0, guild1))
	b := twoShardBot(t, srv, interval)
	done, stop := runSharded(t, b)
	waitReady(t, srv, b, done, stop, wait+2*interval)
	before := srv.Gateway()
	if n := srv.InvalidateSessions(); n != 2 {
		t.Fatalf("op 9 reached %d sessions, want 2", n)
	}
	droppedAtOnce(t, srv, interval/2)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if g, err := srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool {
		return g.Identifies == before.Identifies+2 && g.Live == 2
	}); err != nil {
		t.Fatalf("no new sessions after op 9: %+v", g)
	}
	if ids := identifiesApart(t, srv, interval); len(ids) != 4 {
		t.Errorf("IDENTIFYs %+v, want 4", ids)
	}
	answersInEach(t, srv, guild0, guild1)
	if err := b.Healthy(); err != nil {
		t.Errorf("Healthy after the new sessions = %v", err)
	}
}

// As above, and Discord refuses shard 1's IDENTIFY in its turn with op 9
// (over the limit): that op 9 reaches discordgo's reader after Open
// returned, and its IDENTIFY at once is not sent either: the connection
// is closed, and shard 1 identifies in a later turn.
//
// The interval is 2 s, not 1 s: discordgo's heartbeat goroutine, started
// by that Open and writing its first heartbeat as the connection is
// closed, may fail and call Session.Close itself, which closes whatever
// connection the session has by then (after the reader's Close, which
// sleeps 1 s); with a turn only 1 s away that can be the next one, and a
// session closed with 1000 costs one more IDENTIFY (spaced all the same).
// Discord's 5 s leaves that Close long done.
func TestInvalidSessionThenIdentifyRefused(t *testing.T) {
	t.Parallel()
	const interval = 2 * time.Second
	guild0, guild1 := guildOnShard(0, 2), guildOnShard(1, 2)
	srv := discordtest.New(t, discordtest.WithGuilds(guild0, guild1))
	b := twoShardBot(t, srv, interval)
	done, stop := runSharded(t, b)
	waitReady(t, srv, b, done, stop, wait+2*interval)
	before := srv.Gateway()
	srv.RefuseIdentifies(1, 1)
	if n := srv.InvalidateSessions(); n != 2 {
		t.Fatalf("op 9 reached %d sessions, want 2", n)
	}
	droppedAtOnce(t, srv, interval/2)
	ctx, cancel := context.WithTimeout(context.Background(), wait+3*interval)
	defer cancel()
	if g, err := srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool {
		return g.Identifies == before.Identifies+2 && g.Live == 2
	}); err != nil {
		t.Fatalf("no new sessions after op 9: %+v", g)
	}
	if ids := identifiesApart(t, srv, interval); len(ids) != 5 {
		t.Errorf("IDENTIFYs %+v, want 5 (shard 1's first after op 9 refused)", ids)
	}
	answersInEach(t, srv, guild0, guild1)
}

// Discord answering a shard's IDENTIFY with op 9 for being over the limit
// (another process of the bot identified in the bucket without the lease,
// say), twice: discordgo identifies again at once, inside Open, in
// connect's turn. That IDENTIFY is not sent: Open fails, and the shard
// identifies in its next turn, the interval later.
func TestIdentifyRefusedInTurnIsSpaced(t *testing.T) {
	t.Parallel()
	const interval = time.Second
	guild0, guild1 := guildOnShard(0, 2), guildOnShard(1, 2)
	srv := discordtest.New(t, discordtest.WithGuilds(guild0, guild1), discordtest.WithIdentifyInvalid(1, 2))
	b := twoShardBot(t, srv, interval)
	done, stop := runSharded(t, b)
	waitReady(t, srv, b, done, stop, wait+4*interval)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if g, err := srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool {
		return g.Identifies == 2 && g.Live == 2
	}); err != nil {
		t.Fatalf("shards not both identified: %+v", g)
	}
	if ids := identifiesApart(t, srv, interval); len(ids) != 4 {
		t.Errorf("IDENTIFYs %+v, want 4 (shard 1's first two refused)", ids)
	}
	answersInEach(t, srv, guild0, guild1)
}

// Over TLS too (Discord's gateway is wss), the frames are seen: a
// heartbeat and the first IDENTIFY of connect's turn are written; a
// second IDENTIFY in that turn, or one outside it, is not: the write
// fails at once, whatever the gate (here another shard holds the bucket),
// and the connection is closed, so discordgo's reader fails too.
func TestGatedDialerDropsIdentifyOverTLS(t *testing.T) {
	t.Parallel()
	got := make(chan string, 8)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		for {
			_, msg, err := ws.ReadMessage()
			if err != nil {
				got <- "closed"
				return
			}
			got <- string(msg)
		}
	}))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	b := &Bot{log: slog.New(slog.DiscardHandler), identify: newIdentifyGate(1, time.Hour, nil)}
	sh := &shard{id: 0}
	d := b.gatedDialer(&websocket.Dialer{TLSClientConfig: &tls.Config{RootCAs: pool}}, sh, true)
	release, err := b.identify.wait(context.Background(), 1) // another shard's turn, kept
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	type op struct {
		Op int `json:"op"`
		D  any `json:"d"`
	}
	identify := op{2, map[string]any{"token": "t", "properties": strings.Repeat("x", 300)}}
	receive := func(want string) {
		t.Helper()
		select {
		case m := <-got:
			if !strings.HasPrefix(m, want) {
				t.Fatalf("received %.40q…, want %.40q…", m, want)
			}
		case <-time.After(wait):
			t.Fatalf("nothing received, want %.40q…", want)
		}
	}
	refused := func(ws *websocket.Conn) {
		t.Helper()
		start := time.Now()
		if err := ws.WriteJSON(identify); !errors.Is(err, errIdentifyNotSent) {
			t.Fatalf("IDENTIFY written: %v", err)
		}
		if took := time.Since(start); took > 100*time.Millisecond {
			t.Errorf("the refused IDENTIFY's write took %s", took)
		}
		receive("closed")
		if _, _, err := ws.ReadMessage(); err == nil {
			t.Error("the connection reads on after a refused IDENTIFY")
		}
		if err := ws.WriteJSON(op{1, 43}); err == nil {
			t.Error("a heartbeat was written after a refused IDENTIFY")
		}
	}
	gateway := "wss" + strings.TrimPrefix(srv.URL, "https")

	// connect's turn: the first IDENTIFY goes, a second one does not.
	ws, _, err := d.Dial(gateway, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	sh.identifying.Store(true)
	if err := ws.WriteJSON(op{1, 42}); err != nil {
		t.Fatal(err)
	}
	receive(`{"op":1,"d":42}`)
	if err := ws.WriteJSON(identify); err != nil {
		t.Fatal(err)
	}
	receive(`{"op":2,"d":{"properties":"xxx`)
	refused(ws)
	sh.identifying.Store(false)

	// Outside the turn: no IDENTIFY goes, a heartbeat does.
	ws, _, err = d.Dial(gateway, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if err := ws.WriteJSON(op{1, 42}); err != nil {
		t.Fatal(err)
	}
	receive(`{"op":1,"d":42}`)
	refused(ws)
}

// isIdentifyFrame tells an IDENTIFY from other frames a client writes,
// whatever the length of the frame's payload.
func TestIsIdentifyFrame(t *testing.T) {
	frame := func(first byte, payload string, masked bool) []byte {
		p := []byte{first}
		maskBit := byte(0)
		if masked {
			maskBit = 0x80
		}
		switch n := len(payload); {
		case n < 126:
			p = append(p, maskBit|byte(n))
		case n < 1<<16:
			p = append(p, maskBit|126, byte(n>>8), byte(n))
		default:
			p = append(p, maskBit|127, 0, 0, 0, 0, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
		}
		key := []byte{0x12, 0x34, 0x56, 0x78}
		if !masked {
			return append(p, payload...)
		}
		p = append(p, key...)
		for i := range len(payload) {
			p = append(p, payload[i]^key[i%4])
		}
		return p
	}
	for _, c := range []struct {
		name string
		p    []byte
		want bool
	}{
		{"short", frame(0x81, `{"op":2,"d":{}}`, true), true},
		{"16-bit length", frame(0x81, `{"op":2,"d":{"token":"`+strings.Repeat("x", 500)+`"}}`, true), true},
		{"64-bit length", frame(0x81, `{"op":2,"d":{"token":"`+strings.Repeat("x", 70000)+`"}}`, true), true},
		{"first fragment", frame(0x01, `{"op":2,"d":{"token":"`, true), true},
		{"heartbeat", frame(0x81, `{"op":1,"d":42}`, true), false},
		{"resume", frame(0x81, `{"op":6,"d":{}}`, true), false},
		{"op 20", frame(0x81, `{"op":20,"d":{}}`, true), false},
		{"unmasked", frame(0x81, `{"op":2,"d":{}}`, false), false},
		{"binary", frame(0x82, `{"op":2,"d":{}}`, true), false},
		{"continuation", frame(0x80, `{"op":2,"d":{}}`, true), false},
		{"truncated", frame(0x81, `{"op":2,"d":{}}`, true)[:8], false},
		{"empty", nil, false},
	} {
		if got := isIdentifyFrame(c.p); got != c.want {
			t.Errorf("%s: isIdentifyFrame = %v, want %v", c.name, got, c.want)
		}
	}
}

// Discord answering a shard's IDENTIFY with op 9 for being over the limit
// (another process of the bot identified in the bucket without the lease,
// say): discordgo identifies again at once, still inside connect's turn.
// That IDENTIFY too waits the interval, instead of going out with the
// first.
func TestIdentifyRefusedInTurnWaitsTheInterval(t *testing.T) {
	t.Parallel()
	const interval = time.Second
	srv := discordtest.New(t, discordtest.WithGuilds(guildOnShard(0, 2), guildOnShard(1, 2)),
		discordtest.WithIdentifyInvalid(1, 1))
	b, err := New(Config{Token: "test-token", APIURL: srv.APIBase(), Shards: 2, IdentifyInterval: interval},
		Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	done, stop := runSharded(t, b)
	waitReady(t, srv, b, done, stop, wait+3*interval)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if g, err := srv.WaitGateway(ctx, func(g discordtest.GatewayStats) bool {
		return g.Identifies == 2 && g.Live == 2
	}); err != nil {
		t.Fatalf("shards not both identified: %+v", g)
	}
	if ids := identifiesApart(t, srv, interval); len(ids) != 3 {
		t.Errorf("IDENTIFYs %+v, want 3 (shard 1's first refused)", ids)
	}
}

// Whether the gateway goes through a proxy is asked about the gateway
// URL discordgo dials (as gorilla asks it: wss as https), not Discord's
// usual one; it is logged once for all the shards, and a proxy setting
// that fails is not called a proxy.
func TestGatewayProxyAsksTheGatewayURL(t *testing.T) {
	t.Parallel()
	proxy, _ := url.Parse("http://proxy.internal:3128")
	var asked []string
	onlyDiscord := &websocket.Dialer{Proxy: func(r *http.Request) (*url.URL, error) {
		asked = append(asked, r.URL.String())
		if r.URL.Hostname() == "gateway.discord.gg" {
			return proxy, nil
		}
		return nil, nil
	}}
	if u, err := gatewayProxy(onlyDiscord, "ws://127.0.0.1:8080/"); u != nil || err != nil {
		t.Errorf("proxy for the fake's gateway = %v, %v; want none", u, err)
	}
	if u, err := gatewayProxy(onlyDiscord, "wss://gateway.discord.gg/"); u != proxy || err != nil {
		t.Errorf("proxy for Discord's gateway = %v, %v; want %v", u, err, proxy)
	}
	if want := []string{"http://127.0.0.1:8080/", "https://gateway.discord.gg/"}; !slices.Equal(asked, want) {
		t.Errorf("asked about %q, want %q", asked, want)
	}

	for _, c := range []struct {
		name    string
		gateway string
		proxy   func(*http.Request) (*url.URL, error)
		log     string // the one warning, "" for none
		direct  bool   // the bot makes the TLS connection itself
	}{
		{"proxy", "wss://gateway.example/", func(*http.Request) (*url.URL, error) { return proxy, nil }, "goes through a proxy", false},
		{"failing", "wss://gateway.example/", func(*http.Request) (*url.URL, error) { return nil, errors.New("bad proxy URL") }, "proxy setting fails", false},
		{"none", "wss://gateway.example/", func(*http.Request) (*url.URL, error) { return nil, nil }, "", true},
		{"proxy over ws", "ws://gateway.example/", func(*http.Request) (*url.URL, error) { return proxy, nil }, "", false},
	} {
		var logs strings.Builder
		b := &Bot{log: slog.New(slog.NewTextHandler(&logs, nil))}
		set := &shardSet{count: 2}
		for id := range 2 {
			set.list = append(set.list, &shard{id: id, s: &discordgo.Session{Dialer: &websocket.Dialer{Proxy: c.proxy}}})
		}
		b.gateShardDialers(context.Background(), set, &discordgo.GatewayBotResponse{URL: c.gateway})
		out := logs.String()
		if n := strings.Count(out, "level=WARN"); c.log == "" && n != 0 || c.log != "" && (n != 1 || !strings.Contains(out, c.log)) {
			t.Errorf("%s: logged %q, want one warning saying %q", c.name, out, c.log)
		}
		if c.name == "failing" && strings.Contains(out, "goes through a proxy") {
			t.Errorf("%s: a failing proxy setting called a proxy: %q", c.name, out)
		}
		for _, sh := range set.list {
			if direct := sh.s.Dialer.NetDialTLSContext != nil && sh.s.Dialer.Proxy == nil; direct != c.direct {
				t.Errorf("%s: shard %d dials TLS itself = %v, want %v", c.name, sh.id, direct, c.direct)
			}
		}
	}
}
