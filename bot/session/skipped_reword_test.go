package session

import (
	"strings"
	"testing"
	"time"
)

// An edit of a skipped question's message reaches the question, and so
// the transcript's "Skipped" section: the words its asker edited out do
// not stay there. It stays skipped, not queued again. An edit that asks
// something else leaves it, as a waiting question's does.
func TestRewordOfASkippedQuestion(t *testing.T) {
	e := setup(t)
	startSession(t, e, false)
	const secret = "Why does France oppose a NATO office in Tokyo so stupidly?"
	q := addQ(t, e, "ann", "m1", secret)
	must[Question](t)(e.s.Skip(ctx, "t", q.ID, q.Rev))

	got, how, _, err := e.s.Reword(ctx, "t", "ann", "m1", france, time.Now())
	if err != nil || how != InPlace || got.Text != france || got.Status != StatusSkipped || got.Rev != q.Rev+1 {
		t.Fatalf("reword of a skipped question = %+v %v %v", got, how, err)
	}
	md := must[string](t)(e.s.Transcript(ctx, "t", TranscriptText{}))
	if strings.Contains(md, "stupidly") || !strings.Contains(md, france) {
		t.Errorf("transcript after the edit:\n%s", md)
	}
	if _, ok, err := e.s.Next(ctx, "t"); err != nil || ok {
		t.Errorf("next after the edit of a skipped question: %v %v, want none waiting", ok, err)
	}

	// Into another question: it leaves the skipped one (withdrawn, its
	// only ask gone) and is queued.
	got, how, _, err = e.s.Reword(ctx, "t", "ann", "m1", quad, time.Now())
	if err != nil || how != Moved || got.Text != quad || got.Status != StatusQueued {
		t.Fatalf("reword of a skipped question into another = %+v %v %v", got, how, err)
	}
	if old := must[Question](t)(e.s.Question(ctx, "t", q.ID)); old.Status != StatusWithdrawn || old.Text != "" {
		t.Errorf("the skipped question left = %+v", old)
	}
}
