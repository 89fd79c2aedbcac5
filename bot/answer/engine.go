package answer

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
)

// Retriever finds the chunks that best match a question.
type Retriever interface {
	Search(query string, k int) search.Result
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
	// Chunks are every briefing's chunks in corpus order (briefing by
	// briefing, in reading order); passages are chosen from them.
	Chunks    []knowledge.Chunk
	Retriever Retriever
	// Semantic, when set, ranks chunks by embeddings; its ranking is fused
	// with the lexical one.
	Semantic SemanticRanker
	// NewRetriever builds a retriever over some of Chunks as Retriever was
	// built over all of them (same index, same related words): a question
	// scoped to one briefing searches an index of that briefing alone
	// (scope.go). nil: a plain search index.
	NewRetriever func(chunks []knowledge.Chunk) Retriever

	// scope is the one briefing a knowledge cut down for scoped questions
	// holds (cut), "" for the whole knowledge; root is the knowledge it
	// was cut from.
	scope string
	root  *Knowledge
}

// position finds a hit's chunk in Chunks: at the hit's index when the
// retriever indexed Chunks (it does), else by a scan (a hit from the
// semantic ranker alone carries no index).
func (kb *Knowledge) position(h search.Hit) (int, bool) {
	if h.Index >= 0 && h.Index < len(kb.Chunks) && kb.Chunks[h.Index].ID == h.Chunk.ID {
		return h.Index, true
	}
	for i, c := range kb.Chunks {
		if c.ID == h.Chunk.ID {
			return i, true
		}
	}
	return 0, false
}

// SemanticRanker ranks chunks by meaning rather than words.
type SemanticRanker interface {
	Rank(ctx context.Context, query string, k int) ([]knowledge.Chunk, error)
}

// retrieveK is how many chunks an extractive answer draws on, and how many
// decide which briefings a question is about.
const retrieveK = 5

// Engine answers questions from the current knowledge. Safe for concurrent
// use; SetKnowledge swaps the knowledge for all later questions.
type Engine struct {
	kb        atomic.Pointer[Knowledge]
	vocab     Vocabulary
	model     Model
	modelName string
	// reasoning is how the model shows its reasoning, as learnt from its
	// replies (reasoningUnknown…, model.go).
	reasoning   atomic.Int32
	cache       Cache
	cacheTTL    time.Duration
	countTokens func(string) int
	// passageBudget bounds the passages of a prompt, in tokens.
	passageBudget int
	answerTokens  int
	answerTimeout time.Duration
	approved      Approved
	log           *slog.Logger
	// sizes caches promptSize by knowledge version and scope (scopeKey);
	// prepared, the current version's answer prompts prepared for whole
	// scopes (renderPrepared).
	sizes    sync.Map
	prepared atomic.Pointer[preparedPrompts]
	// echo is the last knowledge's instructions as echoText
	// (instructionsEcho).
	echo atomic.Pointer[echoCache]
	// scoped holds the current knowledge cut down to each briefing a
	// question was scoped to (scope.go). Kept here, not in Knowledge,
	// which is a plain value that callers copy.
	scoped atomic.Pointer[scopedKnowledges]
	// mu guards writing: the answers being composed, by cache key
	// (composeOnce).
	mu      sync.Mutex
	writing map[string]*write
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

// WithPassageBudget sets how many tokens of passages a prompt may carry
// (default DefaultPassageBudget).
func WithPassageBudget(tokens int) Option {
	return func(e *Engine) {
		if tokens > 0 {
			e.passageBudget = tokens
		}
	}
}

// WithAnswerLimits bounds a model's answer: how many tokens it may write
// and how long it may take (defaults DefaultAnswerTokens and
// DefaultAnswerTimeout; zero keeps the default).
func WithAnswerLimits(maxTokens int, timeout time.Duration) Option {
	return func(e *Engine) {
		if maxTokens > 0 {
			e.answerTokens = maxTokens
		}
		if timeout > 0 {
			e.answerTimeout = timeout
		}
	}
}

// WithTokenCounter sets how prompt tokens are counted for the budget.
func WithTokenCounter(f func(string) int) Option { return func(e *Engine) { e.countTokens = f } }

// New returns an engine answering from kb.
func New(kb *Knowledge, opts ...Option) *Engine {
	e := &Engine{log: slog.New(slog.DiscardHandler), writing: map[string]*write{}, countTokens: estimateTokens, cacheTTL: DefaultCacheTTL,
		passageBudget: DefaultPassageBudget, answerTokens: DefaultAnswerTokens, answerTimeout: DefaultAnswerTimeout}
	for _, o := range opts {
		o(e)
	}
	e.kb.Store(kb)
	return e
}

// SetKnowledge makes kb the knowledge for all later questions.
func (e *Engine) SetKnowledge(kb *Knowledge) {
	e.kb.Store(kb)
	e.sizes.Clear()     // sizes of the old version's prompts
	e.scoped.Store(nil) // the old knowledge's briefings, cut down
}

// Knowledge returns the current knowledge.
func (e *Engine) Knowledge() *Knowledge { return e.kb.Load() }

// Retrieve runs retrieval alone and says whether the question would be
// refused before any model saw it (with no model: refused at all); `bot
// eval` scores exactly what Ask would use.
func (e *Engine) Retrieve(question string, k int) (search.Result, bool) {
	q, _, err := CleanQuestion(question)
	if err != nil {
		return search.Result{}, true
	}
	kb := e.kb.Load()
	res := kb.Retriever.Search(q, max(k, retrieveK))
	whole := isOverview(q)
	refused := !e.worthAsking(q, q, whole, res)
	if a, screened := e.screen(kb, q); screened {
		refused = a.Refused
	}
	if whole {
		res.Hits = overviewFirst(kb, res.Hits)
	}
	if len(res.Hits) > k {
		res.Hits = res.Hits[:k]
	}
	return res, refused
}

// overviewFirst puts the passages an overview answer quotes
// (overviewCited) before the hits, as the answer cites them: what an
// overview question retrieves is the lead and the conclusion.
func overviewFirst(kb *Knowledge, hits []search.Hit) []search.Hit {
	out := make([]search.Hit, 0, len(hits)+2)
	seen := map[string]bool{}
	for _, c := range overviewCited(kb) {
		i := slices.IndexFunc(kb.Chunks, func(k knowledge.Chunk) bool { return k.ID == c.ID })
		out = append(out, search.Hit{Chunk: c, Index: i})
		seen[c.ID] = true
	}
	for _, h := range hits {
		if !seen[h.Chunk.ID] {
			out = append(out, h)
		}
	}
	return out
}

// Restart, sent to onDelta as a piece of its own, withdraws every piece
// sent before it: what follows is an answer's text from its beginning
// (possibly nothing, until the returned Answer). It is never text to
// show, and only comes after other pieces.
const Restart = "\x00restart\x00"

// Ask answers one question. onDelta, when non-nil, receives the answer's
// text as it may be shown: a model's answer sentence by sentence, each
// only once it has passed the checks (see gate), in pieces that add up to
// the returned Answer's Text — unless the model ends up refusing, or fails
// and an extractive answer replaces it; an extractive, approved or cached
// answer arrives in one piece. The same question asked while its answer
// is being written is sent that answer's pieces as they come; should that
// answer fail, onDelta is sent Restart and then this asker's own answer's
// pieces, as for a first asker. What onDelta was sent is always checked
// text (or Restart); the returned Answer is what to show in the end.
func (e *Engine) Ask(ctx context.Context, req Request, onDelta func(string)) (Answer, error) {
	q, notices := req.Question, req.Notices
	if !req.Cleaned {
		var err error
		if q, notices, err = CleanQuestion(req.Question); err != nil {
			return Answer{}, err
		}
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, fmt.Errorf("answer: %w", err)
	}
	kb := e.kb.Load()
	if req.Briefing != "" {
		scoped, ok := e.scopedKnowledge(kb, req.Briefing)
		if !ok {
			e.log.Warn("question scoped to a briefing no longer known; refused", "briefing", req.Briefing, "version", kb.Version)
			a := briefingGone(kb, req.Briefing)
			a.Notices = notices
			emitWhole(onDelta, a)
			return a, nil
		}
		kb = scoped
	}
	key := e.cacheKey(kb, q, req.History)
	// The cached answer is looked up while the approved one is: one round
	// trip to the store before the answer starts, not two. An approved
	// answer comes first (and waits for the cache: both are bounded by
	// the same deadline).
	var cached Answer
	var hit bool
	var lookups sync.WaitGroup
	if key != "" {
		lookups.Go(func() { cached, hit = e.cached(ctx, key) })
	}
	approved, ok := e.approvedAnswer(ctx, kb, q, req)
	lookups.Wait()
	if ok || hit {
		a := approved
		if !ok {
			a = cached
		}
		a.Notices = joinNotices(notices, a.Notices)
		emitWhole(onDelta, a)
		return a, nil
	}
	a, err := e.composeOnce(ctx, kb, key, q, req.History, req.Slot, onDelta)
	if err != nil {
		return Answer{}, err
	}
	a.Notices = joinNotices(notices, a.Notices)
	return a, nil
}

// composeOnce composes the answer and caches it when it may. The question
// asked again while its answer is being written — a class asking the same
// thing at once — waits for that answer instead of calling the model
// again: it is shown the first asker's checked sentences as they come, and
// gets the answer whole at the end, as from the cache. Should the first
// asker's answer not be one to cache (the model failed, the asker left),
// the others compose their own, streamed after a Restart.
func (e *Engine) composeOnce(ctx context.Context, kb *Knowledge, key, q string, history []Turn, slot Slot, onDelta func(string)) (Answer, error) {
	compose := func(ctx context.Context, onDelta func(string)) (Answer, outcome) {
		a, o := e.compose(ctx, kb, q, history, onDelta)
		a.KnowledgeVersion = kb.Version
		if o == cached {
			e.store(ctx, key, a)
		}
		return a, o
	}
	if e.model == nil || key == "" {
		a, _ := compose(ctx, onDelta)
		return a, nil
	}
	e.mu.Lock()
	w, writing := e.writing[key]
	if !writing {
		w = &write{done: make(chan struct{}), grew: make(chan struct{})}
		e.writing[key] = w
	}
	e.mu.Unlock()
	if !writing {
		defer func() {
			e.mu.Lock()
			delete(e.writing, key)
			e.mu.Unlock()
			close(w.done)
		}()
		w.a, w.outcome = compose(ctx, func(d string) {
			w.add(d)
			emit(onDelta, d)
		})
		return w.a, nil
	}
	// Waiting needs no slot: thirty askers of one question would
	// otherwise hold thirty while one model call writes for them all.
	if slot != nil {
		slot.Release()
	}
	shown := 0    // bytes of the first asker's text shown to this one
	restarts := 0 // of that text, as this one has seen them
	follow := func(text string, n int) {
		if n != restarts {
			// The first asker's text was withdrawn meanwhile (a
			// reasoning model's thinking turned out to have streamed).
			if shown > 0 {
				emit(onDelta, Restart)
			}
			shown, restarts = 0, n
		}
		if len(text) > shown {
			emit(onDelta, text[shown:])
			shown = len(text)
		}
	}
	for waiting := true; waiting; {
		text, n, grew := w.sofar()
		follow(text, n)
		select {
		case <-ctx.Done():
			return Answer{}, fmt.Errorf("answer: %w", ctx.Err())
		case <-grew:
		case <-w.done:
			waiting = false
		}
	}
	if w.outcome == ownOnly {
		if slot != nil {
			if err := slot.Take(ctx); err != nil {
				return Answer{}, err
			}
		}
		// What was shown was the first asker's, and is withdrawn: this
		// asker's own answer streams in its place rather than after it.
		if shown > 0 {
			emit(onDelta, Restart)
		}
		a, _ := compose(ctx, onDelta)
		return a, nil
	}
	a := w.a
	a.Cached, a.Usage = true, nil
	if text, n, _ := w.sofar(); len(text) > shown || n != restarts { // grown after the last look
		follow(text, n)
	}
	if shown == 0 {
		// An answer with nothing streamed (one not written by a model)
		// is shown whole.
		emitWhole(onDelta, a)
	}
	return a, nil
}

// write is an answer being composed, for the same question asked again
// meanwhile: a and outcome are set before done is closed; text is what
// has been streamed of it so far, and grew is closed (and replaced) each
// time it grows.
type write struct {
	done    chan struct{}
	a       Answer
	outcome outcome

	mu   sync.Mutex
	text string
	// restarts counts the Restarts sent: the text so far was withdrawn
	// and started again.
	restarts int
	grew     chan struct{}
}

// add adds a streamed piece; Restart starts the text again.
func (w *write) add(d string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if d == Restart {
		w.text = ""
		w.restarts++
	} else {
		w.text += d
	}
	close(w.grew)
	w.grew = make(chan struct{})
}

func (w *write) sofar() (text string, restarts int, grew <-chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.text, w.restarts, w.grew
}

// outcome says what a composed answer may serve beyond its asker.
type outcome int

const (
	// ownOnly: given in a degraded state (the model failed); those
	// asking the same at once ask again, and nothing is cached, so the
	// model is tried again next time.
	ownOnly outcome = iota
	// shared: given to those asking the same at once, not cached — a
	// reply cut off before its end (token limit, content filter, a proxy
	// ending the stream), which asking again may complete.
	shared
	// cached: shared and cached.
	cached
)

// compose writes the answer. With a model, the model decides coverage:
// every question that shares anything with the briefings reaches it, with
// passages chosen recall first, and answers with checked citations or
// refuses. Without one — or when the model fails — the extractive answer
// quotes the briefing when the coverage decision says it speaks to the
// question. Answers given in a degraded state are not cached, so the model
// is tried again next time.
func (e *Engine) compose(ctx context.Context, kb *Knowledge, q string, history []Turn, onDelta func(string)) (Answer, outcome) {
	if a, screened := e.screen(kb, q); screened {
		emitWhole(onDelta, a)
		return a, cached
	}
	var u Usage
	query := e.rewriteQuery(ctx, q, &u)
	whole := isOverview(q) || (query != q && isOverview(query))
	k := retrieveK
	if e.model != nil {
		k = poolK
	}
	res := e.search(ctx, kb, query, k)
	if n := len(history); n > 0 && (e.model != nil || refersBack(q) || !e.covers(query, res) && !namesNew(q, history[n-1].Question) && !unmetInitialism(q, res)) {
		// A follow-up ("what about india?") is searched together with the
		// question it follows — for a model, which reads the history too,
		// always; without one, only when it does not stand on its own:
		// "and what about the United States?" after a question on France
		// was answered about France again, the earlier question's words
		// outweighing its own.
		query += " " + history[n-1].Question
		// A question before that one pointed back too ("what else did he
		// say?" after "who is lin jian?"): what both point to is further
		// back.
		for i := n - 1; i > 0 && i > n-3 && refersBack(history[i].Question) && !namesNew(history[i].Question, history[i-1].Question); i-- {
			query += " " + history[i-1].Question
		}
		res = e.search(ctx, kb, query, k)
	}
	if query != q && len(history) == 0 && sharesNothing(res) {
		// A rewrite that meets nothing ("Lo siento, no puedo.") is no
		// reading of the question: search the question as asked.
		query = q
		res = e.search(ctx, kb, query, k)
	}
	withoutModel := func() Answer {
		switch {
		case whole:
			return overview(kb, q)
		case !e.covers(query, res):
			// Also the fallback when the model fails: the no-model
			// decision applies.
			return refusal(kb)
		}
		a := Answer{Mode: ModeExtractive}
		a.Text, a.Citations = extract(res)
		if a.Text == "" {
			return refusal(kb)
		}
		return a
	}
	if e.model == nil {
		a := withoutModel()
		emitWhole(onDelta, a)
		return a, cached
	}
	if !e.worthAsking(q, query, whole, res) {
		a := refusal(kb)
		emitWhole(onDelta, a)
		return a, cached
	}
	passages, scope := e.passages(kb, res)
	if whole && len(passages) == 0 {
		passages = overviewChunks(kb)
	}
	g, err := e.generate(ctx, kb, q, history, passages, scope, onDelta)
	u.add(g.reply, g.input)
	if err != nil {
		e.log.Warn("model answer failed; answering extractively", "err", err, "grounding", g.grounding)
		a := withoutModel()
		a.Notices, a.Usage = []Notice{modelNotice(err)}, u.orNil()
		return a, ownOnly
	}
	// A reply stopped before its end (a proxy cutting the stream, the
	// token limit, a content filter) may lack what the model meant to
	// say last — a refusal too may be what is left of an answer: served
	// for a day from the cache, a passing cut would shorten everyone's
	// answer. Those asking at once are given it; the model is asked
	// again next time.
	done := cached
	if g.reply.Cut {
		done = shared
	}
	if g.refused {
		if g.prose {
			// Read from the model's words, not its sentinel: the next
			// asker asks the model again rather than be served a
			// misreading for a day.
			done = shared
		}
		a := refusal(kb)
		if whole {
			// An overview is never refused: the lead and the conclusion
			// are its answer.
			a = overview(kb, q)
		}
		a.Usage = u.orNil()
		return a, done
	}
	gr := g.grounding
	a := Answer{Mode: ModeLLM, Text: g.text, Citations: g.cites, Grounding: &gr, Usage: u.orNil()}
	if dropped := gr.Uncited + gr.Unchecked + gr.Unsafe; dropped > 0 {
		a.Notices = []Notice{{Kind: NoticeDropped, N: dropped}}
	}
	return a, done
}

// backWords are the words by which a follow-up points back to what was
// asked before ("what else did he say?", "and the other one?").
var backWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`it its it's that those these this they them their theirs he him his she her
		hers other others else one ones same former latter then`) {
		backWords[w] = true
	}
}

// namesNew reports whether a follow-up names, capitalised as typed (not
// its first word), something the question before it did not ("what about
// Germany?", "is there anything on India?" after a question on France):
// it is about that, and searched with the question before it was answered
// with France's passage. Alone, it is answered if the briefings cover it,
// and refused if not.
func namesNew(q, before string) bool {
	prev := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(before), func(r rune) bool { return !unicode.IsLetter(r) }) {
		prev[w] = true
	}
	for i, w := range strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) }) {
		r, _ := utf8.DecodeRuneInString(w)
		if i > 0 && unicode.IsUpper(r) && w != "I" && !prev[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// refersBack reports whether a follow-up points back to the question
// before it by one of backWords: it is no question on its own.
func refersBack(q string) bool {
	for w := range strings.FieldsFuncSeq(knowledge.Normalize(q), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if backWords[w] {
			return true
		}
	}
	return false
}

// screen answers what needs no retrieval: small talk, and — with no model
// — a question in another language.
func (e *Engine) screen(kb *Knowledge, q string) (Answer, bool) {
	switch {
	case isSmallTalk(q):
		return smallTalk(kb, q), true
	case e.model == nil && !isEnglish(q):
		if isForeignOverview(q) {
			// An overview is never refused; its answer is the briefing's
			// own lead and conclusion, whatever language asked for it.
			a := overview(kb, q)
			a.Notices = []Notice{{Kind: NoticeOverviewInEnglish, Lang: language(q)}}
			return a, true
		}
		return Answer{Mode: ModeExtractive, Refused: true, Text: needsModel(language(q))}, true
	}
	return Answer{}, false
}

// worthAsking decides, after retrieval, whether a question (q as asked,
// query as searched) goes on to the model or, without one, to the
// extractive answer. An overview always does. With a model, every question
// that meets the briefings at all does: the model decides coverage; only
// one whose words meet nothing, even after correction and related words,
// is refused without a call (a question in another language, whose words
// cannot be judged here, always reaches it). Without a model, the
// calibrated coverage decision does.
func (e *Engine) worthAsking(q, query string, whole bool, res search.Result) bool {
	switch {
	case whole:
		return true
	case e.model != nil:
		return !isEnglish(q) || !sharesNothing(res)
	default:
		return e.covers(query, res)
	}
}

// sharesNothing: no content word of the question met the briefings, not
// even through a correction or a related word.
func sharesNothing(res search.Result) bool {
	if len(res.Hits) == 0 {
		return true
	}
	for _, w := range res.Words {
		if w.Found {
			return false
		}
	}
	return true
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
	if kb.scope != "" && !citesOnly(kb, a) {
		// Approved for the whole knowledge: served to a question scoped
		// to one briefing only when it rests on that briefing alone.
		return Answer{}, false
	}
	a.Mode = ModeApproved
	a.KnowledgeVersion = kb.Version
	return a, true
}

// emitWhole streams an answer given whole (not written by a model as it
// streams). A refusal is not: it is final at once, and a front end shows
// it only as a whole, rendered as a refusal (Discord shows the briefings'
// titles and topics it names as written, not as Markdown, which a
// streamed edit of the bare text would not).
func emitWhole(onDelta func(string), a Answer) {
	if !a.Refused {
		emit(onDelta, a.Text)
	}
}

func emit(onDelta func(string), s string) {
	if onDelta != nil {
		onDelta(s)
	}
}

// refusal is the "the briefing doesn't say" answer, naming what the
// briefings do cover so the user can ask again usefully.
func refusal(kb *Knowledge) Answer {
	a := Answer{Mode: ModeExtractive, Refused: true}
	for _, b := range kb.Briefings {
		a.Covers = append(a.Covers, b.Topics...)
	}
	if len(kb.Briefings) > 1 {
		a.Text = "The briefings don't say. I can only answer from " + briefingNames(kb) + "." + coversText("They cover", a.Covers)
		return a
	}
	a.Text = "The briefing doesn't say. I can only answer from " + briefingNames(kb) + "." + coversText("It covers", a.Covers)
	return a
}

func joinNotices(first, then []Notice) []Notice {
	if len(first) == 0 {
		return then
	}
	return append(append([]Notice(nil), first...), then...)
}
