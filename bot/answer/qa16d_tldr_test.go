package answer

import (
	"context"
	"strconv"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// QA 16d: "TL;DR" stands for "too long; didn't read" — with a semicolon,
// as it is most often spelled out — but overviewQ takes the spelled-out
// form only with a comma or nothing ("too long,? didn't read"). Asked
// first, "Too long; didn't read" meets no briefing word and is refused
// before the model is asked, and the refusal is cached; so are "TL,DR"
// and "tl-dr". An overview is never refused.
func TestQA16dTLDRSemicolonSpellingIsRefused(t *testing.T) {
	for _, q := range []string{"Too long; didn't read", "too long - didn't read", "TL,DR", "tl-dr"} {
		srv := llmtest.New(t)
		srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
			return llmtest.Reply{Text: "NATO leaders gather in Washington D.C. for their 75th anniversary summit [" + strconv.Itoa(passageNumber(req, 1)) + "]."}
		})
		a, err := newEngine(t, srv).Ask(context.Background(), Request{Question: q}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Refused {
			t.Errorf("%q: refused: %q", q, a.Text)
		}
	}
}
