package answer

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
	"github.com/briefbot/briefbot/prompts"
)

// Model writes answers: an OpenAI-compatible client in production (see
// bot/llm/llmanswer), a fake in tests. It is declared in the core's own
// terms, so the answering core links no model client.
//
// Stream calls onDelta (which may be nil) with each piece of text as it
// arrives; the Reply's Text is all of it. Errors that are the model being
// rate-limited or slow wrap ErrModelBusy or ErrModelSlow, and those of a
// setup that cannot work (a refused key, an unknown model) ErrModelSetup,
// so the answer can say so.
type Model interface {
	Stream(ctx context.Context, msgs []Message, g Generation, onDelta func(string)) (Reply, error)
}

// Message is one chat message of a prompt.
type Message struct {
	Role    string // "system" or "user"
	Content string
}

// Generation bounds one model call.
type Generation struct {
	MaxTokens   int
	Temperature float32
}

// Reply is what a model call returned; token counts are what the server
// reported, zero when it reported none.
type Reply struct {
	Text             string
	PromptTokens     int
	CompletionTokens int
	// Cut says the reply was stopped, maybe mid-sentence: at the model's
	// token limit, or by the provider's content filter.
	Cut bool
}

// Kinds of model failure the answer explains to the member.
var (
	ErrModelBusy = errors.New("answer: the model is rate-limited")
	ErrModelSlow = errors.New("answer: the model took too long")
	// ErrModelSetup: the model cannot be used as the bot is set up: its
	// server refused the bot's credentials, or has no such model or
	// endpoint. Asking again later will not help, and members are not
	// told to.
	ErrModelSetup = errors.New("answer: the model cannot be used as configured")
)

// Budgets and deadlines for model calls.
const (
	// DefaultPassageBudget bounds the passages of one prompt, in tokens.
	// The model decides coverage, so it must see what could answer: the
	// first briefing (about 1,770 tokens with its passage markers) fits
	// whole.
	DefaultPassageBudget = 2000
	// historyBudget bounds the earlier turns of a conversation.
	historyBudget = 600
	// DefaultAnswerTokens and DefaultAnswerTimeout bound a model's answer
	// (WithAnswerLimits changes them: slow local models need longer).
	DefaultAnswerTokens  = 400
	DefaultAnswerTimeout = 30 * time.Second
	rewriteTimeout       = 8 * time.Second
	// poolK is how many ranked chunks a question draws passages from when
	// the briefings in scope do not fit the budget whole.
	poolK = 24
)

// genResult is a checked model answer, or the reason there is none.
type genResult struct {
	verified
	reply Reply
	input int // prompt tokens as we counted them
}

// errUngrounded means the model answered but nothing survived the checks.
var errUngrounded = errors.New("answer: the model's answer had no checked citation")

// generate asks the model to answer from the passages and lets through,
// to onDelta and into the answer, only what the gate passes.
//
// scope is passages's scope key (see passages) when passages are its
// whole scope, "" otherwise.
func (e *Engine) generate(ctx context.Context, kb *Knowledge, q string, history []Turn, passages []knowledge.Chunk, scope string, onDelta func(string)) (genResult, error) {
	msgs := e.buildPrompt(kb, q, history, passages, scope)
	ctx, cancel := context.WithTimeout(ctx, e.answerTimeout)
	defer cancel()
	g := newGate(passages, isEnglish(q), onDelta)
	g.reasons = e.reasons()
	// The system prompt holds the instructions alone (the passages and
	// the question are in the user message), so no sentence of the
	// briefing is taken for one of them.
	g.instructions = e.instructionsEcho(kb)
	comp, err := e.model.Stream(ctx, msgs, Generation{MaxTokens: e.answerTokens, Temperature: 0.1}, g.write)
	res := genResult{reply: comp}
	if comp.PromptTokens <= 0 {
		// Our count stands in for the server's only when it reports none
		// (Usage.add): counting the whole prompt, a briefing long, is
		// per-question work not worth doing otherwise.
		res.input = promptTokens(e.countTokens, msgs)
	}
	if err != nil {
		return res, err
	}
	// A Model that returns its text without streaming it is judged the
	// same way.
	if rest, ok := strings.CutPrefix(comp.Text, g.raw.String()); ok {
		g.write(rest)
	}
	g.cut = comp.Cut
	res.verified = g.close()
	e.learnReasoning(g)
	if !res.refused && res.text == "" {
		return res, errUngrounded
	}
	return res, nil
}

// How a model shows its reasoning, as learnt from its replies (see
// reasons).
const (
	reasoningUnknown  int32 = iota // no reply has told yet: the model's name decides
	reasoningStripped              // replies reason before a closing tag with no opening one
	reasoningApart                 // replies carry no reasoning, or only in whole blocks
)

// reasons reports whether the model is known to reason with its opening
// tag stripped, so that the gate shows nothing of a reply until its
// closing tag ("reasoning … </think> The answer [1]."). Text before the
// closing tag looks like an answer — it may even cite and pass the
// checks — and the tag comes only after it: the gate cannot tell, while
// streaming, reasoning from answer. So a model known to reason streams
// nothing until its reasoning is closed (or its reply ends), and one not
// known to reason streams at once: on its first such reply, checked
// sentences of its reasoning may be shown for a moment, then withdrawn
// (Restart) when the tag comes, and left out of the answer. Holding
// every model's first reply back would take streaming from the first
// answer of every model that never reasons.
//
// A model is known to reason once a reply of it has had a closing tag
// with no opening one; before any reply has told, by its name
// ("deepseek-r1", "qwq", "…-thinking", "…-reasoning"); and not once a
// complete reply had no tag at all or a whole block (its reasoning goes
// elsewhere, or keeps its tags).
func (e *Engine) reasons() bool {
	switch e.reasoning.Load() {
	case reasoningStripped:
		return true
	case reasoningApart:
		return false
	}
	return reasoningName(e.modelName)
}

// learnReasoning records what a reply showed of the model's reasoning.
func (e *Engine) learnReasoning(g *gate) {
	st := &e.reasoning
	switch {
	case g.stray:
		st.Store(reasoningStripped)
	case !g.cut:
		// Known stripped stays so: a reply that reasoned little is no
		// proof that the provider stopped stripping.
		st.CompareAndSwap(reasoningUnknown, reasoningApart)
	}
}

// reasoningName reports whether a model's name is that of a model that
// reasons in its text, which providers often send without the opening tag.
func reasoningName(name string) bool {
	name = strings.ToLower(name)
	for _, part := range []string{"think", "reason", "qwq", "magistral"} {
		if strings.Contains(name, part) {
			return true
		}
	}
	return slices.Contains(strings.FieldsFunc(name, func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}), "r1")
}

// measureBoundary stands in for the random boundary when a prompt is
// rendered only to be measured, so that two measurements compare; a real
// boundary differs by a token or two.
const measureBoundary = "5e1f0c3a9b7d2e48"

// renderPrompt renders the answer prompt (with a fresh random boundary
// when boundary is "") and counts its tokens.
func (e *Engine) renderPrompt(kb *Knowledge, q string, history []Turn, passages []knowledge.Chunk, boundary string) ([]Message, int) {
	msgs := e.renderMessages(kb, q, history, passages, boundary)
	return msgs, promptTokens(e.countTokens, msgs)
}

// promptTokens is what a rendered prompt costs, as count counts it.
func promptTokens(count func(string) int, msgs []Message) int {
	n := 0
	for _, m := range msgs {
		n += count(m.Content)
	}
	return n
}

// renderMessages renders the answer prompt (with a fresh random boundary
// when boundary is "").
func (e *Engine) renderMessages(kb *Knowledge, q string, history []Turn, passages []knowledge.Chunk, boundary string) []Message {
	a := promptInput(kb, passages)
	a.Question, a.Boundary = q, boundary
	for _, t := range history {
		a.History = append(a.History, prompts.Turn{Question: t.Question, Answer: t.Answer})
	}
	r, err := prompts.RenderAnswer(a)
	if err != nil {
		// The templates are compiled in and tested; this cannot happen
		// short of a programming error, which the tests catch.
		panic(err)
	}
	return []Message{{Role: "system", Content: r.System}, {Role: "user", Content: r.User}}
}

// promptInput is the answer prompt's input for passages, with no
// question, boundary or history.
func promptInput(kb *Knowledge, passages []knowledge.Chunk) prompts.Answer {
	var a prompts.Answer
	if len(kb.Briefings) > 0 {
		a.Title = kb.Briefings[0].Title
	}
	a.Passages = make([]prompts.Passage, len(passages))
	for i, c := range passages {
		a.Passages[i] = prompts.Passage{N: i + 1, Title: c.Title, Paragraph: c.Paragraph, Text: c.Text}
	}
	return a
}

// buildPrompt renders the prompt with the passages and as many of the
// latest turns as fit historyBudget. What a turn costs does not depend on
// the passages, so the turns are measured on a prompt without them (the
// briefing is not rendered and counted once per turn), and the prompt is
// rendered whole once (and not counted: see generate).
func (e *Engine) buildPrompt(kb *Knowledge, q string, history []Turn, passages []knowledge.Chunk, scope string) []Message {
	boundary := prompts.NewBoundary()
	keep := len(history)
	if keep > 0 {
		_, base := e.renderPrompt(kb, q, nil, nil, boundary)
		keep = 0
		for i := len(history) - 1; i >= 0; i-- {
			if _, t := e.renderPrompt(kb, q, history[i:], nil, boundary); t-base > historyBudget {
				break
			}
			keep = len(history) - i
		}
	}
	if keep == 0 && scope != "" && q != "" {
		if msgs, ok := e.renderPrepared(kb, q, passages, scope, boundary); ok {
			return msgs
		}
	}
	return e.renderMessages(kb, q, history[len(history)-keep:], passages, boundary)
}

// renderPrepared renders the prompt, with no history, from the prompt
// prepared for a whole scope's passages (prompts.PrepareAnswer), preparing
// it on the scope's first question. Every question whose briefings fit
// the budget whole gets the same passages, so this is most questions'
// prompt. ok is false when it cannot be used (renderMessages then).
func (e *Engine) renderPrepared(kb *Knowledge, q string, passages []knowledge.Chunk, scope, boundary string) ([]Message, bool) {
	a := promptInput(kb, passages)
	var p *prompts.PreparedAnswer
	set := e.preparedFor(kb)
	if v, ok := set.byScope.Load(scope); ok {
		p = v.(*prompts.PreparedAnswer)
	} else if set.n.Load() >= maxPrepared {
		// Full: preparing a prompt only to drop it would cost more than
		// rendering this one.
		return nil, false
	} else {
		// Kept when nil too (a passage holds a NUL): not tried again.
		p = prompts.PrepareAnswer(a)
		if _, had := set.byScope.LoadOrStore(scope, p); !had {
			set.n.Add(1)
		}
	}
	// The key names a knowledge version and its briefings, so this holds;
	// checked all the same (it compares strings that are mostly the same
	// memory), so that no prompt is ever completed from other passages.
	if p == nil || !p.Prepared(a) {
		return nil, false
	}
	r, ok := prompts.RenderPrepared(p, q, boundary)
	if !ok {
		return nil, false
	}
	return []Message{{Role: "system", Content: r.System}, {Role: "user", Content: r.User}}, true
}

// preparedPrompts are the prompts prepared for one knowledge version's
// scopes: at most maxPrepared of them (a prompt is as large as the passage
// budget, and a corpus of many briefings has many scopes), dropped with
// the version.
type preparedPrompts struct {
	version string
	n       atomic.Int32
	byScope sync.Map // scopeKey → *prompts.PreparedAnswer
}

const maxPrepared = 64

// preparedFor returns the prompts prepared for kb's version, starting
// afresh when the knowledge has changed.
func (e *Engine) preparedFor(kb *Knowledge) *preparedPrompts {
	for {
		cur := e.prepared.Load()
		if cur != nil && cur.version == kb.Version {
			return cur
		}
		next := &preparedPrompts{version: kb.Version}
		if e.prepared.CompareAndSwap(cur, next) {
			return next
		}
	}
}

// passages chooses what the model reads, recall first: the briefings the
// question touches, whole and in reading order, when they fit the budget;
// otherwise the ranked chunks, each with the paragraphs around it, while
// they fit — then put back in reading order, as a reader would meet them.
// Costs are the rendered prompt's tokens, as the token counter counts them.
// A question retrieval finds nothing for (one in another language that
// could not be rewritten) has every briefing in scope.
//
// key is the scope's key (scopeKey) when the passages are the whole scope,
// "" otherwise.
func (e *Engine) passages(kb *Knowledge, res search.Result) (chosen []knowledge.Chunk, key string) {
	in := map[string]bool{}
	for _, h := range res.Hits[:min(retrieveK, len(res.Hits))] {
		in[h.Chunk.BriefingID] = true
	}
	key = scopeKey(kb, in)
	m := e.measure(kb, key, in)
	if m.whole-m.base <= e.passageBudget {
		// The scope's chunks are built once, with its measure, and
		// shared: nothing changes a question's passages.
		return m.scope, key
	}
	base, overhead := m.base, m.overhead
	picked := map[int]bool{}
	var order []int // picked chunks, in the order they were taken
	used := 0
	take := func(i int) {
		if picked[i] {
			return
		}
		if cost := e.countTokens(kb.Chunks[i].Text) + overhead; used+cost <= e.passageBudget {
			picked[i] = true
			order = append(order, i)
			used += cost
		}
	}
	for _, h := range res.Hits {
		i, ok := kb.position(h)
		if !ok {
			continue
		}
		take(i)
		if !picked[i] {
			continue
		}
		// An answer often runs over into the paragraph before or after.
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(kb.Chunks) && kb.Chunks[j].BriefingID == kb.Chunks[i].BriefingID {
				take(j)
			}
		}
	}
	// The overhead is an average: check the real render, and give up the
	// last taken passages while it is over.
	for len(order) > 0 {
		out := inReadingOrder(kb, order)
		if _, n := e.renderPrompt(kb, "", nil, out, measureBoundary); n-base <= e.passageBudget {
			return out, ""
		}
		order = order[:len(order)-1]
	}
	return nil, ""
}

// inReadingOrder returns the chunks at the given indexes of kb.Chunks in
// corpus order.
func inReadingOrder(kb *Knowledge, idx []int) []knowledge.Chunk {
	idx = slices.Sorted(slices.Values(idx))
	out := make([]knowledge.Chunk, len(idx))
	for k, i := range idx {
		out[k] = kb.Chunks[i]
	}
	return out
}

// promptSize is what rendering a scope's passages costs, in tokens.
type promptSize struct {
	base     int // the prompt with no passages
	whole    int // with every passage of the scope
	overhead int // markers, paragraph number: per passage, on average
	// scope is the scope's chunks, shared by every question in it: read
	// only. Kept only when they fit the passage budget (the only case in
	// which they are a prompt's passages), so that a corpus of many large
	// scopes does not keep a copy of each.
	scope []knowledge.Chunk
}

// inScope reports whether a chunk of the given briefing is in the scope
// of a question whose hits are in the briefings of in (every briefing when
// in is empty).
func inScope(in map[string]bool, briefingID string) bool {
	return len(in) == 0 || in[briefingID]
}

// scopeKey names a scope, the briefings in it whole (see inScope), in one
// knowledge version.
func scopeKey(kb *Knowledge, in map[string]bool) string {
	var key strings.Builder
	key.WriteString(kb.Version)
	if kb.scope != "" {
		// A knowledge cut down to one briefing titles its prompt with that
		// briefing's title (promptInput), the whole one with its first
		// briefing's: the same briefings, measured and prepared apart.
		key.WriteString("\x01scoped")
	}
	prev := ""
	for _, c := range kb.Chunks {
		if inScope(in, c.BriefingID) && c.BriefingID != prev {
			key.WriteString("\x00" + c.BriefingID)
			prev = c.BriefingID
		}
	}
	return key.String()
}

// measure collects a scope's chunks (in corpus order) and renders its
// prompt once per knowledge version and scope (key is scopeKey's): its
// cost depends on nothing else.
func (e *Engine) measure(kb *Knowledge, key string, in map[string]bool) promptSize {
	if m, ok := e.sizes.Load(key); ok {
		return m.(promptSize)
	}
	var scope []knowledge.Chunk
	for _, c := range kb.Chunks {
		if inScope(in, c.BriefingID) {
			scope = append(scope, c)
		}
	}
	m := promptSize{scope: scope}
	_, m.base = e.renderPrompt(kb, "", nil, nil, measureBoundary)
	_, m.whole = e.renderPrompt(kb, "", nil, scope, measureBoundary)
	text := 0
	for _, c := range scope {
		text += e.countTokens(c.Text)
	}
	m.overhead = (m.whole - m.base - text + len(scope) - 1) / max(1, len(scope))
	if m.whole-m.base > e.passageBudget {
		m.scope = nil
	}
	// Not for knowledge already replaced (SetKnowledge cleared the cache):
	// its chunks would be kept until the next reload. Checked again after
	// the store, for a reload in between.
	if e.kb.Load() == kb.whole() {
		e.sizes.Store(key, m)
		if e.kb.Load() != kb.whole() {
			e.sizes.Delete(key)
		}
	}
	return m
}

// rewriteQuery asks the model for an English search query when the question
// does not look English, so that "¿Qué países forman el Quad?" finds the
// Quad paragraph. On any failure the question itself is used.
func (e *Engine) rewriteQuery(ctx context.Context, q string, u *Usage) string {
	if e.model == nil || isEnglish(q) {
		return q
	}
	r, err := prompts.RenderRewrite(prompts.Rewrite{Question: q})
	if err != nil {
		return q
	}
	ctx, cancel := context.WithTimeout(ctx, rewriteTimeout)
	defer cancel()
	comp, err := e.model.Stream(ctx, []Message{{Role: "system", Content: r.System}, {Role: "user", Content: r.User}},
		Generation{MaxTokens: 60, Temperature: 0.01}, nil)
	u.add(comp, e.countTokens(r.System)+e.countTokens(r.User))
	if err != nil {
		e.log.Warn("query rewrite failed; searching with the question as asked", "err", err)
		return q
	}
	text, _, _ := visible(comp.Text, true)
	// The query is the first line that is one: not a preamble ending in a
	// colon ("Here is the search query:"), which small models write despite
	// the prompt, nor the refusal sentinel, which meets no passage.
	var rewritten string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasSuffix(line, ":") && !refuses(line) {
			rewritten = line
			break
		}
	}
	if rewritten == "" || len(rewritten) > 4*MaxQuestionRunes {
		return q
	}
	// The rewrite alone is searched: the original's foreign words would all
	// count as missing. The prompt asks it to keep every name.
	return rewritten
}

// modelNotice is the notice shown with a fallback answer.
func modelNotice(err error) Notice {
	switch {
	case errors.Is(err, ErrModelBusy):
		return Notice{Kind: NoticeModelBusy}
	case errors.Is(err, ErrModelSlow):
		return Notice{Kind: NoticeModelSlow}
	case errors.Is(err, ErrModelSetup):
		return Notice{Kind: NoticeModelSetup}
	case errors.Is(err, errUngrounded):
		return Notice{Kind: NoticeModelRejected}
	default:
		return Notice{Kind: NoticeModelDown}
	}
}

// estimateTokens is the default token count: about four characters a token
// for English, which overestimates slightly and so keeps within budget.
func estimateTokens(s string) int { return (len(s) + 3) / 4 }

// instructionsEcho is echoText of kb's system prompt, which repeats the
// answer prompt's instructions: made once per knowledge (its title is in
// it), with a fixed boundary in place of each answer's random one, which
// no run of six words can repeat anyway. Made for every answer, it cost
// the instant-model answer a sixth of its time.
func (e *Engine) instructionsEcho(kb *Knowledge) string {
	if c := e.echo.Load(); c != nil && c.kb == kb {
		return c.text
	}
	msgs := e.renderMessages(kb, "", nil, nil, "boundary")
	c := &echoCache{kb: kb, text: echoText(msgs[0].Content)}
	e.echo.Store(c)
	return c.text
}

// echoCache is one knowledge's instructionsEcho.
type echoCache struct {
	kb   *Knowledge
	text string
}
