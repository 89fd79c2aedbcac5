package semantic

import (
	"context"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

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
	rs := redistest.Start(t)
	srv, emb, chunks := setup(t)
	ctx := context.Background()
	ix := New(emb, rs.Client(t), llmtest.EmbeddingModel, rs.Prefix(), chunks)
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
	ix2 := New(emb, rs.Client(t), llmtest.EmbeddingModel, rs.Prefix(), chunks)
	if _, err := ix2.Rank(ctx, "which countries are in the quad japan australia india", 2); err != nil {
		t.Fatal(err)
	}
	if srv.EmbeddingCalls() != calls {
		t.Errorf("embedding calls went from %d to %d: cache not used", calls, srv.EmbeddingCalls())
	}
	// A changed chunk alone is embedded.
	chunks[0].Text = "NATO leaders met in Washington."
	ix3 := New(emb, rs.Client(t), llmtest.EmbeddingModel, rs.Prefix(), chunks)
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
	rs := redistest.Start(t)
	srv, emb, chunks := setup(t)
	ctx := context.Background()
	srv.EnqueueEmbedding(llmtest.Reply{Status: 400})
	ix := New(emb, rs.Client(t), llmtest.EmbeddingModel, rs.Prefix(), chunks)
	if _, err := ix.Rank(ctx, "quad", 1); err == nil {
		t.Fatal("embedder failure not reported")
	}
	if _, err := ix.Rank(ctx, "quad japan", 1); err != nil {
		t.Fatalf("did not recover: %v", err)
	}
	// Redis down: the embedder still answers, only the cache is lost.
	rs.Stop()
	ix2 := New(emb, rs.Client(t), llmtest.EmbeddingModel, rs.Prefix(), chunks)
	got, err := ix2.Rank(ctx, "macron tokyo office", 1)
	if err != nil || got[0].ID != "b#p3" {
		t.Errorf("with Redis down: %+v, %v", got, err)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	v := normalise([]float32{3, 4})
	got, ok := decode(string(encode(v)))
	if !ok || got[0] != v[0] || got[1] != v[1] {
		t.Errorf("round trip: %v -> %v", v, got)
	}
	if _, ok := decode("abc"); ok {
		t.Error("a corrupt entry decoded")
	}
}
