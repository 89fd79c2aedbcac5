package asking

import (
	"context"
	"sync"
	"time"
)

// slots are the answer slots (model calls at once), shared fairly between
// guilds: when questions wait, a freed slot goes to the guild that holds
// the fewest, first come first served among equals, so one busy guild
// cannot starve the others; alone, a guild may use every slot.
type slots struct {
	mu      sync.Mutex
	free    int
	held    map[string]int // guild → slots it holds
	waiting []*waiter      // in arrival order
}

type waiter struct {
	guild string
	ready chan struct{} // closed when the slot is this waiter's
}

func newSlots(n int) *slots { return &slots{free: n, held: map[string]int{}} }

// acquire takes a slot for guild, waiting up to wait; queued, when not
// nil, is told how many questions are ahead once the question has waited
// notice (a wait shorter than that is not worth a message: the
// placeholder covers it, and a burst of questions would otherwise send a
// burst of notices that are replaced a moment later). It returns a
// *Refusal (Busy) when the wait ends first, and ctx's error when ctx does.
func (s *slots) acquire(ctx context.Context, guild string, wait, notice time.Duration, queued func(ahead int)) (release func(), err error) {
	s.mu.Lock()
	if s.free > 0 && len(s.waiting) == 0 {
		s.takeLocked(guild)
		s.mu.Unlock()
		return s.releaser(guild), nil
	}
	w := &waiter{guild: guild, ready: make(chan struct{})}
	s.waiting = append(s.waiting, w)
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
	for i, x := range s.waiting {
		if x == w {
			return i, true
		}
	}
	return 0, false
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

// releaseLocked frees guild's slot and grants it to the waiter whose guild
// holds the fewest.
func (s *slots) releaseLocked(guild string) {
	s.free++
	if s.held[guild]--; s.held[guild] <= 0 {
		delete(s.held, guild)
	}
	if len(s.waiting) == 0 {
		return
	}
	best := 0
	for i, w := range s.waiting {
		if s.held[w.guild] < s.held[s.waiting[best].guild] {
			best = i
		}
	}
	w := s.waiting[best]
	s.waiting = append(s.waiting[:best], s.waiting[best+1:]...)
	s.takeLocked(w.guild)
	close(w.ready)
}

// dropLocked removes w from the queue; false when it was already granted.
func (s *slots) dropLocked(w *waiter) bool {
	for i, x := range s.waiting {
		if x == w {
			s.waiting = append(s.waiting[:i], s.waiting[i+1:]...)
			return true
		}
	}
	return false
}
