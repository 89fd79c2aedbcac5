package redisstore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// pipelineCounter counts the pipelines a client sends, and the SET and
// EVALSHA commands it sends alone (a connection's handshake and a
// cluster's slot map are not the batcher's).
type pipelineCounter struct{ pipelines, singles atomic.Int64 }

func (c *pipelineCounter) DialHook(next redis.DialHook) redis.DialHook { return next }
func (c *pipelineCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if n := cmd.Name(); n == "set" || n == "evalsha" {
			c.singles.Add(1)
		}
		return next(ctx, cmd)
	}
}
func (c *pipelineCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.pipelines.Add(1)
		return next(ctx, cmds)
	}
}

// Concurrent dedupe checks and rate-limit takes (the commands made before
// an acknowledgement) share pipelines and each still gets its own answer.
func TestBatchedCommands(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			rdb := be.newClient()
			var count pipelineCounter
			rdb.AddHook(&count)
			db := New(rdb, be.opts)
			o := db.Once()
			// Load the limiter's script first, so that every take below
			// is an EVALSHA.
			lim := db.Limiter(state.Limits{User: state.Limit{Rate: 2, Burst: 2, Period: time.Hour}})
			if _, err := lim.Allow(ctx, "", "warm-up"); err != nil {
				t.Fatal(err)
			}
			count.pipelines.Store(0)
			count.singles.Store(0)

			const n = 200
			var mu sync.Mutex
			firsts := map[string]int{}
			allowed := map[string]int{}
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					id := fmt.Sprintf("batched-%d", i%(n/2)) // each id twice
					ok, err := o.First(ctx, id, time.Minute)
					if err != nil {
						t.Errorf("First(%s): %v", id, err)
						return
					}
					user := fmt.Sprintf("u%d", i%(n/4)) // each user 4 times, 2 allowed
					d, err := lim.Allow(ctx, "", user)
					if err != nil {
						t.Errorf("Allow(%s): %v", user, err)
						return
					}
					mu.Lock()
					defer mu.Unlock()
					if ok {
						firsts[id]++
					}
					if d.Allowed {
						allowed[user]++
					}
				})
			}
			wg.Wait()
			if len(firsts) != n/2 {
				t.Errorf("%d ids seen first, want %d", len(firsts), n/2)
			}
			for id, k := range firsts {
				if k != 1 {
					t.Errorf("%s seen first %d times", id, k)
				}
			}
			for u, k := range allowed {
				if k != 2 {
					t.Errorf("%s allowed %d times, want 2", u, k)
				}
			}
			if len(allowed) != n/4 {
				t.Errorf("%d users allowed, want %d", len(allowed), n/4)
			}
			if s := count.singles.Load(); s != 0 {
				t.Errorf("%d SET or EVALSHA sent alone, want every one in a pipeline", s)
			}
			if p := count.pipelines.Load(); p >= 2*n {
				t.Errorf("%d pipelines for %d commands: nothing batched", p, 2*n)
			}
			t.Logf("%d commands in %d pipelines", 2*n, count.pipelines.Load())
		})
	}
}

// A caller whose context ends stops waiting; the batcher goes on serving
// the others.
func TestBatchedCallerGivesUp(t *testing.T) {
	srv := redistest.Start(t)
	o := New(srv.Client(t), Options{Prefix: srv.Prefix()}).Once()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := o.First(ctx, "x", time.Minute); err == nil {
		t.Error("First with a cancelled context succeeded")
	}
	if ok, err := o.First(context.Background(), "x", time.Minute); err != nil || !ok {
		t.Errorf("First after a cancelled caller = %v, %v; want true", ok, err)
	}
}
