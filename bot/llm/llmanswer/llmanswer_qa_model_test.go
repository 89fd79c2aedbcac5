package llmanswer

import (
	"context"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// A provider's content filter stops a reply where it stands, mid-sentence
// as a token limit does ("…the ties of France [1] and"): the core must
// hear it as cut, or it shows the unfinished sentence as an answer.
func TestStreamStoppedByContentFilterIsCut(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Pieces: []string{"Macron objects [1] and"}, FinishReason: "content_filter"}
	})
	r, err := newModel(t, srv).Stream(context.Background(), []answer.Message{{Role: "user", Content: "q"}}, answer.Generation{}, nil)
	if err != nil || !r.Cut {
		t.Errorf("content_filter: cut %v, err %v", r.Cut, err)
	}
}

// TestStreamNeverSaidOverIsCut: a stream that stops with neither a finish
// reason nor "data: [DONE]" — a proxy ending it mid-reply — may end
// mid-sentence, and counts as cut; a server that leaves out one of the
// two still said the reply was over.
func TestStreamNeverSaidOverIsCut(t *testing.T) {
	for _, tc := range []struct {
		name             string
		noFinish, noDone bool
		cut              bool
	}{
		{"both", false, false, false},
		{"no finish reason, [DONE]", true, false, false},
		{"a finish reason, no [DONE]", false, true, false},
		{"neither", true, true, true},
	} {
		srv := llmtest.New(t)
		srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
			return llmtest.Reply{Pieces: []string{"Macron objects [1] and"}, NoFinish: tc.noFinish, NoDone: tc.noDone}
		})
		r, err := newModel(t, srv).Stream(context.Background(), []answer.Message{{Role: "user", Content: "q"}}, answer.Generation{}, nil)
		if err != nil || r.Cut != tc.cut {
			t.Errorf("%s: cut %v, err %v; want cut %v", tc.name, r.Cut, err, tc.cut)
		}
	}
}
