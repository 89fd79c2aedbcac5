package asking

import (
	"context"
	"errors"
	"strconv"
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
	if s.free != 2 || len(s.held) != 0 || len(s.waiting) != 0 || s.nwait != 0 {
		t.Errorf("after all: free %d, held %v, waiting %d (%d)", s.free, s.held, len(s.waiting), s.nwait)
	}
}

// Among guilds holding as many slots, the question that came first goes
// first, whichever guild it is from.
func TestSlotsFirstComeAmongEquals(t *testing.T) {
	s := newSlots(1)
	ctx := context.Background()
	rel, _ := s.acquire(ctx, "x", time.Second, 0, nil)
	order := []string{"c", "b", "a", "c"}
	got := make(chan string, len(order))
	for i, g := range order {
		go func() {
			r, err := s.acquire(ctx, g, 5*time.Second, 0, nil)
			if err != nil {
				t.Error(err)
				return
			}
			got <- g
			r()
		}()
		// Queued in this order.
		for waiting := 0; waiting != i+1; {
			s.mu.Lock()
			waiting = s.nwait
			s.mu.Unlock()
			time.Sleep(time.Millisecond)
		}
	}
	rel()
	// Each guild holds nothing when its turn comes, so arrival decides.
	for _, want := range order {
		if g := <-got; g != want {
			t.Fatalf("got %s, want %s (order %v)", g, want, order)
		}
	}
}

// BenchmarkSlotsBurst queues n questions from 8 guilds behind 64 busy
// slots, then frees a slot of a guild that holds one until all have been
// answered (no slot is held longer than another).
func BenchmarkSlotsBurst(b *testing.B) {
	for _, n := range []int{300, 3000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for range b.N {
				s := newSlots(64)
				var holders []string // who holds the slots, oldest first
				for i := range 64 {
					g := strconv.Itoa(i % 8)
					s.takeLocked(g)
					holders = append(holders, g)
				}
				for i := range n {
					g := strconv.Itoa(i % 8)
					s.arrived++
					s.waiting[g] = append(s.waiting[g], &waiter{guild: g, seq: s.arrived, ready: make(chan struct{})})
					s.nwait++
				}
				for len(holders) > 0 {
					before := s.nwait
					var granted string
					if before > 0 {
						// The guild releaseLocked will grant to.
						granted = s.nextLocked().guild
					}
					s.releaseLocked(holders[0])
					holders = holders[1:]
					if before > 0 {
						holders = append(holders, granted)
					}
				}
				if s.nwait != 0 || s.free != 64 {
					b.Fatalf("%d still wait, %d free", s.nwait, s.free)
				}
			}
		})
	}
}

// A waiter given its slot just as it gives up hands the slot on: nothing
// is lost or held twice, however the two race.
func TestSlotsGrantedWhileGivingUp(t *testing.T) {
	s := newSlots(1)
	for range 300 {
		rel, err := s.acquire(context.Background(), "a", time.Second, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			r, err := s.acquire(ctx, "b", time.Second, 0, nil)
			if r != nil {
				r()
			}
			done <- err
		}()
		for {
			s.mu.Lock()
			n := s.nwait
			s.mu.Unlock()
			if n == 1 {
				break
			}
			time.Sleep(10 * time.Microsecond)
		}
		// Both at once: the context ends, and the slot is granted before
		// the waiter wakes to see it, so its select finds both ready and
		// takes either.
		cancel()
		rel()
		<-done
		s.mu.Lock()
		free, held, waiting := s.free, len(s.held), s.nwait
		s.mu.Unlock()
		if free != 1 || held != 0 || waiting != 0 {
			t.Fatalf("free %d, held by %d guilds, %d waiting: a slot was lost or kept", free, held, waiting)
		}
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
	if s.free != 1 || s.nwait != 0 || len(s.waiting) != 0 {
		t.Errorf("free %d, waiting %d: a waiter that gave up kept its place", s.free, s.nwait)
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
		return s.nwait
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
