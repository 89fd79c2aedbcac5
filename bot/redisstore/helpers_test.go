package redisstore

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
	// newClient makes another client to the same server and database, as a
	// restarted bot or a second process would have.
	newClient func() redis.UniversalClient
}

// db returns a DB over be's client, with be's prefix.
func (be backend) db() *DB { return New(be.rdb, be.opts) }

// restarted returns a DB over a new client, as a restarted bot has it.
func (be backend) restarted() *DB { return New(be.newClient(), be.opts) }

func backends(t testing.TB) []backend {
	t.Helper()
	srv := redistest.Start(t)
	e, err := StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	embClient := func() redis.UniversalClient {
		c := redis.NewClient(&redis.Options{Addr: e.Addr(), ContextTimeoutEnabled: true})
		t.Cleanup(func() { _ = c.Close() })
		return c
	}
	return []backend{
		{"redis-server", srv.Client(t), Options{Prefix: srv.Prefix()}, func() redis.UniversalClient { return srv.Client(t) }},
		{"embedded", embClient(), Options{Prefix: "test:"}, embClient},
	}
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
