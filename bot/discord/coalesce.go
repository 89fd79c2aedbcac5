package discord

import (
	"sync"
	"time"
)

// coalescer runs do(key) after key changes, at most once per interval for
// each key: the first change runs it at once; changes during the interval
// after a run, or while do runs, are merged into one more run at the
// interval's end. do reads the current state itself, so the last run
// always shows the last change. Runs of one key never overlap.
type coalescer struct {
	interval time.Duration
	do       func(key string)
	now      func() time.Time
	// after runs f after d, like time.AfterFunc; stop cancels it.
	after func(d time.Duration, f func()) (stop func() bool)

	mu   sync.Mutex
	keys map[string]*coalesced
}

type coalesced struct {
	last    time.Time // when the last run started
	pending bool      // a run is scheduled
	stop    func() bool
	running bool
	dirty   bool       // changed while running
	run     sync.Mutex // held by the run in progress (and by flush)
}

// maxCoalesced bounds the keys remembered; past it idle ones are dropped.
const maxCoalesced = 1000

func newCoalescer(interval time.Duration, do func(key string)) *coalescer {
	return &coalescer{
		interval: interval, do: do, now: time.Now,
		after: func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop },
		keys:  map[string]*coalesced{},
	}
}

// touch says key changed.
func (c *coalescer) touch(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.keys[key]
	if k == nil {
		c.pruneLocked()
		k = &coalesced{}
		c.keys[key] = k
	}
	switch {
	case k.pending:
	case k.running:
		k.dirty = true
	default:
		c.scheduleLocked(key, k)
	}
}

func (c *coalescer) scheduleLocked(key string, k *coalesced) {
	k.pending = true
	wait := c.interval - c.now().Sub(k.last)
	if wait <= 0 {
		go c.run(key, k)
		return
	}
	k.stop = c.after(wait, func() { c.run(key, k) })
}

func (c *coalescer) run(key string, k *coalesced) {
	c.mu.Lock()
	if c.keys[key] != k || !k.pending {
		c.mu.Unlock()
		return // flushed meanwhile
	}
	k.pending, k.stop, k.running, k.last = false, nil, true, c.now()
	c.mu.Unlock()

	k.run.Lock()
	c.do(key)
	k.run.Unlock()

	c.mu.Lock()
	defer c.mu.Unlock()
	k.running = false
	if k.dirty && c.keys[key] == k {
		k.dirty = false
		c.scheduleLocked(key, k)
	}
}

// flush cancels what is scheduled for key, forgets it and runs final(key)
// now, after a run in progress ends.
func (c *coalescer) flush(key string, final func(key string)) {
	c.mu.Lock()
	k := c.keys[key]
	delete(c.keys, key)
	if k != nil && k.stop != nil {
		k.stop()
	}
	c.mu.Unlock()
	if k != nil {
		k.run.Lock()
		defer k.run.Unlock()
	}
	final(key)
}

// pruneLocked drops idle keys once there are too many.
func (c *coalescer) pruneLocked() {
	if len(c.keys) < maxCoalesced {
		return
	}
	for key, k := range c.keys {
		if !k.pending && !k.running && c.now().Sub(k.last) >= c.interval {
			delete(c.keys, key)
		}
	}
}
