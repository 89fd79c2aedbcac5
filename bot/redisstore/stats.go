package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/stats"
)

// storedEvent is an Event as kept in Redis. The nonce keeps two identical
// events (same user, question and millisecond) from collapsing into one
// sorted-set member.
type storedEvent struct {
	stats.Event
	Nonce string `json:"n"`
}

// Append implements stats.Log: ZADD and the trim in one MULTI.
func (s *Stats) Append(ctx context.Context, e stats.Event, keep int) error {
	var nonce [6]byte
	_, _ = rand.Read(nonce[:]) // crypto/rand.Read never fails
	data, err := json.Marshal(storedEvent{Event: e, Nonce: hex.EncodeToString(nonce[:])})
	if err != nil {
		return err
	}
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	key := s.keys.stats(e.GuildID)
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.ZAdd(ctx, key, redis.Z{Score: float64(e.At.UnixMilli()), Member: data})
		p.ZRemRangeByRank(ctx, key, 0, int64(-keep-1))
		return nil
	})
	return err
}

// Events implements stats.Log.
func (s *Stats) Events(ctx context.Context, guildID string, since time.Time) ([]stats.Event, error) {
	min := "-inf"
	if !since.IsZero() {
		min = strconv.FormatInt(since.UnixMilli(), 10)
	}
	ctx, cancel := s.withTimeout(ctx)
	defer cancel()
	raw, err := s.rdb.ZRangeByScore(ctx, s.keys.stats(guildID), &redis.ZRangeBy{Min: min, Max: "+inf"}).Result()
	if err != nil {
		return nil, fmt.Errorf("stats: read events: %w", err)
	}
	out := make([]stats.Event, 0, len(raw))
	for _, r := range raw {
		var st storedEvent
		if err := json.Unmarshal([]byte(r), &st); err != nil {
			return nil, fmt.Errorf("stats: decode event: %w", err)
		}
		out = append(out, st.Event)
	}
	return out, nil
}
