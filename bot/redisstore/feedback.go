package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/state"
)

// member identifies a user's vote on an answer; NUL cannot occur in
// Discord ids and keeps the two apart.
func member(v state.Vote) string { return v.AnswerID + "\x00" + v.UserID }

// Record stores v, replacing the user's earlier vote on the same answer.
// A zero At means now.
func (f *Feedback) Record(ctx context.Context, v state.Vote) error {
	if v.UserID == "" || v.AnswerID == "" {
		return invalid("feedback record", "vote needs a user id and an answer id")
	}
	if v.At.IsZero() {
		v.At = time.Now()
	}
	v.At = v.At.UTC()
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("state: feedback record: %w", err)
	}
	ctx, cancel := f.withTimeout(ctx)
	defer cancel()
	k, m := f.keys.feedback(v.GuildID), member(v)
	add, rem := k.up, k.down
	if !v.Up {
		add, rem = k.down, k.up
	}
	_, err = f.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, k.votes, m, data)
		p.ZAdd(ctx, k.byTime, redis.Z{Score: float64(v.At.UnixMilli()), Member: m})
		p.SRem(ctx, rem, m)
		p.SAdd(ctx, add, m)
		return nil
	})
	if err != nil {
		return fmt.Errorf("state: feedback record: %w", err)
	}
	return nil
}

// Last returns userID's vote on answerID in guildID; ok is false when
// there is none.
func (f *Feedback) Last(ctx context.Context, guildID, answerID, userID string) (v state.Vote, ok bool, err error) {
	ctx, cancel := f.withTimeout(ctx)
	defer cancel()
	data, err := f.rdb.HGet(ctx, f.keys.feedback(guildID).votes, member(state.Vote{AnswerID: answerID, UserID: userID})).Bytes()
	switch {
	case errors.Is(err, redis.Nil):
		return state.Vote{}, false, nil
	case err != nil:
		return state.Vote{}, false, fmt.Errorf("state: feedback last: %w", err)
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return state.Vote{}, false, fmt.Errorf("state: feedback last: %w", err)
	}
	return v, true, nil
}

// Counts returns how many up and down votes guildID's answers have.
func (f *Feedback) Counts(ctx context.Context, guildID string) (up, down int, err error) {
	ctx, cancel := f.withTimeout(ctx)
	defer cancel()
	k := f.keys.feedback(guildID)
	var u, d *redis.IntCmd
	_, err = f.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		u = p.SCard(ctx, k.up)
		d = p.SCard(ctx, k.down)
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("state: feedback counts: %w", err)
	}
	return int(u.Val()), int(d.Val()), nil
}

// List returns guildID's votes cast at or after since, oldest first.
func (f *Feedback) List(ctx context.Context, guildID string, since time.Time) ([]state.Vote, error) {
	ctx, cancel := f.withTimeout(ctx)
	defer cancel()
	k := f.keys.feedback(guildID)
	members, err := f.rdb.ZRangeByScore(ctx, k.byTime, &redis.ZRangeBy{
		Min: strconv.FormatInt(since.UnixMilli(), 10),
		Max: "+inf",
	}).Result()
	if err != nil {
		return nil, fmt.Errorf("state: feedback list: %w", err)
	}
	if len(members) == 0 {
		return nil, nil
	}
	vals, err := f.rdb.HMGet(ctx, k.votes, members...).Result()
	if err != nil {
		return nil, fmt.Errorf("state: feedback list: %w", err)
	}
	votes := make([]state.Vote, 0, len(vals))
	for _, raw := range vals {
		s, ok := raw.(string)
		if !ok {
			continue // not in the hash: cannot happen after a MULTI, but harmless
		}
		var v state.Vote
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			return nil, fmt.Errorf("state: feedback list: decode vote: %w", err)
		}
		votes = append(votes, v)
	}
	return votes, nil
}
