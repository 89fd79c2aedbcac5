package discord

import (
	"context"
	"sync"
	"time"
)

// ackFirstWait bounds how long an answer waits for acknowledgements: in a
// burst they all go first; under a steady stream, where some interaction
// is nearly always being acknowledged, an answer waits for a lull at most
// this long.
const ackFirstWait = 100 * time.Millisecond

// ackFirst lets acknowledgements go before answers. Discord fails an
// interaction that is not acknowledged within 3 seconds, while an answer
// may take its time: when a burst of questions arrives, the answers
// already admitted would otherwise share the CPU with the
// acknowledgements still to send, and the last of those would come late
// (or, far enough past this machine's capacity, too late). The zero value
// is ready to use.
type ackFirst struct {
	mu      sync.Mutex
	pending int           // interactions received and not yet acknowledged
	idle    chan struct{} // closed when pending drops to 0; nil while it is 0
}

// arrived counts an interaction in until acked is called (once or more;
// every path must call it: the acknowledgement, or the handler's end).
func (a *ackFirst) arrived() (acked func()) {
	a.mu.Lock()
	if a.pending == 0 {
		a.idle = make(chan struct{})
	}
	a.pending++
	a.mu.Unlock()
	return sync.OnceFunc(func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.pending--; a.pending == 0 {
			close(a.idle)
			a.idle = nil
		}
	})
}

// wait returns once no interaction waits for its acknowledgement, after
// max at the latest, or when ctx ends.
func (a *ackFirst) wait(ctx context.Context, max time.Duration) {
	a.mu.Lock()
	idle := a.idle
	a.mu.Unlock()
	if idle == nil {
		return
	}
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-idle:
	case <-t.C:
	case <-ctx.Done():
	}
}
