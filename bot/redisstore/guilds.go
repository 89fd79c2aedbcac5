package redisstore

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Fields implements guild.Storage.
func (g *Guilds) Fields(ctx context.Context, guildID string) (map[string]string, error) {
	ctx, cancel := g.withTimeout(ctx)
	defer cancel()
	return g.rdb.HGetAll(ctx, g.keys.guild(guildID)).Result()
}

// Set implements guild.Storage.
func (g *Guilds) Set(ctx context.Context, guildID, field, value string) error {
	return g.write(ctx, func(p redis.Pipeliner, key string) { p.HSet(ctx, key, field, value) }, guildID)
}

// Unset implements guild.Storage.
func (g *Guilds) Unset(ctx context.Context, guildID, field string) error {
	return g.write(ctx, func(p redis.Pipeliner, key string) { p.HDel(ctx, key, field) }, guildID)
}

// Clear implements guild.Storage.
func (g *Guilds) Clear(ctx context.Context, guildID string) error {
	return g.write(ctx, func(p redis.Pipeliner, key string) { p.Del(ctx, key) }, guildID)
}

// write runs one change in a MULTI under the deadline.
func (g *Guilds) write(ctx context.Context, f func(p redis.Pipeliner, key string), guildID string) error {
	ctx, cancel := g.withTimeout(ctx)
	defer cancel()
	_, err := g.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		f(p, g.keys.guild(guildID))
		return nil
	})
	return err
}
