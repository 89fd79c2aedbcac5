package answer

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// A model that rewrites a question in another language for the search
// chattily — a preamble on its own line before the query, as small local
// models do despite "reply with the query only", or the refusal
// sentinel — gave the search a line that meets nothing: the model was then
// asked to answer from no passage at all ("passages 1 to 0"), and the
// member was told the briefing doesn't say, for a question it answers.
func TestChattyRewriteStillFindsThePassages(t *testing.T) {
	for _, rewrite := range []string{
		"Here is the English search query:\nWhy does France oppose a NATO office in Tokyo?",
		"Sure! The query is:\n\n\"France opposition NATO office Tokyo\"",
		"NOT_IN_BRIEFING",
		"Lo siento, no puedo.",
	} {
		t.Run(rewrite, func(t *testing.T) {
			srv := llmtest.New(t)
			var mu sync.Mutex
			var prompt string
			srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
				if strings.Contains(req.Messages[0].Content, "search query") {
					return llmtest.Reply{Text: rewrite}
				}
				mu.Lock()
				prompt = req.Messages[1].Content
				mu.Unlock()
				n := passageNumber(req, 11)
				if n == 0 {
					return llmtest.Reply{Text: "NOT_IN_BRIEFING"}
				}
				return llmtest.Reply{Text: fmt.Sprintf("Macron teme provocar a China [%d].", n)}
			})
			a, err := newEngine(t, srv).Ask(context.Background(), Request{Question: "¿Por qué Francia se opone a una oficina de la OTAN en Tokio?"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if a.Refused || a.Mode != ModeLLM || !strings.Contains(a.Text, "Macron") {
				t.Errorf("answer %+v\nprompt:\n%.400s", a, prompt)
			}
		})
	}
}
