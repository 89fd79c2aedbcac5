package discord

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeTimers is a clock and timers the test moves by hand.
type fakeTimers struct {
	mu      sync.Mutex
	now     time.Time
	pending []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (ft *fakeTimers) clock() time.Time {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	return ft.now
}

func (ft *fakeTimers) after(d time.Duration, f func()) func() bool {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	t := &fakeTimer{at: ft.now.Add(d), f: f}
	ft.pending = append(ft.pending, t)
	return func() bool {
		ft.mu.Lock()
		defer ft.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// advance moves the clock and fires the timers due, in the caller's
// goroutine.
func (ft *fakeTimers) advance(d time.Duration) {
	ft.mu.Lock()
	ft.now = ft.now.Add(d)
	var due []*fakeTimer
	rest := ft.pending[:0]
	for _, t := range ft.pending {
		switch {
		case t.stopped:
		case !t.at.After(ft.now):
			due = append(due, t)
		default:
			rest = append(rest, t)
		}
	}
	ft.pending = rest
	ft.mu.Unlock()
	for _, t := range due {
		t.f()
	}
}

func TestCoalescerAtMostOneRunPerInterval(t *testing.T) {
	ft := &fakeTimers{now: time.Unix(1000, 0)}
	runs := make(chan string, 16)
	var mu sync.Mutex
	var log []string
	c := newCoalescer(3*time.Second, func(key string) {
		mu.Lock()
		log = append(log, key)
		mu.Unlock()
		runs <- key
	})
	c.now, c.after = ft.clock, ft.after
	ran := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), log...)
	}
	// ranAt waits for a run started in a goroutine of its own to end.
	ranAt := func(key string) {
		t.Helper()
		<-runs
		for {
			c.mu.Lock()
			k := c.keys[key]
			busy := k != nil && k.running
			c.mu.Unlock()
			if !busy {
				return
			}
			runtime.Gosched()
		}
	}

	// The first change runs at once.
	c.touch("a")
	ranAt("a")
	// Five more within the interval: one run, at its end.
	for range 5 {
		c.touch("a")
	}
	ft.advance(time.Second)
	if got := ran(); len(got) != 1 {
		t.Fatalf("runs before the interval ended: %v", got)
	}
	ft.advance(2 * time.Second)
	if got := ran(); !slices.Equal(got, []string{"a", "a"}) {
		t.Fatalf("runs = %v, want two", got)
	}
	<-runs
	// Another key is independent.
	c.touch("b")
	ranAt("b")
	// A quiet interval later, a change runs at once again.
	ft.advance(3 * time.Second)
	c.touch("a")
	ranAt("a")
	if got := ran(); !slices.Equal(got, []string{"a", "a", "b", "a"}) {
		t.Fatalf("runs = %v", got)
	}

	// A flush cancels what is scheduled and runs the final update now.
	c.touch("a")
	var final []string
	c.flush("a", func(key string) { final = append(final, key) })
	ft.advance(time.Hour)
	if got := ran(); len(got) != 4 || !slices.Equal(final, []string{"a"}) {
		t.Errorf("after flush: runs %v, final %v", got, final)
	}
}

func TestCoalescerChangeDuringRun(t *testing.T) {
	ft := &fakeTimers{now: time.Unix(1000, 0)}
	started, release := make(chan struct{}), make(chan struct{})
	n := 0
	var mu sync.Mutex
	c := newCoalescer(time.Second, func(string) {
		mu.Lock()
		n++
		mu.Unlock()
		started <- struct{}{}
		<-release
	})
	c.now, c.after = ft.clock, ft.after
	c.touch("a")
	<-started
	c.touch("a") // while the first run is in progress
	ft.advance(2 * time.Second)
	release <- struct{}{} // the first run ends: a second is due at once
	<-started
	release <- struct{}{}
	mu.Lock()
	defer mu.Unlock()
	if n != 2 {
		t.Errorf("runs = %d, want 2", n)
	}
}
