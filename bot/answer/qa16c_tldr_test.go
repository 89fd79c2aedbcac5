package answer

import (
	"context"
	"strconv"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// QA 16c: an overview is never refused ("tl;dr", "tldr", "TLDR please"
// get the lead and the conclusion), but common spellings of the same
// request are not overviews: "TL/DR", "tl dr", "tl:dr", "too long, didn't
// read". As a first question each meets no briefing word and is refused
// before the model is asked (the model here would have answered with a
// checked sentence); as a follow-up, the model's "The briefing doesn't
// say anything more." is now a refusal too.
func TestQA16cTLDRSpellingsAreNeverRefused(t *testing.T) {
	for _, q := range []string{"TL/DR", "tl dr", "tl:dr", "too long, didn't read"} {
		for _, follow := range []bool{false, true} {
			srv := llmtest.New(t)
			srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
				if follow {
					return llmtest.Reply{Text: "The briefing doesn't say anything more."}
				}
				return llmtest.Reply{Text: "NATO leaders gather in Washington D.C. for their 75th anniversary summit [" + strconv.Itoa(passageNumber(req, 1)) + "]."}
			})
			req := Request{Question: q}
			if follow {
				req.History = []Turn{{Question: franceQ, Answer: "Macron fears provoking China [1]."}}
			}
			a, err := newEngine(t, srv).Ask(context.Background(), req, nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Refused {
				t.Errorf("%q (follow-up %v): refused: %q", q, follow, a.Text)
			}
		}
	}
}
