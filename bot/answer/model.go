package answer

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
	"github.com/briefbot/briefbot/prompts"
)

// Model writes answers; *llm.Client is the real one.
type Model interface {
	Stream(ctx context.Context, msgs []llm.Message, opts llm.Options, onDelta func(string)) (llm.Completion, error)
}

// Budget and deadlines for model calls.
const (
	// MaxInputTokens bounds the whole prompt: system, passages, history and
	// question. The briefing's five best paragraphs fit in well under it.
	MaxInputTokens  = 1500
	maxAnswerTokens = 400
	answerTimeout   = 30 * time.Second
	rewriteTimeout  = 8 * time.Second
)

// genResult is a checked model answer, or the reason there is none.
type genResult struct {
	verified
	usage llm.Usage
	input int // prompt tokens as we counted them
}

// errUngrounded means the model answered but nothing survived the checks.
var errUngrounded = errors.New("answer: the model's answer had no checked citation")

// generate asks the model to answer from the retrieved passages and checks
// what it wrote.
func (e *Engine) generate(ctx context.Context, kb *Knowledge, q string, history []Turn, res search.Result, onDelta func(string)) (genResult, error) {
	passages, msgs, tokens := e.buildPrompt(kb, q, history, res)
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	comp, err := e.model.Stream(ctx, msgs, llm.Options{MaxTokens: maxAnswerTokens, Temperature: 0.1}, onDelta)
	if err != nil {
		return genResult{}, err
	}
	v := verify(comp.Text, passages, isEnglish(q))
	g := genResult{verified: v, usage: comp.Usage, input: tokens}
	if !v.refused && v.text == "" {
		return g, errUngrounded
	}
	return g, nil
}

// buildPrompt picks passages and history to fit MaxInputTokens: the
// retrieved chunks best first, then the best chunk's neighbours when they
// fit (an answer often spans a paragraph and the next), and as many recent
// turns as remain.
func (e *Engine) buildPrompt(kb *Knowledge, q string, history []Turn, res search.Result) ([]knowledge.Chunk, []llm.Message, int) {
	var chunks []knowledge.Chunk
	for _, h := range res.Hits {
		chunks = append(chunks, h.Chunk)
	}
	title := ""
	if len(kb.Briefings) > 0 {
		title = kb.Briefings[0].Title
	}
	render := func(chunks []knowledge.Chunk, hist []Turn) ([]llm.Message, int) {
		a := prompts.Answer{Title: title, Question: q}
		for i, c := range chunks {
			a.Passages = append(a.Passages, prompts.Passage{N: i + 1, Title: c.Title, Paragraph: c.Paragraph, Text: c.Text})
		}
		for _, t := range hist {
			a.History = append(a.History, prompts.Turn{Question: t.Question, Answer: t.Answer})
		}
		r, err := prompts.RenderAnswer(a)
		if err != nil {
			// The templates are compiled in and tested; this cannot happen
			// short of a programming error, which the tests catch.
			panic(err)
		}
		msgs := []llm.Message{{Role: "system", Content: r.System}, {Role: "user", Content: r.User}}
		return msgs, e.countTokens(r.System) + e.countTokens(r.User)
	}
	// Trim: drop the oldest turns first, then the weakest passages.
	hist := history
	msgs, n := render(chunks, hist)
	for n > MaxInputTokens && (len(hist) > 0 || len(chunks) > 1) {
		if len(hist) > 0 {
			hist = hist[1:]
		} else {
			chunks = chunks[:len(chunks)-1]
		}
		msgs, n = render(chunks, hist)
	}
	// Add the best chunk's neighbours while they fit.
	if len(res.Hits) > 0 && kb.Neighbours != nil {
		for _, nb := range kb.Neighbours(res.Hits[0].Chunk.ID) {
			if containsChunk(chunks, nb.ID) {
				continue
			}
			m2, n2 := render(append(chunks[:len(chunks):len(chunks)], nb), hist)
			if n2 <= MaxInputTokens {
				chunks, msgs, n = append(chunks, nb), m2, n2
			}
		}
	}
	return chunks, msgs, n
}

func containsChunk(cs []knowledge.Chunk, id string) bool {
	for _, c := range cs {
		if c.ID == id {
			return true
		}
	}
	return false
}

// rewriteQuery asks the model for an English search query when the question
// does not look English, so that "¿Qué países forman el Quad?" finds the
// Quad paragraph. On any failure the question itself is used.
func (e *Engine) rewriteQuery(ctx context.Context, q string) string {
	if e.model == nil || isEnglish(q) {
		return q
	}
	r, err := prompts.RenderRewrite(prompts.Rewrite{Question: q})
	if err != nil {
		return q
	}
	ctx, cancel := context.WithTimeout(ctx, rewriteTimeout)
	defer cancel()
	comp, err := e.model.Stream(ctx, []llm.Message{{Role: "system", Content: r.System}, {Role: "user", Content: r.User}},
		llm.Options{MaxTokens: 60, Temperature: 0.01}, nil)
	if err != nil {
		e.log.Warn("query rewrite failed; searching with the question as asked", "err", err)
		return q
	}
	rewritten := strings.TrimSpace(strings.SplitN(comp.Text, "\n", 2)[0])
	if rewritten == "" || len(rewritten) > 4*MaxQuestionRunes {
		return q
	}
	// The rewrite alone is searched (and judged for coverage): the original's
	// foreign words would all count as missing. The prompt asks it to keep
	// every name.
	return rewritten
}

// isEnglish guesses whether a question is in English: mostly ASCII
// letters, and at least one common English function word when it is longer
// than a couple of words. Good enough to decide on a query rewrite and on
// checking names, both of which fail safe.
func isEnglish(q string) bool {
	letters, ascii := 0, 0
	for _, r := range q {
		if unicode.IsLetter(r) {
			letters++
			if r < 0x80 {
				ascii++
			}
		}
	}
	if letters == 0 || float64(ascii) < 0.9*float64(letters) {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	if len(words) <= 3 {
		return true
	}
	for _, w := range words {
		if englishMarkers[w] {
			return true
		}
	}
	return false
}

var englishMarkers = map[string]bool{
	"the": true, "is": true, "are": true, "what": true, "why": true, "how": true, "who": true,
	"which": true, "does": true, "do": true, "did": true, "of": true, "to": true, "in": true,
	"and": true, "about": true, "whats": true, "what's": true, "who's": true, "nato": true,
	"was": true, "were": true, "it": true, "for": true, "with": true, "on": true, "when": true,
	"where": true, "can": true, "tell": true, "me": true, "say": true, "said": true,
}

// modelNotice is the one line shown with a fallback answer.
func modelNotice(err error) string {
	switch {
	case errors.Is(err, llm.ErrRateLimited):
		return "The language model is busy right now, so this answer quotes the briefing directly."
	case errors.Is(err, llm.ErrTimeout):
		return "The language model took too long, so this answer quotes the briefing directly."
	case errors.Is(err, errUngrounded):
		return "The language model's answer could not be checked against the briefing, so this answer quotes the briefing directly."
	default:
		return "The language model is unavailable right now, so this answer quotes the briefing directly."
	}
}

// estimateTokens is the default token count: about four characters a token
// for English, which overestimates slightly and so keeps within budget.
func estimateTokens(s string) int { return (len(s) + 3) / 4 }
