package main

import (
	"fmt"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/prompts"
)

// A streamed answer with a notice (sentences left out): the notice was
// printed straight after the last streamed sentence, on its line
// ("…China [1].(1 sentence(s) of the model's answer…)"), and the sources
// after three blank lines. The notice stands on a line of its own, apart
// from the answer, and the sources follow it as they follow any answer.
func TestAskStreamedAnswerNoticeOnItsOwnLine(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		n := p.Number(11)
		return llmtest.Reply{Text: fmt.Sprintf("Macron fears provoking China [%d]. In 2019 Merkel agreed [%d].", n, n)}
	})
	env := map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat"}
	code, out, errs := runBot(t, env, "ask", "Why does France oppose a NATO office in Tokyo?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, "Merkel") || strings.Count(out, "Macron fears provoking China [1].") != 1 {
		t.Fatalf("want the checked sentence once and nothing else of the model's:\n%s", out)
	}
	if !strings.HasPrefix(out, "Macron fears provoking China [1].\n\n(1 sentence(s)") {
		t.Errorf("the notice is not set apart from the streamed answer:\n%q", out)
	}
	if strings.Contains(out, "\n\n\n") || !strings.Contains(out, "checks against the briefing (a claim it does not support, a link or mention, or a sentence left unfinished).)\n\nSources:\n[1]") {
		t.Errorf("want the sources one blank line after the notice:\n%q", out)
	}
}

// A reply a content filter stopped mid-sentence: "It would complicate
// the ties of France and [1]" reached the terminal as a sentence of the
// answer. Only the finished sentence is shown, and the notice says one
// was left out.
func TestAskReplyStoppedByContentFilter(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		n := p.Number(11)
		return llmtest.Reply{FinishReason: "content_filter",
			Pieces: []string{fmt.Sprintf("Macron fears provoking China [%d]. ", n), fmt.Sprintf("It would complicate the ties of France [%d] and", n)}}
	})
	env := map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat"}
	code, out, errs := runBot(t, env, "ask", "Why does France oppose a NATO office in Tokyo?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, "ties of France") || !strings.HasPrefix(out, "Macron fears provoking China [1].\n\n(1 sentence(s)") {
		t.Errorf("want the finished sentence alone, then the notice:\n%s", out)
	}
}
