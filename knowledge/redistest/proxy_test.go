package redistest

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func TestProxyPausesDelaysAndDrops(t *testing.T) {
	srv := Start(t)
	p := StartProxy(t, srv.Addr())
	c := redis.NewClient(&redis.Options{Addr: p.Addr(), ContextTimeoutEnabled: true, MaxRetries: -1})
	defer c.Close()
	ctx := context.Background()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatalf("through the proxy: %v", err)
	}
	p.SetLatency(50 * time.Millisecond)
	start := time.Now()
	if err := c.Ping(ctx).Err(); err != nil || time.Since(start) < 50*time.Millisecond {
		t.Errorf("with 50 ms latency: %v after %v", err, time.Since(start))
	}
	p.SetLatency(0)
	p.Pause()
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if err := c.Ping(short).Err(); err == nil {
		t.Error("a ping got through a paused proxy")
	}
	p.Resume()
	p.Drop()
	// The client finds its feet again once the network is back.
	deadline := time.Now().Add(5 * time.Second)
	for c.Ping(ctx).Err() != nil {
		if time.Now().After(deadline) {
			t.Fatal("no ping after resume and drop")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
