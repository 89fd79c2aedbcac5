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
//
// A thread bound to convID (Bind) is given the same ttl: a thread stays
// one of the bot's conversations as long as its history is kept, so a
// thread in use does not stop taking follow-ups ttl after it was bound.
// A binding that expired is not brought back (PEXPIRE on a missing key
// does nothing). Only a thread can be bound, and a thread's id is a
// Discord snowflake: a DM's ("dm:…") and an answer record's
// ("answer:…") conversations, most appends, send nothing more. The
// binding's key is in another slot, so it cannot
// be in the MULTI; it is sent at the same time, so that an answer shown
// after its turn is stored does not wait one more round trip. Its failure
// is not Append's: the turn is stored, and the binding keeps the expiry
// it had until the next turn refreshes it.
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
	refreshed := make(chan struct{})
	if isSnowflake(convID) {
		go func() {
			defer close(refreshed)
			_ = c.rdb.PExpire(ctx, c.keys.thread(convID), ttl).Err()
		}()
	} else {
		close(refreshed)
	}
	k := c.keys.conversation(convID)
	_, err := c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.RPush(ctx, k, turn)
		p.LTrim(ctx, k, int64(-keep), -1)
		p.PExpire(ctx, k, ttl)
		return nil
	})
	<-refreshed // before cancel ends its deadline
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
