package redisstore

import (
	"context"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
)

// UpdateQuestion keeps the queue to exactly the waiting questions: a
// question put back to waiting (a post Discord refused, undone) rejoins
// the queue at the score its votes give it, votes cast while it was out
// included, not at the bottom as a new question; a waiting question
// written back keeps its score. It used to be able only to take a
// question out: one put back stayed out, lost.
func TestSessionsUpdateQuestionRequeues(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			st := be.db().Sessions()
			s := session.NewStore(st, session.Options{})
			must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", false, "edu"))
			for _, a := range []struct{ user, text string }{
				{"ann", "Why does France oppose a NATO office in Tokyo?"}, // q1, 1 vote
				{"bob", "Who is in the Quad?"},                            // q2, 2 votes
			} {
				must[session.Question](t)(func() (session.Question, error) { q, _, err := s.Add(ctx, "t", a.user, "", a.text); return q, err }())
			}
			if _, _, err := s.Upvote(ctx, "t", "q2", "x"); err != nil {
				t.Fatal(err)
			}
			queue := be.opts.Prefix + "session:{t}:queue"
			score := func(id string) (float64, bool) {
				t.Helper()
				v, err := be.rdb.ZScore(ctx, queue, id).Result()
				return v, err == nil
			}
			q1Score, ok := score("q1")
			if !ok || q1Score != 1*scoreSeqSpan+(scoreSeqSpan-1) {
				t.Fatalf("q1's score %v %v, want 1 vote, seq 1", q1Score, ok)
			}

			// A waiting question written back keeps its score.
			if _, err := st.UpdateQuestion(ctx, "t", "q1", func(_ session.Session, q *session.Question) (bool, error) {
				q.Draft, q.Status = &answer.Answer{Text: "x"}, session.StatusDrafted
				return true, nil
			}); err != nil {
				t.Fatal(err)
			}
			if got, ok := score("q1"); !ok || got != q1Score {
				t.Errorf("q1 written back waiting: score %v (queued %v), want %v", got, ok, q1Score)
			}

			// Out of the queue when it stops waiting ...
			if _, err := st.UpdateQuestion(ctx, "t", "q2", func(_ session.Session, q *session.Question) (bool, error) {
				q.Draft, q.Status = &answer.Answer{Text: "y"}, session.StatusPosted
				return false, nil
			}); err != nil {
				t.Fatal(err)
			}
			if _, ok := score("q2"); ok {
				t.Fatal("q2 posted is still queued")
			}
			// ... a vote meanwhile counts but does not queue it ...
			if n, _, err := s.Upvote(ctx, "t", "q2", "y"); err != nil || n != 3 {
				t.Fatalf("upvote of the posted q2: %d %v", n, err)
			}
			if _, ok := score("q2"); ok {
				t.Fatal("a vote queued the posted q2")
			}
			// ... and back in at its votes' score when it waits again.
			back, err := st.UpdateQuestion(ctx, "t", "q2", func(_ session.Session, q *session.Question) (bool, error) {
				q.Status = session.StatusDrafted
				return true, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if back.Votes != 3 {
				t.Errorf("q2 back with %d votes, want 3", back.Votes)
			}
			if got, ok := score("q2"); !ok || got != 3*scoreSeqSpan+(scoreSeqSpan-2) {
				t.Errorf("q2 back in the queue: score %v (queued %v), want 3 votes, seq 2", got, ok)
			}
			next, ok, err := session.NewStore(be.restarted().Sessions(), session.Options{}).Next(ctx, "t")
			if err != nil || !ok || next.ID != "q2" || next.Status != session.StatusDrafted {
				t.Errorf("next = %s %s %v %v, want q2 (3 votes) drafted, ahead of q1 (1 vote)", next.ID, next.Status, ok, err)
			}
			// The queue's key keeps the session's TTL.
			if ttl := be.rdb.PTTL(ctx, queue).Val(); ttl <= 0 || ttl > sessionTTL {
				t.Errorf("queue TTL = %s", ttl)
			}
		})
	}
}

// Through the session store: a posted question unposted is offered by
// Next again, ahead of a question with fewer votes.
func TestSessionsUnpostRequeues(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			s := session.NewStore(be.db().Sessions(), session.Options{})
			must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", true, "edu"))
			for _, a := range []struct{ user, text string }{
				{"ann", "Why does France oppose a NATO office in Tokyo?"},
				{"bob", "Who is in the Quad?"},
			} {
				must[session.Question](t)(func() (session.Question, error) { q, _, err := s.Add(ctx, "t", a.user, "", a.text); return q, err }())
			}
			if _, _, err := s.Upvote(ctx, "t", "q2", "x"); err != nil {
				t.Fatal(err)
			}
			must[session.Question](t)(s.SetDraft(ctx, "t", "q2", 0, answer.Answer{Text: "x"}))
			must[session.Question](t)(s.Approve(ctx, "t", "q2", 0))
			must[session.Question](t)(s.MarkPosted(ctx, "t", "q2"))
			if q, _, _ := s.Next(ctx, "t"); q.ID != "q1" {
				t.Fatalf("next after the post = %s, want q1", q.ID)
			}
			must[session.Question](t)(session.NewStore(be.restarted().Sessions(), session.Options{}).Unpost(ctx, "t", "q2"))
			q, ok, err := s.Next(ctx, "t")
			if err != nil || !ok || q.ID != "q2" || q.Status != session.StatusApproved || !q.PostedAt.IsZero() || q.Votes != 2 {
				t.Errorf("next after the unpost = %s %s (posted %v, %d votes) %v %v, want q2 approved, 2 votes", q.ID, q.Status, q.PostedAt, q.Votes, ok, err)
			}
		})
	}
}
