package search

import "sync"

// Deferred is an index built the first time it is searched or warmed, not
// when it is made. Building one is most of what a fresh process does
// before it can answer (about 15 ms on the first briefing, the lexicon's
// pages read in for the first time); a process whose answer comes from a
// cache (`bot ask` asked again) never needs it.
type Deferred struct {
	index func() *Index
}

// Defer returns the index build makes, built on first use (build calls
// New; making its options there too means an expander's lexicon is not
// loaded either when no search comes).
func Defer(build func() *Index) *Deferred {
	return &Deferred{index: sync.OnceValue(build)}
}

// Search builds the index if it is not built yet and searches it.
func (d *Deferred) Search(query string, k int) Result { return d.index().Search(query, k) }

// Warm builds the index now, so that the first question does not wait for
// it.
func (d *Deferred) Warm() { d.index() }
