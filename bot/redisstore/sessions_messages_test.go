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
