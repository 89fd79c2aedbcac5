package redisstore

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"
)

// ForgetAfter is how long a guild's data outlives the bot's removal from
// it. Not at once: a server that removed the bot by mistake and invites it
// back within the month finds its settings, approvals and stats as they
// were. Not for ever: Redis would keep growing with servers long gone, and
// Discord expects data to be deleted once it is no longer needed.
const ForgetAfter = 30 * 24 * time.Hour

// Retention forgets a guild's data some time after the bot is removed
// from it (GUILD_DELETE), and keeps it again when the bot is there
// (GUILD_CREATE). The data is every key of keys.guildKeys; everything else
// the bot keeps about a guild expires by itself.
//
// Both are one MULTI over the guild's keys (one slot, one round trip), with
// no marker of a forgotten guild: Keep, sent for every guild at every
// connection, would cost a round trip to read a marker anyway, and
// PERSIST on a key without an expiry (or on no key) changes nothing.
// Nothing of a guild's data expires otherwise, so Keep takes away no
// expiry it should leave. A key written after Keep is a new key, with
// no expiry; one written between Forget and Keep keeps the expiry of the
// key it changes (Redis keeps a TTL across HSET, ZADD, SADD, INCR), which
// is why Keep must run when the bot is back.
//
// approved:guilds keeps a forgotten guild: it is in another slot, and
// removing it safely once the data is gone would race with a first new
// approval (AddGuild comes before the hash is written). approved's
// Revalidate reads a guild whose keys are gone as one without approvals
// and writes nothing for it.
type Retention struct{ base }

// Retention returns the Retention store.
func (db *DB) Retention() *Retention { return &Retention{db.base(DefaultTimeout)} }

// Forget gives each of guildID's keys ForgetAfter to live (again, if it
// was forgotten before) and returns how many it has.
func (r *Retention) Forget(ctx context.Context, guildID string) (int, error) {
	return r.each(ctx, "forget", guildID, func(p redis.Pipeliner, key string) *redis.BoolCmd {
		return p.Expire(ctx, key, ForgetAfter)
	})
}

// The roster is, for each bot (its user id), the guilds it was in at its
// connections: a guild that removes the bot while it is offline sends no
// GUILD_DELETE, and a later READY of its shard leaving it out is how it
// is found. Per bot, since two bots (production and staging, say) may
// share a Redis: one's READY says nothing of the other's guilds.

// Enroll puts guildIDs on bot's roster: the guilds a READY lists, or one
// joined since.
func (r *Retention) Enroll(ctx context.Context, bot string, guildIDs []string) error {
	if !isSnowflake(bot) {
		return invalid("retention enroll", fmt.Sprintf("%q is no bot id", bot))
	}
	ctx, cancel := r.withTimeout(ctx)
	defer cancel()
	for batch := range slices.Chunk(guildIDs, rosterBatch) {
		members := make([]any, 0, len(batch))
		for _, id := range batch {
			if isSnowflake(id) {
				members = append(members, id)
			}
		}
		if len(members) == 0 {
			continue
		}
		if err := r.rdb.SAdd(ctx, r.keys.guildRoster(bot), members...).Err(); err != nil {
			return fmt.Errorf("state: retention enroll: %w", err)
		}
	}
	return nil
}

// Unenroll takes guildID off bot's roster once its data is forgotten:
// left on it, the guild would be forgotten again at every connection,
// its month starting over each time.
func (r *Retention) Unenroll(ctx context.Context, bot, guildID string) error {
	if !isSnowflake(bot) {
		return invalid("retention unenroll", fmt.Sprintf("%q is no bot id", bot))
	}
	ctx, cancel := r.withTimeout(ctx)
	defer cancel()
	if err := r.rdb.SRem(ctx, r.keys.guildRoster(bot), guildID).Err(); err != nil {
		return fmt.Errorf("state: retention unenroll %s: %w", guildID, err)
	}
	return nil
}

// Roster returns the guilds on bot's roster.
func (r *Retention) Roster(ctx context.Context, bot string) ([]string, error) {
	if !isSnowflake(bot) {
		return nil, invalid("retention roster", fmt.Sprintf("%q is no bot id", bot))
	}
	ctx, cancel := r.withTimeout(ctx)
	defer cancel()
	ids, err := r.rdb.SMembers(ctx, r.keys.guildRoster(bot)).Result()
	if err != nil {
		return nil, fmt.Errorf("state: retention roster: %w", err)
	}
	return ids, nil
}

// rosterBatch bounds one SADD: a shard holds up to 2,500 guilds, a
// READY may list them all.
const rosterBatch = 1000

// Keep takes the expiry off each of guildID's keys and returns how many
// had one: 0 for a guild that was not being forgotten.
func (r *Retention) Keep(ctx context.Context, guildID string) (int, error) {
	return r.each(ctx, "keep", guildID, func(p redis.Pipeliner, key string) *redis.BoolCmd {
		return p.Persist(ctx, key)
	})
}

// each runs cmd on every key of guildID in one MULTI under the deadline
// and counts the keys it returned true for.
func (r *Retention) each(ctx context.Context, op, guildID string, cmd func(p redis.Pipeliner, key string) *redis.BoolCmd) (int, error) {
	if !isSnowflake(guildID) {
		// "" and "dm" would name the DMs' feedback and log (orDM); a
		// guild id is a Discord snowflake, digits only.
		return 0, invalid("retention "+op, fmt.Sprintf("%q is no guild id", guildID))
	}
	ctx, cancel := r.withTimeout(ctx)
	defer cancel()
	keys := r.keys.guildKeys(guildID)
	cmds := make([]*redis.BoolCmd, len(keys))
	_, err := r.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range keys {
			cmds[i] = cmd(p, k)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("state: retention %s %s: %w", op, guildID, err)
	}
	n := 0
	for _, c := range cmds {
		if c.Val() {
			n++
		}
	}
	return n, nil
}

// isSnowflake reports whether id is a Discord id: 1 to 20 decimal digits.
func isSnowflake(id string) bool {
	if id == "" || len(id) > 20 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}
