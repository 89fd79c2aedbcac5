package redisstore

import (
	"context"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// batcher sends the commands of concurrent callers together, in one
// pipeline per round trip: the commands on a question's way to its answer
// (the dedupe's SET NX and the rate limiter's script before the
// acknowledgement, the conversation lookup after it) come in bursts, and
// with one round trip each a burst of questions held a pooled connection
// per command, so that with Redis a few milliseconds away the pool ran dry
// and acknowledgements waited for connections.
//
// There is no waiting for a batch to fill: a caller's command goes out at
// once when fewer than batchPipelines pipelines are in flight; otherwise
// it waits for the next one to finish and goes with every command queued
// meanwhile. An idle batcher has no goroutine.
type batcher struct {
	rdb redis.UniversalClient
	// timeout bounds a pipeline that none of its callers bounds.
	timeout time.Duration

	mu      sync.Mutex
	queue   []*batchCall
	running int // pipelines in flight
}

const (
	// batchPipelines is how many pipelines a batcher keeps in flight:
	// enough to overlap round trips, few enough to leave the pool to
	// everything else.
	batchPipelines = 4
	// batchMax caps the commands of one pipeline.
	batchMax = 256
)

type batchCall struct {
	ctx   context.Context
	queue func(redis.Pipeliner) redis.Cmder
	// cmd and err are set before done is closed.
	cmd  redis.Cmder
	err  error
	done chan struct{}
}

func newBatcher(rdb redis.UniversalClient, timeout time.Duration) *batcher {
	return &batcher{rdb: rdb, timeout: timeout}
}

// do queues one command (queue adds it to the pipeline and returns it) in
// the next pipeline and returns it once run, with its own result and
// error; an error from do itself is ctx's (the command may still run).
func (b *batcher) do(ctx context.Context, queue func(redis.Pipeliner) redis.Cmder) (redis.Cmder, error) {
	c := &batchCall{ctx: ctx, queue: queue, done: make(chan struct{})}
	b.mu.Lock()
	b.queue = append(b.queue, c)
	if b.running < batchPipelines {
		b.running++
		go b.run()
	}
	b.mu.Unlock()
	select {
	case <-c.done:
		return c.cmd, c.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// run sends pipelines while commands are queued.
func (b *batcher) run() {
	for {
		b.mu.Lock()
		n := min(len(b.queue), batchMax)
		if n == 0 {
			b.running--
			b.mu.Unlock()
			return
		}
		batch := b.queue[:n:n]
		b.queue = b.queue[n:]
		if len(b.queue) == 0 {
			b.queue = nil
		}
		b.mu.Unlock()
		b.send(batch)
	}
}

// send runs one pipeline under the latest deadline of its callers (capped
// by b.timeout), leaving out callers that have given up already.
func (b *batcher) send(batch []*batchCall) {
	deadline := time.Now().Add(b.timeout)
	var latest time.Time
	live := batch[:0:0]
	for _, c := range batch {
		if err := c.ctx.Err(); err != nil {
			c.err = err
			close(c.done)
			continue
		}
		live = append(live, c)
		if d, ok := c.ctx.Deadline(); ok && d.After(latest) {
			latest = d
		}
	}
	if len(live) == 0 {
		return
	}
	if !latest.IsZero() && latest.Before(deadline) {
		deadline = latest
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	// Each command carries its own error (a failed pipeline sets it on
	// every one); the pipeline's is the first of them.
	_, _ = b.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, c := range live {
			c.cmd = c.queue(p)
		}
		return nil
	})
	for _, c := range live {
		close(c.done)
	}
}

// batchedScripts is the client redis_rate sees: its scripts (EVALSHA) go
// through a batcher, everything else (EVAL after NOSCRIPT, say) straight
// to the client.
type batchedScripts struct {
	redis.UniversalClient
	b *batcher
}

func (s batchedScripts) EvalSha(ctx context.Context, sha1 string, keys []string, args ...any) *redis.Cmd {
	cmd, err := s.b.do(ctx, func(p redis.Pipeliner) redis.Cmder { return p.EvalSha(ctx, sha1, keys, args...) })
	if err != nil {
		failed := redis.NewCmd(ctx)
		failed.SetErr(err)
		return failed
	}
	return cmd.(*redis.Cmd)
}
