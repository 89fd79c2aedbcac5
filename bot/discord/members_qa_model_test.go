package discord

import (
	"fmt"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmanswer"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/prompts"
)

// modelHarness is a bot whose answers a scripted OpenAI-compatible model
// writes: reply gets the number the prompt gives paragraph 11.
func modelHarness(t *testing.T, timeout time.Duration, reply func(n int, req openai.ChatCompletionRequest) llmtest.Reply) (*harness, *llmtest.Server) {
	t.Helper()
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		return reply(p.Number(11), req)
	})
	client, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: llmtest.ChatModel, MaxRetries: -1, Timeout: timeout, StallTimeout: timeout}, nil)
	if err != nil {
		t.Fatal(err)
	}
	engine := newEngine(t, answer.WithModel(llmanswer.New(client), llmtest.ChatModel))
	return start(t, setup{answerer: engine, cfg: Config{EditInterval: 30 * time.Millisecond}}), srv
}

// A member asks publicly while the model misbehaves. Whatever it does,
// the member ends with one finished message (no "writing…" line left),
// nothing the checker would not pass (links, mentions, a sentence cut
// off at the token limit), no ping, and buttons.
func TestMembersQAModelFaults(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		reply func(n int) llmtest.Reply
		want  string
		never []string
	}{
		{"stalls after a sentence", func(n int) llmtest.Reply {
			return llmtest.Reply{Pieces: []string{fmt.Sprintf("Macron fears provoking China [%d]. He", n), " objected"}, Stall: true}
		}, "took too long", []string{"objected"}},
		{"500", func(int) llmtest.Reply { return llmtest.Reply{Status: 500} }, "unavailable", nil},
		{"sentinel only", func(int) llmtest.Reply { return llmtest.Reply{Text: prompts.Refusal} }, "doesn't say", []string{prompts.Refusal}},
		{"links and mentions", func(n int) llmtest.Reply {
			return llmtest.Reply{Pieces: []string{fmt.Sprintf("Macron fears provoking China [%d]. ", n),
				fmt.Sprintf("See https://evil.example/x [%d]. ", n), fmt.Sprintf("<@&123> @everyone France objects to the office [%d].", n)}}
		}, "Macron fears provoking China [1].", []string{"evil.example", "<@&123>", "@everyone"}},
		{"cut at its token limit", func(n int) llmtest.Reply {
			return llmtest.Reply{Pieces: []string{fmt.Sprintf("Macron fears provoking China [%d]. He objected to", n)}, FinishReason: "length"}
		}, "Macron fears provoking China [1].", []string{"objected"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h, _ := modelHarness(t, 2*time.Second, func(n int, _ openai.ChatCompletionRequest) llmtest.Reply { return c.reply(n) })
			m := h.waitFinal(h.ask(franceQ, false))
			if !strings.Contains(m.Content, c.want) || strings.Contains(m.Content, writingLine) || len(m.Components) == 0 {
				t.Errorf("final answer:\n%s\nwant %q, no writing line, buttons", m.Content, c.want)
			}
			for _, n := range c.never {
				if strings.Contains(m.Content, n) {
					t.Errorf("final answer shows %q:\n%s", n, m.Content)
				}
			}
			h.checkNoMentions()
		})
	}
}
