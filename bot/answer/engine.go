package answer

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
)

// Retriever finds the chunks that best match a question.
type Retriever interface {
	Search(query string, k int) search.Result
}

// Knowledge is one version of what the bot knows, swapped whole on reindex.
type Knowledge struct {
	Version   string
	Briefings []knowledge.Briefing
	Retriever Retriever
}

// retrieveK is how many chunks each question retrieves.
const retrieveK = 5

// Engine answers questions from the current knowledge. Safe for concurrent
// use; SetKnowledge swaps the knowledge for all later questions.
type Engine struct {
	kb    atomic.Pointer[Knowledge]
	vocab Vocabulary
	log   *slog.Logger
}

// Option configures an Engine.
type Option func(*Engine)

// WithVocabulary lets coverage checks tell names from ordinary words.
func WithVocabulary(v Vocabulary) Option { return func(e *Engine) { e.vocab = v } }

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// New returns an engine answering from kb.
func New(kb *Knowledge, opts ...Option) *Engine {
	e := &Engine{log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(e)
	}
	e.kb.Store(kb)
	return e
}

// SetKnowledge makes kb the knowledge for all later questions.
func (e *Engine) SetKnowledge(kb *Knowledge) { e.kb.Store(kb) }

// Knowledge returns the current knowledge.
func (e *Engine) Knowledge() *Knowledge { return e.kb.Load() }

// Retrieve runs retrieval alone and says whether the question would be
// refused as not covered; `bot eval` scores exactly what Ask would use.
func (e *Engine) Retrieve(question string, k int) (search.Result, bool) {
	res := e.kb.Load().Retriever.Search(question, max(k, retrieveK))
	refused := !covered(res, e.vocab)
	if len(res.Hits) > k {
		res.Hits = res.Hits[:k]
	}
	return res, refused
}

// Ask answers one question. onDelta, when non-nil, receives the answer text
// as it is written (the extractive answer arrives in one piece).
func (e *Engine) Ask(ctx context.Context, req Request, onDelta func(string)) (Answer, error) {
	q, notice, err := CleanQuestion(req.Question)
	if err != nil {
		return Answer{}, err
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	kb := e.kb.Load()
	res := kb.Retriever.Search(q, retrieveK)
	var a Answer
	if covered(res, e.vocab) {
		a = Answer{Mode: ModeExtractive}
		a.Text, a.Citations = extract(res)
	}
	if a.Text == "" {
		a = refusal(kb)
	}
	a.KnowledgeVersion = kb.Version
	a.Notice = joinNotices(notice, a.Notice)
	if onDelta != nil {
		onDelta(a.Text)
	}
	return a, nil
}

// refusal is the "the briefing doesn't say" answer, naming what the
// briefings do cover so the user can ask again usefully.
func refusal(kb *Knowledge) Answer {
	a := Answer{Mode: ModeExtractive, Refused: true}
	var titles []string
	for _, b := range kb.Briefings {
		titles = append(titles, fmt.Sprintf("%q (%s)", b.Title, b.Date))
		a.Covers = append(a.Covers, b.Topics...)
	}
	a.Text = "The briefing doesn't say. I can only answer from " + strings.Join(titles, ", ") + "."
	if len(a.Covers) > 0 {
		a.Text += " It covers: " + strings.Join(a.Covers, "; ") + "."
	}
	return a
}

func joinNotices(ns ...string) string {
	var out []string
	for _, n := range ns {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, " ")
}
