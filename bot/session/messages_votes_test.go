package session

import (
	"testing"
	"time"
)

// ann's message m1 asked q1 (with bob); she edited it into another
// question (her vote on q1 taken, rightly), then upvoted q1 with its
// button, then deleted m1: her upvote, given after she left, stays.
func TestWithdrawKeepsALaterUpvote(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	t0 := time.Date(2024, 7, 11, 15, 0, 0, 0, time.UTC)
	q1 := addQ(t, e, "ann", "m1", quad)
	addQ(t, e, "bob", "m2", quad2) // merged: q1 goes on in bob's words after ann leaves
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", france, t0.Add(time.Second)); err != nil || how != Moved {
		t.Fatalf("reword: %v %v", how, err)
	}
	before := must[Question](t)(e.s.Question(ctx, "t", q1.ID))
	if n, added, err := e.s.Upvote(ctx, "t", q1.ID, "ann"); err != nil || !added {
		t.Fatalf("ann's upvote of q1: %d %v %v", n, added, err)
	}
	if _, err := e.s.Withdraw(ctx, "t", "m1"); err != nil { // ann deletes m1 (which now asks france)
		t.Fatal(err)
	}
	now := must[Question](t)(e.s.Question(ctx, "t", q1.ID))
	if now.Votes != before.Votes+1 {
		t.Errorf("q1 had %d votes, ann upvoted it (now a voter, not an asker), then deleted her message asking another question: q1 has %d votes", before.Votes, now.Votes)
	}
}

// The same through another edit: m1 moved q1 -> q2, ann upvotes q1, m1
// moved again q2 -> q3: her q1 upvote stays.
func TestSecondMoveKeepsALaterUpvote(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	t0 := time.Date(2024, 7, 11, 15, 0, 0, 0, time.UTC)
	q1 := addQ(t, e, "ann", "m1", quad)
	addQ(t, e, "bob", "m2", quad2)
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", france, t0.Add(time.Second)); err != nil || how != Moved {
		t.Fatalf("reword: %v %v", how, err)
	}
	must[int](t)(func() (int, error) { n, _, err := e.s.Upvote(ctx, "t", q1.ID, "ann"); return n, err }())
	before := must[Question](t)(e.s.Question(ctx, "t", q1.ID))
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", "What is the capital of Mongolia today?", t0.Add(2*time.Second)); err != nil || how != Moved {
		t.Fatalf("reword 2: %v %v", how, err)
	}
	now := must[Question](t)(e.s.Question(ctx, "t", q1.ID))
	if now.Votes != before.Votes {
		t.Errorf("ann's upvote of q1 (given after m1 left it) taken by an unrelated edit of m1: %d -> %d votes", before.Votes, now.Votes)
	}
}
