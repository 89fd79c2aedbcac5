package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	quad    = "Who is in the Quad?"
	quad2   = "who is in the quad"
	france  = "Why does France oppose a NATO office in Tokyo?"
	france2 = "Why is France opposed to NATO's Tokyo office?"
)

func startSession(t *testing.T, e env, approve bool) {
	t.Helper()
	if _, err := e.s.Start(ctx, "g", "t", "Q&A", "000_7af72a6d13299e5b", approve, "edu"); err != nil {
		t.Fatal(err)
	}
}

// A question asked by one message alone is withdrawn when it is deleted:
// out of the queue, its words forgotten, never in the transcript, no
// votes taken, and an educator's action on the draft they saw refused.
func TestWithdrawSoleAsker(t *testing.T) {
	e := setup(t)
	startSession(t, e, true)
	q := addQ(t, e, "ann", "m1", quad)
	must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, q.Rev, draft()))
	other := addQ(t, e, "bob", "m2", france)

	got, found := withdrawOne(t, e, "m1")
	if !found {
		t.Fatal("withdraw: no question changed")
	}
	if got.Status != StatusWithdrawn || got.Text != "" || got.Draft != nil || len(got.Asks) != 0 || got.Rev != 1 {
		t.Errorf("withdrawn question = %+v", got)
	}
	if n, ok, err := e.s.Next(ctx, "t"); err != nil || !ok || n.ID != other.ID {
		t.Errorf("next = %s %v %v, want %s", n.ID, ok, err, other.ID)
	}
	if _, _, err := e.s.Upvote(ctx, "t", q.ID, "cat"); !errors.Is(err, ErrNotFound) {
		t.Errorf("upvote of a withdrawn question: %v", err)
	}
	for name, f := range map[string]func() error{
		"approve": func() error { _, err := e.s.Approve(ctx, "t", q.ID, 0); return err },
		"skip":    func() error { _, err := e.s.Skip(ctx, "t", q.ID, 0); return err },
		"edit": func() error {
			_, err := e.s.Edit(ctx, "t", q.ID, 0, "NATO has partners [1].")
			return err
		},
		"set draft": func() error { _, err := e.s.SetDraft(ctx, "t", q.ID, 0, draft()); return err },
	} {
		if err := f(); !errors.Is(err, ErrChanged) {
			t.Errorf("%s of the revision the educator saw: %v, want ErrChanged", name, err)
		}
	}
	md := must[string](t)(e.s.Transcript(ctx, "t", EnglishTranscript))
	if strings.Contains(md, "Quad") || !strings.Contains(md, "Questions: 1 ") {
		t.Errorf("transcript lists the withdrawn question:\n%s", md)
	}
	// Deleted again (a second process, a repeated event): nothing changes.
	// (It names the question again, so that a retried deletion's
	// replies and panel are followed; the question stays as it is.)
	if qs, err := e.s.Withdraw(ctx, "t", "m1"); err != nil || len(qs) != 1 || qs[0].Rev != 1 {
		t.Errorf("second withdraw: %+v %v", qs, err)
	}
	if again := must[Question](t)(e.s.Question(ctx, "t", q.ID)); again.Status != StatusWithdrawn || again.Rev != 1 {
		t.Errorf("after a second withdraw: %+v", again)
	}
}

// A merged question whose first asker deletes their message goes on in
// the next asker's words, drafted again; one whose later asker deletes
// theirs only loses that asker.
func TestWithdrawMergedAsker(t *testing.T) {
	e := setup(t)
	startSession(t, e, true)
	q := addQ(t, e, "ann", "m1", france)
	addQ(t, e, "bob", "m2", france2)
	addQ(t, e, "cat", "m3", france)
	must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, 0, draft()))
	must[Question](t)(e.s.Approve(ctx, "t", q.ID, 0))

	if r, found, err := e.s.SetReply(ctx, "t", "m2", "r2", false); err != nil || !found || r.Asks[1].Reply != "r2" {
		t.Fatalf("set reply: %+v %v %v", r, found, err)
	}
	if _, found, err := e.s.SetReply(ctx, "t", "nope", "r9", false); err != nil || found {
		t.Errorf("set reply of a message that asked nothing: %v %v", found, err)
	}
	got, _ := withdrawOne(t, e, "m3")
	if got.Text != france || got.Rev != 0 || got.Status != StatusApproved || !slices.Equal(got.Askers, []string{"ann", "bob"}) {
		t.Errorf("after a later asker's deletion: %+v", got)
	}
	got, _ = withdrawOne(t, e, "m1")
	if got.Text != france2 || got.From != "m2" || got.Rev != 1 || got.Status != StatusQueued || got.Draft != nil ||
		!slices.Equal(got.Askers, []string{"bob"}) || got.Asks[0].Reply != "r2" {
		t.Errorf("after the first asker's deletion: %+v", got)
	}
	// Approved before, so posted by the next /session next: not now.
	if _, err := e.s.MarkPosted(ctx, "t", q.ID); !errors.Is(err, ErrState) {
		t.Errorf("mark posted after the words changed: %v", err)
	}
	n, ok, err := e.s.Next(ctx, "t")
	if err != nil || !ok || n.ID != q.ID || n.Text != france2 {
		t.Errorf("next = %+v %v %v", n, ok, err)
	}
}

// A message whose deletion is handled before its creation is not queued.
func TestDeletedBeforeQueued(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	if _, found := withdrawOne(t, e, "m1"); found {
		t.Fatal("withdraw of a message not queued changed a question")
	}
	if _, _, err := e.s.Add(ctx, "t", "ann", "m1", quad); !errors.Is(err, ErrDeleted) {
		t.Errorf("add of a deleted message: %v", err)
	}
	if qs := must[[]Question](t)(e.s.Questions(ctx, "t")); len(qs) != 0 {
		t.Errorf("queued: %+v", qs)
	}
	// The record of deletions stays bounded, and keeps the latest.
	for i := range 2 * maxDeleted {
		if _, err := e.s.Withdraw(ctx, "t", fmt.Sprint("x", i)); err != nil {
			t.Fatal(err)
		}
	}
	sess := must[Session](t)(e.s.Get(ctx, "t"))
	if len(sess.Deleted) != maxDeleted || sess.Deleted[maxDeleted-1] != fmt.Sprint("x", 2*maxDeleted-1) {
		t.Errorf("%d deletions kept, the last %q", len(sess.Deleted), sess.Deleted[len(sess.Deleted)-1])
	}
	// Questions queued without a message (or before messages were kept)
	// are not followed.
	q := addQ(t, e, "ann", "", quad)
	if _, err := e.s.Withdraw(ctx, "t", ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("withdraw of no message: %v", err)
	}
	if got := must[Question](t)(e.s.Question(ctx, "t", q.ID)); got.Status != StatusQueued {
		t.Errorf("a question without a message: %+v", got)
	}
}

// A posted question stays posted when its message is deleted: it was
// seen.
func TestWithdrawLeavesPosted(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	q := addQ(t, e, "ann", "m1", quad)
	must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, 0, draft()))
	must[Question](t)(e.s.MarkPosted(ctx, "t", q.ID))
	if qs, err := e.s.Withdraw(ctx, "t", "m1"); err != nil || len(qs) != 0 {
		t.Errorf("withdraw of a posted question changed it: %+v %v", qs, err)
	}
	if got := must[Question](t)(e.s.Question(ctx, "t", q.ID)); got.Status != StatusPosted || got.Text != quad {
		t.Errorf("a posted question after its message's deletion: %+v", got)
	}
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", france, time.Time{}); err != nil || how != NotFollowed {
		t.Errorf("reword of a posted question: %v %v", how, err)
	}
}

// An edit by the question's only asker that asks the same rewords it in
// place, votes kept, to be drafted again; a draft of the old words is not
// kept. One that asks something else leaves the question (withdrawn,
// with the votes given to what it asked) and is queued anew.
func TestRewordSoleAsker(t *testing.T) {
	e := setup(t)
	startSession(t, e, true)
	q := addQ(t, e, "ann", "m1", france)
	must[int](t)(ignoreAdded(e.s.Upvote(ctx, "t", q.ID, "bob")))
	must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, 0, draft()))

	got, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", france2, time.Time{})
	if err != nil || how != InPlace {
		t.Fatalf("reword: %v %v", how, err)
	}
	if got.Text != france2 || got.Rev != 1 || got.Draft != nil || got.Status != StatusQueued || got.Votes != 2 {
		t.Errorf("reworded: %+v", got)
	}
	if _, err := e.s.SetDraft(ctx, "t", q.ID, 0, draft()); !errors.Is(err, ErrChanged) {
		t.Errorf("a draft of the old words: %v", err)
	}
	if d := must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, 1, draft())); d.Status != StatusDrafted {
		t.Errorf("a draft of the new words: %+v", d)
	}
	if _, err := e.s.Approve(ctx, "t", q.ID, 1); err != nil {
		t.Errorf("approve of the new revision: %v", err)
	}
	// The same text again (Discord sends updates for embeds too).
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", france2, time.Time{}); err != nil || how != NotFollowed {
		t.Errorf("reword to the same text: %v %v", how, err)
	}
	if _, _, _, err := e.s.Reword(ctx, "t", "ann", "m1", "  ", time.Time{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("reword to nothing: %v", err)
	}
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "nope", quad, time.Time{}); !errors.Is(err, ErrNotAsked) || how != NotFollowed {
		t.Errorf("reword of a message that asked nothing: %v %v", how, err)
	}

	moved, how, merged, err := e.s.Reword(ctx, "t", "ann", "m1", quad, time.Time{})
	if err != nil || how != Moved || merged || moved.ID == q.ID || moved.Text != quad || moved.Votes != 1 {
		t.Fatalf("into another question: %+v %v %v %v", moved, how, merged, err)
	}
	if old := must[Question](t)(e.s.Question(ctx, "t", q.ID)); old.Status != StatusWithdrawn || old.Text != "" {
		t.Errorf("the question it asked before: %+v", old)
	}
	// After the session's end an edit changes nothing.
	must[Session](t)(endOf(e.s.End(ctx, "t")))
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", "Who exactly is in the Quad?", time.Time{}); err != nil || how != NotFollowed {
		t.Errorf("reword after the end: %v %v", how, err)
	}
}

// An edit of a merged question: still the same question, the asker's
// words change (the question's, if they were its); another question, the
// asker leaves it and the new words are queued on their own.
func TestRewordMerged(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	q := addQ(t, e, "ann", "m1", france)
	addQ(t, e, "bob", "m2", france)

	got, how, _, err := e.s.Reword(ctx, "t", "bob", "m2", france2, time.Time{})
	if err != nil || how != InPlace || got.Text != france || got.Rev != 0 || got.Asks[1].Text != france2 {
		t.Errorf("a later asker's rewording: %+v %v %v", got, how, err)
	}
	got, how, _, err = e.s.Reword(ctx, "t", "ann", "m1", france+" Really?", time.Time{})
	if err != nil || how != InPlace || got.Text != france+" Really?" || got.Rev != 1 {
		t.Errorf("the first asker's rewording: %+v %v %v", got, how, err)
	}

	moved, how, merged, err := e.s.Reword(ctx, "t", "ann", "m1", quad, time.Time{})
	if err != nil || how != Moved || merged || moved.ID == q.ID || moved.Text != quad || moved.From != "m1" {
		t.Fatalf("moved: %+v %v %v %v", moved, how, merged, err)
	}
	left := must[Question](t)(e.s.Question(ctx, "t", q.ID))
	if left.Text != france2 || left.From != "m2" || left.Rev != 2 || !slices.Equal(left.Askers, []string{"bob"}) {
		t.Errorf("the question left: %+v", left)
	}
	// Moved onto a question another member asks: merged into it.
	addQ(t, e, "cat", "m3", "What is AUKUS?")
	addQ(t, e, "dan", "m4", quad2)
	into, how, merged, err := e.s.Reword(ctx, "t", "dan", "m4", "what is aukus", time.Time{})
	if err != nil || how != Moved || !merged || into.Text != "What is AUKUS?" || !slices.Equal(into.Askers, []string{"cat", "dan"}) {
		t.Errorf("moved into another: %+v %v %v %v", into, how, merged, err)
	}
}

func ignoreAdded(n int, _ bool, err error) (int, error) { return n, err }

func addQ(t *testing.T, e env, user, message, text string) Question {
	t.Helper()
	q, _, err := e.s.Add(ctx, "t", user, message, text)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// withdrawOne withdraws one message and returns the question it changed.
func withdrawOne(t *testing.T, e env, messageID string) (Question, bool) {
	t.Helper()
	qs, err := e.s.Withdraw(ctx, "t", messageID)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) > 1 {
		t.Fatalf("one message changed %d questions: %+v", len(qs), qs)
	}
	if len(qs) == 0 {
		return Question{}, false
	}
	return qs[0], true
}
