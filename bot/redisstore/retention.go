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
// was forgotten before), takes the guild off the roster and returns how
// many keys it has.
func (r *Retention) Forget(ctx context.Context, guildID string) (int, error) {
	n, err := r.each(ctx, "forget", guildID, func(p redis.Pipeliner, key string) *redis.BoolCmd {
		return p.Expire(ctx, key, ForgetAfter)
	})
	if err != nil {
		return n, err
	}
	ctx, cancel := r.withTimeout(ctx)
	defer cancel()
	// Left on the roster, the guild would be forgotten again at every
	// connection, its month starting over each time.
	if err := r.rdb.SRem(ctx, r.keys.guildRoster(), guildID).Err(); err != nil {
		return n, fmt.Errorf("state: retention forget %s: roster: %w", guildID, err)
	}
	return n, nil
}

// Enroll puts guildIDs on the roster: the guilds a connection's READY
// says the bot is in. A guild on the roster that a later READY of its
// shard does not list removed the bot while it was offline — Discord
// sends no GUILD_DELETE for that — and is forgotten then.
func (r *Retention) Enroll(ctx context.Context, guildIDs []string) error {
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
		if err := r.rdb.SAdd(ctx, r.keys.guildRoster(), members...).Err(); err != nil {
			return fmt.Errorf("state: retention enroll: %w", err)
		}
	}
	return nil
}

// Roster returns the guilds on the roster.
func (r *Retention) Roster(ctx context.Context) ([]string, error) {
	ctx, cancel := r.withTimeout(ctx)
	defer cancel()
	ids, err := r.rdb.SMembers(ctx, r.keys.guildRoster()).Result()
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
