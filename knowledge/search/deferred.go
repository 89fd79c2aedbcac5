package search

import (
	"sync"

	"github.com/briefbot/briefbot/knowledge"
)

// Deferred is an index built the first time it is searched or warmed, not
// when it is made. Building one is most of what a fresh process does
// before it can answer (about 15 ms on the first briefing, the lexicon's
// pages read in for the first time); a process whose answer comes from a
// cache (`bot ask` asked again) never needs it.
type Deferred struct {
	index func() *Index
}

// Defer returns the index New(chunks, opts()...) would, built on first
// use. The options are made then too: an expander's lexicon is itself
// worth not loading when no search comes.
func Defer(chunks []knowledge.Chunk, opts func() []Option) *Deferred {
	return &Deferred{index: sync.OnceValue(func() *Index { return New(chunks, opts()...) })}
}

// Search builds the index if it is not built yet and searches it.
func (d *Deferred) Search(query string, k int) Result { return d.index().Search(query, k) }

// Warm builds the index now, so that the first question does not wait for
// it.
func (d *Deferred) Warm() { d.index() }
