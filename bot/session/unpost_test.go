package session

import (
	"errors"
	"strings"
	"testing"
)

// A question marked posted whose answer Discord then refused (a locked
// thread, a lost permission) goes back to waiting: /session next offers
// it again, as it was before the post (approved where approval is on,
// drafted otherwise), with its draft, and the transcript does not list it
// as answered. It used to stay posted, out of the queue: lost.
func TestUnpostPutsAQuestionBackInTheQueue(t *testing.T) {
	for _, tc := range []struct {
		name    string
		approve bool
		want    Status
	}{
		{"approval on", true, StatusApproved},
		{"approval off", false, StatusDrafted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := setup(t)
			must[Session](t)(e.s.Start(ctx, "g", "t", "T", "b", tc.approve, "edu"))
			q, _, err := e.s.Add(ctx, "t", "u1", "", "Why does France object?")
			if err != nil {
				t.Fatal(err)
			}
			// An older question with fewer votes: the one put back must
			// still rank first by its votes.
			other, _, err := e.s.Add(ctx, "t", "u2", "", "Who is in the Quad?")
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := e.s.Upvote(ctx, "t", q.ID, "u3"); err != nil {
				t.Fatal(err)
			}
			must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, 0, draft()))
			if tc.approve {
				must[Question](t)(e.s.Approve(ctx, "t", q.ID, 0))
			}
			must[Question](t)(e.s.MarkPosted(ctx, "t", q.ID))

			got := must[Question](t)(e.restarted(t).Unpost(ctx, "t", q.ID))
			if got.Status != tc.want || !got.PostedAt.IsZero() || got.Draft == nil {
				t.Errorf("unposted: status %s, posted at %v, draft %v; want %s, no time, the draft", got.Status, got.PostedAt, got.Draft, tc.want)
			}
			next, ok, err := e.s.Next(ctx, "t")
			if err != nil || !ok || next.ID != q.ID {
				t.Fatalf("next = %s %v %v, want %s (2 votes) before %s (1)", next.ID, ok, err, q.ID, other.ID)
			}
			if next.Status != tc.want || !next.PostedAt.IsZero() || next.Draft == nil || next.Draft.Text != draft().Text {
				t.Errorf("next: status %s, posted at %v, draft %v; want %s with its draft", next.Status, next.PostedAt, next.Draft, tc.want)
			}
			md := must[string](t)(e.s.Transcript(ctx, "t", EnglishTranscript))
			if strings.Contains(md, "Macron fears") || !strings.Contains(md, "(0 answered,") ||
				!strings.Contains(md, "## Not reached\n\n- Why does France object?") {
				t.Errorf("transcript lists the unposted question as answered:\n%s", md)
			}
			// It posts again, once.
			must[Question](t)(e.s.MarkPosted(ctx, "t", q.ID))
			if _, err := e.s.MarkPosted(ctx, "t", q.ID); !errors.Is(err, ErrState) {
				t.Errorf("second post after the unpost: %v, want ErrState", err)
			}
		})
	}
}

// Only a posted question can be unposted: a waiting or skipped one is
// ErrState and stays as it was.
func TestUnpostOfAQuestionNotPostedIsErrState(t *testing.T) {
	e := setup(t)
	must[Session](t)(e.s.Start(ctx, "g", "t", "T", "b", false, "edu"))
	var ids []string
	for _, text := range []string{"Why does France object?", "Who is in the Quad?", "What is AUKUS?"} {
		q, _, err := e.s.Add(ctx, "t", "u", "", text)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, q.ID)
	}
	must[Question](t)(e.s.SetDraft(ctx, "t", ids[1], 0, draft()))
	must[Question](t)(e.s.Skip(ctx, "t", ids[2], 0))
	for i, want := range []Status{StatusQueued, StatusDrafted, StatusSkipped} {
		if _, err := e.s.Unpost(ctx, "t", ids[i]); !errors.Is(err, ErrState) {
			t.Errorf("unpost of a %s question: %v, want ErrState", want, err)
		}
		if q := must[Question](t)(e.s.Question(ctx, "t", ids[i])); q.Status != want {
			t.Errorf("%s after a refused unpost: %s, want %s", ids[i], q.Status, want)
		}
	}
	if _, err := e.s.Unpost(ctx, "t", "q9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unpost of no question: %v, want ErrNotFound", err)
	}
}

// A session may end between the post and Discord's refusal of it (a
// co-educator's /session end locks the thread): the question is unposted
// all the same, so that the transcript, asked for again, does not claim
// an answer nobody saw.
func TestUnpostAfterTheEnd(t *testing.T) {
	e := setup(t)
	must[Session](t)(e.s.Start(ctx, "g", "t", "T", "b", false, "edu"))
	q, _, err := e.s.Add(ctx, "t", "u", "", "Why does France object?")
	if err != nil {
		t.Fatal(err)
	}
	must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, 0, draft()))
	must[Question](t)(e.s.MarkPosted(ctx, "t", q.ID))
	must[Session](t)(endOf(e.s.End(ctx, "t")))
	if got := must[Question](t)(e.s.Unpost(ctx, "t", q.ID)); got.Status != StatusDrafted {
		t.Errorf("unposted after the end: %s, want drafted", got.Status)
	}
	if md := must[string](t)(e.s.Transcript(ctx, "t", EnglishTranscript)); strings.Contains(md, "Macron fears") || !strings.Contains(md, "(0 answered,") {
		t.Errorf("transcript after the unpost lists it as answered:\n%s", md)
	}
}
