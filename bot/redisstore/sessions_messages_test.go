package redisstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/bot/session"
)

// A message's deletion handled at the same time as its creation (two
// gateway events, two goroutines or two processes) never leaves it
// queued: either the creation is queued first and the deletion withdraws
// it, or the deletion is recorded first and the creation is refused.
// A withdrawn question takes no votes, and survives a restart as one.
func TestSessionsDeletionRacesCreation(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			s := session.NewStore(be.db().Sessions(), session.Options{MaxWaitingPerMember: 1000, MaxWaiting: 1000})
			must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", false, "edu"))
			const n = 40
			var wg sync.WaitGroup
			for i := range n {
				msg, text := fmt.Sprint("m", i), fmt.Sprintf("What did paragraph %d say about question %d?", i, i)
				wg.Add(2)
				go func() {
					defer wg.Done()
					if _, _, err := s.Add(ctx, "t", fmt.Sprint("u", i), msg, text); err != nil && !errors.Is(err, session.ErrDeleted) {
						t.Errorf("add %s: %v", msg, err)
					}
				}()
				go func() {
					defer wg.Done()
					if _, err := s.Withdraw(ctx, "t", msg); err != nil {
						t.Errorf("withdraw %s: %v", msg, err)
					}
				}()
			}
			wg.Wait()
			qs := must[[]session.Question](t)(s.Questions(ctx, "t"))
			for _, q := range qs {
				if q.Status != session.StatusWithdrawn || q.Text != "" {
					t.Errorf("a deleted message's question is left: %+v", q)
				}
			}
			if _, ok, err := s.Next(ctx, "t"); ok || err != nil {
				t.Errorf("next after every message was deleted: %v %v", ok, err)
			}
			if len(qs) > 0 {
				if _, _, err := s.Upvote(ctx, "t", qs[0].ID, "v"); !errors.Is(err, session.ErrNotFound) {
					t.Errorf("upvote of a withdrawn question: %v", err)
				}
			}
			restarted := session.NewStore(be.restarted().Sessions(), session.Options{})
			if sess := must[session.Session](t)(restarted.Get(ctx, "t")); len(sess.Deleted) == 0 {
				t.Errorf("no deletion recorded: %+v", sess)
			}
		})
	}
}

// An asker who deletes their merged message takes their vote with them,
// and the queue ranks the question by the votes left.
func TestSessionsUnvote(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			s := session.NewStore(be.db().Sessions(), session.Options{})
			must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", false, "edu"))
			add := func(user, msg, text string) session.Question {
				t.Helper()
				q, _, err := s.Add(ctx, "t", user, msg, text)
				if err != nil {
					t.Fatal(err)
				}
				return q
			}
			q1 := add("ann", "m1", "Why does France oppose a NATO office in Tokyo?")
			add("bob", "m2", "why does france oppose a nato office in tokyo")
			q2 := add("cat", "m3", "Who is in the Quad?")
			must[int](t)(func() (int, error) { n, _, err := s.Upvote(ctx, "t", q2.ID, "dan"); return n, err }())
			// q1 and q2 have 2 votes each: q1, older, is next.
			if n, _, _ := s.Next(ctx, "t"); n.ID != q1.ID {
				t.Fatalf("next = %s, want %s", n.ID, q1.ID)
			}
			qs, err := s.Withdraw(ctx, "t", "m2")
			if err != nil || len(qs) != 1 || qs[0].Votes != 1 {
				t.Fatalf("withdraw: %+v %v", qs, err)
			}
			if n, _, _ := s.Next(ctx, "t"); n.ID != q2.ID || n.Votes != 2 {
				t.Errorf("next = %s (%d votes), want %s", n.ID, n.Votes, q2.ID)
			}
			if got := must[session.Question](t)(session.NewStore(be.restarted().Sessions(), session.Options{}).Question(ctx, "t", q1.ID)); got.Votes != 1 {
				t.Errorf("stored votes %d, want 1", got.Votes)
			}
		})
	}
}
