package state

import (
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/knowledge/redistest"
)

// backend is one Redis the store tests run against: the real redis-server
// and the embedded server, so every feature is known to work on both.
type backend struct {
	name string
	rdb  redis.UniversalClient
	opts Options
}

func backends(t *testing.T) []backend {
	t.Helper()
	srv := redistest.Start(t)
	emb := startEmbedded(t)
	return []backend{
		{"redis-server", srv.Client(t), Options{Prefix: srv.Prefix()}},
		{"embedded", emb, Options{Prefix: "test:"}},
	}
}

func startEmbedded(t testing.TB) redis.UniversalClient {
	t.Helper()
	e, err := StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	c := redis.NewClient(&redis.Options{Addr: e.Addr(), ContextTimeoutEnabled: true})
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// eventually retries f until it succeeds or d passes.
func eventually(t *testing.T, d time.Duration, f func() error) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still failing after %s: %v", d, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}
