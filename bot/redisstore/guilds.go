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

// Update implements guild.Storage: one MULTI of an HSET of every field
// set and an HDEL of every field unset, so Redis applies all or none.
func (g *Guilds) Update(ctx context.Context, guildID string, set map[string]string, unset []string) error {
	return g.write(ctx, func(p redis.Pipeliner, key string) {
		if len(set) > 0 {
			p.HSet(ctx, key, set)
		}
		if len(unset) > 0 {
			p.HDel(ctx, key, unset...)
		}
	}, guildID)
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
