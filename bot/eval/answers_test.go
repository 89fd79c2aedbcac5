package eval

import (
	"context"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
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
