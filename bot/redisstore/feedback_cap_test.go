package redisstore

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

// capVote is the i-th vote of the cap tests: user u<i> on answer a<i>, up
// for even i, cast i minutes after t0.
func capVote(guild string, i int, t0 time.Time) state.Vote {
	return state.Vote{GuildID: guild, UserID: fmt.Sprintf("u%d", i), AnswerID: fmt.Sprintf("a%d", i),
		Question: fmt.Sprintf("q%d", i), Up: i%2 == 0, At: t0.Add(time.Duration(i) * time.Minute)}
}

// checkKept fails t unless guild's four feedback keys hold exactly the
// votes in want (oldest first), Counts agrees with them and List returns
// them in that order.
func checkKept(t *testing.T, be backend, f *Feedback, guild string, want []state.Vote) {
	t.Helper()
	ctx := context.Background()
	k := f.keys.feedback(guild)
	var members, ups, downs []string
	for _, v := range want {
		members = append(members, member(v))
		if v.Up {
			ups = append(ups, member(v))
		} else {
			downs = append(downs, member(v))
		}
	}
	byTime, err := be.rdb.ZRange(ctx, k.byTime, 0, -1).Result()
	if err != nil || !slices.Equal(byTime, members) {
		t.Fatalf(":time holds %q, %v; want %q", byTime, err, members)
	}
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	for _, c := range []struct {
		name string
		got  []string
		want []string
	}{
		{":votes", be.rdb.HKeys(ctx, k.votes).Val(), members},
		{":up", be.rdb.SMembers(ctx, k.up).Val(), ups},
		{":down", be.rdb.SMembers(ctx, k.down).Val(), downs},
	} {
		if !slices.Equal(sorted(c.got), sorted(c.want)) {
			t.Fatalf("%s holds %q, want %q", c.name, sorted(c.got), sorted(c.want))
		}
	}
	up, down, err := f.Counts(ctx, guild)
	if err != nil || up != len(ups) || down != len(downs) {
		t.Fatalf("Counts = %d, %d, %v; want %d, %d", up, down, err, len(ups), len(downs))
	}
	all, err := f.List(ctx, guild, time.Time{})
	if err != nil || len(all) != len(want) {
		t.Fatalf("List = %d votes, %v; want %d", len(all), err, len(want))
	}
	for i := range want {
		if all[i].AnswerID != want[i].AnswerID || all[i].UserID != want[i].UserID ||
			all[i].Up != want[i].Up || !all[i].At.Equal(want[i].At) {
			t.Fatalf("List[%d] = %+v, want %+v", i, all[i], want[i])
		}
	}
}

// A guild keeps only its newest votes, in all four keys; another guild's
// are not touched.
func TestFeedbackCapKeepsNewest(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			f := be.db().Feedback()
			var votes []state.Vote
			for i := range 8 {
				v := capVote("g1", i, t0)
				if err := f.record(ctx, v, 5, voteTrimBatch); err != nil {
					t.Fatalf("vote %d: %v", i, err)
				}
				votes = append(votes, v)
				checkKept(t, be, f, "g1", votes[max(0, len(votes)-5):])
			}
			other := capVote("g2", 0, t0)
			if err := f.record(ctx, other, 5, voteTrimBatch); err != nil {
				t.Fatal(err)
			}
			checkKept(t, be, f, "g2", []state.Vote{other})
			checkKept(t, be, f, "g1", votes[3:])
		})
	}
}

// A re-vote moves the member's vote to the newest, so the trim takes the
// next oldest instead; the vote a call has just written is never the one
// it trims, even when its time is older than every other (a process whose
// clock is behind).
func TestFeedbackCapKeepsReVotes(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			f := be.db().Feedback()
			rec := func(v state.Vote) error { return f.record(ctx, v, 3, voteTrimBatch) }
			v0, v1, v2 := capVote("g1", 0, t0), capVote("g1", 1, t0), capVote("g1", 2, t0)
			for _, v := range []state.Vote{v0, v1, v2} {
				if err := rec(v); err != nil {
					t.Fatal(err)
				}
			}
			// u0 changes their vote on a0, the oldest: at the cap, nothing goes.
			re := v0
			re.Up, re.At = !v0.Up, t0.Add(10*time.Minute)
			if err := rec(re); err != nil {
				t.Fatal(err)
			}
			checkKept(t, be, f, "g1", []state.Vote{v1, v2, re})
			// A new vote pushes out v1, now the oldest, not the re-vote.
			v3 := capVote("g1", 3, t0.Add(10*time.Minute))
			if err := rec(v3); err != nil {
				t.Fatal(err)
			}
			checkKept(t, be, f, "g1", []state.Vote{v2, re, v3})
			if got, ok, err := f.Last(ctx, "g1", re.AnswerID, re.UserID); err != nil || !ok || got.Up != re.Up {
				t.Fatalf("Last of the re-vote = %+v, %v, %v", got, ok, err)
			}
			if _, ok, err := f.Last(ctx, "g1", v1.AnswerID, v1.UserID); err != nil || ok {
				t.Fatalf("Last of the trimmed vote: %v, %v; want none", ok, err)
			}
			// A vote older than all of them is kept; the oldest other goes.
			late := capVote("g1", 9, t0.Add(-time.Hour))
			if err := rec(late); err != nil {
				t.Fatal(err)
			}
			checkKept(t, be, f, "g1", []state.Vote{late, re, v3})
		})
	}
}

// A lowered cap is reached a bounded number of removals per vote, not in
// one call.
func TestFeedbackCapTrimsGradually(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			f := be.db().Feedback()
			var votes []state.Vote
			for i := range 10 {
				v := capVote("g1", i, t0)
				if err := f.Record(ctx, v); err != nil {
					t.Fatal(err)
				}
				votes = append(votes, v)
			}
			checkKept(t, be, f, "g1", votes) // under the default cap
			// Lowered to 3, removing at most 2 a call. 11 votes, 2 go: 9; then 10 → 8, 9 → 7, 8 → 6, 7 → 5, 6 → 4, 5 → 3.
			for i, n := 10, 9; i < 17; i++ {
				v := capVote("g1", i, t0)
				if err := f.record(ctx, v, 3, 2); err != nil {
					t.Fatal(err)
				}
				votes = append(votes, v)
				checkKept(t, be, f, "g1", votes[len(votes)-n:])
				n = max(n-1, 3)
			}
		})
	}
}

// The default batch is taken in one call on every backend (Lua's unpack
// has a limit), and a guild far over a lowered cap gets there.
func TestFeedbackCapDefaultBatch(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	const n = voteTrimBatch + 100
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			f := be.db().Feedback()
			for i := range n {
				if err := f.Record(ctx, capVote("g1", i, t0)); err != nil {
					t.Fatal(err)
				}
			}
			k := f.keys.feedback("g1")
			if err := f.record(ctx, capVote("g1", n, t0), 1, voteTrimBatch); err != nil {
				t.Fatal(err)
			}
			if got := be.rdb.ZCard(ctx, k.byTime).Val(); got != n+1-voteTrimBatch {
				t.Fatalf("after one vote: %d kept, want %d", got, n+1-voteTrimBatch)
			}
			if err := f.record(ctx, capVote("g1", n+1, t0), 1, voteTrimBatch); err != nil {
				t.Fatal(err)
			}
			checkKept(t, be, f, "g1", []state.Vote{capVote("g1", n+1, t0)})
		})
	}
}
