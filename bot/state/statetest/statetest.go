// Package statetest gives store tests the two Redis servers the bot runs
// on — a real redis-server and the embedded one — so every store is known
// to work on both.
package statetest

import (
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// Backend is one Redis a test runs against.
type Backend struct {
	Name   string
	Prefix string // key prefix the test must use
	// NewClient makes a client to the server, as a restarted bot or a
	// second process would have; each is closed when the test ends.
	NewClient func() redis.UniversalClient
}

// Backends starts (or finds, see redistest) a redis-server and an embedded
// server for t.
func Backends(t testing.TB) []Backend {
	t.Helper()
	srv := redistest.Start(t)
	e, err := redisstore.StartEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return []Backend{
		{"redis-server", srv.Prefix(), func() redis.UniversalClient { return srv.Client(t) }},
		{"embedded", "test:", func() redis.UniversalClient {
			c := redis.NewClient(&redis.Options{Addr: e.Addr(), ContextTimeoutEnabled: true})
			t.Cleanup(func() { _ = c.Close() })
			return c
		}},
	}
}
