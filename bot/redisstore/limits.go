package redisstore

import (
	"context"
	"fmt"

	"github.com/go-redis/redis_rate/v10"

	"github.com/briefbot/briefbot/bot/state"
)

// Buckets keeps the rate limiter's GCRA buckets (state.Buckets) with
// redis_rate: atomic per key, shared by every bot process, and kept across
// bot restarts.
type Buckets struct {
	base
	rl *redis_rate.Limiter
}

var _ state.Buckets = (*Buckets)(nil)

// Buckets returns the rate limiter's buckets, for state.NewLimiter.
func (db *DB) Buckets() *Buckets {
	return &Buckets{base: db.base(DefaultTimeout), rl: redis_rate.NewLimiter(batchedScripts{db.rdb, db.batch})}
}

// Limiter returns a state.Limiter over db's buckets.
func (db *DB) Limiter(limits state.Limits) *state.Limiter {
	return state.NewLimiter(db.Buckets(), limits)
}

// Take implements state.Buckets.
func (b *Buckets) Take(ctx context.Context, scope, id string, l state.Limit, n int) (state.Bucket, error) {
	if scope != state.ScopeUser && scope != state.ScopeGuild {
		return state.Bucket{}, invalid("limiter", fmt.Sprintf("unknown scope %q", scope))
	}
	ctx, cancel := b.withTimeout(ctx)
	defer cancel()
	res, err := b.rl.AllowN(ctx, b.keys.rate(scope, id), redis_rate.Limit{Rate: l.Rate, Burst: l.Burst, Period: l.Period}, n)
	if err != nil {
		return state.Bucket{}, err
	}
	return state.Bucket{Allowed: res.Allowed, Remaining: res.Remaining, RetryAfter: res.RetryAfter, ResetAfter: res.ResetAfter}, nil
}
