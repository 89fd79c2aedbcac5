package redisstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

func TestAnswerCache(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			c := be.db().AnswerCache()
			key := state.CacheKey("what is nato doing", "v1", "model", "p1")
			steps := []struct {
				name  string
				do    func() error
				get   string
				hit   bool
				sleep time.Duration
			}{
				{name: "miss", get: key},
				{name: "set", do: func() error { return c.Set(ctx, key, []byte("answer"), 300*time.Millisecond) }},
				{name: "hit", get: key, hit: true},
				{name: "other key misses", get: state.CacheKey("other")},
				{name: "expired", get: key, sleep: 500 * time.Millisecond},
			}
			for _, s := range steps {
				time.Sleep(s.sleep)
				if s.do != nil {
					if err := s.do(); err != nil {
						t.Fatalf("%s: %v", s.name, err)
					}
					continue
				}
				val, ok, err := c.Get(ctx, s.get)
				if err != nil || ok != s.hit || (ok && string(val) != "answer") {
					t.Fatalf("%s: Get = %q, %v, %v; want hit=%v", s.name, val, ok, err, s.hit)
				}
			}
			if err := c.Set(ctx, key, []byte("x"), 0); !errors.Is(err, state.ErrInvalid) {
				t.Errorf("Set with no TTL: %v, want state.ErrInvalid", err)
			}
		})
	}
}

func TestConversations(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			c := be.db().Conversations()
			for i := 1; i <= 5; i++ {
				if err := c.Append(ctx, "thread1", []byte(fmt.Sprint("turn", i)), 3, time.Hour); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.Append(ctx, "thread2", []byte("other"), 3, time.Hour); err != nil {
				t.Fatal(err)
			}
			check := func(c *Conversations, id string, want ...string) {
				t.Helper()
				turns, err := c.Load(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, tr := range turns {
					got = append(got, string(tr))
				}
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Fatalf("Load(%s) = %q, want %q", id, got, want)
				}
			}
			check(c, "thread1", "turn3", "turn4", "turn5")
			check(c, "thread2", "other")
			check(c, "unknown")
			if ttl := be.rdb.PTTL(ctx, be.opts.Prefix+"conv:thread1").Val(); ttl <= 0 || ttl > time.Hour {
				t.Errorf("history TTL = %s, want (0, 1h]", ttl)
			}

			if err := c.Bind(ctx, "thread1", []byte(`{"briefing":"000"}`), time.Hour); err != nil {
				t.Fatal(err)
			}
			// A new client, as after a bot restart, sees the same state.
			c2 := be.restarted().Conversations()
			check(c2, "thread1", "turn3", "turn4", "turn5")
			meta, ok, err := c2.Lookup(ctx, "thread1")
			if err != nil || !ok || string(meta) != `{"briefing":"000"}` {
				t.Fatalf("Lookup = %q, %v, %v", meta, ok, err)
			}
			if _, ok, err := c2.Lookup(ctx, "not-ours"); ok || err != nil {
				t.Fatalf("Lookup(not-ours) = %v, %v; want miss", ok, err)
			}

			for _, tc := range []struct {
				name string
				err  error
			}{
				{"keep 0", c.Append(ctx, "t", []byte("x"), 0, time.Hour)},
				{"no ttl", c.Append(ctx, "t", []byte("x"), 3, 0)},
				{"no id", c.Append(ctx, "", []byte("x"), 3, time.Hour)},
				{"bind no ttl", c.Bind(ctx, "t", nil, 0)},
			} {
				if !errors.Is(tc.err, state.ErrInvalid) {
					t.Errorf("%s: %v, want state.ErrInvalid", tc.name, tc.err)
				}
			}
		})
	}
}

func TestFeedback(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			f := be.db().Feedback()
			vote := func(user, answer string, up bool, at time.Time) state.Vote {
				return state.Vote{GuildID: "g1", UserID: user, AnswerID: answer, Question: "q " + answer,
					Answer: "a " + answer, KnowledgeVersion: "v1", Up: up, At: at}
			}
			steps := []struct {
				vote     state.Vote
				up, down int
			}{
				{vote("u1", "a1", true, t0), 1, 0},
				{vote("u1", "a1", false, t0.Add(time.Minute)), 0, 1},   // replaces u1's vote
				{vote("u1", "a1", false, t0.Add(2*time.Minute)), 0, 1}, // same again: still one
				{vote("u2", "a1", true, t0.Add(3*time.Minute)), 1, 1},
				{vote("u1", "a2", true, t0.Add(4*time.Minute)), 2, 1},
			}
			for i, s := range steps {
				if err := f.Record(ctx, s.vote); err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				up, down, err := f.Counts(ctx, "g1")
				if err != nil || up != s.up || down != s.down {
					t.Fatalf("step %d: Counts = %d, %d, %v; want %d, %d", i, up, down, err, s.up, s.down)
				}
			}

			all, err := f.List(ctx, "g1", time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			want := []state.Vote{steps[2].vote, steps[3].vote, steps[4].vote}
			if len(all) != len(want) {
				t.Fatalf("List = %d votes, want %d: %+v", len(all), len(want), all)
			}
			for i := range want {
				if !all[i].At.Equal(want[i].At) {
					t.Fatalf("vote %d At %s, want %s", i, all[i].At, want[i].At)
				}
				all[i].At = want[i].At
				if all[i] != want[i] {
					t.Errorf("vote %d = %+v, want %+v", i, all[i], want[i])
				}
			}
			recent, err := f.List(ctx, "g1", t0.Add(3*time.Minute))
			if err != nil || len(recent) != 2 {
				t.Fatalf("List since 3m = %d, %v; want 2", len(recent), err)
			}
			if other, _, err := f.Counts(ctx, "g2"); err != nil || other != 0 {
				t.Fatalf("other guild Counts = %d, %v", other, err)
			}
			// A DM vote (no guild) is kept apart; a zero At means now.
			if err := f.Record(ctx, state.Vote{UserID: "u9", AnswerID: "a9", Up: true}); err != nil {
				t.Fatal(err)
			}
			dm, err := f.List(ctx, "", time.Now().Add(-time.Minute))
			if err != nil || len(dm) != 1 || dm[0].At.IsZero() {
				t.Fatalf("DM votes = %+v, %v", dm, err)
			}
			if err := f.Record(ctx, state.Vote{GuildID: "g1", UserID: "u1"}); !errors.Is(err, state.ErrInvalid) {
				t.Errorf("vote without answer id: %v, want state.ErrInvalid", err)
			}
		})
	}
}

func TestOnce(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			o := be.db().Once()
			// A second process has its own client but the same Redis.
			o2 := be.restarted().Once()
			steps := []struct {
				name  string
				o     *Once
				id    string
				sleep time.Duration
				want  bool
			}{
				{"first delivery", o, "ix1", 0, true},
				{"redelivery", o, "ix1", 0, false},
				{"redelivery to another process", o2, "ix1", 0, false},
				{"another event", o2, "ix2", 0, true},
				{"after the ttl", o, "ix1", 500 * time.Millisecond, true},
			}
			for _, s := range steps {
				time.Sleep(s.sleep)
				got, err := s.o.First(ctx, s.id, 300*time.Millisecond)
				if err != nil || got != s.want {
					t.Fatalf("%s: First = %v, %v; want %v", s.name, got, err, s.want)
				}
			}
		})
	}
}

// With Redis gone every operation fails within its deadline, with an error
// that says where it came from, and works again once Redis is back. Both a
// client with go-redis defaults and one from Connect are checked.
func TestRedisDown(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	viaConnect, err := Connect(ctx, srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer viaConnect.Close()
	clients := []struct {
		name string
		rdb  redis.UniversalClient
	}{
		{"go-redis defaults", srv.Client(t)},
		{"Connect", viaConnect},
	}
	const timeout = 300 * time.Millisecond
	type op struct {
		name string
		do   func(context.Context) error
	}
	opsFor := func(rdb redis.UniversalClient) []op {
		db := New(rdb, Options{Prefix: srv.Prefix(), Timeout: timeout})
		lim := db.Limiter(state.DefaultLimits)
		cache := db.AnswerCache()
		conv := db.Conversations()
		fb := db.Feedback()
		once := db.Once()
		leases := db.IdentifyLeases()
		return []op{
			{"limiter allow", func(ctx context.Context) error { _, err := lim.Allow(ctx, "g", "u"); return err }},
			{"cache get", func(ctx context.Context) error { _, _, err := cache.Get(ctx, "k"); return err }},
			{"cache set", func(ctx context.Context) error { return cache.Set(ctx, "k", []byte("v"), time.Minute) }},
			{"conversation append", func(ctx context.Context) error { return conv.Append(ctx, "c", []byte("t"), 5, time.Minute) }},
			{"conversation load", func(ctx context.Context) error { _, err := conv.Load(ctx, "c"); return err }},
			{"conversation bind", func(ctx context.Context) error { return conv.Bind(ctx, "c", []byte("m"), time.Minute) }},
			{"conversation lookup", func(ctx context.Context) error { _, _, err := conv.Lookup(ctx, "c"); return err }},
			{"feedback record", func(ctx context.Context) error {
				return fb.Record(ctx, state.Vote{GuildID: "g", UserID: "u", AnswerID: "a"})
			}},
			{"feedback counts", func(ctx context.Context) error { _, _, err := fb.Counts(ctx, "g"); return err }},
			{"feedback list", func(ctx context.Context) error { _, err := fb.List(ctx, "g", time.Time{}); return err }},
			{"once", func(ctx context.Context) error {
				_, err := once.First(ctx, fmt.Sprint(time.Now().UnixNano()), time.Minute)
				return err
			}},
			{"identify lease", func(ctx context.Context) error {
				_, _, err := leases.AcquireIdentify(ctx, 0, fmt.Sprint(time.Now().UnixNano()), time.Millisecond)
				return err
			}},
			{"identify release", func(ctx context.Context) error { return leases.ReleaseIdentify(ctx, 0, "me", time.Millisecond) }},
			{"ping", func(ctx context.Context) error { return Ping(ctx, rdb) }},
		}
	}
	for _, c := range clients {
		for _, o := range opsFor(c.rdb) {
			if err := o.do(ctx); err != nil {
				t.Fatalf("%s: %s before the outage: %v", c.name, o.name, err)
			}
		}
	}

	srv.Stop()
	for _, c := range clients {
		t.Run("down/"+c.name, func(t *testing.T) {
			for _, o := range opsFor(c.rdb) {
				t.Run(o.name, func(t *testing.T) {
					t.Parallel()
					begin := time.Now()
					err := o.do(ctx)
					el := time.Since(begin)
					// Ping is what health checks and start-up report to
					// the operator: it says what to check instead.
					want := "state: "
					if o.name == "ping" {
						want = "Redis at "
					}
					if err == nil || !strings.HasPrefix(err.Error(), want) {
						t.Errorf("err = %v, want one starting %q", err, want)
					}
					limit := timeout
					if o.name == "ping" {
						limit = PingTimeout
					}
					if el > limit+200*time.Millisecond {
						t.Errorf("took %s, deadline %s", el, limit)
					}
					t.Logf("failed after %s: %v", el.Round(time.Millisecond), err)
				})
			}
		})
	}

	srv.Restart()
	for _, c := range clients {
		for _, o := range opsFor(c.rdb) {
			eventually(t, 3*time.Second, func() error { return o.do(ctx) })
		}
	}
}

func TestConnect(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	for _, spec := range []string{srv.URL(), srv.Addr(), " " + srv.URL() + " ,"} {
		rdb, err := Connect(ctx, spec)
		if err != nil {
			t.Fatalf("Connect(%q): %v", spec, err)
		}
		if err := Ping(ctx, rdb); err != nil {
			t.Errorf("Ping via %q: %v", spec, err)
		}
		rdb.Close()
	}

	// A port nobody listens on: take a free one and close it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := l.Addr().String()
	l.Close()
	const secret = "s3cr3t-pa55"
	tests := []struct {
		name, spec, wantIn string
	}{
		{"unreachable", "redis://user:" + secret + "@" + deadAddr + "/0", deadAddr},
		{"unreachable TLS", "rediss://:" + secret + "@" + deadAddr, deadAddr},
		{"bad port", "redis://user:" + secret + "@localhost:notaport", "invalid port"},
		{"bad db", "redis://:" + secret + "@localhost:6379/x", "invalid database"},
		{"bad scheme", "http://:" + secret + "@localhost:6379", "invalid URL scheme"},
		{"empty", " , ", "REDIS_URL: no address"},
		{"cluster with db", "redis://:" + secret + "@a:1/2,b:2", "Cluster"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			begin := time.Now()
			rdb, err := Connect(ctx, tt.spec)
			if err == nil {
				rdb.Close()
				t.Fatal("Connect succeeded")
			}
			if el := time.Since(begin); el > ConnectTimeout+500*time.Millisecond {
				t.Errorf("took %s", el)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.wantIn) || strings.Contains(msg, secret) || strings.HasPrefix(msg, "state: ") {
				t.Errorf("error %q: want %q in it and no password", msg, tt.wantIn)
			}
		})
	}
}

// A password with a character that a URL reserves (/ ? # %, common in
// generated passwords: base64 has /) and is not percent-encoded ends the
// URL's user info early, and the parser quotes the rest as a host, port or
// database number: the error says what to do and quotes no part of it.
func TestConnectErrorsQuoteNoPartOfAPassword(t *testing.T) {
	const start, end = "s3cr3t", "pa55" // the password's two halves
	for _, spec := range []string{
		"redis://:" + start + "/" + end + "@localhost:6379",
		"redis://user:" + start + "?" + end + "@localhost:6379",
		"rediss://:" + start + "#" + end + "@localhost:6379/0",
		"redis://:" + start + "%zz" + end + "@localhost:6379",
		"redis://:1234/" + end + "@localhost:6379", // taken for port 1234, then a database
	} {
		_, err := parseSpec(spec)
		if err == nil {
			t.Errorf("parseSpec(%q) succeeded", spec)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, start) || strings.Contains(msg, end) || !strings.Contains(msg, "percent-encode") {
			t.Errorf("parseSpec(%q): %q, want no part of the password and what to do", spec, msg)
		}
	}
}

// A password with a comma (generated passwords have them) was split off
// as if the comma began a Cluster's next address: "REDIS_URL: address 1
// of 2: invalid port \":s3cr\" after host" printed the password's first
// half. A comma inside a URL's user info belongs to the password.
func TestParseSpecPasswordWithAComma(t *testing.T) {
	for spec, addrs := range map[string]string{
		"redis://:s3cr,3t@localhost:6379/0":                    "localhost:6379",
		"rediss://default:s3cr,3t@10.0.0.1:7000,10.0.0.2:7001": "10.0.0.1:7000,10.0.0.2:7001",
		"redis://:s,3c,r3t@localhost:6379":                     "localhost:6379",
	} {
		u, err := parseSpec(spec)
		if err != nil {
			if strings.Contains(err.Error(), "s3cr") || strings.Contains(err.Error(), "3t") {
				t.Errorf("parseSpec(%q): the error quotes the password: %q", spec, err)
			} else {
				t.Errorf("parseSpec(%q): %v", spec, err)
			}
			continue
		}
		if got := strings.Join(u.Addrs, ","); got != addrs || !strings.Contains(u.Password, ",") {
			t.Errorf("parseSpec(%q): addresses %s, password with its comma %v", spec, got, strings.Contains(u.Password, ","))
		}
	}
	// Credentials on a bare address of a list: said, not quoted.
	if _, err := parseSpec("10.0.0.1:7000,:s3cr3t@10.0.0.2:7001"); err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "address 2 of 2") {
		t.Errorf("credentials on the second, bare address: %v", err)
	}
}

func TestParseSpecCluster(t *testing.T) {
	u, err := parseSpec("redis://:pw@10.0.0.1:7000, 10.0.0.2:7001,redis://10.0.0.3:7002")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(u.Addrs, ","); got != "10.0.0.1:7000,10.0.0.2:7001,10.0.0.3:7002" {
		t.Errorf("Addrs = %s", got)
	}
	if u.Password != "pw" || !u.ContextTimeoutEnabled {
		t.Errorf("options = %+v", u)
	}
	if _, ok := redis.NewUniversalClient(u).(*redis.ClusterClient); !ok {
		t.Error("several addresses did not make a cluster client")
	}
}

// The pool is sized for a burst of questions unless the address says.
func TestParseSpecPoolSize(t *testing.T) {
	for spec, want := range map[string]int{"10.0.0.1:6379": DefaultPoolSize, "redis://10.0.0.1:6379/0": DefaultPoolSize, "redis://10.0.0.1:6379/0?pool_size=7": 7} {
		u, err := parseSpec(spec)
		if err != nil || u.PoolSize != want {
			t.Errorf("%s: pool size %v, %v; want %d", spec, u, err, want)
		}
	}
}

// One address of a cluster node is enough: Connect makes a cluster client
// with it as the seed, so keys on other nodes work. A plain server and
// the embedded one stay plain clients.
func TestConnectKinds(t *testing.T) {
	ctx := context.Background()
	cl := redistest.SharedCluster(t)
	srv := redistest.Start(t)
	for _, tt := range []struct {
		spec    string
		cluster bool
	}{
		{cl.Addrs()[0], true},
		{"redis://" + cl.Addrs()[1], true},
		{cl.Spec(), true},
		{srv.URL(), false},
	} {
		rdb, err := Connect(ctx, tt.spec)
		if err != nil {
			t.Fatalf("Connect(%q): %v", tt.spec, err)
		}
		defer rdb.Close()
		if _, ok := rdb.(*redis.ClusterClient); ok != tt.cluster {
			t.Errorf("Connect(%q) made a %T", tt.spec, rdb)
			continue
		}
		if !tt.cluster {
			continue
		}
		// Keys in every node's slots.
		for i := range 20 {
			k := fmt.Sprint(cl.Prefix(), "seed:", i)
			if err := rdb.Set(ctx, k, i, time.Minute).Err(); err != nil {
				t.Errorf("Connect(%q): SET %s: %v", tt.spec, k, err)
			}
		}
	}
}

// The embedded server works on its own, and its TTLs run out over real
// time (ClockTTL), not only when a test fast-forwards. Its port needs a
// password only this process knows.
func TestEmbedded(t *testing.T) {
	e, err := StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	rdb, err := e.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	c := New(rdb, Options{}).AnswerCache()
	if err := c.Set(ctx, "k", []byte("v"), 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := c.Get(ctx, "k"); err != nil || !ok || string(v) != "v" {
		t.Fatalf("Get = %q, %v, %v", v, ok, err)
	}
	// A transaction carrying a large value (the knowledge cache's is about
	// a megabyte) goes through: an unbuffered in-memory pipe deadlocked here.
	big := strings.Repeat("x", 1<<20)
	if _, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, "big", big, time.Minute)
		p.Set(ctx, "small", "y", time.Minute)
		return nil
	}); err != nil {
		t.Errorf("a 1 MiB value in a MULTI: %v", err)
	}
	// Another process finds the port, but not the password.
	stranger := redis.NewClient(&redis.Options{Addr: e.m.Addr()})
	defer stranger.Close()
	if err := stranger.Set(ctx, "x", "y", 0).Err(); err == nil || !strings.Contains(err.Error(), "NOAUTH") {
		t.Errorf("a client without the password: %v, want NOAUTH", err)
	}
	time.Sleep(400 * time.Millisecond)
	if _, ok, err := c.Get(ctx, "k"); err != nil || ok {
		t.Fatalf("after TTL: ok=%v err=%v; want a miss", ok, err)
	}
}

// What an operator reads when Redis cannot be used says once where the bot
// tried, what went wrong and what to check, with no package prefix, no
// "1 of 1" and no password (TestConnectErrorsSayWhatToCheck).
func TestConnectErrorsSayWhatToCheck(t *testing.T) {
	ctx := context.Background()
	plain := redistest.Start(t)
	locked := redistest.Start(t)
	if err := locked.Client(t).ConfigSet(ctx, "requirepass", "right-one").Err(); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close()
	const secret = "s3cr3t-pa55"
	for _, tt := range []struct {
		name, spec, addr string
		want             []string
	}{
		{"refused", "redis://:" + secret + "@" + dead + "/0", dead, []string{"cannot connect to Redis at " + dead + ": connection refused; check that Redis is running there"}},
		{"bad scheme", "http://:" + secret + "@localhost:6379", "", []string{"REDIS_URL: invalid URL scheme: http (want redis://, rediss:// for TLS, or host:port)"}},
		{"bad scheme in a list", "localhost:1,http://localhost:2", "", []string{"REDIS_URL: address 2 of 2: invalid URL scheme"}},
		{"wrong password", "redis://:" + secret + "@" + locked.Addr(), locked.Addr(), []string{"Redis at " + locked.Addr() + ": the user name or password was refused; check the password in REDIS_URL"}},
		{"no password", "redis://" + locked.Addr(), locked.Addr(), []string{"Redis at " + locked.Addr() + ": a password is required; put it in REDIS_URL"}},
		{"TLS to a plain server", "rediss://:" + secret + "@" + plain.Addr(), plain.Addr(), []string{"no answer in time", "rediss:// (TLS): check that the server speaks TLS"}},
		{"database out of range", "redis://" + plain.Addr() + "/99", plain.Addr(), []string{"the database number in REDIS_URL is out of range"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rdb, err := Connect(ctx, tt.spec)
			if err == nil {
				rdb.Close()
				t.Fatal("Connect succeeded")
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			for _, bad := range []string{"state:", " of 1", secret, "dial tcp", "redis: "} {
				if strings.Contains(msg, bad) {
					t.Errorf("error %q says %q", msg, bad)
				}
			}
			if tt.addr != "" && strings.Count(msg, tt.addr) != 1 {
				t.Errorf("error %q names %s %d times, want once", msg, tt.addr, strings.Count(msg, tt.addr))
			}
		})
	}
	// Ping, behind /healthz and /readyz, says it the same way.
	rdb, err := Connect(ctx, plain.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	plain.Stop()
	if err := Ping(ctx, rdb); err == nil || err.Error() != "Redis at "+plain.Addr()+": connection refused; check that Redis is running there and that REDIS_URL names its host and port" {
		t.Errorf("Ping with Redis stopped: %v", err)
	}
}

// Last reads back a member's vote on an answer, in its guild only: what a
// click is told it changed comes from the votes themselves.
func TestFeedbackLast(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			f := be.db().Feedback()
			if _, ok, err := f.Last(ctx, "g1", "a1", "u"); ok || err != nil {
				t.Fatalf("before any vote: %v, %v", ok, err)
			}
			for _, up := range []bool{true, false} {
				if err := f.Record(ctx, state.Vote{GuildID: "g1", UserID: "u", AnswerID: "a1", Up: up, At: at}); err != nil {
					t.Fatal(err)
				}
				v, ok, err := f.Last(ctx, "g1", "a1", "u")
				if err != nil || !ok || v.Up != up || !v.At.Equal(at) {
					t.Errorf("after voting up=%v: %+v, %v, %v", up, v, ok, err)
				}
			}
			if _, ok, err := f.Last(ctx, "g2", "a1", "u"); ok || err != nil {
				t.Errorf("another guild's: %v, %v", ok, err)
			}
			if _, ok, err := f.Last(ctx, "g1", "a1", "w"); ok || err != nil {
				t.Errorf("another member's: %v, %v", ok, err)
			}
		})
	}
}
