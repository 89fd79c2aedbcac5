package answer

import (
	"context"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// A model that says in words that the briefing lacks the answer, instead
// of the sentinel, has decided the question is not covered: the member
// gets the refusal (what the briefing covers), not the extractive
// answer's quote with a notice that the model's answer was rejected. A
// reply whose cited sentences failed the checks, or that says something
// else without a marker, is still no refusal.
func TestProseRefusalIsARefusal(t *testing.T) {
	for reply, refused := range map[string]bool{
		"The briefing doesn't mention Germany.":                                 true,
		"I'm sorry, but the article does not say what Germany thinks.":          true,
		"Germany is not mentioned in the passages.":                             true,
		"There is no information about Germany in the briefing.":                true,
		"The briefing doesn't mention Germany, but Germany objects [1].":        false,
		"Germany strongly objects to the office.":                               false,
		"The briefing does not mention it. Germany objects to NATO's plan [1].": false,
	} {
		a := askReplying(t, "Why does France oppose a NATO office in Tokyo?", reply)
		if a.Refused != refused || refused && !strings.Contains(a.Text, "doesn't say") {
			t.Errorf("%q: refused %v (%q, mode %s), want %v", reply, a.Refused, a.Text, a.Mode, refused)
		}
	}
}

// A refusal read from the model's words is not cached: patterns may
// misread an answer, and the next asker asks the model again.
func TestProseRefusalIsNotCached(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Text: "The briefing doesn't mention Germany."}
	})
	e := newEngine(t, srv, WithCache(&mapCache{m: map[string][]byte{}}, time.Hour))
	for range 2 {
		if a, err := e.Ask(context.Background(), Request{Question: "What did Germany say about NATO?"}, nil); err != nil || !a.Refused {
			t.Fatalf("refused %v, %v", a.Refused, err)
		}
	}
	if n := srv.ChatCalls(); n != 2 {
		t.Errorf("%d model calls for the same question asked twice; want 2", n)
	}
}

// askReplying asks q of an engine whose model replies reply, and returns
// the answer.
func askReplying(t *testing.T, q, reply string) Answer {
	t.Helper()
	srv := llmtest.New(t)
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply { return llmtest.Reply{Text: reply} })
	a, err := newEngine(t, srv).Ask(context.Background(), Request{Question: q}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
