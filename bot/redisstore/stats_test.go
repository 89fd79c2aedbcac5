package redisstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/bot/stats"
)

func TestStats(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			db := be.db()
			s := stats.New(db.Stats(), db.Feedback(), stats.Options{MaxEvents: 3})
			// Two equal events are two; the cap keeps the newest three.
			for i, q := range []string{"a", "b", "b", "c", "c"} {
				at := t0.Add(time.Duration(i/2) * time.Minute) // a, b at 0; b, c at 1; c at 2
				if err := s.Record(ctx, stats.Event{GuildID: "g1", UserID: "u", Question: q, Refused: q == "c", At: at}); err != nil {
					t.Fatal(err)
				}
			}
			if n := be.rdb.ZCard(ctx, be.opts.Prefix+"stats:{g1}:events").Val(); n != 3 {
				t.Fatalf("log holds %d events, want 3", n)
			}
			evs, err := db.Stats().Events(ctx, "g1", t0.Add(time.Minute))
			if err != nil || len(evs) != 3 || !evs[0].At.Equal(t0.Add(time.Minute)) || evs[2].Question != "c" {
				t.Fatalf("Events since 1m = %+v, %v", evs, err)
			}
			if err := s.Record(ctx, stats.Event{UserID: "u", Question: "dm"}); err != nil {
				t.Fatal(err)
			}
			if n := be.rdb.ZCard(ctx, be.opts.Prefix+"stats:{dm}:events").Val(); n != 1 {
				t.Errorf("DM log holds %d events, want 1", n)
			}
			if err := db.Feedback().Record(ctx, state.Vote{GuildID: "g1", UserID: "u", AnswerID: "a1", Question: "c", At: t0}); err != nil {
				t.Fatal(err)
			}
			// A new process reads the same log and votes.
			r, err := stats.New(be.restarted().Stats(), be.restarted().Feedback(), stats.Options{}).Report(ctx, "g1", time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(r.Asked, r.Refused, r.Down, len(r.Disliked)); got != "3 2 1 1" {
				t.Errorf("asked, refused, down, disliked = %s, want 3 2 1 1", got)
			}
			be.rdb.Set(ctx, be.opts.Prefix+"stats:{bad}:events", "x", 0)
			if _, err := db.Stats().Events(ctx, "bad", time.Time{}); err == nil {
				t.Error("Events of a key of the wrong type succeeded")
			}
		})
	}
}
