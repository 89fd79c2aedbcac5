package state

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Once de-duplicates events: the gateway may deliver an interaction or
// message twice, to one process or to two.
type Once struct{ base }

// NewOnce returns a Once.
func NewOnce(rdb redis.UniversalClient, o Options) *Once {
	return &Once{newBase(rdb, o)}
}

// First reports whether this is the first time id is seen within ttl,
// across every process sharing the Redis (SET NX with an expiry). On error
// the caller decides; handling the event is usually the safer guess.
func (o *Once) First(ctx context.Context, id string, ttl time.Duration) (bool, error) {
	if id == "" {
		return false, invalid("once", "empty id")
	}
	if err := checkTTL("once", ttl); err != nil {
		return false, err
	}
	ctx, cancel := o.withTimeout(ctx)
	defer cancel()
	first, err := o.rdb.SetNX(ctx, o.prefix+"once:"+id, 1, ttl).Result()
	if err != nil {
		return false, fmt.Errorf("state: once: %w", err)
	}
	return first, nil
}
