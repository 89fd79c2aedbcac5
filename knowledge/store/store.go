// Package store caches chunked knowledge in Redis under its content-hash
// version. Briefing files stay the source of truth; the cache saves parsing
// and chunking at start-up (one GET when nothing changed) and lets several
// bot processes agree on what the current version is.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/knowledge"
)

// Store reads and writes corpora in Redis.
type Store struct {
	rdb     redis.UniversalClient
	prefix  string
	timeout time.Duration
}

// New returns a store using keys under prefix (e.g. "briefbot:").
func New(rdb redis.UniversalClient, prefix string) *Store {
	return &Store{rdb: rdb, prefix: prefix, timeout: 5 * time.Second}
}

func (s *Store) corpusKey(version string) string { return s.prefix + "kb:corpus:" + version }
func (s *Store) currentKey() string              { return s.prefix + "kb:current" }

// Origin says where a loaded corpus came from.
type Origin int

const (
	FromCache Origin = iota // one GET, no parsing or chunking
	Built                   // parsed and chunked, then written to the cache
)

// Load returns the corpus for srcs. When Redis holds their version it is
// read in one round trip without parsing; otherwise the sources are built
// and the result written back. A Redis failure is returned together with
// the locally built corpus, so callers can degrade (answer from the files)
// and say so.
func (s *Store) Load(ctx context.Context, srcs []knowledge.Source) (knowledge.Corpus, Origin, error) {
	version := knowledge.Version(srcs)
	c, err := s.Get(ctx, version)
	if err == nil {
		return c, FromCache, nil
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
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	data, err := s.rdb.Get(ctx, s.corpusKey(version)).Bytes()
	if errors.Is(err, redis.Nil) {
		return knowledge.Corpus{}, ErrNotFound
	}
	if err != nil {
		return knowledge.Corpus{}, fmt.Errorf("store: get knowledge %s: %w", version, err)
	}
	var c knowledge.Corpus
	if err := json.Unmarshal(data, &c); err != nil || c.Version != version {
		// A corrupt or foreign entry is treated as absent and rebuilt.
		return knowledge.Corpus{}, ErrNotFound
	}
	return c, nil
}

// Put writes c and makes it the current version in one MULTI/EXEC, so a
// reader sees either the old index or the whole new one, never a part.
// Writing the same version again is harmless.
func (s *Store) Put(ctx context.Context, c knowledge.Corpus) error {
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: encode knowledge %s: %w", c.Version, err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, s.corpusKey(c.Version), data, 0)
		p.Set(ctx, s.currentKey(), c.Version, 0)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: put knowledge %s: %w", c.Version, err)
	}
	return nil
}

// Current returns the version last written by any process ("" if none).
func (s *Store) Current(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	v, err := s.rdb.Get(ctx, s.currentKey()).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: current knowledge version: %w", err)
	}
	return v, nil
}
