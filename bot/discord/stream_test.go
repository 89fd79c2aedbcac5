package discord

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmanswer"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/prompts"
)

// Two members ask the same question at once; the second is streamed the
// first one's answer, which the model then drops half written. The second
// member's message does not keep showing that half answer until the end:
// it is withdrawn, the member's own answer streams in its place, and the
// final edit holds nothing of the first answer.
func TestSameQuestionAtOnceFailureRestartsTheStream(t *testing.T) {
	t.Parallel()
	srv := llmtest.New(t)
	leaderHold, ownHold := make(chan struct{}), make(chan struct{})
	t.Cleanup(func() { close(leaderHold) })
	var calls atomic.Int32
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		n := p.Number(11)
		if calls.Add(1) == 1 {
			return llmtest.Reply{Pieces: []string{fmt.Sprintf("Macron fears provoking China [%d]. He objected", n),
				fmt.Sprintf(" to the office [%d].", n)}, Hold: leaderHold}
		}
		return llmtest.Reply{Pieces: []string{fmt.Sprintf("France has been a vocal critic of NATO’s Asian pivot [%d]. France has", n),
			fmt.Sprintf(" been a vocal critic [%d].", n)}, Hold: ownHold}
	})
	client, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: llmtest.ChatModel}, nil)
	if err != nil {
		t.Fatal(err)
	}
	model := &cutModel{Model: llmanswer.New(client), cut: make(chan struct{})}
	engine := newEngine(t, answer.WithModel(model, llmtest.ChatModel), answer.WithCache(&memCache{m: map[string][]byte{}}, time.Hour))
	h := start(t, setup{answerer: engine, cfg: Config{EditInterval: 30 * time.Millisecond}})

	first := h.ask(franceQ, false)
	h.until("the first model call", func() bool { return srv.ChatCalls() == 1 })
	second := h.ask(franceQ, false)
	h.waitOriginal(second, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "Macron fears provoking China") })
	close(model.cut) // the first answer fails half written
	h.waitOriginal(second, func(m *discordgo.Message) bool {
		return strings.Contains(m.Content, "vocal critic of NATO’s Asian pivot") && strings.Contains(m.Content, writingLine) &&
			!strings.Contains(m.Content, "Macron fears")
	})
	close(ownHold)
	m := h.waitFinal(second)
	if !strings.Contains(m.Content, "vocal critic of NATO’s Asian pivot [1]") || strings.Contains(m.Content, "Macron fears") || strings.Contains(m.Content, writingLine) {
		t.Errorf("second member's final answer:\n%s\nwant its own answer, nothing of the first", m.Content)
	}
	// No edit of the second member's message ever showed the two answers
	// run together.
	for _, r := range h.srv.Requests() {
		if r.Method == http.MethodPatch && strings.Contains(r.Path, second.Token) {
			if b := string(r.Body); strings.Contains(b, "Macron fears") && strings.Contains(b, "Asian pivot") {
				t.Errorf("an edit showed both answers: %s", b)
			}
		}
	}
	if f := h.waitFinal(first); !strings.Contains(f.Content, "Macron") {
		t.Errorf("first member's answer (extractive, the model having failed):\n%s", f.Content)
	}
}

// cutModel cuts its first answer off, as a dropped connection would, when
// cut is closed.
type cutModel struct {
	answer.Model
	cut   chan struct{}
	calls atomic.Int32
}

func (m *cutModel) Stream(ctx context.Context, msgs []answer.Message, g answer.Generation, onDelta func(string)) (answer.Reply, error) {
	if m.calls.Add(1) == 1 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			select {
			case <-m.cut:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	return m.Model.Stream(ctx, msgs, g, onDelta)
}

// memCache is an in-memory answer cache.
type memCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (c *memCache) Get(_ context.Context, k string) ([]byte, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok, nil
}

func (c *memCache) Set(_ context.Context, k string, v []byte, _ time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
	return nil
}
