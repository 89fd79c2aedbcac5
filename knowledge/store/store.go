// Package store caches chunked knowledge under its content-hash version,
// in a Storage (redisstore.Knowledge: Redis). Briefing files stay the
// source of truth; the cache saves parsing and chunking at start-up (one
// read when nothing changed) and lets several bot processes agree on what
// the current version is.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/briefbot/briefbot/knowledge"
)

// Storage keeps encoded corpora under their version; redisstore.Knowledge
// is the real one.
type Storage interface {
	// Corpus returns what is stored under version; ok is false when
	// nothing is.
	Corpus(ctx context.Context, version string) (data []byte, ok bool, err error)
	// Put stores data under version and makes version the current one in
	// one step, so a reader sees either the old index or the whole new
	// one, never a part.
	Put(ctx context.Context, version string, data []byte) error
	// Current returns the version last put by any process ("" if none).
	Current(ctx context.Context) (string, error)
}

// Store reads and writes corpora.
type Store struct {
	st Storage

	mu sync.Mutex
	// last is the corpus this process last loaded, read or wrote: what
	// Current writes back when the storage has lost every version.
	last knowledge.Corpus
	// restored hears of each such write (OnRestore).
	restored func(version string)
}

// New returns a Store over st.
func New(st Storage) *Store { return &Store{st: st} }

// OnRestore sets f to hear of each time Current found the storage holding
// no current version (Redis restarted without its data, flushed, or
// evicting) and wrote back the corpus this process serves. Set it before
// the Store is used by more than one goroutine.
func (s *Store) OnRestore(f func(version string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.restored = f
}

func (s *Store) remember(c knowledge.Corpus) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last = c
}

// Origin says where a loaded corpus came from.
type Origin int

const (
	FromCache Origin = iota // one GET, no parsing or chunking
	Built                   // parsed and chunked, then written to the cache
)

// Load returns the corpus for srcs. When the storage holds their version
// it is read in one round trip without parsing; otherwise the sources are
// built and the result written back. A storage failure is returned together with
// the locally built corpus, so callers can degrade (answer from the files)
// and say so.
func (s *Store) Load(ctx context.Context, srcs []knowledge.Source) (knowledge.Corpus, Origin, error) {
	version := knowledge.Version(srcs)
	c, err := s.Get(ctx, version)
	if err == nil {
		c = c.Relocate(srcs)
		s.remember(c)
		return c, FromCache, nil
	}
	built, berr := knowledge.Build(srcs)
	if berr != nil {
		return knowledge.Corpus{}, Built, berr
	}
	// Remembered even when the storage fails: Current writes it once the
	// storage answers and holds no version.
	s.remember(built)
	if !errors.Is(err, ErrNotFound) {
		return built, Built, err
	}
	return built, Built, s.Put(ctx, built)
}

// ErrNotFound means no corpus is stored under the version asked for.
var ErrNotFound = errors.New("store: knowledge version not cached")

// Get reads the corpus stored under version.
func (s *Store) Get(ctx context.Context, version string) (knowledge.Corpus, error) {
	data, ok, err := s.st.Corpus(ctx, version)
	if err != nil {
		return knowledge.Corpus{}, fmt.Errorf("store: get knowledge %s: %w", version, err)
	}
	if !ok {
		return knowledge.Corpus{}, ErrNotFound
	}
	var c knowledge.Corpus
	if err := json.Unmarshal(data, &c); err != nil || c.Version != version {
		// A corrupt or foreign entry is treated as absent and rebuilt.
		return knowledge.Corpus{}, ErrNotFound
	}
	s.remember(c)
	return c, nil
}

// Put writes c and makes it the current version in one step (one
// script in Redis), so a reader sees either the old index or the whole
// new one, never a part.
// Writing the same version again is harmless.
func (s *Store) Put(ctx context.Context, c knowledge.Corpus) error {
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: encode knowledge %s: %w", c.Version, err)
	}
	s.remember(c)
	if err := s.st.Put(ctx, c.Version, data); err != nil {
		return fmt.Errorf("store: put knowledge %s: %w", c.Version, err)
	}
	return nil
}

// Current returns the version last written by any process ("" if none).
//
// A storage that answers but holds no version has lost what was written
// (Redis restarted without persistence, flushed, or evicting keys), or
// could not take this process's corpus when it was loaded: the corpus this
// process last loaded, read or wrote is written back, so that the chunk
// store is whole again without a restart, and its version returned; the
// OnRestore function hears of it. Should that write fail, so does Current.
func (s *Store) Current(ctx context.Context) (string, error) {
	v, err := s.st.Current(ctx)
	if err != nil {
		return "", fmt.Errorf("store: current knowledge version: %w", err)
	}
	s.mu.Lock()
	last, restored := s.last, s.restored
	s.mu.Unlock()
	if v != "" || last.Version == "" {
		return v, nil
	}
	if err := s.Put(ctx, last); err != nil {
		return "", fmt.Errorf("store: the storage holds no knowledge version; writing %s back: %w", last.Version, err)
	}
	if restored != nil {
		restored(last.Version)
	}
	return last.Version, nil
}
