// Package semantic ranks chunks by embedding similarity. Chunk embeddings
// are computed once per (embedding model, chunk text) and cached (Cache;
// redisstore.Vectors keeps them in Redis),
// so a restart or a new knowledge version only embeds what changed; query
// embeddings are cached too, since members ask the same things.
package semantic

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/briefbot/briefbot/knowledge"
)

// Embedder turns texts into vectors; *llm.Client is the real one.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Cache keeps normalised vectors by embedding model and text;
// redisstore.Vectors is the real one.
type Cache interface {
	// Vectors returns the cached vector of each text, nil where there is
	// none (or it is unreadable).
	Vectors(ctx context.Context, model string, texts []string) ([][]float32, error)
	// SetVectors caches vecs[i] as the vector of texts[i] for ttl.
	SetVectors(ctx context.Context, model string, texts []string, vecs [][]float32, ttl time.Duration) error
}

// Cache lifetimes and deadlines.
const (
	chunkTTL    = 30 * 24 * time.Hour
	queryTTL    = 7 * 24 * time.Hour
	embedTimout = 20 * time.Second
)

// Index ranks one knowledge version's chunks. Vectors are loaded on first
// use; a failure (model or Redis down) is returned and retried on the next
// call, so the bot recovers by itself.
type Index struct {
	emb    Embedder
	cache  Cache
	model  string
	chunks []knowledge.Chunk

	mu      sync.Mutex
	vectors [][]float32 // normalised; nil until loaded
}

// New returns an index over chunks whose vectors (of the embedding model
// named model) are cached in cache; nothing is embedded until first use.
func New(emb Embedder, cache Cache, model string, chunks []knowledge.Chunk) *Index {
	return &Index{emb: emb, cache: cache, model: model, chunks: chunks}
}

// Rank returns up to k chunks most similar to query, best first.
func (ix *Index) Rank(ctx context.Context, query string, k int) ([]knowledge.Chunk, error) {
	vecs, err := ix.load(ctx)
	if err != nil {
		return nil, err
	}
	qv, err := ix.embed(ctx, []string{query}, queryTTL)
	if err != nil {
		return nil, err
	}
	type scored struct {
		i int
		s float32
	}
	all := make([]scored, len(vecs))
	for i, v := range vecs {
		all[i] = scored{i, dot(qv[0], v)}
	}
	slices.SortStableFunc(all, func(a, b scored) int {
		switch {
		case a.s > b.s:
			return -1
		case a.s < b.s:
			return 1
		}
		return 0
	})
	var out []knowledge.Chunk
	for _, s := range all[:min(k, len(all))] {
		out = append(out, ix.chunks[s.i])
	}
	return out, nil
}

// Warm loads the chunk vectors now (at start-up), instead of on first use.
func (ix *Index) Warm(ctx context.Context) error {
	_, err := ix.load(ctx)
	return err
}

func (ix *Index) load(ctx context.Context) ([][]float32, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.vectors != nil {
		return ix.vectors, nil
	}
	texts := make([]string, len(ix.chunks))
	for i, c := range ix.chunks {
		texts[i] = c.Text
	}
	v, err := ix.embed(ctx, texts, chunkTTL)
	if err != nil {
		return nil, err
	}
	ix.vectors = v
	return v, nil
}

// embed returns normalised vectors for texts, from the cache where it has
// them (one read) and from the embedder for the rest (then cached). A
// cache failure only costs the cache: the embedder still answers.
func (ix *Index) embed(ctx context.Context, texts []string, ttl time.Duration) ([][]float32, error) {
	out, err := ix.cache.Vectors(ctx, ix.model, texts)
	if err != nil || len(out) != len(texts) {
		out = make([][]float32, len(texts))
	}
	var missing []int
	for i := range texts {
		if out[i] == nil {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	batch := make([]string, len(missing))
	for j, i := range missing {
		batch[j] = texts[i]
	}
	ectx, cancel := context.WithTimeout(ctx, embedTimout)
	defer cancel()
	vecs, eerr := ix.emb.Embed(ectx, batch)
	if eerr != nil {
		return nil, fmt.Errorf("semantic: embed %d texts: %w", len(batch), eerr)
	}
	if len(vecs) != len(batch) {
		return nil, errors.New("semantic: embedder returned the wrong number of vectors")
	}
	fresh := make([][]float32, len(missing))
	for j, i := range missing {
		out[i] = normalise(vecs[j])
		fresh[j] = out[i]
	}
	_ = ix.cache.SetVectors(ctx, ix.model, batch, fresh, ttl) // a cache write failure only costs a later re-embed
	return out, nil
}

func normalise(v []float32) []float32 {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	if n == 0 {
		return out
	}
	inv := float32(1 / math.Sqrt(n))
	for i, x := range v {
		out[i] = x * inv
	}
	return out
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range min(len(a), len(b)) {
		s += a[i] * b[i]
	}
	return s
}
