package redisstore

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/knowledge/store"
)

// countHook counts the round trips a client makes: one per command, one per
// pipeline or transaction.
type countHook struct{ trips, cmds atomic.Int64 }

func (h *countHook) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *countHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !connSetup(cmd.Name()) {
			h.trips.Add(1)
			h.cmds.Add(1)
		}
		return next(ctx, cmd)
	}
}
func (h *countHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 0 && connSetup(cmds[0].Name()) {
			return next(ctx, cmds)
		}
		h.trips.Add(1)
		h.cmds.Add(int64(len(cmds)))
		return next(ctx, cmds)
	}
}

// connSetup tells the commands go-redis sends on a new connection (HELLO,
// CLIENT SETINFO) from the ones the code under test sends.
func connSetup(name string) bool { return name == "hello" || name == "client" }

func knowledgeStore(rdb redis.UniversalClient, prefix string) *store.Store {
	return store.New(New(rdb, Options{Prefix: prefix}).Knowledge())
}

const brief = "---\nid: b\ntitle: T\ndate: 2024-01-01\n---\n\nOne paragraph.\n\nAnother paragraph.\n"

func TestRestartReusesCacheInOneRoundTrip(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	srcs := []knowledge.Source{{Name: "b.md", Data: []byte(brief)}}

	first := knowledgeStore(srv.Client(t), srv.Prefix())
	c1, origin, err := first.Load(ctx, srcs)
	if err != nil || origin != store.Built {
		t.Fatalf("first load: origin %v, err %v", origin, err)
	}

	// A "restarted" process: a new client and store over the same Redis.
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr(), Protocol: 2})
	t.Cleanup(func() { rdb.Close() })
	hook := &countHook{}
	rdb.AddHook(hook)
	c2, origin, err := knowledgeStore(rdb, srv.Prefix()).Load(ctx, srcs)
	if err != nil || origin != store.FromCache {
		t.Fatalf("second load: origin %v, err %v", origin, err)
	}
	if n := hook.trips.Load(); n != 1 {
		t.Errorf("restart took %d round trips, want 1", n)
	}
	if c2.Version != c1.Version || len(c2.Chunks) != 2 || c2.Chunks[1].ID != "b#p2" {
		t.Errorf("cached corpus differs: %+v", c2)
	}

	// Editing the briefing changes the version, and the edit is built.
	edited := []knowledge.Source{{Name: "b.md", Data: []byte(brief + "\nA third.\n")}}
	c3, origin, err := knowledgeStore(rdb, srv.Prefix()).Load(ctx, edited)
	if err != nil || origin != store.Built || c3.Version == c1.Version || len(c3.Chunks) != 3 {
		t.Fatalf("edited load: origin %v, version %s (was %s), chunks %d, err %v", origin, c3.Version, c1.Version, len(c3.Chunks), err)
	}
	if cur, _ := first.Current(ctx); cur != c3.Version {
		t.Errorf("current = %s, want the edited version %s", cur, c3.Version)
	}
}

func TestPutIsOneTransaction(t *testing.T) {
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	// Loaded as a running bot has it after its first Put (EVALSHA is
	// refused once, then EVAL loads it).
	if err := putCorpusScript.Load(context.Background(), rdb).Err(); err != nil {
		t.Fatal(err)
	}
	hook := &countHook{}
	rdb.AddHook(hook)
	c, err := knowledge.Build([]knowledge.Source{{Name: "b.md", Data: []byte(brief)}})
	if err != nil {
		t.Fatal(err)
	}
	s := knowledgeStore(rdb, srv.Prefix())
	for range 2 { // idempotent: the same version twice
		if err := s.Put(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	// One script (both SETs) in one round trip each time.
	if n := hook.trips.Load(); n != 2 {
		t.Errorf("two puts took %d round trips, want 2", n)
	}
	got, err := s.Get(context.Background(), c.Version)
	if err != nil || got.Version != c.Version {
		t.Errorf("get after put: %v %v", got.Version, err)
	}
}

// TestSupersededCorpusExpires: each reindex of changed files writes a
// corpus of a few megabytes; the one it replaces as current is kept for
// KnowledgeGrace (a process still on the old files may start meanwhile;
// after it, such a process rebuilds it), not for ever.
func TestSupersededCorpusExpires(t *testing.T) {
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	ctx := context.Background()
	s := knowledgeStore(rdb, srv.Prefix())
	var cs []knowledge.Corpus
	for _, data := range []string{brief, brief + "\nA third.\n"} {
		c, err := knowledge.Build([]knowledge.Source{{Name: "b.md", Data: []byte(data)}})
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	ttl := func(c knowledge.Corpus) time.Duration {
		t.Helper()
		d, err := rdb.TTL(ctx, srv.Prefix()+"{kb}:corpus:"+c.Version).Result()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, step := range []struct {
		put             knowledge.Corpus
		current, leaves knowledge.Corpus
	}{
		{cs[0], cs[0], knowledge.Corpus{}},
		{cs[0], cs[0], knowledge.Corpus{}}, // the same version again expires nothing
		{cs[1], cs[1], cs[0]},
		{cs[0], cs[0], cs[1]}, // back to the first: kept again, the second goes
	} {
		if err := s.Put(ctx, step.put); err != nil {
			t.Fatal(err)
		}
		if d := ttl(step.current); d != -1 {
			t.Errorf("current corpus %s has TTL %v, want none", step.current.Version, d)
		}
		if step.leaves.Version != "" {
			if d := ttl(step.leaves); d <= 0 || d > KnowledgeGrace {
				t.Errorf("superseded corpus %s has TTL %v, want at most %v", step.leaves.Version, d, KnowledgeGrace)
			}
			if _, err := s.Get(ctx, step.leaves.Version); err != nil {
				t.Errorf("superseded corpus gone at once: %v", err)
			}
		}
		if cur, _ := s.Current(ctx); cur != step.current.Version {
			t.Errorf("current = %s, want %s", cur, step.current.Version)
		}
	}
}

func TestCorruptEntryIsRebuilt(t *testing.T) {
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	srcs := []knowledge.Source{{Name: "b.md", Data: []byte(brief)}}
	v := knowledge.Version(srcs)
	s := knowledgeStore(rdb, srv.Prefix())
	rdb.Set(context.Background(), srv.Prefix()+"{kb}:corpus:"+v, "{not json", 0)
	c, origin, err := s.Load(context.Background(), srcs)
	if err != nil || origin != store.Built || len(c.Chunks) != 2 {
		t.Fatalf("origin %v, chunks %d, err %v", origin, len(c.Chunks), err)
	}
}

func TestRedisDownStillBuilds(t *testing.T) {
	srv := redistest.Start(t)
	rdb := srv.Client(t)
	srv.Stop()
	c, origin, err := knowledgeStore(rdb, srv.Prefix()).Load(context.Background(), []knowledge.Source{{Name: "b.md", Data: []byte(brief)}})
	if err == nil || errors.Is(err, store.ErrNotFound) {
		t.Fatalf("want a Redis error, got %v", err)
	}
	if origin != store.Built || len(c.Chunks) != 2 {
		t.Errorf("the corpus should still be built from the files: origin %v, chunks %d", origin, len(c.Chunks))
	}
}

// The corpus and the current version are under the {kb} tag, on every
// backend (renamed from kb:corpus:<version> and kb:current for Redis
// Cluster: see keys.go).
func TestKnowledgeKeys(t *testing.T) {
	ctx := context.Background()
	c, err := knowledge.Build([]knowledge.Source{{Name: "b.md", Data: []byte(brief)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			if err := store.New(be.db().Knowledge()).Put(ctx, c); err != nil {
				t.Fatal(err)
			}
			if v := be.rdb.Get(ctx, be.opts.Prefix+"{kb}:current").Val(); v != c.Version {
				t.Errorf("{kb}:current = %q, want %q", v, c.Version)
			}
			if be.rdb.Exists(ctx, be.opts.Prefix+"{kb}:corpus:"+c.Version).Val() != 1 {
				t.Error("no {kb}:corpus:<version>")
			}
			got, err := store.New(be.restarted().Knowledge()).Get(ctx, c.Version)
			if err != nil || len(got.Chunks) != 2 {
				t.Errorf("Get after restart: %d chunks, %v", len(got.Chunks), err)
			}
		})
	}
}

// The chunk store's failures, which /readyz and /healthz show as
// chunk_store, say where and why as Connect's do: "NOAUTH Authentication
// required." was shown as it came (TestKnowledgeErrorsSayWhatToCheck).
func TestKnowledgeErrorsSayWhatToCheck(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	rdb, err := Connect(ctx, srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	k := New(rdb, Options{Prefix: srv.Prefix()}).Knowledge()
	admin := srv.Client(t)
	if err := admin.ConfigSet(ctx, "requirepass", "now-needed").Err(); err != nil {
		t.Fatal(err)
	}
	// Connections authenticated before (the admin's own among them).
	if err := admin.Do(ctx, "CLIENT", "KILL", "TYPE", "normal").Err(); err != nil {
		t.Fatal(err)
	}
	want := "Redis at " + srv.Addr() + ": a password is required; put it in REDIS_URL"
	if _, err := k.Current(ctx); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Current: %v, want %q", err, want)
	}
	if err := k.Put(ctx, "v1", []byte("{}")); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Put: %v, want %q", err, want)
	}
	if _, _, err := k.Corpus(ctx, "v1"); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Corpus: %v, want %q", err, want)
	}
}
