package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/approved"
)

// Entries implements approved.Storage.
func (a *Approved) Entries(ctx context.Context, guildID string) ([]approved.Entry, error) {
	ctx, cancel := a.withTimeout(ctx)
	defer cancel()
	return a.read(ctx, a.rdb, guildID)
}

func (a *Approved) read(ctx context.Context, c redis.Cmdable, guildID string) ([]approved.Entry, error) {
	raw, err := c.HGetAll(ctx, a.keys.approved(guildID)).Result()
	if err != nil {
		return nil, err
	}
	out := make([]approved.Entry, 0, len(raw))
	for id, r := range raw {
		var e approved.Entry
		if err := json.Unmarshal([]byte(r), &e); err != nil {
			return nil, fmt.Errorf("decode entry %s: %w", id, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// Update implements approved.Storage with WATCH on the guild's hash and
// MULTI for the write, all under one deadline, retried as watchRetry does.
func (a *Approved) Update(ctx context.Context, guildID string, f func(context.Context, []approved.Entry) ([]approved.Entry, []string, error)) error {
	ctx, cancel := a.withTimeout(ctx)
	defer cancel()
	key := a.keys.approved(guildID)
	err := watchRetry(ctx, a.rdb, func(tx *redis.Tx) error {
		all, err := a.read(ctx, tx, guildID)
		if err != nil {
			return err
		}
		put, del, err := f(ctx, all)
		if err != nil || len(put)+len(del) == 0 {
			return err
		}
		vals := make([]any, 0, 2*len(put))
		for _, e := range put {
			data, err := json.Marshal(e)
			if err != nil {
				return err
			}
			vals = append(vals, e.ID, data)
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if len(vals) > 0 {
				p.HSet(ctx, key, vals...)
			}
			if len(del) > 0 {
				p.HDel(ctx, key, del...)
			}
			return nil
		})
		return err
	}, key)
	if errors.Is(err, redis.TxFailedErr) {
		return fmt.Errorf("approved: %s changed concurrently %d times in a row; try again: %w", guildID, txRetries, err)
	}
	return err
}

// NextID implements approved.Storage with INCR. Inside Update it runs
// outside the transaction: a retried update uses up a number.
func (a *Approved) NextID(ctx context.Context, guildID string) (string, error) {
	ctx, cancel := a.withTimeout(ctx)
	defer cancel()
	n, err := a.rdb.Incr(ctx, a.keys.approvedSeq(guildID)).Result()
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(n, 10), nil
}

// AddGuild implements approved.Storage.
func (a *Approved) AddGuild(ctx context.Context, guildID string) error {
	ctx, cancel := a.withTimeout(ctx)
	defer cancel()
	return a.rdb.SAdd(ctx, a.keys.approvedGuilds(), guildID).Err()
}

// Guilds implements approved.Storage.
func (a *Approved) Guilds(ctx context.Context) ([]string, error) {
	ctx, cancel := a.withTimeout(ctx)
	defer cancel()
	return a.rdb.SMembers(ctx, a.keys.approvedGuilds()).Result()
}
