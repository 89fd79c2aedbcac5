package eval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
)

func TestReadErrorsNameTheLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"id":"a","question":"q","gold":["x"],"answerable":true}` + "\n{bad", "f.jsonl:2:"},
		{`{"id":"a","question":"","gold":[],"answerable":false}`, `f.jsonl:1: field "question": empty`},
		{`{"id":"a","question":"q","gold":[],"answerable":true}`, `f.jsonl:1: field "gold": an answerable question needs its gold spans`},
		{`{"id":"a","question":"q","answerable":true}`, `f.jsonl:1: field "gold"`},
		{`{"id":"a","question":"q","gold":["x"]}`, `f.jsonl:1: field "answerable" is missing`},
		{`{"id":"a","question":"q","gold":[],"answerable":false,"extra":1}`, `unknown field "extra"`},
		{`{"id":"a","question":"q","answerable":false}` + "\n" + `{"id":"a","question":"r","answerable":false}`, `f.jsonl:2: field "id": "a" already used on line 1`},
		{`{"id":"a","question":"q","answerable":false}` + "\n" + strings.Repeat("x", MaxLineBytes+10), fmt.Sprintf("f.jsonl:2: line longer than %d bytes", MaxLineBytes)},
		{"\n\n", "no questions in it"},
		{`{"id":"a","question":"q","gold":["x",""],"answerable":true}`, `f.jsonl:1: field "gold": span 2 has no words`},
		{`{"id":"a","question":"q","gold":["  "],"answerable":true}`, `f.jsonl:1: field "gold": span 1 has no words`},
		{`{"id":"a","question":"q","gold":"x","answerable":true}`, `f.jsonl:1: field "gold": want a list of strings, not string`},
		{`{"id":"a","question":"q","gold":["x"],"answerable":"yes"}`, `f.jsonl:1: field "answerable": want true or false, not string`},
		{`{"id":1,"question":"q","answerable":false}`, `f.jsonl:1: field "id": want a string, not number`},
		{`{"id":"a","question":"q","answerable":false,"history":[1]}`, `f.jsonl:1: field "history": want a string, not number`},
		{`[{"id":"a","question":"q","answerable":false}]`, `f.jsonl:1: want one JSON object a line, not array`},
		{`{"id":"a","question":"q","answerable":false} {"id":"b","question":"r","answerable":false}`, `f.jsonl:1: more after the question's JSON object`},
		{`{"id":"a","question":"q","answerable":false} trailing`, `f.jsonl:1: more after the question's JSON object`},
		{`{"id":"a","question":"q","answerable":false}}`, `f.jsonl:1: more after the question's JSON object`},
	}
	for _, tt := range tests {
		_, err := Read("f.jsonl", strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%.80q) = %v, want %q", tt.in, err, tt.want)
		}
	}
	// A byte order mark (some editors write one) is no error.
	qs, err := Read("bom.jsonl", strings.NewReader("\uFEFF"+`{"id":"a","question":"q","answerable":false}`))
	if err != nil || len(qs) != 1 || qs[0].Answerable {
		t.Errorf("with a BOM: %+v, %v", qs, err)
	}
}

// fixed returns canned results: chunk texts per question, and refusals.
type fixed map[string]struct {
	texts   []string
	refused bool
}

func (f fixed) Retrieve(q string, k int) (search.Result, bool) {
	var r search.Result
	for i, t := range f[q].texts[:min(k, len(f[q].texts))] {
		r.Hits = append(r.Hits, search.Hit{Chunk: knowledge.Chunk{ID: string(rune('a' + i)), Text: t}})
	}
	return r, f[q].refused
}

func TestRunMetrics(t *testing.T) {
	qs := []Question{
		{ID: "1", Question: "q1", Gold: []string{"Lin Jian’s words"}, Answerable: true},
		{ID: "2", Question: "q2", Gold: []string{"the quad"}, Answerable: true},
		{ID: "3", Question: "q3", Gold: []string{"nowhere"}, Answerable: true},
		{ID: "4", Question: "q4", Answerable: false},
	}
	r := fixed{
		"q1": {texts: []string{"LIN JIAN'S   words here", "x"}},                  // rank 1, after normalising
		"q2": {texts: []string{"x", "y", "The Quad, comprising"}, refused: true}, // rank 3, wrongly refused
		"q3": {texts: []string{"x"}},
		"q4": {texts: []string{"x"}, refused: true},
	}
	rep := Run(r, qs, 5)
	s := rep.Summary
	if s.N != 4 || s.Answerable != 3 {
		t.Fatalf("counts: %+v", s)
	}
	approx := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if !approx(s.Hit1, 1.0/3) || !approx(s.Hit3, 2.0/3) || !approx(s.Hit5, 2.0/3) || !approx(s.MRR, (1+1.0/3)/3) {
		t.Errorf("ranking metrics: %+v", s)
	}
	if !approx(s.RefusalAccuracy, 3.0/4) || !approx(s.AnsweredShare, 2.0/3) || s.RefusedShare != 1 {
		t.Errorf("refusal metrics: %+v", s)
	}
	if rep.Questions[1].Rank != 3 || !rep.Questions[1].Refused || rep.Questions[2].Rank != 0 || len(rep.Questions[0].Retrieved) != 2 {
		t.Errorf("per question: %+v", rep.Questions)
	}
	// With k below 3, hit@3 is still the gold in the top three, and only
	// k chunks are listed.
	one := Run(r, qs, 1)
	if s := one.Summary; !approx(s.Hit1, 1.0/3) || !approx(s.Hit3, 2.0/3) || len(one.Questions[0].Retrieved) != 1 {
		t.Errorf("k=1: %+v, listed %d", s, len(one.Questions[0].Retrieved))
	}
	var buf bytes.Buffer
	if err := WriteText(&buf, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"hit@1 0.333", "wrongly refused  2", "not in top 5     3", "rank 3           2"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestRunByKind(t *testing.T) {
	qs := []Question{
		{ID: "1", Kind: "casual", Question: "q1", Gold: []string{"words"}, Answerable: true},
		{ID: "2", Kind: "casual", Question: "q2", Gold: []string{"quad"}, Answerable: true},
		{ID: "4", Kind: "near-refuse", Question: "q4", Answerable: false},
	}
	r := fixed{"q1": {texts: []string{"words"}}, "q2": {texts: []string{"x"}}, "q4": {texts: []string{"x"}, refused: true}}
	rep := Run(r, qs, 5)
	c, n := rep.ByKind["casual"], rep.ByKind["near-refuse"]
	if c.N != 2 || c.Hit1 != 0.5 || n.N != 1 || n.RefusedShare != 1 || len(rep.ByKind) != 2 {
		t.Errorf("by kind: %+v", rep.ByKind)
	}
	var buf bytes.Buffer
	WriteText(&buf, rep)
	if !strings.Contains(buf.String(), "casual       n=2    hit@1 0.500") {
		t.Errorf("text report lacks the casual line:\n%s", buf.String())
	}
}

type cannedAsker map[string]answer.Answer

func (c cannedAsker) Ask(_ context.Context, req answer.Request, _ func(string)) (answer.Answer, error) {
	if a, ok := c[req.Question]; ok {
		return a, nil
	}
	return answer.Answer{}, errors.New("model exploded")
}

func TestCheck(t *testing.T) {
	qs := []Question{
		{ID: "a", Question: "q1", Gold: []string{"office in Tokyo"}, Answerable: true},
		{ID: "b", Question: "q2", Gold: []string{"the Quad"}, Answerable: true},
		{ID: "c", Question: "q3", Answerable: false},
		{ID: "d", Question: "q4", Answerable: false},
		{ID: "e", Question: "boom", Answerable: true, Gold: []string{"x"}},
	}
	asker := cannedAsker{
		"q1": {Citations: []answer.Citation{{Paragraph: 11, Quote: "a NATO office in Tokyo could"}}},
		"q2": {Citations: []answer.Citation{{Paragraph: 3, Quote: "unrelated"}}},
		"q3": {Refused: true},
		"q4": {Citations: []answer.Citation{{Paragraph: 1, Quote: "x"}}},
	}
	rows := Check(context.Background(), asker, qs)
	want := []bool{true, false, true, false, false}
	for i, r := range rows {
		if r.Pass != want[i] {
			t.Errorf("%s: pass %v, want %v (%+v)", r.ID, r.Pass, want[i], r)
		}
	}
	if rows[0].Got != "¶11" || rows[2].Got != "refused" || !strings.HasPrefix(rows[4].Got, "error:") || Passed(rows) != 2 {
		t.Errorf("rows: %+v", rows)
	}
}

// Answers counts what the pipeline did, by kind, asks a follow-up's
// history first, counts markers that name no citation, and the text report
// names every wrong outcome.
func TestAnswersReport(t *testing.T) {
	qs := []Question{
		{ID: "a", Kind: "formal", Question: "q1", Gold: []string{"office in Tokyo"}, Answerable: true},
		{ID: "b", Kind: "formal", Question: "q2", Gold: []string{"the Quad"}, Answerable: true},
		{ID: "c", Kind: "near-refuse", Question: "q3", Answerable: false},
		{ID: "d", Kind: "followup", Question: "q4", History: []string{"q1"}, Gold: []string{"office in Tokyo"}, Answerable: true},
		{ID: "e", Kind: "formal", Question: "boom", Answerable: true, Gold: []string{"x"}},
		// A failure is no refusal, even of a question to refuse.
		{ID: "f", Kind: "off-refuse", Question: "boom too", Answerable: false},
	}
	tokyo := []answer.Citation{{N: 1, Paragraph: 11, Quote: "a NATO office in Tokyo could"}}
	asker := &historyAsker{cannedAsker: cannedAsker{
		"q1": {Text: "Macron [1].", Citations: tokyo, Usage: &answer.Usage{Calls: 1, PromptTokens: 2000}},
		"q2": {Text: "Something [1] and [7].", Citations: []answer.Citation{{N: 1, Paragraph: 3, Quote: "unrelated"}}},
		"q3": {Text: "Macron [1].", Citations: tokyo},
		"q4": {Text: "Macron [1].", Citations: tokyo},
	}}
	rep := Answers(context.Background(), asker, qs)
	s := rep.Summary
	if s.N != 6 || s.Answerable != 4 || s.AnsweredShare != 0.75 || s.GoldCitedShare != 0.5 || s.RefusedShare != 0 ||
		s.InvalidMarkers != 1 || s.Errors != 2 || s.ModelCalls != 1 || s.PromptTokensPerAnswer != 2000 {
		t.Errorf("summary %+v", s)
	}
	if f := rep.ByKind["formal"]; f.N != 3 || f.GoldCitedShare != 1.0/3 {
		t.Errorf("formal %+v", f)
	}
	if len(asker.histories["q4"]) != 1 || asker.histories["q4"][0].Question != "q1" || asker.histories["q4"][0].Answer != "Macron [1]." {
		t.Errorf("follow-up history %+v", asker.histories["q4"])
	}
	var b strings.Builder
	if err := WriteAnswersText(&b, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"all          n=6", "errors 2 (neither answered nor refused)", "formal       n=3", "error            e", "gold not cited   b", "wrongly answered c"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, b.String())
		}
	}
}

// historyAsker is a cannedAsker that remembers the history each question
// came with.
type historyAsker struct {
	cannedAsker
	histories map[string][]answer.Turn
}

func (h *historyAsker) Ask(ctx context.Context, req answer.Request, f func(string)) (answer.Answer, error) {
	if h.histories == nil {
		h.histories = map[string][]answer.Turn{}
	}
	h.histories[req.Question] = req.History
	return h.cannedAsker.Ask(ctx, req, f)
}
