package asking

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"
)

// slots are the answer slots (model calls at once), shared fairly between
// guilds: when questions wait, a freed slot goes to the guild that holds
// the fewest, first come first served among equals, so one busy guild
// cannot starve the others; alone, a guild may use every slot.
//
// The waiters are queued per guild, so that freeing a slot looks at each
// waiting guild once, not at each waiting question: a burst of thousands
// of questions would otherwise cost its square under the lock.
type slots struct {
	mu      sync.Mutex
	free    int
	held    map[string]int       // guild → slots it holds
	waiting map[string][]*waiter // guild → its waiters, in arrival order
	nwait   int                  // waiters in all
	arrived uint64               // the arrival number of the last waiter
}

type waiter struct {
	guild string
	seq   uint64        // arrival number: first come, first served among equals
	ready chan struct{} // closed when the slot is this waiter's
}

func newSlots(n int) *slots {
	return &slots{free: n, held: map[string]int{}, waiting: map[string][]*waiter{}}
}

// acquire takes a slot for guild, waiting up to wait; queued, when not
// nil, is told how many questions are ahead once the question has waited
// notice (a wait shorter than that is not worth a message: the
// placeholder covers it, and a burst of questions would otherwise send a
// burst of notices that are replaced a moment later). It returns a
// *Refusal (Busy) when the wait ends first, and ctx's error when ctx does.
func (s *slots) acquire(ctx context.Context, guild string, wait, notice time.Duration, queued func(ahead int)) (release func(), err error) {
	s.mu.Lock()
	if s.free > 0 && s.nwait == 0 {
		s.takeLocked(guild)
		s.mu.Unlock()
		return s.releaser(guild), nil
	}
	s.arrived++
	w := &waiter{guild: guild, seq: s.arrived, ready: make(chan struct{})}
	s.waiting[guild] = append(s.waiting[guild], w)
	s.nwait++
	s.mu.Unlock()
	t := time.NewTimer(wait)
	defer t.Stop()
	var tell <-chan time.Time
	if queued != nil {
		n := time.NewTimer(notice)
		defer n.Stop()
		tell = n.C
	}
	for {
		select {
		case <-w.ready:
			return s.releaser(guild), nil
		case <-tell:
			tell = nil
			if ahead, ok := s.ahead(w); ok {
				queued(ahead)
			}
			continue
		case <-t.C:
			err = &Refusal{Reason: Busy}
		case <-ctx.Done():
			err = ctx.Err()
		}
		break
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.dropLocked(w) {
		// Granted while giving up: hand the slot on.
		s.releaseLocked(guild)
	}
	return nil, err
}

// ahead is how many questions wait before w, and whether w still waits.
func (s *slots) ahead(w *waiter) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.indexLocked(w) < 0 {
		return 0, false
	}
	// Each queue is in arrival order: the waiters ahead in it are those
	// before the first that arrived after w, found by binary search (a
	// burst's waiters each asking would otherwise cost its square).
	n := 0
	for _, q := range s.waiting {
		i, _ := slices.BinarySearchFunc(q, w.seq, bySeq)
		n += i
	}
	return n, true
}

// bySeq orders a queue's waiters: by arrival.
func bySeq(x *waiter, seq uint64) int { return cmp.Compare(x.seq, seq) }

// indexLocked is w's place in its guild's queue, or -1 when it no longer
// waits: found by binary search, the queue being in arrival order.
func (s *slots) indexLocked(w *waiter) int {
	q := s.waiting[w.guild]
	if i, ok := slices.BinarySearchFunc(q, w.seq, bySeq); ok && q[i] == w {
		return i
	}
	return -1
}

func (s *slots) takeLocked(guild string) {
	s.free--
	s.held[guild]++
}

func (s *slots) releaser(guild string) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.releaseLocked(guild)
		})
	}
}

// releaseLocked frees guild's slot and grants it to the first waiter of
// the guild that holds the fewest (the earliest waiter among equals).
func (s *slots) releaseLocked(guild string) {
	s.free++
	if s.held[guild]--; s.held[guild] <= 0 {
		delete(s.held, guild)
	}
	best := s.nextLocked()
	if best == nil {
		return
	}
	s.removeLocked(best.guild, 0)
	s.takeLocked(best.guild)
	close(best.ready)
}

// nextLocked is the waiter a freed slot goes to: the first of the guild
// that holds the fewest, the earliest among equals; nil when none waits.
func (s *slots) nextLocked() *waiter {
	var best *waiter
	for g, q := range s.waiting {
		if best == nil || s.held[g] < s.held[best.guild] || (s.held[g] == s.held[best.guild] && q[0].seq < best.seq) {
			best = q[0]
		}
	}
	return best
}

// dropLocked removes w from the queue; false when it was already granted.
func (s *slots) dropLocked(w *waiter) bool {
	i := s.indexLocked(w)
	if i < 0 {
		return false
	}
	s.removeLocked(w.guild, i)
	return true
}

// removeLocked takes the i-th waiter off guild's queue.
func (s *slots) removeLocked(guild string, i int) {
	q := slices.Delete(s.waiting[guild], i, i+1)
	if len(q) == 0 {
		delete(s.waiting, guild)
	} else {
		s.waiting[guild] = q
	}
	s.nwait--
}
