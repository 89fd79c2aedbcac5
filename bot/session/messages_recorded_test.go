package session

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"
)

// A member who deletes their message and at once asks the same again
// keeps their vote: Add applies the recorded deletion (ann "leaves") and
// merges her new message back in; her vote must not then be taken off.
func TestReaskAfterRecordedDeletionKeepsVote(t *testing.T) {
	s, h := hooked(t, false)
	q := addQ(t, env{s: s}, "ann", "m1", france)
	addQ(t, env{s: s}, "bob", "m2", france2)
	var got Question
	h.before = func(tg, op string) {
		if tg == "del" && op == "questions" {
			h.before = func(string, string) {}
			var err error
			got, _, err = s.Add(ctx, "t", "ann", "m3", france)
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := s.Withdraw(context.WithValue(ctx, tagKey{}, "del"), "t", "m1"); err != nil {
		t.Fatal(err)
	}
	now := must[Question](t)(s.Question(ctx, "t", q.ID))
	t.Logf("add returned askers %v votes %d; stored askers %v votes %d", got.Askers, got.Votes, now.Askers, now.Votes)
	if slices.Contains(now.Askers, "ann") && now.Votes != len(now.Askers) {
		t.Errorf("askers %v but %d votes: ann asks it again and lost her vote", now.Askers, now.Votes)
	}
}

// /session end while a member's deletion is being followed (or after
// Withdraw failed between its record and its unask): the transcript is
// made without the recorded deletions' words, skipped or waiting.
func TestTranscriptDuringDeletion(t *testing.T) {
	s, h := hooked(t, false)
	q := addQ(t, env{s: s}, "ann", "m1", quad)
	must[Question](t)(s.SetDraft(ctx, "t", q.ID, q.Rev, draft()))
	must[Question](t)(s.Skip(ctx, "t", q.ID, q.Rev))
	addQ(t, env{s: s}, "bob", "m2", france) // waiting, "not reached"
	var md string
	h.before = func(tg, op string) {
		if tg == "del" && op == "questions" {
			h.before = func(string, string) {}
			if _, _, err := s.End(ctx, "t"); err != nil {
				t.Fatal(err)
			}
			md = must[string](t)(s.Transcript(ctx, "t", EnglishTranscript))
		}
	}
	if _, err := s.Withdraw(context.WithValue(ctx, tagKey{}, "del"), "t", "m1", "m2"); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{quad, "France"} {
		if strings.Contains(md, w) {
			t.Errorf("the transcript, made after the deletions were recorded, lists %q", w)
		}
	}
}

func TestTranscriptAfterWithdrawFailedHalfway(t *testing.T) {
	base := setup(t)
	st := &failQuestions{memStorage: base.st}
	s := NewStore(st, base.opts)
	startSession(t, env{s: s}, false)
	q := addQ(t, env{s: s}, "ann", "m1", quad)
	must[Question](t)(s.Skip(ctx, "t", q.ID, q.Rev))
	st.fail = true
	if _, err := s.Withdraw(ctx, "t", "m1"); err == nil {
		t.Fatal("withdraw did not fail")
	}
	st.fail = false
	md := must[string](t)(s.Transcript(ctx, "t", EnglishTranscript))
	if strings.Contains(md, quad) {
		t.Errorf("session.Deleted holds m1, yet the transcript lists its words")
	}
}

// A deletion applied by another change of the question between
// Withdraw's record and its unask (here the arrival draft's SetDraft;
// the same with Add's merge, Approve, Skip, Next) is still reported by
// Withdraw: the bot's replies quoting the question and the panel are
// followed for what it returns.
func TestLazyDeletionIsReported(t *testing.T) {
	s, h := hooked(t, false)
	q := addQ(t, env{s: s}, "ann", "m1", france)
	addQ(t, env{s: s}, "bob", "m2", france2) // bob's reply quotes ann's words
	h.before = func(tg, op string) {
		if tg == "del" && op == "questions" {
			h.before = func(string, string) {}
			// draftOnArrival's store finishing now
			if _, err := s.SetDraft(ctx, "t", q.ID, q.Rev, draft()); !errors.Is(err, ErrChanged) {
				t.Logf("set draft: %v", err)
			}
		}
	}
	qs, err := s.Withdraw(context.WithValue(ctx, tagKey{}, "del"), "t", "m1")
	if err != nil {
		t.Fatal(err)
	}
	now := must[Question](t)(s.Question(ctx, "t", q.ID))
	if now.Text != france2 {
		t.Fatalf("question text %q", now.Text)
	}
	if len(qs) == 0 {
		t.Errorf("the question's words changed from the deleted message's to bob's (rev %d), yet Withdraw reports no question changed: its replies and the panel are not refreshed", now.Rev)
	}
}

// Unvote failing (a Redis blip) after the question was written does not
// fail the deletion: the question is changed and named (its replies and
// panel followed), the failure logged, and the leaving asker's vote left
// (one vote too many, rather than a deletion undone or a vote taken
// twice: a later retry could not tell it from an upvote given since).
func TestUnvoteFailureIsLogged(t *testing.T) {
	base := setup(t)
	st := &failUnvote{memStorage: base.st}
	var log strings.Builder
	opts := base.opts
	opts.Log = slog.New(slog.NewTextHandler(&log, nil))
	s := NewStore(st, opts)
	startSession(t, env{s: s}, false)
	q := addQ(t, env{s: s}, "ann", "m1", france)
	addQ(t, env{s: s}, "bob", "m2", france2)
	st.fail = 1
	qs, err := s.Withdraw(ctx, "t", "m1")
	if err != nil || len(qs) != 1 || qs[0].Text != france2 {
		t.Fatalf("withdraw = %+v, %v", qs, err)
	}
	if now := must[Question](t)(s.Question(ctx, "t", q.ID)); now.Votes != 2 || !strings.Contains(log.String(), "cannot take the votes") {
		t.Errorf("after a failed unvote: %d votes, log %q", now.Votes, log.String())
	}
	// Named again when the deletion is followed again: the replies.
	if qs, err := s.Withdraw(ctx, "t", "m1"); err != nil || len(qs) != 1 {
		t.Errorf("withdraw again = %+v, %v", qs, err)
	}
}

// Edits handled out of order: an older edit into chat ("?", Unask),
// handled after a newer edit that asks, leaves the message's question as
// the newer edit made it.
func TestOlderChatEditHandledLate(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	q := addQ(t, e, "ann", "m1", france)
	t0 := time.Date(2024, 7, 11, 15, 0, 0, 0, time.UTC)
	// The edit at t0+2s (still the question, reworded) is handled first.
	if _, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", france+" Really?", t0.Add(2*time.Second)); err != nil || how != InPlace {
		t.Fatalf("reword: %v %v", how, err)
	}
	// The edit at t0+1s ("?") handled now: onSessionMessageUpdate calls Unask.
	if _, found, err := e.s.Unask(ctx, "t", "m1", t0.Add(time.Second)); err != nil || found {
		t.Fatalf("unask by an older edit: %v %v", found, err)
	}
	if now := must[Question](t)(e.s.Question(ctx, "t", q.ID)); now.Status == StatusWithdrawn {
		t.Errorf("the message's last edit asks %q, yet its question is withdrawn by an older edit handled late", france+" Really?")
	}
}

// Unvote failing in Add after the merge is written does not fail Add:
// the member's message is queued, and they are not told otherwise.
func TestAddUnvoteFailureAfterMerge(t *testing.T) {
	base := setup(t)
	st := &failUnvote{memStorage: base.st}
	s := NewStore(st, base.opts)
	startSession(t, env{s: s}, false)
	q := addQ(t, env{s: s}, "ann", "m1", france)
	addQ(t, env{s: s}, "bob", "m2", france2)
	// ann's deletion recorded, its unask not yet run (or failed)
	must[Session](t)(st.UpdateSession(ctx, "t", func(sess *Session) bool { sess.Deleted = append(sess.Deleted, "m1"); return true }))
	st.fail = 1
	_, _, err := s.Add(ctx, "t", "cat", "m3", france)
	now := must[Question](t)(s.Question(ctx, "t", q.ID))
	if err != nil && now.ask("m3") >= 0 {
		t.Errorf("Add failed (%v), yet cat's message is merged into %s (asks %d)", err, q.ID, len(now.Asks))
	}
}

// failUnvote is a storage whose Unvote fails its next fail calls.
type failUnvote struct {
	*memStorage
	fail int
}

func (f *failUnvote) Unvote(ctx context.Context, th, id string, seq int64, users []string) (int, error) {
	if f.fail > 0 {
		f.fail--
		return 0, errors.New("redis: i/o timeout")
	}
	return f.memStorage.Unvote(ctx, th, id, seq, users)
}
