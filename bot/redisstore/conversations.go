package redisstore

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Append adds turn to the end of convID's history, keeps only the last
// keep turns and (re)sets the history to expire after ttl, all in one
// MULTI so a reader never sees an untrimmed or immortal list.
func (c *Conversations) Append(ctx context.Context, convID string, turn []byte, keep int, ttl time.Duration) error {
	if convID == "" {
		return invalid("conversation append", "empty conversation id")
	}
	if keep < 1 {
		return invalid("conversation append", "keep must be at least 1")
	}
	if err := checkTTL("conversation append", ttl); err != nil {
		return err
	}
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	k := c.keys.conversation(convID)
	_, err := c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.RPush(ctx, k, turn)
		p.LTrim(ctx, k, int64(-keep), -1)
		p.PExpire(ctx, k, ttl)
		return nil
	})
	if err != nil {
		return fmt.Errorf("state: conversation append: %w", err)
	}
	return nil
}

// Load returns convID's turns, oldest first; none for an unknown or
// expired conversation.
func (c *Conversations) Load(ctx context.Context, convID string) ([][]byte, error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	vals, err := c.rdb.LRange(ctx, c.keys.conversation(convID), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("state: conversation load: %w", err)
	}
	turns := make([][]byte, len(vals))
	for i, v := range vals {
		turns[i] = []byte(v)
	}
	return turns, nil
}

// Bind records that threadID is one of the bot's conversations, with meta
// (the caller's encoding: briefing, owner, session…) for ttl.
func (c *Conversations) Bind(ctx context.Context, threadID string, meta []byte, ttl time.Duration) error {
	if threadID == "" {
		return invalid("conversation bind", "empty thread id")
	}
	if err := checkTTL("conversation bind", ttl); err != nil {
		return err
	}
	return c.setBytes(ctx, "conversation bind", c.keys.thread(threadID), meta, ttl)
}

// Lookup returns the meta bound to threadID; ok is false when the thread
// is not (or no longer) one of the bot's.
func (c *Conversations) Lookup(ctx context.Context, threadID string) (meta []byte, ok bool, err error) {
	// Asked for every /ask in a guild channel: batched with the others.
	return c.getBatched(ctx, "conversation lookup", c.keys.thread(threadID))
}
