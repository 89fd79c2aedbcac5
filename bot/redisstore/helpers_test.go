package redisstore

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/knowledge/redistest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	redistest.StopSharedCluster()
	os.Exit(code)
}

// backend is one Redis the store tests run against: the real redis-server,
// the embedded server and a real Redis Cluster (the test binary's shared
// one, reached through Connect as REDIS_URL would), so every feature is
// known to work on all three.
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
		c, err := e.Client(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close() })
		return c
	}
	cl := redistest.SharedCluster(t)
	clusterClient := func() redis.UniversalClient {
		rdb, err := Connect(context.Background(), cl.Spec())
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := rdb.(*redis.ClusterClient); !ok {
			t.Fatalf("Connect(%q) made a %T, not a cluster client", cl.Spec(), rdb)
		}
		t.Cleanup(func() { _ = rdb.Close() })
		return rdb
	}
	return []backend{
		{"redis-server", srv.Client(t), Options{Prefix: srv.Prefix()}, func() redis.UniversalClient { return srv.Client(t) }},
		{"embedded", embClient(), Options{Prefix: "test:"}, embClient},
		{"cluster", clusterClient(), Options{Prefix: cl.Prefix()}, clusterClient},
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
