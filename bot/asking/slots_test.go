package asking

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestSlotsShareFairlyBetweenGuilds(t *testing.T) {
	s := newSlots(2)
	ctx := context.Background()
	relA1, _ := s.acquire(ctx, "a", time.Second, 0, nil)
	relA2, _ := s.acquire(ctx, "a", time.Second, 0, nil)
	// Guild a asks again first, then guild b: both wait.
	got := make(chan string, 2)
	aheads := make(chan int, 2)
	var done sync.WaitGroup
	done.Add(2)
	wait := func(g string) {
		defer done.Done()
		rel, err := s.acquire(ctx, g, 5*time.Second, 0, func(ahead int) { aheads <- ahead })
		if err != nil {
			t.Error(err)
			return
		}
		got <- g
		rel()
	}
	go wait("a")
	if n := <-aheads; n != 0 {
		t.Errorf("first waiter has %d ahead", n)
	}
	go wait("b")
	if n := <-aheads; n != 1 {
		t.Errorf("second waiter has %d ahead", n)
	}
	relA1() // b holds nothing, a holds one: b goes first
	if g := <-got; g != "b" {
		t.Errorf("the freed slot went to %s, want b (a already held one)", g)
	}
	relA2()
	if g := <-got; g != "a" {
		t.Errorf("then %s, want a", g)
	}
	relA1() // a second call is harmless
	done.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.free != 2 || len(s.held) != 0 || len(s.waiting) != 0 {
		t.Errorf("after all: free %d, held %v, waiting %d", s.free, s.held, len(s.waiting))
	}
}

func TestSlotsWaitEndsBusyOrCancelled(t *testing.T) {
	s := newSlots(1)
	rel, _ := s.acquire(context.Background(), "a", time.Second, 0, nil)
	_, err := s.acquire(context.Background(), "b", 10*time.Millisecond, 0, nil)
	var r *Refusal
	if !errors.As(err, &r) || r.Reason != Busy {
		t.Errorf("wait ran out: %v, want Busy", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.acquire(ctx, "b", time.Second, 0, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	rel()
	if s.free != 1 || len(s.waiting) != 0 {
		t.Errorf("free %d, waiting %d: a waiter that gave up kept its place", s.free, len(s.waiting))
	}
	// Alone, a guild may use every slot.
	s = newSlots(3)
	for range 3 {
		if _, err := s.acquire(context.Background(), "a", time.Millisecond, 0, nil); err != nil {
			t.Fatalf("a lone guild could not take every slot: %v", err)
		}
	}
}

// A question given a slot before the notice delay is not told it was
// queued; one that waits longer is, with the questions ahead of it then.
func TestSlotsQueuedNoticeOnlyAfterTheDelay(t *testing.T) {
	s := newSlots(1)
	ctx := context.Background()
	rel, _ := s.acquire(ctx, "a", time.Second, 0, nil)
	told := make(chan int, 2)
	granted := make(chan func(), 1)
	go func() {
		r, err := s.acquire(ctx, "b", 5*time.Second, time.Hour, func(n int) { told <- n })
		if err != nil {
			t.Error(err)
		}
		granted <- r
	}()
	waiting := func() int {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.waiting)
	}
	for waiting() != 1 {
		time.Sleep(time.Millisecond)
	}
	rel()
	(<-granted)()
	select {
	case n := <-told:
		t.Errorf("told %d ahead, though the slot came before the notice was due", n)
	default:
	}

	rel, _ = s.acquire(ctx, "a", time.Second, 0, nil)
	go func() {
		r, err := s.acquire(ctx, "c", 5*time.Second, 10*time.Millisecond, func(n int) { told <- n })
		if err != nil {
			t.Error(err)
		}
		granted <- r
	}()
	if n := <-told; n != 0 {
		t.Errorf("told %d ahead, want 0", n)
	}
	rel()
	(<-granted)()
}
