package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// AnswerCache stores rendered answers by state.CacheKey.
type AnswerCache struct{ base }

// AnswerCache returns the answer cache.
func (db *DB) AnswerCache() *AnswerCache { return &AnswerCache{db.base(DefaultTimeout)} }

// Get returns the value cached under key; ok is false on a miss.
func (c *AnswerCache) Get(ctx context.Context, key string) (val []byte, ok bool, err error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	val, err = c.rdb.Get(ctx, c.keys.answer(key)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("state: cache get: %w", err)
	}
	return val, true, nil
}

// Set caches val under key for ttl (at least 1ms).
func (c *AnswerCache) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	if err := checkTTL("cache set", ttl); err != nil {
		return err
	}
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	if err := c.rdb.Set(ctx, c.keys.answer(key), val, ttl).Err(); err != nil {
		return fmt.Errorf("state: cache set: %w", err)
	}
	return nil
}

// Once de-duplicates events: the gateway may deliver an interaction or
// message twice, to one process or to two.
type Once struct{ base }

// Once returns the event de-duplicator.
func (db *DB) Once() *Once { return &Once{db.base(DefaultTimeout)} }

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
	first, err := o.rdb.SetNX(ctx, o.keys.once(id), 1, ttl).Result()
	if err != nil {
		return false, fmt.Errorf("state: once: %w", err)
	}
	return first, nil
}
