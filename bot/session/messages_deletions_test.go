package session

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// A deletion handled between MarkPosted and Unpost (Discord refused
// the post: thread locked, 403, 503) leaves the question as it is
// (posted); Unpost then puts it back approved, in the deleted message's
// words, and the next /session next posts them.
func TestUnpostAfterDeletion(t *testing.T) {
	e := setup(t)
	startSession(t, e, true)
	q := addQ(t, e, "ann", "m1", quad)
	must[Question](t)(e.s.SetDraft(ctx, "t", q.ID, q.Rev, draft()))
	must[Question](t)(e.s.Approve(ctx, "t", q.ID, q.Rev))
	must[Question](t)(e.s.MarkPosted(ctx, "t", q.ID)) // /session next
	// ann deletes m1 while the bot's post is in flight.
	if _, err := e.s.Withdraw(ctx, "t", "m1"); err != nil {
		t.Fatal(err)
	}
	// Discord refuses the post: postAnswer unposts.
	must[Question](t)(e.s.Unpost(ctx, "t", q.ID))
	n, ok, _ := e.s.Next(ctx, "t")
	if ok && n.ID == q.ID && n.Text == quad {
		p := must[Question](t)(e.s.MarkPosted(ctx, "t", q.ID))
		t.Errorf("deleted message's words back in the queue (%s, rev %d) and posted: %q", p.Status, p.Rev, p.Text)
	}
}

// hookStorage runs a hook (by the ctx's tag) around the storage calls,
// to interleave two Store calls as concurrent event handlers do.
type tagKey struct{}

type hookStorage struct {
	*memStorage
	before, after func(tag, op string)
}

func tag(ctx context.Context) string { s, _ := ctx.Value(tagKey{}).(string); return s }

func (h *hookStorage) Questions(ctx context.Context, th string) ([]Question, error) {
	h.before(tag(ctx), "questions")
	defer h.after(tag(ctx), "questions")
	return h.memStorage.Questions(ctx, th)
}
func (h *hookStorage) UpdateQuestion(ctx context.Context, th, id string, f func(Session, *Question) (bool, error)) (Question, error) {
	h.before(tag(ctx), "update")
	defer h.after(tag(ctx), "update")
	return h.memStorage.UpdateQuestion(ctx, th, id, f)
}
func (h *hookStorage) AddQuestion(ctx context.Context, th, u string, f func(Session, []Question, int64) (Question, bool, error)) (Question, error) {
	h.before(tag(ctx), "add")
	defer h.after(tag(ctx), "add")
	return h.memStorage.AddQuestion(ctx, th, u, f)
}

// The same edit handled twice at once (Discord's second
// MESSAGE_UPDATE for the link's embed, with the same content and edit
// time; or a resume's redelivery) moves the message twice: both Rewords
// decide "moved", both Unask (the second finds nothing) and both Add: the
// second Add merges the message into the question the first created, a
// second ask of the same message. Deleting the message then removes one
// ask only: the question goes on in the deleted message's words.
func TestEditHandledTwiceThenDeleted(t *testing.T) {
	base := setup(t)
	var mu sync.Mutex
	counts := map[string]int{}
	count := func(k string) int { mu.Lock(); defer mu.Unlock(); return counts[k] }
	aDecided, bDecided, aUnasked, bUnasked, aAdded := make(chan struct{}), make(chan struct{}), make(chan struct{}), make(chan struct{}), make(chan struct{})
	h := &hookStorage{memStorage: base.st, before: func(string, string) {}, after: func(string, string) {}}
	s := NewStore(h, base.opts)
	if _, err := s.Start(ctx, "g", "t", "Q&A", "000_7af72a6d13299e5b", true, "edu"); err != nil {
		t.Fatal(err)
	}
	addQ(t, env{s: s}, "ann", "m1", france)
	addQ(t, env{s: s}, "bob", "m2", france2) // merged into ann's
	h.before = func(tg, op string) {
		switch {
		case tg == "B" && op == "questions" && count("Bq") == 1:
			<-aUnasked // B's Unask looks after A's Unask ...
		case tg == "A" && op == "add":
			<-bUnasked // ... and before A's Add
		case tg == "B" && op == "add":
			<-aAdded
		}
	}
	h.after = func(tg, op string) {
		mu.Lock()
		counts[tg+op[:1]]++
		n := counts[tg+op[:1]]
		mu.Unlock()
		switch {
		case tg == "A" && op == "update" && n == 1: // A decided "moved"
			close(aDecided)
			<-bDecided
		case tg == "B" && op == "update" && n == 1: // B decided "moved"
			close(bDecided)
		case tg == "A" && op == "update" && n == 2:
			close(aUnasked)
		case tg == "B" && op == "questions" && n == 2: // B's Unask found nothing
			close(bUnasked)
		case tg == "A" && op == "add":
			close(aAdded)
		}
	}
	// bob edits m2 into another question; the edit is handled twice at
	// once (the embed's MESSAGE_UPDATE, a resume's redelivery).
	done := make(chan error, 2)
	for _, tg := range []string{"A", "B"} {
		go func() {
			c := context.WithValue(ctx, tagKey{}, tg)
			if tg == "B" {
				<-aDecided
			}
			_, how, merged, err := s.Reword(c, "t", "bob", "m2", quad, time.Time{})
			t.Logf("%s: reword %v merged=%v err=%v", tg, how, merged, err)
			done <- err
		}()
	}
	for range 2 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	h.before, h.after = func(string, string) {}, func(string, string) {}
	for _, q := range must[[]Question](t)(s.Questions(ctx, "t")) {
		t.Logf("before delete: %s %s %q asks=%+v", q.ID, q.Status, q.Text, q.Asks)
	}
	// bob deletes m2.
	if _, err := s.Withdraw(ctx, "t", "m2"); err != nil {
		t.Fatal(err)
	}
	for _, q := range must[[]Question](t)(s.Questions(ctx, "t")) {
		if q.Status.waiting() && strings.Contains(q.Text, "Quad") {
			t.Errorf("question %s still waits in the deleted message's words: %+v", q.ID, q)
		}
	}
}

// A skipped question's words stay in the transcript (shared beyond
// the thread) after its only asker deleted the message: never seen by the
// class, unlike a posted one.
func TestSkippedThenDeletedLeavesTheTranscript(t *testing.T) {
	e := setup(t)
	startSession(t, e, true)
	q := addQ(t, e, "ann", "m1", quad)
	must[Question](t)(e.s.Skip(ctx, "t", q.ID, q.Rev))
	if _, err := e.s.Withdraw(ctx, "t", "m1"); err != nil {
		t.Fatal(err)
	}
	if md := must[string](t)(e.s.Transcript(ctx, "t", EnglishTranscript)); strings.Contains(md, "Quad") {
		t.Errorf("a deleted message's words are in the transcript (skipped):\n%s", md)
	}
}

// A bulk deletion of 100 (the most Discord takes at once), twice over, (a
// moderator's purge of a flood) forgets the first ones at once, and a
// creation of one of them handled after the purge is not queued.
func TestBulkDeletionRemembered(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	for i := range 200 {
		if _, err := e.s.Withdraw(ctx, "t", "x"+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := e.s.Add(ctx, "t", "ann", "x0", quad); !errors.Is(err, ErrDeleted) {
		t.Errorf("creation of a message deleted in a purge of 200, handled after it: %v (queued)", err)
	}
}
