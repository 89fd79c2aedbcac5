package redisstore

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// must returns a call's value, failing t on its error.
func must[T any](t *testing.T) func(T, error) T {
	t.Helper()
	return func(v T, err error) T {
		if t.Helper(); err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			s := session.NewStore(be.db().Sessions(), session.Options{})
			restarted := func() *session.Store { return session.NewStore(be.restarted().Sessions(), session.Options{}) }
			sess := must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", true, "edu"))
			if _, err := restarted().Start(ctx, "g", "t", "again", "b", false, "edu"); !errors.Is(err, session.ErrExists) {
				t.Errorf("second start: %v", err)
			}
			if got := must[session.Session](t)(restarted().Get(ctx, "t")); !reflect.DeepEqual(got, sess) {
				t.Errorf("get %+v, want %+v", got, sess)
			}
			// Merged and upvoted questions, ranked by the vote script.
			for _, a := range []struct{ user, text string }{
				{"ann", "Why does France oppose a NATO office in Tokyo?"},
				{"bob", "Who is in the Quad?"},
				{"cat", "Who is in the Quad??"},
				{"dan", "What is AUKUS?"},
			} {
				must[session.Question](t)(func() (session.Question, error) { q, _, err := s.Add(ctx, "t", a.user, "", a.text); return q, err }())
			}
			if n, added, err := restarted().Upvote(ctx, "t", "q3", "x"); err != nil || n != 2 || !added {
				t.Fatalf("upvote q3: %d %v %v", n, added, err)
			}
			if n, added, err := s.Upvote(ctx, "t", "q3", "x"); err != nil || n != 2 || added {
				t.Fatalf("upvote q3 again: %d %v %v", n, added, err)
			}
			next := func(want string) {
				t.Helper()
				q, ok, err := restarted().Next(ctx, "t")
				if err != nil || !ok || q.ID != want {
					t.Fatalf("next = %s %v %v, want %s", q.ID, ok, err, want)
				}
			}
			next("q2") // q2 and q3 have 2 votes; q2 is older
			must[session.Question](t)(s.SetDraft(ctx, "t", "q2", 0, answer.Answer{Text: "x"}))
			must[session.Question](t)(restarted().Approve(ctx, "t", "q2", 0))
			must[session.Question](t)(s.MarkPosted(ctx, "t", "q2"))
			next("q3")
			if _, err := s.MarkPosted(ctx, "t", "q2"); !errors.Is(err, session.ErrState) {
				t.Errorf("posting twice: %v", err)
			}
			// The keys deployed bots hold, all expiring together.
			p := be.opts.Prefix + "session:{t}:"
			for _, k := range []string{"meta", "questions", "voters", "votes", "queue", "seq"} {
				if ttl := be.rdb.PTTL(ctx, p+k).Val(); ttl <= 0 || ttl > sessionTTL {
					t.Errorf("%s TTL = %s", p+k, ttl)
				}
			}
			if got := be.rdb.ZRange(ctx, p+"queue", 0, -1).Val(); !slices.Equal(got, []string{"q1", "q3"}) {
				t.Errorf("queue = %v, want q1 q3 (q1 after q3)", got)
			}
			if !be.rdb.SIsMember(ctx, p+"voters", "q3|x").Val() || be.rdb.Get(ctx, p+"seq").Val() != "3" {
				t.Error("voters or seq not as stored")
			}
			ended := must[session.Session](t)(endOf(s.End(ctx, "t")))
			if again := must[session.Session](t)(endOf(restarted().End(ctx, "t"))); !ended.Ended() || again.EndedAt != ended.EndedAt {
				t.Errorf("end: %+v then %+v", ended, again)
			}
			if _, _, err := s.Upvote(ctx, "t", "q1", "y"); !errors.Is(err, session.ErrEnded) {
				t.Errorf("upvote after end: %v", err)
			}
			if _, _, err := s.Add(ctx, "t", "u", "", "late?"); !errors.Is(err, session.ErrEnded) {
				t.Errorf("add after end: %v", err)
			}
			if _, _, err := s.Upvote(ctx, "t", "q9", "y"); !errors.Is(err, session.ErrEnded) {
				t.Errorf("upvote unknown after end: %v", err)
			}
			if _, err := s.Question(ctx, "t", "q9"); !errors.Is(err, session.ErrNotFound) {
				t.Errorf("unknown question: %v", err)
			}
		})
	}
}

// Concurrent adds of one question from many members make one entry with
// every member's vote; concurrent upvotes count once each.
func TestSessionsConcurrent(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) { sessionsConcurrent(t, be) })
	}
}

func sessionsConcurrent(t *testing.T, be backend) {
	ctx := context.Background()
	s := session.NewStore(be.db().Sessions(), session.Options{})
	must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", false, "edu"))
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	ids := make(chan string, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q, _, err := s.Add(ctx, "t", "u"+string(rune('a'+i)), "", "What is the Quad?")
			errs <- err
			ids <- q.ID
		}()
	}
	wg.Wait()
	close(ids)
	for range 20 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent add: %v", err)
		}
	}
	id := <-ids
	if id != "q1" {
		t.Errorf("the first question is %s: a retried transaction used up a number", id)
	}
	for other := range ids {
		if other != id {
			t.Fatalf("one question got ids %s and %s", id, other)
		}
	}
	// Then members vote at once, each of five twice and two askers too.
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := "v" + string(rune('a'+i%5))
			if i%20 == 0 {
				user = "ua"
			}
			_, _, err := s.Upvote(ctx, "t", id, user)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	qs := must[[]session.Question](t)(s.Questions(ctx, "t"))
	if len(qs) != 1 || len(qs[0].Askers) != 20 || qs[0].Votes != 25 {
		t.Fatalf("%d questions, askers %d votes %d", len(qs), len(qs[0].Askers), qs[0].Votes)
	}
	// Distinct questions added at once are numbered without gaps.
	topics := []string{"Who is Lin Jian?", "What is AUKUS?", "Where is the summit?", "Why does France object?", "What is CICA?", "Which countries are in ASEAN?"}
	got := make(chan string, len(topics))
	for i, q := range topics {
		wg.Add(1)
		go func() {
			defer wg.Done()
			added, _, err := s.Add(ctx, "t", "w"+string(rune('a'+i)), "", q)
			if err != nil {
				t.Error(err)
			}
			got <- added.ID
		}()
	}
	wg.Wait()
	close(got)
	var all []string
	for g := range got {
		all = append(all, g)
	}
	slices.Sort(all)
	if strings.Join(all, " ") != "q2 q3 q4 q5 q6 q7" {
		t.Errorf("ids %v, want q2…q7 without gaps", all)
	}
}

// Redis down: calls fail within their deadline with wrapped errors; a
// restarted, empty Redis is used again without a new Store.
func TestSessionsRedisDown(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	s := session.NewStore(New(srv.Client(t), Options{Prefix: srv.Prefix(), Timeout: 300 * time.Millisecond}).Sessions(), session.Options{})
	must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", false, "edu"))
	srv.Stop()
	start := time.Now()
	_, _, err := s.Add(ctx, "t", "u", "", "q?")
	if err == nil || !strings.HasPrefix(err.Error(), "session: ") {
		t.Errorf("add with Redis down: %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	srv.Restart()
	if _, err := s.Get(ctx, "t"); !errors.Is(err, session.ErrNotFound) {
		t.Errorf("after restart of an unpersisted Redis: %v", err)
	}
	if _, err := s.Start(ctx, "g", "t", "T", "b", false, "edu"); err != nil {
		t.Errorf("start after restart: %v", err)
	}
}

// Writers racing on one session (a draft saved while the session ends,
// the panel recorded) all get through: a WATCH conflict is retried.
func TestSessionUpdatesRaceWithoutFailing(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			db := be.db()
			if _, err := session.NewStore(db.Sessions(), session.Options{}).Start(ctx, "1", "900", "Drill", "b", false, "edu"); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make(chan error, 16)
			for i := range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := db.Sessions().UpdateSession(ctx, "900", func(s *session.Session) bool {
						s.PanelID = fmt.Sprint(i)
						return true
					})
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("racing update: %v", err)
				}
			}
		})
	}
}

// Drafts racing for one question (the arrival's and /session next's, on
// two processes): the first stored stays, and every writer is handed
// that one, so what an educator is shown and approves is what is kept.
func TestSessionDraftsRaceFirstStays(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			s := session.NewStore(be.db().Sessions(), session.Options{})
			must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", true, "edu"))
			must[session.Question](t)(func() (session.Question, error) {
				q, _, err := s.Add(ctx, "t", "u", "", "Who is in the Quad?")
				return q, err
			}())
			var wg sync.WaitGroup
			got := make([]session.Question, 8)
			for i := range got {
				wg.Add(1)
				go func() {
					defer wg.Done()
					st := session.NewStore(be.restarted().Sessions(), session.Options{})
					q, err := st.SetDraft(ctx, "t", "q1", 0, answer.Answer{Text: fmt.Sprint("draft ", i)})
					if err != nil {
						t.Errorf("writer %d: %v", i, err)
					}
					got[i] = q
				}()
			}
			wg.Wait()
			stored := must[session.Question](t)(s.Question(ctx, "t", "q1"))
			for i, q := range got {
				if q.Draft == nil || q.Draft.Text != stored.Draft.Text {
					t.Errorf("writer %d was handed %+v, stored %q", i, q.Draft, stored.Draft.Text)
				}
			}
			must[session.Question](t)(s.Approve(ctx, "t", "q1", 0))
			late := must[session.Question](t)(s.SetDraft(ctx, "t", "q1", 0, answer.Answer{Text: "late"}))
			if late.Status != session.StatusApproved || late.Draft.Text != stored.Draft.Text {
				t.Errorf("a late draft after approval: %s %q", late.Status, late.Draft.Text)
			}
		})
	}
}

// endOf is End's session and error, for must.
func endOf(sess session.Session, _ bool, err error) (session.Session, error) { return sess, err }
