package redisstore

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
	"github.com/briefbot/briefbot/knowledge"
)

// TestRetention: Forget gives every key of a removed guild's data an
// expiry of ForgetAfter and touches no other guild's keys; Keep takes the
// expiries off again; a key created after Keep does not expire; and once
// the data is gone, re-checking approvals (which still lists the guild in
// approved:guilds) neither fails nor brings a key back.
func TestRetention(t *testing.T) {
	ctx := context.Background()
	const gone, stays = "222222222222222222", "333333333333333333"
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			db := be.db()
			seedGuild(t, db, gone)
			seedGuild(t, db, stays)
			want := db.keys.guildKeys(gone)
			// The stores wrote every key guildKeys lists, and no other key
			// under the guild's tag: guildKeys misses none of them.
			if got := guildKeysStored(t, be, gone); !slices.Equal(got, sorted(want)) {
				t.Fatalf("keys of the guild = %q, want guildKeys' %q", got, sorted(want))
			}
			r := db.Retention()

			n, err := r.Forget(ctx, gone)
			if err != nil || n != len(want) {
				t.Fatalf("Forget = %d, %v; want %d keys", n, err, len(want))
			}
			for _, k := range want {
				if ttl := be.rdb.PTTL(ctx, k).Val(); ttl <= ForgetAfter-time.Minute || ttl > ForgetAfter {
					t.Errorf("after Forget, %s expires in %s, want %s", k, ttl, ForgetAfter)
				}
			}
			for _, k := range append(guildKeysStored(t, be, stays), db.keys.approvedGuilds()) {
				if ttl := be.rdb.PTTL(ctx, k).Val(); ttl != -1 {
					t.Errorf("after Forget of another guild, %s expires in %s", k, ttl)
				}
			}

			n, err = r.Keep(ctx, gone)
			if err != nil || n != len(want) {
				t.Fatalf("Keep = %d, %v; want %d keys kept", n, err, len(want))
			}
			for _, k := range want {
				if ttl := be.rdb.PTTL(ctx, k).Val(); ttl != -1 {
					t.Errorf("after Keep, %s expires in %s", k, ttl)
				}
			}
			// Kept already (every GUILD_CREATE of every connection): nothing
			// to do, and it says so.
			if n, err := r.Keep(ctx, gone); err != nil || n != 0 {
				t.Errorf("Keep again = %d, %v; want 0", n, err)
			}

			// Forgotten with no settings yet, back, settings written after
			// Keep: the new key does not expire.
			guilds := db.Guilds()
			if err := guilds.Clear(ctx, gone); err != nil {
				t.Fatal(err)
			}
			if n, err := r.Forget(ctx, gone); err != nil || n != len(want)-1 {
				t.Fatalf("Forget without settings = %d, %v; want %d", n, err, len(want)-1)
			}
			if _, err := r.Keep(ctx, gone); err != nil {
				t.Fatal(err)
			}
			if err := guilds.Update(ctx, gone, map[string]string{"private": "1"}, nil); err != nil {
				t.Fatal(err)
			}
			if ttl := be.rdb.PTTL(ctx, db.keys.guild(gone)).Val(); ttl != -1 {
				t.Errorf("settings written after Keep expire in %s", ttl)
			}

			for _, id := range []string{"", "dm", "12a4", "123456789012345678901"} {
				if _, err := r.Forget(ctx, id); !errors.Is(err, ErrInvalid) {
					t.Errorf("Forget(%q) = %v, want ErrInvalid", id, err)
				}
				if _, err := r.Keep(ctx, id); !errors.Is(err, ErrInvalid) {
					t.Errorf("Keep(%q) = %v, want ErrInvalid", id, err)
				}
			}

			// The month passes (deleted here, as the expiry would). The
			// guild stays in approved:guilds; re-checking approvals reads
			// it as a guild without any, writes nothing for it, and goes
			// on with the others.
			if _, err := r.Forget(ctx, gone); err != nil {
				t.Fatal(err)
			}
			for _, k := range append(want, db.keys.guildForgotten(gone)) {
				be.rdb.Del(ctx, k)
			}
			if _, err := approved.New(db.Approved()).Revalidate(ctx, knowledge.Corpus{Version: "v2"}); err != nil {
				t.Fatalf("Revalidate with the guild's data gone: %v", err)
			}
			if got := guildKeysStored(t, be, gone); len(got) != 0 {
				t.Errorf("after Revalidate, the gone guild has keys again: %q", got)
			}
			es, err := db.Approved().Entries(ctx, stays)
			if err != nil || len(es) != 1 || es[0].KnowledgeVersion != "v2" {
				t.Errorf("the other guild's approvals after Revalidate: %+v, %v; want its one entry re-checked", es, err)
			}
		})
	}
}

// A key written after a guild was forgotten (a late write; a command
// still installed in a server that removed the bot) is given the rest of
// the guild's month by Sweep, so nothing of it outlives the month; a
// guild kept again is left alone and leaves the sweep's list, and so
// does one whose month is over.
func TestRetentionSweep(t *testing.T) {
	ctx := context.Background()
	const gone, back = "444444444444444444", "555555555555555555"
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			db := be.db()
			r := db.Retention()
			for _, g := range []string{gone, back} {
				if err := db.Guilds().Update(ctx, g, map[string]string{"ch:1": "allow"}, nil); err != nil {
					t.Fatal(err)
				}
				if _, err := r.Forget(ctx, g); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := r.Keep(ctx, back); err != nil {
				t.Fatal(err)
			}
			// Written after: no expiry of their own.
			for _, g := range []string{gone, back} {
				if err := db.Stats().Append(ctx, stats.Event{GuildID: g, Question: "q", At: time.Now()}, 10); err != nil {
					t.Fatal(err)
				}
			}
			if ttl := be.rdb.PTTL(ctx, db.keys.stats(gone)).Val(); ttl != -1 {
				t.Fatalf("a key written after Forget expires in %s before the sweep", ttl)
			}
			n, err := r.Sweep(ctx, nil)
			if err != nil || n != 1 {
				t.Fatalf("Sweep = %d, %v; want 1 key", n, err)
			}
			if ttl := be.rdb.PTTL(ctx, db.keys.stats(gone)).Val(); ttl <= ForgetAfter-time.Minute || ttl > ForgetAfter {
				t.Errorf("after Sweep, the late key expires in %s, want the guild's %s", ttl, ForgetAfter)
			}
			if ttl := be.rdb.PTTL(ctx, db.keys.stats(back)).Val(); ttl != -1 {
				t.Errorf("a kept guild's key expires in %s after Sweep", ttl)
			}
			if be.rdb.SIsMember(ctx, db.keys.forgottenGuilds(), back).Val() {
				t.Error("a kept guild stays on the sweep's list")
			}
			// The month over (deleted, as the expiry would): off the list.
			for _, k := range append(db.keys.guildKeys(gone), db.keys.guildForgotten(gone)) {
				be.rdb.Del(ctx, k)
			}
			if n, err := r.Sweep(ctx, nil); err != nil || n != 0 || be.rdb.SIsMember(ctx, db.keys.forgottenGuilds(), gone).Val() {
				t.Errorf("Sweep after the month = %d, %v; listed %v", n, err, be.rdb.SIsMember(ctx, db.keys.forgottenGuilds(), gone).Val())
			}
		})
	}
}

// seedGuild writes, through the stores, every kind of data a guild has:
// settings, an approval (counter, hash, approved:guilds), an up and a down
// vote, a question.
func seedGuild(t *testing.T, db *DB, g string) {
	t.Helper()
	ctx := context.Background()
	if err := db.Guilds().Update(ctx, g, map[string]string{"ch:1": "allow"}, nil); err != nil {
		t.Fatal(err)
	}
	a := db.Approved()
	if err := a.AddGuild(ctx, g); err != nil {
		t.Fatal(err)
	}
	id, err := a.NextID(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	err = a.Update(ctx, g, func(context.Context, []approved.Entry) ([]approved.Entry, []string, error) {
		return []approved.Entry{{ID: id, GuildID: g, Question: "q", KnowledgeVersion: "v1"}}, nil, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, up := range []bool{true, false} {
		if err := db.Feedback().Record(ctx, state.Vote{GuildID: g, UserID: string(rune('a' + i)), AnswerID: "x", Up: up}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Stats().Append(ctx, stats.Event{GuildID: g, Question: "q", At: time.Now()}, 10); err != nil {
		t.Fatal(err)
	}
}

// guildKeysStored lists, sorted, the keys under be's prefix with g's hash
// tag, on every node.
func guildKeysStored(t *testing.T, be backend, g string) []string {
	t.Helper()
	ctx := context.Background()
	match := be.opts.Prefix + "*" + tag(g) + "*"
	var (
		mu  sync.Mutex
		out []string
	)
	scan := func(ctx context.Context, c redis.Cmdable) error {
		it := c.Scan(ctx, 0, match, 100).Iterator()
		for it.Next(ctx) {
			mu.Lock()
			out = append(out, it.Val())
			mu.Unlock()
		}
		return it.Err()
	}
	var err error
	if c, ok := be.rdb.(*redis.ClusterClient); ok {
		err = c.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return scan(ctx, n) })
	} else {
		err = scan(ctx, be.rdb)
	}
	if err != nil {
		t.Fatal(err)
	}
	return sorted(out)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestRetentionRoster: Enroll puts the guilds of a READY on the bot's
// roster (ignoring what is no guild id), Roster lists them, Unenroll
// takes a forgotten guild off it (so that it is not forgotten again at
// every connection, its month starting over), and another bot sharing
// the Redis has a roster of its own: its READY says nothing of the
// first bot's guilds.
func TestRetentionRoster(t *testing.T) {
	ctx := context.Background()
	const bot, other = "100000000000000001", "100000000000000002"
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			r := be.db().Retention()
			if ids, err := r.Roster(ctx, bot); err != nil || len(ids) != 0 {
				t.Fatalf("empty roster = %q, %v", ids, err)
			}
			many := make([]string, 2*rosterBatch+1) // batches of SADD
			for i := range many {
				many[i] = strconv.Itoa(100000000000000000 + i)
			}
			if err := r.Enroll(ctx, bot, append(many, "", "dm", "12a4")); err != nil {
				t.Fatal(err)
			}
			ids, err := r.Roster(ctx, bot)
			if err != nil || !slices.Equal(sorted(ids), sorted(many)) {
				t.Fatalf("roster holds %d ids (%v), want the %d enrolled guilds", len(ids), err, len(many))
			}
			if ids, err := r.Roster(ctx, other); err != nil || len(ids) != 0 {
				t.Errorf("another bot's roster = %d ids, %v; want none", len(ids), err)
			}
			if err := r.Unenroll(ctx, bot, many[7]); err != nil {
				t.Fatal(err)
			}
			ids, _ = r.Roster(ctx, bot)
			if len(ids) != len(many)-1 || slices.Contains(ids, many[7]) {
				t.Errorf("after Unenroll the roster holds %d ids (the unenrolled one: %v), want %d without it", len(ids), slices.Contains(ids, many[7]), len(many)-1)
			}
			for _, id := range []string{"", "x"} {
				if err := r.Enroll(ctx, id, many[:1]); !errors.Is(err, ErrInvalid) {
					t.Errorf("Enroll for bot %q = %v, want ErrInvalid", id, err)
				}
				if _, err := r.Roster(ctx, id); !errors.Is(err, ErrInvalid) {
					t.Errorf("Roster for bot %q = %v, want ErrInvalid", id, err)
				}
			}
		})
	}
}

// A key written after the last sweep of a forgotten guild's month (a
// process connected all month sweeps once, at its READY) does not
// outlive the month: the first sweep after the deadline deletes what is
// left of the guild and settles it.
func TestRetentionSweepAfterTheMonth(t *testing.T) {
	ctx := context.Background()
	const gone = "777777777777777777"
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			db := be.db()
			r := db.Retention()
			if err := db.Guilds().Update(ctx, gone, map[string]string{"ch:1": "allow"}, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := r.Forget(ctx, gone); err != nil {
				t.Fatal(err)
			}
			if _, err := r.Sweep(ctx, nil); err != nil { // READY, day 1
				t.Fatal(err)
			}
			if err := db.Stats().Append(ctx, stats.Event{GuildID: gone, Question: "q", At: time.Now()}, 10); err != nil {
				t.Fatal(err)
			}
			// The month is over: its deadline passed.
			be.rdb.Set(ctx, db.keys.guildForgotten(gone), time.Now().Add(-time.Second).UnixMilli(), 0)
			if n, err := r.Sweep(ctx, nil); err != nil || n < 1 {
				t.Fatalf("Sweep after the deadline = %d, %v; want the late key deleted", n, err)
			}
			if left := guildKeysStored(t, be, gone); len(left) != 0 {
				t.Errorf("after the month, the guild has keys: %q", left)
			}
			if be.rdb.SIsMember(ctx, db.keys.forgottenGuilds(), gone).Val() {
				t.Error("a settled guild stays on the sweep's list")
			}
		})
	}
}

// A guild the bot is in (its Keep failed) is left by the sweep: what it
// wrote since gets no expiry, and nothing is deleted past the deadline.
// A mark the sweep did not write (no deadline) is left alone too.
func TestRetentionSweepLeavesPresentGuilds(t *testing.T) {
	ctx := context.Background()
	const in, odd = "888888888888888881", "888888888888888882"
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			db := be.db()
			r := db.Retention()
			for _, g := range []string{in, odd} {
				if err := db.Guilds().Update(ctx, g, map[string]string{"ch:1": "allow"}, nil); err != nil {
					t.Fatal(err)
				}
				if _, err := r.Forget(ctx, g); err != nil {
					t.Fatal(err)
				}
			}
			be.rdb.Set(ctx, db.keys.guildForgotten(in), time.Now().Add(-time.Second).UnixMilli(), 0) // past its month
			be.rdb.Set(ctx, db.keys.guildForgotten(odd), "1", 0)
			for _, g := range []string{in, odd} {
				if err := db.Stats().Append(ctx, stats.Event{GuildID: g, Question: "q", At: time.Now()}, 10); err != nil {
					t.Fatal(err)
				}
			}
			if n, err := r.Sweep(ctx, func(id string) bool { return id == in }); err != nil || n != 0 {
				t.Fatalf("Sweep = %d, %v; want nothing changed", n, err)
			}
			for _, g := range []string{in, odd} {
				if ttl := be.rdb.PTTL(ctx, db.keys.stats(g)).Val(); ttl != -1 {
					t.Errorf("guild %s: its late key expires in %s", g, ttl)
				}
				if len(guildKeysStored(t, be, g)) == 0 {
					t.Errorf("guild %s: its data was deleted", g)
				}
			}
		})
	}
}
