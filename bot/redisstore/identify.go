package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// IdentifyLeases spaces the gateway IDENTIFYs of every bot process on the
// Redis: one lease per rate-limit bucket (shard id % max_concurrency), a
// SET NX with an expiry that its holder keeps while it connects and, once
// connected (or failed), cuts to the least time before the bucket's next
// IDENTIFY. The Discord adapter declares what it needs
// (discord.IdentifyLeases) and falls back to its in-process spacing when
// these calls fail.
type IdentifyLeases struct{ base }

// IdentifyLeases returns the IdentifyLeases store. Its calls are bounded
// like every other (Options.Timeout, default DefaultTimeout): a slow Redis
// delays a connection by that much at most.
func (db *DB) IdentifyLeases() *IdentifyLeases { return &IdentifyLeases{db.base(DefaultTimeout)} }

// acquireIdentifyScript takes the lease KEYS[1] for ARGV[1] for ARGV[2] ms
// unless someone holds it, and returns {1, 0}; otherwise {0, the lease's
// remaining ms}. One round trip for what would be SET NX and PTTL. A key
// without an expiry (never one of ours, which always have one: a stray
// SET or PERSIST) would hold the bucket for good: it gets ARGV[2] ms.
var acquireIdentifyScript = redis.NewScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, 0}
end
local left = redis.call('PTTL', KEYS[1])
if left == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  left = tonumber(ARGV[2])
end
return {0, left}
`)

// releaseIdentifyScript ends ARGV[1]'s lease KEYS[1] ARGV[2] ms from now.
// A lease that lapsed while its holder connected is taken again for that
// long, unless another holder has it by now: the next IDENTIFY of the
// bucket still waits ARGV[2] ms after this one. It returns 1 when it set
// the expiry, 0 when another holder has the lease.
var releaseIdentifyScript = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`)

// AcquireIdentify takes bucket's lease for owner for ttl unless another
// owner holds it: then ok is false and wait is how long that lease still
// runs (zero when Redis cannot say).
func (l *IdentifyLeases) AcquireIdentify(ctx context.Context, bucket int, owner string, ttl time.Duration) (ok bool, wait time.Duration, err error) {
	if err := checkLease("identify lease", bucket, owner, ttl); err != nil {
		return false, 0, err
	}
	ctx, cancel := l.withTimeout(ctx)
	defer cancel()
	res, err := acquireIdentifyScript.Run(ctx, l.rdb, []string{l.keys.identify(bucket)}, owner, ttl.Milliseconds()).Int64Slice()
	if err == nil && len(res) != 2 {
		err = fmt.Errorf("unexpected reply %v", res)
	}
	if err != nil {
		return false, 0, fmt.Errorf("state: identify lease: %w", err)
	}
	if res[0] == 1 {
		return true, 0, nil
	}
	return false, time.Duration(max(res[1], 0)) * time.Millisecond, nil
}

// ReleaseIdentify ends owner's lease on bucket ttl from now: the bucket's
// next IDENTIFY, in any process, waits that long. When the lease lapsed
// and nobody took it, owner takes it again for ttl.
func (l *IdentifyLeases) ReleaseIdentify(ctx context.Context, bucket int, owner string, ttl time.Duration) error {
	if err := checkLease("identify release", bucket, owner, ttl); err != nil {
		return err
	}
	ctx, cancel := l.withTimeout(ctx)
	defer cancel()
	if err := releaseIdentifyScript.Run(ctx, l.rdb, []string{l.keys.identify(bucket)}, owner, ttl.Milliseconds()).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("state: identify release: %w", err)
	}
	return nil
}

func checkLease(op string, bucket int, owner string, ttl time.Duration) error {
	switch {
	case bucket < 0:
		return invalid(op, "negative bucket")
	case owner == "":
		return invalid(op, "empty owner")
	}
	return checkTTL(op, ttl)
}
