package semantic

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge"
)

// memCache is a Cache in memory; redisstore tests the Redis one. down
// makes every call fail, as with Redis down.
type memCache struct {
	mu   sync.Mutex
	vecs map[string][]float32
	down bool
}

func (m *memCache) Vectors(_ context.Context, model string, texts []string) ([][]float32, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return nil, errors.New("down")
	}
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = m.vecs[model+"\x00"+t]
	}
	return out, nil
}

func (m *memCache) SetVectors(_ context.Context, model string, texts []string, vecs [][]float32, _ time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return errors.New("down")
	}
	if m.vecs == nil {
		m.vecs = map[string][]float32{}
	}
	for i, t := range texts {
		m.vecs[model+"\x00"+t] = vecs[i]
	}
	return nil
}

func setup(t *testing.T) (*llmtest.Server, *llm.Client, []knowledge.Chunk) {
	t.Helper()
	srv := llmtest.New(t)
	c, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), EmbeddingModel: llmtest.EmbeddingModel, Timeout: 2 * time.Second, RetryBaseDelay: time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	chunks := []knowledge.Chunk{
		{ID: "b#p1", Text: "NATO leaders gather in Washington for the summit."},
		{ID: "b#p2", Text: "The Quad comprises the U.S., Japan, Australia and India."},
		{ID: "b#p3", Text: "Macron opposes a NATO office in Tokyo."},
	}
	return srv, c, chunks
}

func TestRankAndCache(t *testing.T) {
	cache := &memCache{}
	srv, emb, chunks := setup(t)
	ctx := context.Background()
	ix := New(emb, cache, llmtest.EmbeddingModel, chunks)
	got, err := ix.Rank(ctx, "which countries are in the quad japan australia india", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "b#p2" {
		t.Fatalf("rank: %+v", got)
	}
	calls := srv.EmbeddingCalls() // chunks + query
	// A restart: a new index over the same chunks embeds nothing again, and
	// the same query is served from the cache.
	ix2 := New(emb, cache, llmtest.EmbeddingModel, chunks)
	if _, err := ix2.Rank(ctx, "which countries are in the quad japan australia india", 2); err != nil {
		t.Fatal(err)
	}
	if srv.EmbeddingCalls() != calls {
		t.Errorf("embedding calls went from %d to %d: cache not used", calls, srv.EmbeddingCalls())
	}
	// A changed chunk alone is embedded.
	chunks[0].Text = "NATO leaders met in Washington."
	ix3 := New(emb, cache, llmtest.EmbeddingModel, chunks)
	if err := ix3.Warm(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	if last.Embedding == nil || len(last.Embedding.Input) != 1 {
		t.Errorf("re-embedded %v, want only the changed chunk", last.Embedding)
	}
}

func TestFailuresAndRecovery(t *testing.T) {
	cache := &memCache{}
	srv, emb, chunks := setup(t)
	ctx := context.Background()
	srv.EnqueueEmbedding(llmtest.Reply{Status: 400})
	ix := New(emb, cache, llmtest.EmbeddingModel, chunks)
	if _, err := ix.Rank(ctx, "quad", 1); err == nil {
		t.Fatal("embedder failure not reported")
	}
	if _, err := ix.Rank(ctx, "quad japan", 1); err != nil {
		t.Fatalf("did not recover: %v", err)
	}
	// Cache down: the embedder still answers, only the cache is lost.
	cache.down = true
	ix2 := New(emb, cache, llmtest.EmbeddingModel, chunks)
	got, err := ix2.Rank(ctx, "macron tokyo office", 1)
	if err != nil || got[0].ID != "b#p3" {
		t.Errorf("with the cache down: %+v, %v", got, err)
	}
}
