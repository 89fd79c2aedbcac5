package llmanswer

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/bot/quiz"
)

func newModel(t *testing.T, srv *llmtest.Server) Model {
	t.Helper()
	c, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: llmtest.ChatModel, Timeout: 500 * time.Millisecond, RetryBaseDelay: time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return New(c)
}

func TestStreamPassesMessagesAndLimits(t *testing.T) {
	srv := llmtest.New(t)
	var got openai.ChatCompletionRequest
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		got = req
		return llmtest.Reply{Pieces: []string{"Macron ", "objects [1]."}}
	})
	var pieces []string
	r, err := newModel(t, srv).Stream(context.Background(),
		[]answer.Message{{Role: "system", Content: "rules"}, {Role: "user", Content: "question"}},
		answer.Generation{MaxTokens: 77, Temperature: 0.1}, func(s string) { pieces = append(pieces, s) })
	if err != nil || r.Text != "Macron objects [1]." || strings.Join(pieces, "|") != "Macron |objects [1]." || r.PromptTokens == 0 {
		t.Fatalf("reply %+v, pieces %q, err %v", r, pieces, err)
	}
	if len(got.Messages) != 2 || got.Messages[0].Role != "system" || got.Messages[1].Content != "question" || got.MaxTokens != 77 {
		t.Errorf("request %+v", got)
	}
}

// A reply stopped at the token limit reaches the core as cut; one that
// stopped by itself does not.
func TestStreamSaysWhenCut(t *testing.T) {
	for finish, cut := range map[string]bool{"length": true, "stop": false} {
		srv := llmtest.New(t)
		srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
			return llmtest.Reply{Pieces: []string{"Macron objects [1] and"}, FinishReason: finish}
		})
		r, err := newModel(t, srv).Stream(context.Background(), []answer.Message{{Role: "user", Content: "q"}}, answer.Generation{MaxTokens: 5}, nil)
		if err != nil || r.Cut != cut {
			t.Errorf("finish %s: cut %v, err %v", finish, r.Cut, err)
		}
	}
}

// The client's error kinds reach the core as the kinds it explains.
func TestErrorKinds(t *testing.T) {
	tests := []struct {
		reply  llmtest.Reply
		want   error
		result string
	}{
		{llmtest.Reply{Text: "ok [1]."}, nil, "ok"},
		{llmtest.Reply{Status: 429}, answer.ErrModelBusy, "rate_limited"},
		{llmtest.Reply{Hang: true}, answer.ErrModelSlow, "timeout"},
		{llmtest.Reply{Status: 400}, nil, "error"},
		// A refused key is its own kind: no member is told to wait.
		{llmtest.Reply{Status: 401}, answer.ErrModelSetup, "unauthorized"},
		{llmtest.Reply{Status: 403}, answer.ErrModelSetup, "unauthorized"},
		// So is a model the server does not have (OPENAI_MODEL misspelt).
		{llmtest.Reply{Status: 404}, answer.ErrModelSetup, "not_found"},
	}
	for _, tt := range tests {
		srv := llmtest.New(t)
		srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply { return tt.reply })
		obs := &calls{}
		m := newModel(t, srv)
		m.Observer = obs
		_, err := m.Stream(context.Background(), []answer.Message{{Role: "user", Content: "q"}}, answer.Generation{}, nil)
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%+v: err %v, want %v", tt.reply, err, tt.want)
		}
		if len(obs.results) != 1 || obs.results[0] != tt.result {
			t.Errorf("%+v: observed %v, want [%s]", tt.reply, obs.results, tt.result)
		}
	}
}

type calls struct{ results []string }

func (c *calls) ModelCall(result string, _, _ int) { c.results = append(c.results, result) }

func TestQuizModelWritesOneCompletion(t *testing.T) {
	srv := llmtest.New(t)
	var got openai.ChatCompletionRequest
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		got = req
		return llmtest.Reply{Text: `{"questions":[]}`}
	})
	m := QuizModel{Client: newModel(t, srv).Client}
	text, err := m.Write(context.Background(), "rules", "the briefing", quiz.Generation{MaxTokens: 900, Temperature: 0.3})
	if err != nil || text != `{"questions":[]}` {
		t.Fatalf("Write = %q, %v", text, err)
	}
	if len(got.Messages) != 2 || got.Messages[0].Content != "rules" || got.Messages[1].Content != "the briefing" || got.MaxTokens != 900 || got.Temperature != 0.3 {
		t.Errorf("request %+v", got)
	}
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply { return llmtest.Reply{Status: 503} })
	if _, err := m.Write(context.Background(), "rules", "x", quiz.Generation{}); err == nil {
		t.Error("Write with the model down: no error")
	}
}
