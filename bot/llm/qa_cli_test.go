package llm_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// newLoggedClient is a client of srv with cfg's models and its log.
func newLoggedClient(t *testing.T, srv *llmtest.Server, chat, embed string) (*llm.Client, *syncBuffer) {
	t.Helper()
	var logs syncBuffer
	c, err := llm.New(llm.Config{APIKey: testKey, BaseURL: srv.BaseURL(), Model: chat, EmbeddingModel: embed,
		Timeout: 5 * time.Second, RetryBaseDelay: time.Millisecond},
		slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	return c, &logs
}

// An embeddings call logged the chat model as its model: model="" with
// only OPENAI_EMBEDDING_MODEL set, and the chat model's name with both,
// neither the model called. It names the embedding model, done or failed.
func TestEmbedLogNamesTheEmbeddingModel(t *testing.T) {
	srv := llmtest.New(t)
	for _, chat := range []string{"", llmtest.ChatModel} {
		c, logs := newLoggedClient(t, srv, chat, llmtest.EmbeddingModel)
		if _, err := c.Embed(context.Background(), []string{"NATO office in Tokyo"}); err != nil {
			t.Fatal(err)
		}
		srv.EnqueueEmbedding(llmtest.Reply{Status: 400})
		if _, err := c.Embed(context.Background(), []string{"NATO office in Tokyo"}); err == nil {
			t.Fatal("a 400 gave no error")
		}
		for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
			if strings.Contains(line, "op=embed") && !strings.Contains(line, "model="+llmtest.EmbeddingModel) {
				t.Errorf("chat model %q: an embeddings line names another model: %s", chat, line)
			}
		}
		if n := strings.Count(logs.String(), "op=embed"); n != 2 {
			t.Errorf("chat model %q: %d embeddings lines, want 2 (done, failed):\n%s", chat, n, logs)
		}
	}
}
