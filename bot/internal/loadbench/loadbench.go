// Package loadbench holds what the load benchmarks share: timing a burst
// of interactions, their figures, and finding an interaction's token in a
// request's path.
package loadbench

import (
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// P99Millis is the 99th percentile of d in milliseconds (0 for none). It
// sorts d.
func P99Millis(d []time.Duration) float64 {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return float64(d[min(len(d)-1, int(float64(len(d))*0.99))]) / float64(time.Millisecond)
}

// CPU is this process's user and system CPU time so far (0 where
// getrusage fails).
func CPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Token finds an interaction token starting with prefix in a webhook or
// callback path, or "".
func Token(path, prefix string) string {
	for _, part := range strings.Split(path, "/") {
		if strings.HasPrefix(part, prefix) {
			return part
		}
	}
	return ""
}

// Burst times a burst of interactions: from each one's sending to its
// acknowledgement and to its final answer. Its methods are safe for
// concurrent use; tokens it was not told were sent are ignored.
type Burst struct {
	mu           sync.Mutex
	sent         map[string]time.Time // sent, not yet answered
	acks, finals []time.Duration
	failed       []string
	left         sync.WaitGroup
}

// NewBurst makes a Burst of n interactions.
func NewBurst(n int) *Burst {
	b := &Burst{sent: map[string]time.Time{}}
	b.left.Add(n)
	return b
}

// Sent marks token's interaction sent now.
func (b *Burst) Sent(token string) { b.SentAt(token, time.Now()) }

// SentAt marks token's interaction sent at t: for a run at a steady rate,
// the time it was due, so that a sender running late does not hide the
// wait from the figures (coordinated omission).
func (b *Burst) SentAt(token string, t time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sent[token] = t
}

// Acked times token's acknowledgement, if it is still unanswered.
func (b *Burst) Acked(token string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if t0, ok := b.sent[token]; ok {
		b.acks = append(b.acks, time.Since(t0))
	}
}

// Answered times token's final answer and ends it.
func (b *Burst) Answered(token string) {
	b.end(token, func(t0 time.Time) { b.finals = append(b.finals, time.Since(t0)) })
}

// Post runs post, which sends token's interaction to an HTTP endpoint,
// in a goroutine of posts, and times the acknowledgement it returns (a
// failure when it returns none, for why).
func (b *Burst) Post(posts *sync.WaitGroup, token string, post func() (acked bool, why string)) {
	posts.Go(func() {
		if acked, why := post(); acked {
			b.Acked(token)
		} else {
			b.Failed(token, why)
		}
	})
}

// Failed ends token without an answer, for why.
func (b *Burst) Failed(token, why string) {
	b.end(token, func(time.Time) { b.failed = append(b.failed, why) })
}

func (b *Burst) end(token string, record func(sent time.Time)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if t0, ok := b.sent[token]; ok {
		record(t0)
		delete(b.sent, token)
		b.left.Done()
	}
}

// Wait waits until every interaction has ended, or for d; it returns how
// many had not.
func (b *Burst) Wait(d time.Duration) (unanswered int) {
	ended := make(chan struct{})
	go func() { b.left.Wait(); close(ended) }()
	select {
	case <-ended:
		return 0
	case <-time.After(d):
		b.mu.Lock()
		defer b.mu.Unlock()
		return len(b.sent)
	}
}

// Results are the acknowledgements' and final answers' p99 in
// milliseconds, and why interactions failed.
func (b *Burst) Results() (ackP99, finalP99 float64, failed []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return P99Millis(b.acks), P99Millis(b.finals), slices.Clone(b.failed)
}
