package quiz

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/cite"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/prompts"
)

// Model writes quiz questions: given a system and a user prompt, the
// model's whole reply. Declared in the quiz's own terms so that quizzes
// link no model client; bot/llm/llmanswer adapts the real one.
type Model interface {
	Write(ctx context.Context, system, user string, g Generation) (string, error)
}

// Generation bounds a model's reply.
type Generation struct {
	MaxTokens   int
	Temperature float32
}

// Limits on a model's proposals.
const (
	modelTimeout    = 45 * time.Second
	maxModelTokens  = 1500
	maxQuestionLen  = 300
	maxOptionLen    = 120
	maxModelPerQuiz = 20
)

// Report says what became of a model's proposals.
type Report struct {
	Proposed int      // questions the model proposed
	Kept     int      // proposals that passed every check
	Dropped  []string // one reason per dropped proposal
	Filled   int      // extractive questions added to reach n
	// ModelErr is why the model gave nothing usable (call failed, reply not
	// JSON); the quiz is then wholly extractive.
	ModelErr error
}

// proposal is one question as the model writes it.
type proposal struct {
	Paragraph int      `json:"paragraph"`
	Question  string   `json:"question"`
	Correct   string   `json:"correct"`
	Wrong     []string `json:"wrong"`
}

// GenerateWithModel asks model for n questions on the briefing and checks
// each (see check); failing ones are dropped and the quiz is filled up
// from Generate, so it has n questions whenever the briefing allows. A
// model failure is not an error: the Report says what happened and the
// questions are extractive. The extractive seed is derived from the
// briefing id, so a retry gives the same fill-ins.
func GenerateWithModel(ctx context.Context, model Model, b knowledge.Briefing, n int) ([]Question, Report, error) {
	var rep Report
	if n <= 0 {
		return nil, rep, nil
	}
	var kept []Question
	props, err := ask(ctx, model, b, n)
	if err != nil {
		rep.ModelErr = err
	}
	rep.Proposed = len(props)
	chunks := knowledge.ChunkBriefing(b)
	used := map[int]bool{}
	for i, p := range props {
		if len(kept) == n {
			break
		}
		q, why := check(p, b, chunks)
		if why == "" && used[p.Paragraph] {
			why = "second question on the same paragraph"
		}
		if why != "" {
			rep.Dropped = append(rep.Dropped, fmt.Sprintf("question %d: %s", i+1, why))
			continue
		}
		used[p.Paragraph] = true
		kept = append(kept, q)
	}
	rep.Kept = len(kept)
	if len(kept) < n {
		fill, err := Generate(b, 3*n, hashString(b.ID))
		if err != nil && len(kept) == 0 {
			return nil, rep, err
		}
		// Prefer fill-ins from paragraphs the model did not use.
		for pass := 0; pass < 2 && len(kept) < n; pass++ {
			for _, q := range fill {
				if len(kept) == n {
					break
				}
				if used[q.Paragraph] != (pass == 1) || containsQuestion(kept, q) {
					continue
				}
				kept = append(kept, q)
				rep.Filled++
			}
		}
	}
	slices.SortStableFunc(kept, func(a, b Question) int { return a.Paragraph - b.Paragraph })
	return kept, rep, nil
}

func containsQuestion(qs []Question, q Question) bool {
	for _, k := range qs {
		if k.Text == q.Text {
			return true
		}
	}
	return false
}

// ask calls the model and decodes its proposals.
func ask(ctx context.Context, model Model, b knowledge.Briefing, n int) ([]proposal, error) {
	ps := make([]prompts.QuizParagraph, len(b.Paragraphs))
	for i, p := range b.Paragraphs {
		ps[i] = prompts.QuizParagraph{N: i + 1, Text: p}
	}
	r, err := prompts.RenderQuiz(prompts.Quiz{Title: b.Title, Date: b.Date, Paragraphs: ps, Count: n})
	if err != nil {
		return nil, fmt.Errorf("quiz: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, modelTimeout)
	defer cancel()
	text, err := model.Write(ctx, r.System, r.User, Generation{MaxTokens: maxModelTokens, Temperature: 0.3})
	if err != nil {
		return nil, fmt.Errorf("quiz: model: %w", err)
	}
	return decode(text)
}

// decode reads the model's JSON, tolerating a code fence or prose around
// it and a bare array instead of the {"questions": …} object.
func decode(text string) ([]proposal, error) {
	text = strings.TrimSpace(text)
	var obj struct {
		Questions []proposal `json:"questions"`
	}
	if i, j := strings.Index(text, "{"), strings.LastIndex(text, "}"); i >= 0 && j > i {
		if err := json.Unmarshal([]byte(text[i:j+1]), &obj); err == nil && obj.Questions != nil {
			return capProposals(obj.Questions), nil
		}
	}
	if i, j := strings.Index(text, "["), strings.LastIndex(text, "]"); i >= 0 && j > i {
		var arr []proposal
		if err := json.Unmarshal([]byte(text[i:j+1]), &arr); err == nil {
			return capProposals(arr), nil
		}
	}
	return nil, fmt.Errorf("quiz: the model's reply is not the JSON asked for (%d bytes)", len(text))
}

func capProposals(ps []proposal) []proposal {
	if len(ps) > maxModelPerQuiz {
		ps = ps[:maxModelPerQuiz]
	}
	return ps
}

// check returns the question for a proposal, or why it is refused: the
// cited paragraph must exist; the question and four options must be
// present, short and distinct after normalisation, and hold no link,
// mention, code or control character (cite.HasUnsafe: members see them as
// written); the correct option must be supported by the paragraph and no
// wrong one may be (see Supported).
func check(p proposal, b knowledge.Briefing, chunks []knowledge.Chunk) (Question, string) {
	if p.Paragraph < 1 || p.Paragraph > len(b.Paragraphs) {
		return Question{}, fmt.Sprintf("paragraph %d is out of range 1-%d", p.Paragraph, len(b.Paragraphs))
	}
	text := strings.TrimSpace(p.Question)
	if text == "" || len(text) > maxQuestionLen {
		return Question{}, "question empty or too long"
	}
	if len(p.Wrong) != Options-1 {
		return Question{}, fmt.Sprintf("%d wrong options, want %d", len(p.Wrong), Options-1)
	}
	opts := append([]string{strings.TrimSpace(p.Correct)}, p.Wrong...)
	for _, s := range append([]string{text}, opts...) {
		if cite.HasUnsafe(s) {
			return Question{}, fmt.Sprintf("%q holds a link, a mention or code", s)
		}
	}
	seen := map[string]bool{}
	for i, o := range opts {
		o = strings.TrimSpace(o)
		opts[i] = o
		if o == "" || len(o) > maxOptionLen {
			return Question{}, "an option is empty or too long"
		}
		n := knowledge.Normalize(o)
		if seen[n] {
			return Question{}, fmt.Sprintf("option %q given twice", o)
		}
		seen[n] = true
	}
	para := b.Paragraphs[p.Paragraph-1]
	sup := newSupport(para)
	if !sup.supports(opts[0]) {
		return Question{}, fmt.Sprintf("correct option %q is not supported by paragraph %d", opts[0], p.Paragraph)
	}
	for _, w := range opts[1:] {
		if sup.supports(w) {
			return Question{}, fmt.Sprintf("wrong option %q is supported by paragraph %d", w, p.Paragraph)
		}
	}
	quote := bestSentence(para, opts[0])
	q := Question{
		Text:      text,
		Kind:      KindModel,
		Paragraph: p.Paragraph,
		ChunkID:   chunkFor(chunks, p.Paragraph, quote),
		Quote:     quote,
	}
	// The model tends to put the correct option first; a fixed per-question
	// order from its text keeps the quiz reproducible without that bias.
	q.Options, q.Correct = shuffleFixed(opts, hashString(text))
	return q, ""
}

// bestSentence returns the paragraph's sentence sharing most content words
// with the option: the verbatim citation for a model-written question.
func bestSentence(para, option string) string {
	want := contentWords(option)
	best, bestN := para, -1
	for _, s := range knowledge.Sentences(para) {
		sup := newSupport(s)
		n := 0
		for _, w := range want {
			if sup.has(w) {
				n++
			}
		}
		if n > bestN {
			best, bestN = s, n
		}
	}
	return best
}
