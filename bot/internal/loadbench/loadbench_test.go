package loadbench

import (
	"sync"
	"testing"
	"time"
)

// An acknowledgement counts only for an interaction still waiting: one
// that came after its answer, or for a token never sent, would time from
// the zero time.
func TestBurst(t *testing.T) {
	b := NewBurst(3)
	b.Sent("a")
	b.Sent("b")
	b.Sent("c")
	b.Acked("a")
	b.Answered("a")
	b.Acked("a")       // after its answer
	b.Acked("unknown") // never sent
	b.Failed("b", "no acknowledgement")
	b.Answered("b") // ended already
	if left := b.Wait(10 * time.Millisecond); left != 1 {
		t.Errorf("%d unanswered, want 1 (c)", left)
	}
	b.Answered("c")
	if left := b.Wait(time.Second); left != 0 {
		t.Errorf("%d unanswered after all ended", left)
	}
	ack, final, failed := b.Results()
	if len(b.acks) != 1 || len(b.finals) != 2 || ack > 1000 || final > 1000 || len(failed) != 1 || failed[0] != "no acknowledgement" {
		t.Errorf("acks %v, finals %v (p99 %v, %v ms), failed %q", b.acks, b.finals, ack, final, failed)
	}
}

func TestTokenAndP99(t *testing.T) {
	if got := Token("/api/v10/webhooks/1/load-7/messages/@original", "load-"); got != "load-7" {
		t.Errorf("Token = %q", got)
	}
	if got := Token("/api/v10/channels/1/messages", "load-"); got != "" {
		t.Errorf("Token without one = %q", got)
	}
	d := make([]time.Duration, 100)
	for i := range d {
		d[i] = time.Duration(100-i) * time.Millisecond
	}
	if got := P99Millis(d); got != 100 || P99Millis(nil) != 0 {
		t.Errorf("P99Millis = %v", got)
	}
}

// An interaction sent late is timed from when it was due.
func TestSentAtTimesFromTheDueTime(t *testing.T) {
	b := NewBurst(1)
	b.SentAt("a", time.Now().Add(-200*time.Millisecond))
	b.Acked("a")
	b.Answered("a")
	ack, final, _ := b.Results()
	if ack < 200 || final < 200 {
		t.Errorf("ack %v ms, final %v ms: want each from the due time, 200 ms ago", ack, final)
	}
}

// Post times what a post acknowledges and fails what it does not.
func TestPost(t *testing.T) {
	b := NewBurst(2)
	b.Sent("a")
	b.Sent("b")
	var posts sync.WaitGroup
	b.Post(&posts, "a", func() (bool, string) { return true, "" })
	b.Post(&posts, "b", func() (bool, string) { return false, "no acknowledgement" })
	posts.Wait()
	b.Answered("a")
	if left := b.Wait(time.Second); left != 0 {
		t.Fatalf("%d unanswered", left)
	}
	_, _, failed := b.Results()
	if len(b.acks) != 1 || len(failed) != 1 || failed[0] != "no acknowledgement" {
		t.Errorf("acks %v, failed %q", b.acks, failed)
	}
}
