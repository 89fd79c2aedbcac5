package answer

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
	"github.com/briefbot/briefbot/prompts"
)

// Retriever finds the chunks that best match a question.
type Retriever interface {
	Search(query string, k int) search.Result
}

// Cache stores finished answers; the Redis answer cache is the real one.
type Cache interface {
	Get(ctx context.Context, key string) ([]byte, bool, error)
	Set(ctx context.Context, key string, val []byte, ttl time.Duration) error
}

// Approved finds a moderator-approved answer to an equal or near-equal
// question on the same knowledge version.
type Approved interface {
	Lookup(ctx context.Context, guildID, question, knowledgeVersion string) (Answer, bool, error)
}

// Knowledge is one version of what the bot knows, swapped whole on reindex.
type Knowledge struct {
	Version   string
	Briefings []knowledge.Briefing
	Retriever Retriever
	// Neighbours returns the chunks just before and after a chunk of the
	// same briefing; nil disables neighbour context.
	Neighbours func(chunkID string) []knowledge.Chunk
	// Semantic, when set, ranks chunks by embeddings; its ranking is fused
	// with the lexical one.
	Semantic SemanticRanker
}

// SemanticRanker ranks chunks by meaning rather than words.
type SemanticRanker interface {
	Rank(ctx context.Context, query string, k int) ([]knowledge.Chunk, error)
}

// retrieveK is how many chunks each question retrieves.
const retrieveK = 5

// DefaultCacheTTL is how long a finished answer is reused.
const DefaultCacheTTL = 24 * time.Hour

// Engine answers questions from the current knowledge. Safe for concurrent
// use; SetKnowledge swaps the knowledge for all later questions.
type Engine struct {
	kb          atomic.Pointer[Knowledge]
	vocab       Vocabulary
	model       Model
	modelName   string
	cache       Cache
	cacheTTL    time.Duration
	countTokens func(string) int
	approved    Approved
	log         *slog.Logger
}

// WithApproved serves moderator-approved answers before anything else.
func WithApproved(a Approved) Option { return func(e *Engine) { e.approved = a } }

// Option configures an Engine.
type Option func(*Engine)

// WithVocabulary lets coverage checks tell names from ordinary words.
func WithVocabulary(v Vocabulary) Option { return func(e *Engine) { e.vocab = v } }

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithModel makes a model write answers; name goes into cache keys.
func WithModel(m Model, name string) Option {
	return func(e *Engine) { e.model, e.modelName = m, name }
}

// WithCache reuses finished answers for ttl.
func WithCache(c Cache, ttl time.Duration) Option {
	return func(e *Engine) { e.cache, e.cacheTTL = c, ttl }
}

// WithTokenCounter sets how prompt tokens are counted for the budget.
func WithTokenCounter(f func(string) int) Option { return func(e *Engine) { e.countTokens = f } }

// New returns an engine answering from kb.
func New(kb *Knowledge, opts ...Option) *Engine {
	e := &Engine{log: slog.New(slog.DiscardHandler), countTokens: estimateTokens, cacheTTL: DefaultCacheTTL}
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
	refused := !covered(question, res, e.vocab)
	if len(res.Hits) > k {
		res.Hits = res.Hits[:k]
	}
	return res, refused
}

// Ask answers one question. onDelta, when non-nil, receives the answer text
// as the model writes it (unchecked: the returned Answer is what counts);
// an extractive or cached answer arrives in one piece.
func (e *Engine) Ask(ctx context.Context, req Request, onDelta func(string)) (Answer, error) {
	q, notice, err := CleanQuestion(req.Question)
	if err != nil {
		return Answer{}, err
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	kb := e.kb.Load()
	if a, ok := e.approvedAnswer(ctx, kb, q, req); ok {
		a.Notice = joinNotices(notice, a.Notice)
		emit(onDelta, a.Text)
		return a, nil
	}
	key := e.cacheKey(kb, q, req.History)
	if a, ok := e.cached(ctx, key); ok {
		a.Notice = joinNotices(notice, a.Notice)
		if onDelta != nil {
			onDelta(a.Text)
		}
		return a, nil
	}

	query := e.rewriteQuery(ctx, q)
	if n := len(req.History); n > 0 {
		// A follow-up ("what about india?") is searched together with the
		// question it follows.
		query += " " + req.History[n-1].Question
	}
	res := e.search(ctx, kb, query)
	a, cacheable := e.compose(ctx, kb, q, req.History, res, onDelta)
	a.KnowledgeVersion = kb.Version
	if cacheable {
		e.store(ctx, key, a)
	}
	a.Notice = joinNotices(notice, a.Notice)
	return a, nil
}

// search retrieves passages: lexical, fused with the semantic ranking when
// there is one. Coverage stays judged on the question's words.
func (e *Engine) search(ctx context.Context, kb *Knowledge, query string) search.Result {
	if kb.Semantic == nil {
		return kb.Retriever.Search(query, retrieveK)
	}
	res := kb.Retriever.Search(query, 2*retrieveK)
	sem, err := kb.Semantic.Rank(ctx, query, 2*retrieveK)
	if err != nil {
		e.log.Warn("semantic retrieval unavailable; lexical only", "err", err)
	} else {
		res.Hits = fuse(res.Hits, sem)
	}
	if len(res.Hits) > retrieveK {
		res.Hits = res.Hits[:retrieveK]
	}
	return res
}

// rrfK is reciprocal rank fusion's constant: 60, as in Cormack et al.,
// makes the fused order robust to either ranking's outliers.
const rrfK = 60

// fuse merges a lexical and a semantic ranking by reciprocal rank fusion;
// ties keep the lexical order.
func fuse(lexical []search.Hit, semantic []knowledge.Chunk) []search.Hit {
	score := map[string]float64{}
	byID := map[string]search.Hit{}
	var order []string
	for i, h := range lexical {
		score[h.Chunk.ID] += 1 / float64(rrfK+i+1)
		byID[h.Chunk.ID] = h
		order = append(order, h.Chunk.ID)
	}
	for i, c := range semantic {
		if _, ok := byID[c.ID]; !ok {
			byID[c.ID] = search.Hit{Chunk: c, Index: -1}
			order = append(order, c.ID)
		}
		score[c.ID] += 1 / float64(rrfK+i+1)
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(score[b], score[a]) })
	out := make([]search.Hit, len(order))
	for i, id := range order {
		h := byID[id]
		h.Score = score[id]
		out[i] = h
	}
	return out
}

// compose writes the answer: a refusal when the briefing does not cover the
// question; the model's checked answer when there is a model; otherwise, or
// when the model fails, the extractive answer with a notice. Answers given
// in a degraded state are not cached, so the model is tried again next time.
func (e *Engine) compose(ctx context.Context, kb *Knowledge, q string, history []Turn, res search.Result, onDelta func(string)) (Answer, bool) {
	if !covered(q, res, e.vocab) {
		a := refusal(kb)
		emit(onDelta, a.Text)
		return a, true
	}
	extractive := func() Answer {
		a := Answer{Mode: ModeExtractive}
		a.Text, a.Citations = extract(res)
		if a.Text == "" {
			return refusal(kb)
		}
		return a
	}
	if e.model == nil {
		a := extractive()
		emit(onDelta, a.Text)
		return a, true
	}
	g, err := e.generate(ctx, kb, q, history, res, onDelta)
	if err != nil {
		e.log.Warn("model answer failed; answering extractively", "err", err, "grounding", g.grounding)
		a := extractive()
		a.Notice = modelNotice(err)
		return a, false
	}
	if g.refused {
		return refusal(kb), true
	}
	gr := g.grounding
	a := Answer{Mode: ModeLLM, Text: g.text, Citations: g.cites, Grounding: &gr}
	if dropped := gr.Uncited + gr.Unchecked; dropped > 0 {
		a.Notice = fmt.Sprintf("%d sentence(s) of the model's answer were left out because the briefing does not support them.", dropped)
	}
	return a, true
}

// approvedAnswer returns a moderator-approved answer for a first question
// (not a follow-up, whose meaning depends on the conversation).
func (e *Engine) approvedAnswer(ctx context.Context, kb *Knowledge, q string, req Request) (Answer, bool) {
	if e.approved == nil || req.GuildID == "" || len(req.History) > 0 {
		return Answer{}, false
	}
	a, ok, err := e.approved.Lookup(ctx, req.GuildID, q, kb.Version)
	if err != nil {
		e.log.Warn("approved answers unavailable", "err", err)
		return Answer{}, false
	}
	if !ok {
		return Answer{}, false
	}
	a.Mode = ModeApproved
	a.KnowledgeVersion = kb.Version
	return a, true
}

func emit(onDelta func(string), s string) {
	if onDelta != nil {
		onDelta(s)
	}
}

// cacheKey identifies an answer: the normalised question, the knowledge
// version, the model and the prompt version, and the conversation so far.
func (e *Engine) cacheKey(kb *Knowledge, q string, history []Turn) string {
	if e.cache == nil {
		return ""
	}
	parts := []string{"answer/v1", kb.Version, e.modelName, prompts.Version, knowledge.Normalize(q)}
	for _, t := range history {
		parts = append(parts, knowledge.Normalize(t.Question), knowledge.Normalize(t.Answer))
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

func (e *Engine) cached(ctx context.Context, key string) (Answer, bool) {
	if key == "" {
		return Answer{}, false
	}
	data, ok, err := e.cache.Get(ctx, key)
	if err != nil {
		e.log.Warn("answer cache unavailable", "err", err)
		return Answer{}, false
	}
	var a Answer
	if !ok || json.Unmarshal(data, &a) != nil {
		return Answer{}, false
	}
	a.Cached = true
	return a, true
}

func (e *Engine) store(ctx context.Context, key string, a Answer) {
	if key == "" {
		return
	}
	data, err := json.Marshal(a)
	if err == nil {
		err = e.cache.Set(ctx, key, data, e.cacheTTL)
	}
	if err != nil {
		e.log.Warn("answer cache unavailable", "err", err)
	}
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

var _ Model = (*llm.Client)(nil)
