package quiz

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// clientModel is the real client behind Model, as llmanswer.QuizModel
// adapts it (which this package's tests cannot import: it imports quiz).
type clientModel struct{ c *llm.Client }

func (m clientModel) Write(ctx context.Context, system, user string, g Generation) (string, error) {
	comp, err := m.c.Complete(ctx, []llm.Message{{Role: llm.RoleSystem, Content: system}, {Role: llm.RoleUser, Content: user}},
		llm.Options{MaxTokens: g.MaxTokens, Temperature: g.Temperature})
	return comp.Text, err
}

func newModel(t *testing.T, srv *llmtest.Server) Model {
	t.Helper()
	c, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: "test-model", Timeout: 2 * time.Second, MaxRetries: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return clientModel{c}
}

func reply(t *testing.T, ps ...proposal) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"questions": ps})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Proposals on the briefing: one good, the rest each failing one check.
var (
	good = proposal{Paragraph: 11, Question: "Who has expressed concerns that a NATO office in Tokyo could provoke China?",
		Correct: "French President Emmanuel Macron", Wrong: []string{"Jens Stoltenberg", "Lin Jian", "Joe Biden"}}
	unsupportedCorrect = proposal{Paragraph: 3, Question: "How many times have Asian partners been invited to the summit?",
		Correct: "For the fifth year", Wrong: []string{"Once", "Twice", "Never"}}
	supportedWrong = proposal{Paragraph: 20, Question: "Which country is in the Quad?",
		Correct: "India", Wrong: []string{"Australia", "Brazil", "Canada"}}
	outOfRange = proposal{Paragraph: 99, Question: "What?", Correct: "NATO", Wrong: []string{"a", "b", "c"}}
	duplicate  = proposal{Paragraph: 7, Question: "Who opposes NATO's Asian ambitions?", Correct: "China", Wrong: []string{"china", "Brazil", "Canada"}}
	tooFew     = proposal{Paragraph: 9, Question: "Which body is China-backed?", Correct: "Shanghai Cooperation Organisation", Wrong: []string{"G7"}}
)

func TestGenerateWithModel(t *testing.T) {
	b := briefing(t)
	tests := []struct {
		name      string
		reply     llmtest.Reply
		n         int
		wantKept  int
		wantDrops []string // substrings, one per dropped proposal
		modelErr  bool
	}{
		{"good question kept", llmtest.Reply{Text: reply(t, good)}, 1, 1, nil, false},
		{"unsupported correct option replaced", llmtest.Reply{Text: reply(t, good, unsupportedCorrect)}, 2, 1,
			[]string{`correct option "For the fifth year" is not supported by paragraph 3`}, false},
		{"supported distractor dropped", llmtest.Reply{Text: reply(t, supportedWrong, good)}, 3, 1,
			[]string{`wrong option "Australia" is supported by paragraph 20`}, false},
		{"malformed proposals", llmtest.Reply{Text: reply(t, outOfRange, duplicate, tooFew, good)}, 2, 1,
			[]string{"out of range", `given twice`, "1 wrong options"}, false},
		{"fenced JSON", llmtest.Reply{Text: "Here you are:\n```json\n" + reply(t, good) + "\n```"}, 1, 1, nil, false},
		{"bare array", llmtest.Reply{Text: func() string { b, _ := json.Marshal([]proposal{good}); return string(b) }()}, 1, 1, nil, false},
		{"not JSON", llmtest.Reply{Text: "Sure! Question 1: who is Macron?"}, 3, 0, nil, true},
		{"truncated JSON", llmtest.Reply{Text: `{"questions":[{"paragraph":11,"question":"Who`}, 3, 0, nil, true},
		{"model down", llmtest.Reply{Status: 503}, 2, 0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(tt.reply)
			qs, rep, err := GenerateWithModel(context.Background(), newModel(t, srv), b, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if len(qs) != tt.n {
				t.Fatalf("%d questions, want %d (report %+v)", len(qs), tt.n, rep)
			}
			if rep.Kept != tt.wantKept || rep.Filled != tt.n-tt.wantKept {
				t.Errorf("kept %d filled %d, want %d and %d (%+v)", rep.Kept, rep.Filled, tt.wantKept, tt.n-tt.wantKept, rep)
			}
			if (rep.ModelErr != nil) != tt.modelErr {
				t.Errorf("ModelErr = %v", rep.ModelErr)
			}
			if len(rep.Dropped) != len(tt.wantDrops) {
				t.Fatalf("dropped %q, want %d", rep.Dropped, len(tt.wantDrops))
			}
			for i, w := range tt.wantDrops {
				if !strings.Contains(rep.Dropped[i], w) {
					t.Errorf("drop %d = %q, want it to say %q", i, rep.Dropped[i], w)
				}
			}
			models := 0
			paras := map[int]bool{}
			for _, q := range qs {
				checkGrounded(t, b, q)
				if paras[q.Paragraph] {
					t.Errorf("two questions on paragraph %d", q.Paragraph)
				}
				paras[q.Paragraph] = true
				if q.Kind == KindModel {
					models++
					if q.Answer() != good.Correct || q.Paragraph != 11 || !strings.Contains(q.Quote, "Macron") {
						t.Errorf("kept question %+v", q)
					}
				}
			}
			if models != tt.wantKept {
				t.Errorf("%d model questions in the quiz, want %d", models, tt.wantKept)
			}
		})
	}
}

// The request quotes every paragraph between the prompt's markers.
func TestGenerateWithModelPrompt(t *testing.T) {
	b := briefing(t)
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply{Text: reply(t, good)})
	if _, _, err := GenerateWithModel(context.Background(), newModel(t, srv), b, 1); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Chat == nil {
		t.Fatalf("requests: %d", len(reqs))
	}
	user := reqs[0].Chat.Messages[1].Content
	if strings.Count(user, "<<<END PARAGRAPH ") != len(b.Paragraphs) || !strings.Contains(user, "Write 1 questions") {
		t.Errorf("prompt does not quote the %d paragraphs:\n%s", len(b.Paragraphs), user)
	}
}
