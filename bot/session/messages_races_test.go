package session

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// hooked is a Store over a hookStorage whose before-hook runs f once,
// when a call tagged tg does op.
func hooked(t *testing.T, approve bool) (*Store, *hookStorage) {
	t.Helper()
	base := setup(t)
	h := &hookStorage{memStorage: base.st, before: func(string, string) {}, after: func(string, string) {}}
	s := NewStore(h, base.opts)
	if _, err := s.Start(ctx, "g", "t", "Q&A", "000_7af72a6d13299e5b", approve, "edu"); err != nil {
		t.Fatal(err)
	}
	return s, h
}

// Withdraw records the deletion (Session.Deleted) in one write and
// takes the ask out of its question in later ones. MarkPosted (the
// /session next of an educator at that moment) does not look at
// Session.Deleted: between the two writes it posts the question in the
// deleted message's words, and Withdraw then leaves it (posted) — unless
// every change of a question applies the recorded deletions first. The
// same when Redis fails after the first write (withdraw's retries, or
// given up): the session knows the message is deleted.
func TestMarkPostedBetweenDeletionRecordAndUnask(t *testing.T) {
	s, h := hooked(t, true)
	q := addQ(t, env{s: s}, "ann", "m1", quad)
	must[Question](t)(s.SetDraft(ctx, "t", q.ID, q.Rev, draft()))
	must[Question](t)(s.Approve(ctx, "t", q.ID, q.Rev))

	var posted Question
	var perr error
	h.before = func(tg, op string) {
		if tg == "del" && op == "questions" {
			h.before = func(string, string) {}
			sess := must[Session](t)(s.Get(ctx, "t"))
			t.Logf("deletion recorded: %v", sess.Deleted)
			posted, perr = s.MarkPosted(ctx, "t", q.ID) // /session next
		}
	}
	if _, err := s.Withdraw(context.WithValue(ctx, tagKey{}, "del"), "t", "m1"); err != nil {
		t.Fatal(err)
	}
	if perr == nil && posted.Text == quad {
		t.Errorf("posted after its message's deletion was recorded, in its words: %s %q (rev %d)", posted.Status, posted.Text, posted.Rev)
	}
}

// The same with Redis failing after the deletion's record: the
// session holds the id, the unask failed; the question must not be
// posted, nor shown to an educator by /session next.
type failQuestions struct {
	*memStorage
	fail bool
}

func (f *failQuestions) Questions(ctx context.Context, th string) ([]Question, error) {
	if f.fail {
		return nil, errors.New("redis: i/o timeout")
	}
	return f.memStorage.Questions(ctx, th)
}

func TestMarkPostedAfterWithdrawFailedHalfway(t *testing.T) {
	base := setup(t)
	st := &failQuestions{memStorage: base.st}
	s := NewStore(st, base.opts)
	startSession(t, env{s: s}, false)
	q := addQ(t, env{s: s}, "ann", "m1", quad)
	must[Question](t)(s.SetDraft(ctx, "t", q.ID, q.Rev, draft()))
	st.fail = true
	if _, err := s.Withdraw(ctx, "t", "m1"); err == nil {
		t.Fatal("withdraw did not fail")
	}
	st.fail = false
	if n, ok, err := s.Next(ctx, "t"); err != nil || ok {
		t.Errorf("next after the half-done withdraw: %+v %v %v", n, ok, err)
	}
	sess := must[Session](t)(s.Get(ctx, "t"))
	p, err := s.MarkPosted(ctx, "t", q.ID)
	if err == nil && p.Text == quad {
		t.Errorf("session.Deleted=%v, yet MarkPosted posts the deleted message's words %q", sess.Deleted, p.Text)
	}
}

// A merge (Add) into a question whose words' message was deleted
// (recorded, not yet unasked) must not return that question in the
// deleted words: onSessionMessage's reply quotes q.Text in the thread.
func TestMergeAfterDeletionRecorded(t *testing.T) {
	s, h := hooked(t, false)
	addQ(t, env{s: s}, "ann", "m1", france)
	var merged Question
	var ok bool
	h.before = func(tg, op string) {
		if tg == "del" && op == "questions" {
			h.before = func(string, string) {}
			var err error
			merged, ok, err = s.Add(ctx, "t", "bob", "m2", france2)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := s.Withdraw(context.WithValue(ctx, tagKey{}, "del"), "t", "m1"); err != nil {
		t.Fatal(err)
	}
	if ok && merged.Text == france {
		t.Errorf("merge after m1's deletion was recorded returns m1's words (quoted in the bot's reply): %q", merged.Text)
	}
}

// An asker who leaves a merged question (edited into another, or
// deleted) takes their vote with them: it ranked, and the transcript
// tallied, a vote for words they no longer ask. A member's upvote stays.
func TestLeavingAskerTakesTheirVote(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	q := addQ(t, e, "ann", "m1", france)
	addQ(t, e, "bob", "m2", france2)
	addQ(t, e, "cat", "m3", france)
	must[int](t)(ignoreAdded(e.s.Upvote(ctx, "t", q.ID, "dan")))
	if _, how, _, err := e.s.Reword(ctx, "t", "bob", "m2", quad, time.Time{}); err != nil || how != Moved {
		t.Fatalf("reword: %v %v", how, err)
	}
	if got := must[Question](t)(e.s.Question(ctx, "t", q.ID)); got.Votes != 3 || len(got.Askers) != 2 {
		t.Errorf("after bob moved away: askers %v, votes %d, want 3", got.Askers, got.Votes)
	}
	got, _ := withdrawOne(t, e, "m1")
	if got.Votes != 2 || !slices.Equal(got.Askers, []string{"cat"}) {
		t.Errorf("after ann's deletion: askers %v, votes %d, want 2", got.Askers, got.Votes)
	}
	// Ranked by its votes now: the moved question (1) after it (2).
	if n := must[Question](t)(func() (Question, error) { n, _, err := e.s.Next(ctx, "t"); return n, err }()); n.ID != q.ID {
		t.Errorf("next = %s, want %s", n.ID, q.ID)
	}
}

// Two edits of one message handled out of order: the last made wins, not
// the last handled (MESSAGE_UPDATE carries edited_timestamp), also after
// an edit that moved the message to another question.
func TestEditsHandledOutOfOrder(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	q := addQ(t, e, "ann", "m1", france)
	t0 := time.Date(2024, 7, 11, 15, 0, 0, 0, time.UTC)
	const first, second = france + " Really?", france + " Honestly?"
	reword := func(text string, at time.Time) Rewording {
		t.Helper()
		_, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", text, at)
		if err != nil {
			t.Fatal(err)
		}
		return how
	}
	reword(second, t0.Add(2*time.Second)) // handled first
	if how := reword(first, t0.Add(time.Second)); how != NotFollowed {
		t.Errorf("the older edit: %v", how)
	}
	if got := must[Question](t)(e.s.Question(ctx, "t", q.ID)); got.Text != second {
		t.Errorf("question text %q, the message says %q", got.Text, second)
	}
	// Moved into another question; an older edit then changes nothing.
	if how := reword(quad, t0.Add(4*time.Second)); how != Moved {
		t.Fatalf("move: %v", how)
	}
	if how := reword("Who exactly is in the Quad?", t0.Add(3*time.Second)); how != NotFollowed {
		t.Errorf("an edit older than the move: %v", how)
	}
}

// An edit made while the question's post is on its way is kept aside: if
// Discord refuses the post (Unpost), the question comes back in the
// words its asker stands by now, to be drafted again, not in those they
// edited away (with a draft answering them).
func TestEditDuringRefusedPostApplied(t *testing.T) {
	e := setup(t)
	startSession(t, e, true)
	const old, edited = "Who is in the Quad? My phone is 555-0100", "Who is in the Quad?"
	q := addQ(t, e, "ann", "m1", old)
	must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, q.Rev, draft()))
	must[Question](t)(e.s.Approve(ctx, "t", q.ID, q.Rev))
	must[Question](t)(e.s.MarkPosted(ctx, "t", q.ID))
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", edited, time.Time{}); err != nil || how != NotFollowed {
		t.Fatalf("reword: %v %v", how, err)
	}
	if p := must[Question](t)(e.s.Question(ctx, "t", q.ID)); p.Text != old || p.Status != StatusPosted {
		t.Errorf("posted question after the edit: %+v", p)
	}
	back := must[Question](t)(e.s.Unpost(ctx, "t", q.ID))
	if back.Text != edited || back.Status != StatusQueued || back.Draft != nil || back.Rev != q.Rev+1 {
		t.Errorf("unposted: %+v", back)
	}
	if _, err := e.s.MarkPosted(ctx, "t", q.ID); !errors.Is(err, ErrState) {
		t.Errorf("posted again without a draft of the new words: %v", err)
	}
}
