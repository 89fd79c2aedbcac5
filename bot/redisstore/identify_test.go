package redisstore

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

// A bucket's IDENTIFY lease has one holder at a time across processes
// (clients), says how long it still runs, is cut to the interval when
// its holder is done, is taken again on release when it lapsed meanwhile,
// and leaves other buckets and other holders' leases alone.
func TestIdentifyLeases(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			a := be.db().IdentifyLeases()
			b := be.restarted().IdentifyLeases() // another process
			const hold, interval = 5 * time.Second, 300 * time.Millisecond
			acquire := func(l *IdentifyLeases, bucket int, owner string, ttl time.Duration) (bool, time.Duration) {
				t.Helper()
				ok, wait, err := l.AcquireIdentify(ctx, bucket, owner, ttl)
				if err != nil {
					t.Fatalf("AcquireIdentify(%d, %s): %v", bucket, owner, err)
				}
				return ok, wait
			}
			if ok, _ := acquire(a, 0, "a:0", hold); !ok {
				t.Fatal("a could not take the free lease of bucket 0")
			}
			ok, wait := acquire(b, 0, "b:2", hold)
			if ok || wait <= hold-time.Second || wait > hold {
				t.Fatalf("b took bucket 0 while a holds it: ok %v, wait %s (want false and about %s)", ok, wait, hold)
			}
			if ok, _ := acquire(b, 1, "b:1", hold); !ok {
				t.Fatal("b could not take bucket 1, which nobody holds")
			}
			// b releasing bucket 0, which a holds, changes nothing.
			if err := b.ReleaseIdentify(ctx, 0, "b:2", interval); err != nil {
				t.Fatal(err)
			}
			if _, wait := acquire(b, 0, "b:2", hold); wait <= time.Second {
				t.Fatalf("a's lease was shortened by b's release: %s left", wait)
			}
			// a is connected: the bucket is free interval later.
			if err := a.ReleaseIdentify(ctx, 0, "a:0", interval); err != nil {
				t.Fatal(err)
			}
			ok, wait = acquire(b, 0, "b:2", hold)
			if ok || wait > interval || wait <= 0 {
				t.Fatalf("after a's release: ok %v, wait %s; want false and at most %s", ok, wait, interval)
			}
			time.Sleep(wait + 50*time.Millisecond)
			if ok, _ := acquire(b, 0, "b:2", 100*time.Millisecond); !ok {
				t.Fatal("b could not take bucket 0 once a's interval passed")
			}
			// b's lease lapses while it connects; its release still keeps
			// the bucket for the interval.
			time.Sleep(150 * time.Millisecond)
			if err := b.ReleaseIdentify(ctx, 0, "b:2", interval); err != nil {
				t.Fatal(err)
			}
			if ok, wait := acquire(a, 0, "a:0", hold); ok || wait <= 0 || wait > interval {
				t.Fatalf("after b's late release: ok %v, wait %s; want false and at most %s", ok, wait, interval)
			}
			// A key without an expiry (a stray SET) gets one: the bucket
			// is not held for good.
			key := a.keys.identify(3)
			if err := a.rdb.Set(ctx, key, "stray", 0).Err(); err != nil {
				t.Fatal(err)
			}
			if ok, wait := acquire(b, 3, "b:3", hold); ok || wait <= 0 || wait > hold {
				t.Fatalf("a stray lease without expiry: ok %v, wait %s; want false and at most %s", ok, wait, hold)
			}
			if ttl := a.rdb.PTTL(ctx, key).Val(); ttl <= 0 || ttl > hold {
				t.Errorf("the stray lease's expiry = %s, want one of at most %s", ttl, hold)
			}
			for _, err := range []error{
				func() error { _, _, err := a.AcquireIdentify(ctx, -1, "x", hold); return err }(),
				func() error { _, _, err := a.AcquireIdentify(ctx, 0, "", hold); return err }(),
				func() error { _, _, err := a.AcquireIdentify(ctx, 0, "x", 0); return err }(),
				a.ReleaseIdentify(ctx, 0, "", interval),
			} {
				if !errors.Is(err, state.ErrInvalid) {
					t.Errorf("bad argument: %v, want state.ErrInvalid", err)
				}
			}
		})
	}
}
