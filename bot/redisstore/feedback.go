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
	"github.com/briefbot/briefbot/bot/stats"
)

// member identifies a user's vote on an answer; NUL cannot occur in
// Discord ids and keeps the two apart.
func member(v state.Vote) string { return v.AnswerID + "\x00" + v.UserID }

// maxVotes is how many votes a guild keeps: the newest, by vote time. It
// is the question log's cap (stats.DefaultMaxEvents), so that "all time"
// in a moderator's report reaches about as far back for votes as for
// questions and /admin stats holds a bounded number of either. It follows
// the default, not a Store's Options.MaxEvents: votes are recorded by the
// question service, which has no stats options (nothing sets MaxEvents
// but tests).
const maxVotes = stats.DefaultMaxEvents

// voteTrimBatch bounds how many old votes one Record removes, so a lowered
// cap is reached a few hundred votes per call rather than in one long
// script (Lua's unpack also has an argument limit, about 8000 in Redis).
const voteTrimBatch = 500

// recordVoteScript writes a vote to a guild's four feedback keys and
// trims them to the newest votes in the same step, so a trim cannot
// remove a vote being re-cast concurrently: a re-vote moves its member to
// its new time before any trim sees it. The member just written is never
// trimmed, even when its time is older than the rest (a clock behind).
//
// KEYS: votes, time, up, down (fb:{<guild>}:…, one hash slot).
// ARGV: member, vote JSON, time (ms), up (1/0), cap, most to remove.
// Returns how many votes were removed.
var recordVoteScript = redis.NewScript(`
local m = ARGV[1]
redis.call('HSET', KEYS[1], m, ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], m)
local add, rem = KEYS[3], KEYS[4]
if ARGV[4] ~= '1' then add, rem = KEYS[4], KEYS[3] end
redis.call('SREM', rem, m)
redis.call('SADD', add, m)
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[5])
if over <= 0 then return 0 end
over = math.min(over, tonumber(ARGV[6]))
local old = {}
for _, o in ipairs(redis.call('ZRANGE', KEYS[2], 0, over)) do
  if o ~= m and #old < over then old[#old + 1] = o end
end
redis.call('ZREM', KEYS[2], unpack(old))
redis.call('HDEL', KEYS[1], unpack(old))
redis.call('SREM', KEYS[3], unpack(old))
redis.call('SREM', KEYS[4], unpack(old))
return #old
`)

// Record stores v, replacing the user's earlier vote on the same answer,
// and removes the guild's oldest votes beyond maxVotes in the same step,
// at most voteTrimBatch of them. A zero At means now.
func (f *Feedback) Record(ctx context.Context, v state.Vote) error {
	return f.record(ctx, v, maxVotes, voteTrimBatch)
}

// record is Record keeping the newest keep (at least 1) votes, removing at
// most batch (at least 1) of the rest; tests lower them.
func (f *Feedback) record(ctx context.Context, v state.Vote, keep, batch int) error {
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
	k := f.keys.feedback(v.GuildID)
	up := 0
	if v.Up {
		up = 1
	}
	err = recordVoteScript.Run(ctx, f.rdb, []string{k.votes, k.byTime, k.up, k.down},
		member(v), data, v.At.UnixMilli(), up, max(keep, 1), max(batch, 1)).Err()
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
