package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"testing"
	"time"
)

type downOnce struct{ calls int }

func (d *downOnce) First(context.Context, string, time.Duration) (bool, error) {
	d.calls++
	return false, errors.New("redis: connection refused")
}

// With the store down, an event this process handled lately is still
// a duplicate: a signed HTTP interaction replayed within its 5 minutes
// (a moderator's /admin briefing-remove) is not run again; others are
// handled, as before.
func TestDedupeWithTheStoreDown(t *testing.T) {
	once := &downOnce{}
	b := &Bot{deps: Deps{Once: once}, log: slog.New(slog.DiscardHandler)}
	ctx := context.Background()
	if !b.first(ctx, "interaction:1", time.Second) || !b.first(ctx, "interaction:2", time.Second) {
		t.Fatal("a new event taken for a duplicate with the store down")
	}
	if b.first(ctx, "interaction:1", time.Second) {
		t.Error("the same interaction handled twice with the store down")
	}
	if once.calls != 2 {
		t.Errorf("the store was asked %d times, want once per new event", once.calls)
	}
}

func TestRecentForgetsOldAndBeyondItsSize(t *testing.T) {
	var r recent
	t0 := time.Now()
	r.add("a", t0)
	if r.add("a", t0.Add(recentKeep)) {
		t.Error("forgot an id within recentKeep")
	}
	if !r.add("a", t0.Add(recentKeep+2*time.Second)) {
		t.Error("kept an id beyond recentKeep")
	}
	for i := range recentMax + 10 {
		r.add(fmt.Sprint(i), t0.Add(recentKeep+3*time.Second))
	}
	if len(r.at) > recentMax || len(r.order) > recentMax {
		t.Errorf("holds %d ids, at most %d", len(r.at), recentMax)
	}
	if !r.add("0", t0.Add(recentKeep+4*time.Second)) {
		t.Error("the oldest id not forgotten once the set was full")
	}
}
