package session

import (
	"errors"
	"testing"
)

// Once a session has ended its transcript is out and its thread locked:
// an educator's Approve, Edit or Skip on a review still on their screen,
// or a /session next racing the end, must not change the queue (Approve
// answered "Approved question #n" as if it would still be posted).
func TestEducatorActionsAfterEndAreRefused(t *testing.T) {
	e := setup(t)
	must[Session](t)(e.s.Start(ctx, "g", "t", "T", "b", true, "edu"))
	var ids []string
	for _, text := range []string{"Why does France object?", "Who is in the Quad?", "What is AUKUS?"} {
		q, _, err := e.s.Add(ctx, "t", "u", "", text)
		if err != nil {
			t.Fatal(err)
		}
		must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, 0, draft()))
		ids = append(ids, q.ID)
	}
	must[Question](t)(e.s.Approve(ctx, "t", ids[2], 0))
	must[Session](t)(endOf(e.s.End(ctx, "t")))

	for name, op := range map[string]func() (Question, error){
		"approve":     func() (Question, error) { return e.s.Approve(ctx, "t", ids[0], 0) },
		"edit":        func() (Question, error) { return e.s.Edit(ctx, "t", ids[0], 0, draft().Text) },
		"skip":        func() (Question, error) { return e.s.Skip(ctx, "t", ids[1], 0) },
		"mark posted": func() (Question, error) { return e.s.MarkPosted(ctx, "t", ids[2]) },
	} {
		if _, err := op(); !errors.Is(err, ErrEnded) {
			t.Errorf("%s after the end: %v, want ErrEnded", name, err)
		}
	}
	for i, want := range []Status{StatusDrafted, StatusDrafted, StatusApproved} {
		if q := must[Question](t)(e.s.Question(ctx, "t", ids[i])); q.Status != want || q.Edited {
			t.Errorf("%s after the end: %s (edited %v), want %s", ids[i], q.Status, q.Edited, want)
		}
	}
}

// One /session end posts the transcript: a claim stands while it posts,
// a failed post frees it, a posted one keeps every later end from
// posting again, and a claim left by a process that died lapses.
func TestClaimTranscript(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	claim := func() bool { return must[bool](t)(e.s.ClaimTranscript(ctx, "t")) }
	if !claim() || claim() {
		t.Fatal("a claim must be taken once")
	}
	if err := e.s.TranscriptPosted(ctx, "t", false); err != nil {
		t.Fatal(err)
	}
	if !claim() {
		t.Fatal("a failed post frees the claim")
	}
	// Two minutes on (the clock moves a minute per reading): lapsed.
	e.s.now()
	e.s.now()
	if !claim() {
		t.Error("a claim left for two minutes lapses")
	}
	if err := e.s.TranscriptPosted(ctx, "t", true); err != nil {
		t.Fatal(err)
	}
	if claim() {
		t.Error("a posted transcript is not posted again")
	}
	if _, err := e.s.ClaimTranscript(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("claim in no session: %v", err)
	}
}
