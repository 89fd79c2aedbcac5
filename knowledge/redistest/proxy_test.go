package redistest

import (
	"bufio"
	"context"
	"net"
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

// TestProxyLatencyIsADelayNotARate: replies on their way together are each
// held the latency, not queued one behind another as if the link carried
// one reply per latency.
func TestProxyLatencyIsADelayNotARate(t *testing.T) {
	srv := Start(t)
	p := StartProxy(t, srv.Addr())
	const latency, every, n = 200 * time.Millisecond, 100 * time.Millisecond, 4
	p.SetLatency(latency)
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sent := make(chan time.Time, n)
	go func() {
		// One command at a time, so that each reply leaves the server on
		// its own, while earlier ones are still held.
		for range n {
			sent <- time.Now()
			c.Write([]byte("PING\r\n"))
			time.Sleep(every)
		}
	}()
	r := bufio.NewReader(c)
	for i := range n {
		line, err := r.ReadString('\n')
		if err != nil || line != "+PONG\r\n" {
			t.Fatalf("reply %d: %q, %v", i, line, err)
		}
		// Held each: 200 ms. Queued behind the reply before: 300-400 ms.
		if d := time.Since(<-sent); d < latency || d > latency+every {
			t.Errorf("reply %d after %v: want each held %v", i, d, latency)
		}
	}
}

// PauseFor's stall is counted from the first byte held, not from the
// pause: a call made well after the pause is still held the whole time.
func TestProxyPauseForCountsFromTheHeldCall(t *testing.T) {
	srv := Start(t)
	p := StartProxy(t, srv.Addr())
	c := redis.NewClient(&redis.Options{Addr: p.Addr(), ContextTimeoutEnabled: true, MaxRetries: -1})
	defer c.Close()
	ctx := context.Background()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	p.PauseFor(100 * time.Millisecond)
	time.Sleep(150 * time.Millisecond) // longer than the stall: a timer from the pause would be done
	start := time.Now()
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if held := time.Since(start); held < 100*time.Millisecond {
		t.Errorf("the call was held %v, want the whole 100 ms", held)
	}
	// And it resumed by itself: the next call goes through.
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := c.Ping(short).Err(); err != nil {
		t.Errorf("after the stall: %v", err)
	}
}
