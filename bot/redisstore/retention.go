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
// Both are one MULTI over the guild's keys (one slot, one round trip),
// with the guild's mark (set by Forget, deleted by Keep: Keep, sent for
// every guild at every connection, reads nothing), and PERSIST on a key
// without an expiry (or on no key) changes nothing. Nothing of a guild's
// data expires otherwise, so Keep takes away no expiry it should leave.
// A key written after Keep is a new key, with no expiry; one written
// between Forget and Keep keeps the expiry of the key it changes (Redis
// keeps a TTL across HSET, ZADD, SADD, INCR), which is why Keep must run
// when the bot is back; one created between them (a key deleted, then
// written again) has none until Sweep gives it the rest of the month.
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
// was forgotten before) and returns how many it has. It marks the guild
// with that deadline, in the same step, for Sweep: a key written after
// this (a late write, a command still installed in a server that removed
// the bot) would otherwise never expire.
func (r *Retention) Forget(ctx context.Context, guildID string) (int, error) {
	deadline := time.Now().Add(ForgetAfter).UnixMilli()
	n, err := r.each(ctx, "forget", guildID, func(p redis.Pipeliner, key string) *redis.BoolCmd {
		return p.Expire(ctx, key, ForgetAfter)
	}, func(p redis.Pipeliner) {
		p.Set(ctx, r.keys.guildForgotten(guildID), deadline, 0)
	})
	if err != nil {
		return n, err
	}
	// Another slot on a Cluster: after the mark, so that a sweep never
	// finds a listed guild without one it should have.
	ctx, cancel := r.withTimeout(ctx)
	defer cancel()
	if err := r.rdb.SAdd(ctx, r.keys.forgottenGuilds(), guildID).Err(); err != nil {
		return n, fmt.Errorf("state: retention forget %s: %w", guildID, err)
	}
	return n, nil
}

// sweepScript settles a forgotten guild by its mark: before the
// deadline, it gives every key with no expiry the time left; past it, it
// deletes what is left of the guild's data and the mark. It returns the
// keys it gave an expiry, or -1 minus those it deleted when the guild
// needs no more sweeping (no mark: kept since; or its deadline passed).
//
// KEYS: the mark, then the guild's keys. ARGV: now, Unix ms.
var sweepScript = redis.NewScript(`
local deadline = tonumber(redis.call('GET', KEYS[1]) or '')
-- No mark (kept since), or not a deadline this script wrote: left alone.
if not deadline or deadline < 1e12 then return -1 end
local n = 0
if tonumber(ARGV[1]) >= deadline then
  for i = 2, #KEYS do n = n + redis.call('DEL', KEYS[i]) end
  redis.call('DEL', KEYS[1])
  return -1 - n
end
for i = 2, #KEYS do
  if redis.call('PTTL', KEYS[i]) == -1 then
    redis.call('PEXPIREAT', KEYS[i], deadline)
    n = n + 1
  end
end
return n
`)

// Sweep settles the forgotten guilds (sweepScript): keys written since a
// guild was forgotten get the rest of its month, and once the month is
// over whatever is left of it is deleted; a guild kept again, or
// settled, leaves the list. A guild present says the bot is in (nil:
// none) is left for a later sweep: its Keep may have failed, and what it
// wrote since must not be given an expiry, let alone deleted. It
// returns how many keys it changed.
func (r *Retention) Sweep(ctx context.Context, present func(guildID string) bool) (int, error) {
	ctx, cancel := r.withTimeout(ctx)
	defer cancel()
	ids, err := r.rdb.SMembers(ctx, r.keys.forgottenGuilds()).Result()
	if err != nil {
		return 0, fmt.Errorf("state: retention sweep: %w", err)
	}
	total := 0
	for _, id := range ids {
		if !isSnowflake(id) || present != nil && present(id) {
			continue
		}
		keys := append([]string{r.keys.guildForgotten(id)}, r.keys.guildKeys(id)...)
		n, err := sweepScript.Run(ctx, r.rdb, keys, time.Now().UnixMilli()).Int()
		if err != nil {
			return total, fmt.Errorf("state: retention sweep %s: %w", id, err)
		}
		if n >= 0 {
			total += n
			continue
		}
		total += -1 - n
		if err := r.rdb.SRem(ctx, r.keys.forgottenGuilds(), id).Err(); err != nil {
			return total, fmt.Errorf("state: retention sweep %s: %w", id, err)
		}
		// Forgotten again between the script and the removal: listed
		// again (its mark is in another slot than the list).
		if again, err := r.rdb.Exists(ctx, r.keys.guildForgotten(id)).Result(); err == nil && again > 0 {
			r.rdb.SAdd(ctx, r.keys.forgottenGuilds(), id)
		}
	}
	return total, nil
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
	}, func(p redis.Pipeliner) {
		// A sweep finding no mark drops the guild from its list.
		p.Del(ctx, r.keys.guildForgotten(guildID))
	})
}

// each runs cmd on every key of guildID, and also (the guild's mark), in
// one MULTI under the deadline and counts the keys cmd returned true
// for.
func (r *Retention) each(ctx context.Context, op, guildID string, cmd func(p redis.Pipeliner, key string) *redis.BoolCmd, also func(p redis.Pipeliner)) (int, error) {
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
		also(p)
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
