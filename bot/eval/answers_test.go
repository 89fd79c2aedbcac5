package eval

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/sashabaranov/go-openai"
)

// askerFunc is an Asker from a function.
type askerFunc func(ctx context.Context, req answer.Request) (answer.Answer, error)

func (f askerFunc) Ask(ctx context.Context, req answer.Request, _ func(string)) (answer.Answer, error) {
	return f(ctx, req)
}

func TestAnswersStopWhenInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	asked := 0
	a := askerFunc(func(ctx context.Context, req answer.Request) (answer.Answer, error) {
		asked++
		if asked == 2 {
			cancel() // Ctrl-C while the second question is answered
			return answer.Answer{}, ctx.Err()
		}
		return answer.Answer{Text: "x", Mode: answer.ModeExtractive}, nil
	})
	qs := []Question{{ID: "1", Question: "a?"}, {ID: "2", Question: "b?"}, {ID: "3", Question: "c?"}}
	rep := Answers(ctx, a, qs)
	if !rep.Interrupted || len(rep.Questions) != 1 || asked != 2 || rep.Summary.Errors != 0 {
		t.Errorf("interrupted %v after %d outcomes, %d asks, %d errors; want interrupted after 1 outcome, 2 asks, no errors",
			rep.Interrupted, len(rep.Questions), asked, rep.Summary.Errors)
	}
}

// TestAnswersCountFallBacks: with a model that refuses every call (a
// wrong key: 401), each answer is the extractive one in its stead. The
// report says so — in the summary, per question and in the text — rather
// than showing figures that read as the model's.
func TestAnswersCountFallBacks(t *testing.T) {
	qs := []Question{
		{ID: "a", Question: "Why does France oppose a NATO office in Tokyo?", Gold: []string{"unnecessarily provoke China"}, Answerable: true},
		{ID: "b", Question: "What did Lin Jian say about NATO?", Gold: []string{"Lin Jian"}, Answerable: true},
	}
	e, srv := oracleEngine(t, qs)
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Status: http.StatusUnauthorized}
	})
	rep := Answers(context.Background(), e, qs)
	if rep.Summary.FellBack != 2 || !rep.Questions[0].FellBack || !rep.Questions[1].FellBack {
		t.Fatalf("fell back: summary %d, questions %v %v; want 2, true, true", rep.Summary.FellBack, rep.Questions[0].FellBack, rep.Questions[1].FellBack)
	}
	var b strings.Builder
	if err := WriteAnswersText(&b, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "fell back to extractive 2") {
		t.Errorf("the text report does not say the answers fell back:\n%s", b.String())
	}

	// The model back: nothing fell back, and the text says nothing of it.
	srv.OnChat(llmtest.Oracle(func(string) []string { return []string{"unnecessarily provoke China"} }))
	rep = Answers(context.Background(), e, qs[:1])
	b.Reset()
	if err := WriteAnswersText(&b, rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.FellBack != 0 || strings.Contains(b.String(), "fell back") {
		t.Errorf("with the model answering: fell back %d, text:\n%s", rep.Summary.FellBack, b.String())
	}
}
