package state

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// AnswerCache stores rendered answers by CacheKey.
type AnswerCache struct{ base }

// NewAnswerCache returns an AnswerCache.
func NewAnswerCache(rdb redis.UniversalClient, o Options) *AnswerCache {
	return &AnswerCache{newBase(rdb, o)}
}

// CacheKey hashes parts (say the normalised question, knowledge version,
// model and prompt version) into a hex SHA-256. Each part is written with
// its length, so ("ab","c") and ("a","bc") differ whatever the parts hold.
func CacheKey(parts ...string) string {
	h := sha256.New()
	var n [20]byte
	for _, p := range parts {
		h.Write(strconv.AppendInt(n[:0], int64(len(p)), 10))
		h.Write([]byte{':'})
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *AnswerCache) key(k string) string { return c.prefix + "answer:" + k }

// Get returns the value cached under key; ok is false on a miss.
func (c *AnswerCache) Get(ctx context.Context, key string) (val []byte, ok bool, err error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	val, err = c.rdb.Get(ctx, c.key(key)).Bytes()
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
	if err := c.rdb.Set(ctx, c.key(key), val, ttl).Err(); err != nil {
		return fmt.Errorf("state: cache set: %w", err)
	}
	return nil
}
