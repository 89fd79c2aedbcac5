package redisstore

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Get returns the value cached under key; ok is false on a miss.
func (c *AnswerCache) Get(ctx context.Context, key string) (val []byte, ok bool, err error) {
	return c.getBytes(ctx, "cache get", c.keys.answer(key))
}

// Set caches val under key for ttl (at least 1ms).
func (c *AnswerCache) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	if err := checkTTL("cache set", ttl); err != nil {
		return err
	}
	return c.setBytes(ctx, "cache set", c.keys.answer(key), val, ttl)
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
	key := o.keys.once(id)
	cmd, err := o.batch.do(ctx, func(p redis.Pipeliner) redis.Cmder { return p.SetNX(ctx, key, 1, ttl) })
	var first bool
	if err == nil {
		first, err = cmd.(*redis.BoolCmd).Result()
	}
	if err != nil {
		return false, fmt.Errorf("state: once: %w", err)
	}
	return first, nil
}
