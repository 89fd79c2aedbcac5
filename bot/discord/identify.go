package discord

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// identifyLeaseHold is how long a process keeps a bucket's cross-process
// lease beyond the interval while one of its shards connects. Connecting
// takes a second or two; if the process dies meanwhile, the others wait
// this long, and a connection slower than this lets another process
// IDENTIFY before the interval has passed.
const identifyLeaseHold = 30 * time.Second

// identifyLeasePoll is how often a shard waiting for another process's
// lease asks again.
const identifyLeasePoll = 250 * time.Millisecond

// identifyLeasePause is how long the gate leaves the leases alone after a
// failed call (Redis down or slow), spacing this process's IDENTIFYs
// only, so that an outage costs each connection at most one timeout.
const identifyLeasePause = 30 * time.Second

// identifyGate spaces IDENTIFYs as Discord asks: the shards of one bucket
// (shard id % max_concurrency) identify one at a time, each at least
// interval after the previous one finished, the first time in ascending
// order of shard id; buckets do not wait for each other. With leases it
// also takes the bucket's lease, shared by every process of the bot, so
// that separate processes do the same between them.
type identifyGate struct {
	interval time.Duration
	buckets  []*identifyBucket

	// leases are the cross-process leases; nil for this process only.
	leases IdentifyLeases
	owner  string // this process in the leases
	log    *slog.Logger
	// pausedUntil (unix ns) skips the leases for pause after a failure;
	// down says a failure was logged and no call has worked since.
	pause       time.Duration
	pausedUntil atomic.Int64
	down        atomic.Bool
}

type identifyBucket struct {
	mu    sync.Mutex
	busy  bool          // a shard of the bucket is identifying
	next  time.Time     // the earliest time of the next IDENTIFY
	order []int         // the shards whose first IDENTIFY is still to come, in turn
	freed chan struct{} // closed (and replaced) when the bucket is freed
}

func newIdentifyGate(concurrency int, interval time.Duration, ids []int) *identifyGate {
	g := &identifyGate{interval: interval, buckets: make([]*identifyBucket, max(concurrency, 1)), log: slog.New(slog.DiscardHandler)}
	for i := range g.buckets {
		g.buckets[i] = &identifyBucket{freed: make(chan struct{})}
	}
	for _, id := range ids {
		bk := g.buckets[id%len(g.buckets)]
		bk.order = append(bk.order, id)
	}
	return g
}

// withLeases makes the gate take the cross-process lease of the bucket
// too, logging to log when the leases fail.
func (g *identifyGate) withLeases(leases IdentifyLeases, log *slog.Logger) *identifyGate {
	var b [8]byte
	rand.Read(b[:])
	g.leases, g.owner, g.log, g.pause = leases, hex.EncodeToString(b[:]), log, identifyLeasePause
	return g
}

// wait blocks until shard may IDENTIFY; call release once the connection
// attempt is over (READY or a failure).
func (g *identifyGate) wait(ctx context.Context, shard int) (release func(), err error) {
	bucket := shard % len(g.buckets)
	bk := g.buckets[bucket]
	for {
		bk.mu.Lock()
		if !bk.busy && (len(bk.order) == 0 || bk.order[0] == shard) {
			break
		}
		freed := bk.freed
		bk.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	bk.busy = true
	if len(bk.order) > 0 {
		bk.order = bk.order[1:]
	}
	next := bk.next
	bk.mu.Unlock()
	free := func(next time.Time) {
		bk.mu.Lock()
		defer bk.mu.Unlock()
		bk.busy, bk.next = false, next
		close(bk.freed)
		bk.freed = make(chan struct{})
	}
	if d := time.Until(next); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			free(next)
			return nil, ctx.Err()
		}
	}
	owner := g.owner + ":" + strconv.Itoa(shard)
	leased, err := g.lease(ctx, bucket, owner)
	if err != nil {
		free(next)
		return nil, err
	}
	return sync.OnceFunc(func() {
		if leased {
			g.releaseLease(bucket, owner)
		}
		free(time.Now().Add(g.interval))
	}), nil
}

// lease takes the bucket's cross-process lease, waiting while another
// process holds it; false (and no error) when there are no leases or they
// fail. The error is ctx's.
func (g *identifyGate) lease(ctx context.Context, bucket int, owner string) (bool, error) {
	if g.leases == nil || time.Now().UnixNano() < g.pausedUntil.Load() {
		return false, nil
	}
	for {
		ok, left, err := g.leases.AcquireIdentify(ctx, bucket, owner, g.interval+identifyLeaseHold)
		if ctx.Err() != nil || err != nil {
			// The lease may be ours all the same (taken, or the call cut
			// short after Redis ran it): cut it to the interval rather than
			// leave the other processes waiting out identifyLeaseHold.
			if ok || err != nil {
				go g.releaseLease(bucket, owner)
			}
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			g.leaseFailed(err)
			return false, nil
		}
		g.leaseWorked()
		if ok {
			return true, nil
		}
		// Another process identifies in this bucket: try again when its
		// lease ends, or sooner, as its holder cuts it to the interval
		// once connected.
		t := time.NewTimer(min(max(left, 10*time.Millisecond), identifyLeasePoll))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return false, ctx.Err()
		}
	}
}

// releaseLease keeps the bucket's lease for the interval from now: the
// next IDENTIFY in the bucket, in any process, waits that long.
func (g *identifyGate) releaseLease(bucket int, owner string) {
	if err := g.leases.ReleaseIdentify(context.Background(), bucket, owner, g.interval); err != nil {
		g.leaseFailed(err)
		return
	}
	g.leaseWorked()
}

func (g *identifyGate) leaseFailed(err error) {
	g.pausedUntil.Store(time.Now().Add(g.pause).UnixNano())
	if g.down.CompareAndSwap(false, true) {
		g.log.Warn("cannot take the IDENTIFY lease in Redis: spacing only this process's IDENTIFYs until it answers (other processes' shards may identify at the same time)",
			"err", err, "retry_in", g.pause.String())
	}
}

func (g *identifyGate) leaseWorked() {
	if g.down.CompareAndSwap(true, false) {
		g.log.Info("the IDENTIFY lease in Redis works again: IDENTIFYs are spaced across processes")
	}
}
