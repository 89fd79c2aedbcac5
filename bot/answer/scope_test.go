package answer

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/prompts"
)

// A second briefing, on nothing the first one mentions.
const (
	natoID    = "nato-indo-pacific-2024"
	marsID    = "mars-base-2031"
	marsTitle = "A first base on Mars"
	marsQ     = "Which crater was chosen for the Mars base?"
)

// marsBriefing is a second briefing, on nothing the first one mentions
// (knowledge/testdata/mars-base.md, which the Discord tests read too).
var marsBriefing = knowledge.Source{Name: "mars.md", Data: mustRead("../../knowledge/testdata/mars-base.md")}

func mustRead(name string) []byte {
	b, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

// twoBriefings is an engine on the embedded briefing and the Mars one;
// extractive unless opts add a model.
func twoBriefings(t *testing.T, opts ...Option) *Engine {
	t.Helper()
	return New(testKnowledge(t, marsBriefing), append([]Option{WithVocabulary(lexicon.Default())}, opts...)...)
}

// citedBriefings is the set of briefings an answer cites, by title.
func citedBriefings(a Answer) map[string]bool {
	out := map[string]bool{}
	for _, c := range a.Citations {
		out[c.Briefing] = true
	}
	return out
}

func TestScopedQuestionAnsweredFromItsBriefingOnly(t *testing.T) {
	e := twoBriefings(t)
	ctx := context.Background()
	all, err := e.Ask(ctx, Request{Question: marsQ}, nil)
	if err != nil || all.Refused || !citedBriefings(all)[marsTitle] || !strings.Contains(all.Text, "Jezero") {
		t.Fatalf("unscoped: %+v, %v", all, err)
	}
	nato, err := e.Ask(ctx, Request{Question: marsQ, Briefing: natoID}, nil)
	if err != nil || !nato.Refused || len(nato.Citations) != 0 || strings.Contains(nato.Text, "Jezero") {
		t.Fatalf("scoped to the NATO briefing: %+v, %v", nato, err)
	}
	// The refusal names the scoped briefing only.
	if strings.Contains(nato.Text, marsTitle) || strings.Contains(strings.Join(nato.Covers, ";"), "Jezero") || !strings.Contains(nato.Text, "NATO") {
		t.Errorf("scoped refusal names another briefing: %q, covers %q", nato.Text, nato.Covers)
	}
	mars, err := e.Ask(ctx, Request{Question: marsQ, Briefing: marsID}, nil)
	if err != nil || mars.Refused || !strings.Contains(mars.Text, "Jezero") || mars.KnowledgeVersion != e.Knowledge().Version {
		t.Fatalf("scoped to the Mars briefing: %+v, %v", mars, err)
	}
	for b := range citedBriefings(mars) {
		if b != marsTitle {
			t.Errorf("scoped to Mars, cites %q", b)
		}
	}
	// A question the NATO briefing answers, scoped to it, cites it alone.
	a, err := e.Ask(ctx, Request{Question: franceQ, Briefing: natoID}, nil)
	if err != nil || a.Refused || citedBriefings(a)[marsTitle] || len(a.Citations) == 0 {
		t.Errorf("France, scoped to NATO: %+v, %v", a, err)
	}
}

// With a model, the prompt holds the scoped briefing's passages alone,
// under its title, and the answer cites it alone.
func TestScopedPromptHoldsItsBriefingOnly(t *testing.T) {
	srv := llmtest.New(t)
	var prompt string
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		prompt = req.Messages[len(req.Messages)-1].Content
		p, _ := prompts.ParseAnswer(prompt)
		if len(p.Passages) == 0 {
			return llmtest.Reply{Text: "NOT_IN_BRIEFING"}
		}
		return llmtest.Reply{Text: "The base is in Jezero crater [1]."}
	})
	e := twoBriefings(t, WithModel(newModel(t, srv, 2*time.Second), "m"))
	a, err := e.Ask(context.Background(), Request{Question: "Where will the Mars base and NATO's office in Tokyo be?", Briefing: marsID}, nil)
	if err != nil || a.Refused || a.Mode != ModeLLM {
		t.Fatalf("scoped: %+v, %v", a, err)
	}
	p, ok := prompts.ParseAnswer(prompt)
	if !ok || len(p.Passages) != 3 {
		t.Fatalf("prompt passages: %d, want the Mars briefing's 3:\n%s", len(p.Passages), prompt)
	}
	for _, ps := range p.Passages {
		if !strings.Contains(string(marsBriefing.Data), ps.Text) {
			t.Errorf("passage %d is not the Mars briefing's: %q", ps.N, ps.Text)
		}
	}
	if !strings.Contains(prompt, `each from "`+marsTitle+`"`) || strings.Contains(prompt, "NATO's push") {
		t.Errorf("the prompt does not title its passages with the Mars briefing:\n%s", prompt)
	}
	for b := range citedBriefings(a) {
		if b != marsTitle {
			t.Errorf("scoped to Mars, cites %q", b)
		}
	}
}

func TestScopedAndUnscopedNeverShareACachedAnswer(t *testing.T) {
	cache := &mapCache{m: map[string][]byte{}}
	e := twoBriefings(t, WithCache(cache, time.Hour))
	ctx := context.Background()
	if a, _ := e.Ask(ctx, Request{Question: marsQ}, nil); a.Refused || len(cache.m) != 1 {
		t.Fatalf("unscoped: refused %v, %d cached", a.Refused, len(cache.m))
	}
	a, err := e.Ask(ctx, Request{Question: marsQ, Briefing: natoID}, nil)
	if err != nil || a.Cached || !a.Refused {
		t.Fatalf("scoped to NATO after an unscoped answer: cached %v, refused %v, %q", a.Cached, a.Refused, a.Text)
	}
	// Each scope has its own entry, served to its own question again.
	if again, _ := e.Ask(ctx, Request{Question: marsQ, Briefing: natoID}, nil); !again.Cached || !again.Refused {
		t.Errorf("scoped again: cached %v, refused %v", again.Cached, again.Refused)
	}
	if again, _ := e.Ask(ctx, Request{Question: marsQ}, nil); !again.Cached || again.Refused {
		t.Errorf("unscoped again: cached %v, refused %v", again.Cached, again.Refused)
	}
	if m, _ := e.Ask(ctx, Request{Question: marsQ, Briefing: marsID}, nil); m.Cached || m.Refused {
		t.Errorf("scoped to Mars: cached %v, refused %v", m.Cached, m.Refused)
	}
	if len(cache.m) != 3 {
		t.Errorf("%d cache entries, want 3 (unscoped, NATO, Mars)", len(cache.m))
	}
}

func TestScopedOverviewNamesItsBriefingOnly(t *testing.T) {
	e := twoBriefings(t)
	ctx := context.Background()
	all, _ := e.Ask(ctx, Request{Question: "what's this briefing about?"}, nil)
	if b := citedBriefings(all); !b[marsTitle] || len(b) != 2 {
		t.Fatalf("unscoped overview cites %v", b)
	}
	for _, tc := range []struct{ id, title, other string }{
		{marsID, marsTitle, "NATO"},
		{natoID, "NATO's push into the Indo-Pacific meets scepticism in Asia", "Jezero"},
	} {
		a, err := e.Ask(ctx, Request{Question: "what's this briefing about?", Briefing: tc.id}, nil)
		if err != nil || a.Refused || len(a.Citations) == 0 {
			t.Fatalf("%s overview: %+v, %v", tc.id, a, err)
		}
		if b := citedBriefings(a); len(b) != 1 || !b[tc.title] {
			t.Errorf("%s overview cites %v", tc.id, b)
		}
		if strings.Contains(a.Text, tc.other) {
			t.Errorf("%s overview names the other briefing: %q", tc.id, a.Text)
		}
	}
	// Small talk, too, names the session's briefing alone.
	if a, _ := e.Ask(ctx, Request{Question: "thanks!", Briefing: marsID}, nil); !strings.Contains(a.Text, marsTitle) || strings.Contains(a.Text, "NATO") {
		t.Errorf("scoped small talk: %q", a.Text)
	}
}

// A briefing removed since the question was scoped to it: refused, saying
// so, not answered from the others.
func TestScopedToAGoneBriefing(t *testing.T) {
	e := twoBriefings(t)
	a, err := e.Ask(context.Background(), Request{Question: marsQ, Briefing: "removed-briefing"}, nil)
	if err != nil || !a.Refused || len(a.Citations) != 0 || !strings.Contains(a.Text, "removed-briefing") || a.KnowledgeVersion == "" {
		t.Errorf("gone briefing: %+v, %v", a, err)
	}
}

// scopedApproved approves one answer, citing the given chunk.
type scopedApproved struct{ chunk string }

func (f scopedApproved) Lookup(context.Context, string, string, string) (Answer, bool, error) {
	return Answer{Text: "Approved [1].", Citations: []Citation{{N: 1, ChunkID: f.chunk}}}, true, nil
}

func TestScopedApprovedAnswerOnlyFromItsBriefing(t *testing.T) {
	for _, tc := range []struct {
		chunk, scope string
		served       bool
	}{
		{marsID + "#p1", marsID, true},
		{natoID + "#p11", marsID, false},
		{natoID + "#p11", natoID, true},
		{marsID + "#p1", "", true},
		{"", marsID, false}, // cites nothing of the briefing
	} {
		e := twoBriefings(t, WithApproved(scopedApproved{tc.chunk}))
		a, err := e.Ask(context.Background(), Request{Question: marsQ, GuildID: "g", Briefing: tc.scope}, nil)
		if err != nil || (a.Mode == ModeApproved) != tc.served {
			t.Errorf("approved citing %q, scoped to %q: mode %s, want served %v (%v)", tc.chunk, tc.scope, a.Mode, tc.served, err)
		}
	}
}

// The cut-down knowledge is built once per knowledge and briefing, and a
// new knowledge gets its own.
func TestScopedKnowledgeBuiltOncePerVersion(t *testing.T) {
	kb := testKnowledge(t, marsBriefing)
	built := 0
	kb.NewRetriever = func(chunks []knowledge.Chunk) Retriever {
		built++
		for _, c := range chunks {
			if c.BriefingID != marsID {
				t.Errorf("retriever over %s", c.ID)
			}
		}
		return testKnowledge(t).Retriever // any retriever: counted only
	}
	e := New(kb, WithVocabulary(lexicon.Default()))
	for range 3 {
		e.Ask(context.Background(), Request{Question: marsQ, Briefing: marsID}, nil)
	}
	if built != 1 {
		t.Errorf("built %d times for one knowledge, want 1", built)
	}
	kb2 := *kb
	kb2.Version = "v2"
	e.SetKnowledge(&kb2)
	e.Ask(context.Background(), Request{Question: marsQ, Briefing: marsID}, nil)
	if built != 2 {
		t.Errorf("built %d times after a reindex, want 2", built)
	}
}

// Scoped questions asked at once, while the knowledge is swapped, all get
// their briefing's answer (run with -race).
func TestScopedConcurrentWithReindex(t *testing.T) {
	kb := testKnowledge(t, marsBriefing)
	e := New(kb, WithVocabulary(lexicon.Default()))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if i == 4 {
				kb2 := *kb
				kb2.Version = "v2"
				e.SetKnowledge(&kb2)
			}
			a, err := e.Ask(context.Background(), Request{Question: marsQ, Briefing: marsID}, nil)
			if err != nil || a.Refused || !strings.Contains(a.Text, "Jezero") {
				t.Errorf("scoped at once: %+v, %v", a, err)
			}
		})
	}
	wg.Wait()
}
