package answer

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/prompts"
)

// instantModel answers at once, citing the passage that holds paragraph 11
// (passage 1 when none does): the pipeline's own cost is what remains.
type instantModel struct{}

func (instantModel) Stream(_ context.Context, msgs []Message, _ Generation, onDelta func(string)) (Reply, error) {
	user := msgs[len(msgs)-1].Content
	n := 1
	if i := strings.Index(user, "(paragraph 11)"); i > 0 {
		n = strings.Count(user[:i], "<<<PASSAGE ")
	}
	text := fmt.Sprintf("Macron fears provoking China [%d].", n)
	if onDelta != nil {
		onDelta(text)
	}
	return Reply{Text: text}, nil
}

// percentiles runs f b.N times and reports p50 and p99 latencies.
func percentiles(b *testing.B, f func()) {
	b.Helper()
	var d []time.Duration
	for b.Loop() {
		start := time.Now()
		f()
		d = append(d, time.Since(start))
	}
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(d[len(d)*99/100].Microseconds()), "p99-µs")
}

func BenchmarkAskInstantModel(b *testing.B) {
	e := New(testKnowledge(b), WithVocabulary(lexicon.Default()), WithModel(instantModel{}, "instant"), WithTokenCounter(llm.CountTokens))
	ctx := context.Background()
	if a, _ := e.Ask(ctx, Request{Question: franceQ}, nil); a.Mode != ModeLLM {
		b.Fatalf("the instant model's answer was not kept: %+v", a)
	}
	b.ReportAllocs()
	percentiles(b, func() {
		if _, err := e.Ask(ctx, Request{Question: franceQ}, nil); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkAskExtractive(b *testing.B) {
	e := New(testKnowledge(b), WithVocabulary(lexicon.Default()))
	ctx := context.Background()
	b.ReportAllocs()
	percentiles(b, func() { e.Ask(ctx, Request{Question: franceQ}, nil) })
}

// TestGroundingAndBudgetReport answers every answerable question of the
// shared file (a copy in knowledge/testdata/questions.jsonl) with a
// scripted model and reports (with -v) the share of
// sentences that kept a valid, checked citation, and the prompt size
// against sending the whole briefing. The scripted model writes three
// sentences per answer: one copied from passage 1 and cited; one copied
// from passage 2 but cited to a passage number that does not exist; and one
// that cites passage 1 for a figure it does not hold. The checker must keep
// exactly the first kind.
func TestGroundingAndBudgetReport(t *testing.T) {
	data, err := os.ReadFile("../../knowledge/testdata/questions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	// Read here rather than with package eval, which imports this one.
	var qs []struct {
		ID, Question string
		Answerable   bool
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var q struct {
			ID, Question string
			Answerable   bool
		}
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	m := scripted{}
	kb := testKnowledge(t)
	e := New(kb, WithVocabulary(lexicon.Default()), WithModel(&m, "scripted"), WithTokenCounter(llm.CountTokens))
	var kept, total, prompt int
	for _, q := range qs {
		if !q.Answerable {
			continue
		}
		a, err := e.Ask(context.Background(), Request{Question: q.Question}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Grounding == nil {
			t.Errorf("%s: no model answer (mode %s, refused %v)", q.ID, a.Mode, a.Refused)
			continue
		}
		kept += a.Grounding.Kept
		total += a.Grounding.Sentences
		if a.Grounding.Kept != 1 || a.Grounding.Unchecked != 1 || a.Grounding.Uncited != 1 {
			t.Errorf("%s: grounding %+v, want 1 kept, 1 unchecked, 1 uncited", q.ID, a.Grounding)
		}
	}
	prompt = m.tokens
	n := m.calls
	t.Logf("checked-citation share: %d of %d sentences kept (%.0f%%); the checker kept every correctly cited sentence and dropped every planted fault", kept, total, 100*float64(kept)/float64(total))
	t.Logf("prompt tokens per answer: %d (passage budget %d: the briefing goes whole), max %d", prompt/n, DefaultPassageBudget, m.max)
}

// scripted is the model of TestGroundingAndBudgetReport.
type scripted struct {
	calls, tokens, max int
}

func (s *scripted) Stream(_ context.Context, msgs []Message, _ Generation, _ func(string)) (Reply, error) {
	n := llm.CountTokens(msgs[0].Content) + llm.CountTokens(msgs[1].Content)
	s.calls++
	s.tokens += n
	s.max = max(s.max, n)
	user := msgs[1].Content
	first := passageText(user, 1)
	second := passageText(user, 2)
	text := fmt.Sprintf("%s [1]. %s [99]. The alliance spent 4,321 million on it [1].", firstClause(first), firstClause(second))
	return Reply{Text: text}, nil
}

// passageText extracts passage n's text from a rendered prompt.
func passageText(user string, n int) string {
	p, _ := prompts.ParseAnswer(user)
	if n < 1 || n > len(p.Passages) {
		return "Nothing"
	}
	return p.Passages[n-1].Text
}

// firstClause is the passage's first clause without its final punctuation,
// a sentence whose names and figures all come from the passage.
func firstClause(s string) string {
	if i := strings.IndexAny(s, ".;:"); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// BenchmarkGateSmallPieces streams a long reply with a '<' near its start
// in pieces of two bytes: the gate must read each piece once, not the
// whole reply again for each.
func BenchmarkGateSmallPieces(b *testing.B) {
	passages := gatePassages(b)
	raw := "Macron fears a <b> office [1]. " + strings.Repeat("Macron fears provoking China [1]. ", 1000)
	for b.Loop() {
		g := newGate(passages, true, nil)
		for i := 0; i < len(raw); i += 2 {
			g.write(raw[i:min(i+2, len(raw))])
		}
		g.close()
	}
}
