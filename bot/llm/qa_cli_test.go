package llm_test

import (
	"context"
	"errors"
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

// A refused key (401, or 403: no access to the model) was one more
// "llm: call failed" WARN per question, as a passing outage is. It is
// ErrUnauthorized (still a kind of ErrBadRequest), and an ERROR naming
// OPENAI_API_KEY is logged once until a call succeeds again.
func TestRefusedKeyLoggedOnceAsError(t *testing.T) {
	srv := llmtest.New(t)
	c, logs := newLoggedClient(t, srv, llmtest.ChatModel, "")
	call := func(status int) error {
		t.Helper()
		if status != 0 {
			srv.Enqueue(llmtest.Reply{Status: status})
		}
		_, err := c.Complete(context.Background(), question, llm.Options{})
		return err
	}
	for _, status := range []int{401, 403, 401} {
		if err := call(status); !errors.Is(err, llm.ErrUnauthorized) || !errors.Is(err, llm.ErrBadRequest) {
			t.Errorf("HTTP %d: error %v, want ErrUnauthorized (and ErrBadRequest)", status, err)
		}
	}
	if !c.KeyRefused() {
		t.Error("KeyRefused false after a 401")
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 1 || !strings.Contains(logs.String(), "refuses the API key (OPENAI_API_KEY)") {
		t.Errorf("%d ERROR lines for three refused calls, want 1 naming OPENAI_API_KEY:\n%s", n, logs)
	}
	if err := call(0); err != nil {
		t.Fatal(err)
	}
	if c.KeyRefused() || !strings.Contains(logs.String(), "accepts the API key again") {
		t.Errorf("a call that succeeds after the key was fixed: KeyRefused %v, log:\n%s", c.KeyRefused(), logs)
	}
	_ = call(401)
	if n := strings.Count(logs.String(), "level=ERROR"); n != 2 {
		t.Errorf("refused again after it was fixed: %d ERROR lines, want 2", n)
	}
	for _, status := range []int{400, 404, 503} {
		if err := call(status); errors.Is(err, llm.ErrUnauthorized) {
			t.Errorf("HTTP %d is ErrUnauthorized", status)
		}
	}
}

// A model the server does not have (404: OPENAI_MODEL misspelt, or a
// base URL without its /v1) is an operator's to fix, as a refused key is:
// ErrNotFound (a kind of ErrBadRequest), one ERROR per model naming the
// settings, and an INFO once the model answers again. A wrong embedding
// model does not silence the chat model's ERROR, nor the other way round.
func TestUnknownModelLoggedOnceAsError(t *testing.T) {
	srv := llmtest.New(t)
	c, logs := newLoggedClient(t, srv, llmtest.ChatModel, llmtest.EmbeddingModel)
	chat := func(status int) error {
		t.Helper()
		if status != 0 {
			srv.Enqueue(llmtest.Reply{Status: status})
		}
		_, err := c.Complete(context.Background(), question, llm.Options{})
		return err
	}
	for range 3 {
		if err := chat(404); !errors.Is(err, llm.ErrNotFound) || !errors.Is(err, llm.ErrBadRequest) {
			t.Fatalf("HTTP 404: error %v, want ErrNotFound (and ErrBadRequest)", err)
		}
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 1 || !strings.Contains(logs.String(), "no such model or endpoint (OPENAI_MODEL") {
		t.Errorf("%d ERROR lines for three 404s, want 1 naming OPENAI_MODEL:\n%s", n, logs)
	}
	srv.EnqueueEmbedding(llmtest.Reply{Status: 404})
	if _, err := c.Embed(context.Background(), []string{"x"}); !errors.Is(err, llm.ErrNotFound) {
		t.Fatalf("embeddings 404: %v", err)
	}
	if n := strings.Count(logs.String(), "level=ERROR"); n != 2 {
		t.Errorf("the embedding model's 404 after the chat model's: %d ERROR lines, want 2", n)
	}
	if err := chat(0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "answers for the model again") {
		t.Errorf("no INFO once the model answers again:\n%s", logs)
	}
	_ = chat(404)
	if n := strings.Count(logs.String(), "level=ERROR"); n != 3 {
		t.Errorf("missing again after it answered: %d ERROR lines, want 3", n)
	}
}
