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
type Store struct{ st Storage }

// New returns a Store over st.
func New(st Storage) *Store { return &Store{st: st} }

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
		return c.Relocate(srcs), FromCache, nil
	}
	built, berr := knowledge.Build(srcs)
	if berr != nil {
		return knowledge.Corpus{}, Built, berr
	}
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
	if err := s.st.Put(ctx, c.Version, data); err != nil {
		return fmt.Errorf("store: put knowledge %s: %w", c.Version, err)
	}
	return nil
}

// Current returns the version last written by any process ("" if none).
func (s *Store) Current(ctx context.Context) (string, error) {
	v, err := s.st.Current(ctx)
	if err != nil {
		return "", fmt.Errorf("store: current knowledge version: %w", err)
	}
	return v, nil
}
