package eval

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/cite"
)

// AnswerOutcome is one question of an answers report: what the whole
// pipeline did with it.
type AnswerOutcome struct {
	ID         string `json:"id"`
	Kind       string `json:"kind,omitempty"`
	Question   string `json:"question"`
	Answerable bool   `json:"answerable"`
	Refused    bool   `json:"refused"`
	Mode       string `json:"mode"`
	// GoldCited: a citation quotes a passage holding a gold span.
	GoldCited bool `json:"gold_cited"`
	// Paragraphs cited, in citation order.
	Paragraphs     []int `json:"paragraphs"`
	InvalidMarkers int   `json:"invalid_markers"`
	ModelCalls     int   `json:"model_calls"`
	PromptTokens   int   `json:"prompt_tokens"`
	// FellBack: the model was asked and failed (unreachable, too slow,
	// busy, or nothing it wrote passed the checks), and the extractive
	// answer stood in: what was measured is not the model's.
	FellBack bool   `json:"fell_back,omitempty"`
	Error    string `json:"error,omitempty"`
}

// AnswerSummary is the headline of an answers report. Shares are of the
// answerable questions (answered, gold cited) and of the others (refused).
type AnswerSummary struct {
	N              int     `json:"n"`
	Answerable     int     `json:"answerable"`
	AnsweredShare  float64 `json:"answered_share"`
	GoldCitedShare float64 `json:"gold_cited_share"`
	RefusedShare   float64 `json:"refused_share"`
	InvalidMarkers int     `json:"invalid_markers"`
	Errors         int     `json:"errors"`
	// FellBack counts the answers the extractive answer gave in the
	// model's stead: with a model configured, anything above 0 says the
	// figures are partly not the model's (a wrong key makes them all so).
	FellBack   int `json:"fell_back"`
	ModelCalls int `json:"model_calls"`
	// PromptTokensPerAnswer averages over the questions that reached a
	// model.
	PromptTokensPerAnswer float64 `json:"prompt_tokens_per_answer"`
}

// AnswersReport is what `bot eval --answers --json` prints; ByKind breaks
// the summary down by the questions' kind labels.
type AnswersReport struct {
	// Interrupted says the run was stopped (Ctrl-C, SIGTERM) before every
	// question was asked; the summary covers those that were.
	Interrupted bool                     `json:"interrupted,omitempty"`
	Summary     AnswerSummary            `json:"summary"`
	ByKind      map[string]AnswerSummary `json:"by_kind,omitempty"`
	Questions   []AnswerOutcome          `json:"questions"`
}

// Answers runs every question through the whole answering pipeline (model
// or extractive, as the Asker is configured). A follow-up's earlier
// questions are asked first, and their answers make its history.
func Answers(ctx context.Context, a Asker, qs []Question) AnswersReport {
	var rep AnswersReport
	for _, q := range qs {
		if ctx.Err() != nil {
			rep.Interrupted = true
			break
		}
		o := AnswerOutcome{ID: q.ID, Kind: q.Kind, Question: q.Question, Answerable: q.Answerable, Paragraphs: []int{}}
		var hist []answer.Turn
		for _, h := range q.History {
			prev, err := a.Ask(ctx, answer.Request{Question: h, History: hist}, nil)
			if err == nil {
				hist = append(hist, answer.Turn{Question: h, Answer: prev.Text})
			}
		}
		ans, err := a.Ask(ctx, answer.Request{Question: q.Question, History: hist}, nil)
		if err != nil && ctx.Err() != nil {
			rep.Interrupted = true // cut: not a failure of the pipeline
			break
		}
		if err != nil {
			// Neither answered nor refused: the pipeline failed it
			// (counted in Errors, listed in the report).
			o.Error = err.Error()
			rep.Questions = append(rep.Questions, o)
			continue
		}
		o.Refused, o.Mode = ans.Refused, string(ans.Mode)
		for _, c := range ans.Citations {
			o.Paragraphs = append(o.Paragraphs, c.Paragraph)
			o.GoldCited = o.GoldCited || (q.Answerable && containsGold(c.Quote, q.Gold))
		}
		o.InvalidMarkers = invalidMarkers(ans)
		o.FellBack = fellBack(ans)
		if ans.Usage != nil {
			o.ModelCalls, o.PromptTokens = ans.Usage.Calls, ans.Usage.PromptTokens
		}
		rep.Questions = append(rep.Questions, o)
	}
	rep.Summary = summarise(rep.Questions)
	kinds := map[string][]AnswerOutcome{}
	for _, o := range rep.Questions {
		if o.Kind != "" {
			kinds[o.Kind] = append(kinds[o.Kind], o)
		}
	}
	if len(kinds) > 0 {
		rep.ByKind = map[string]AnswerSummary{}
		for k, os := range kinds {
			rep.ByKind[k] = summarise(os)
		}
	}
	return rep
}

// invalidMarkers counts the markers of an answer's text that name none of
// its citations: the pipeline must never let one through.
func invalidMarkers(a answer.Answer) int {
	n := 0
	for _, m := range cite.Marker.FindAllStringSubmatch(a.Text, -1) {
		k, _ := strconv.Atoi(m[1])
		if !slices.ContainsFunc(a.Citations, func(c answer.Citation) bool { return c.N == k }) {
			n++
		}
	}
	return n
}

// fellBack reports whether a's notices say the model failed and the
// extractive answer stood in.
func fellBack(a answer.Answer) bool {
	return slices.ContainsFunc(a.Notices, func(n answer.Notice) bool {
		switch n.Kind {
		case answer.NoticeModelBusy, answer.NoticeModelSlow, answer.NoticeModelDown, answer.NoticeModelSetup, answer.NoticeModelRejected:
			return true
		}
		return false
	})
}

func summarise(os []AnswerOutcome) AnswerSummary {
	s := AnswerSummary{N: len(os)}
	var answered, cited, unanswerable, refused, withModel, tokens int
	for _, o := range os {
		s.InvalidMarkers += o.InvalidMarkers
		s.ModelCalls += o.ModelCalls
		if o.Error != "" {
			s.Errors++
		}
		if o.FellBack {
			s.FellBack++
		}
		if o.ModelCalls > 0 {
			withModel++
			tokens += o.PromptTokens
		}
		if o.Answerable {
			s.Answerable++
			if !o.Refused && o.Error == "" {
				answered++
			}
			if o.GoldCited {
				cited++
			}
		} else {
			unanswerable++
			if o.Refused {
				refused++
			}
		}
	}
	if s.Answerable > 0 {
		s.AnsweredShare = float64(answered) / float64(s.Answerable)
		s.GoldCitedShare = float64(cited) / float64(s.Answerable)
	}
	if unanswerable > 0 {
		s.RefusedShare = float64(refused) / float64(unanswerable)
	}
	if withModel > 0 {
		s.PromptTokensPerAnswer = float64(tokens) / float64(withModel)
	}
	return s
}

// WriteAnswersText prints an answers report for people: the summary, the
// breakdown by kind, then the questions answered or refused wrongly.
func WriteAnswersText(w io.Writer, rep AnswersReport) error {
	var b strings.Builder
	line := func(name string, s AnswerSummary) {
		fmt.Fprintf(&b, "%-12s n=%-4d answered %s  gold cited %s  refused %s  invalid markers %d  model calls %d  prompt tokens/answer %.0f",
			name, s.N, share(s.AnsweredShare, s.Answerable), share(s.GoldCitedShare, s.Answerable), share(s.RefusedShare, s.N-s.Answerable),
			s.InvalidMarkers, s.ModelCalls, s.PromptTokensPerAnswer)
		if s.FellBack > 0 {
			fmt.Fprintf(&b, "  fell back to extractive %d (the model failed: see the log)", s.FellBack)
		}
		if s.Errors > 0 {
			fmt.Fprintf(&b, "  errors %d (neither answered nor refused)", s.Errors)
		}
		b.WriteByte('\n')
	}
	line("all", rep.Summary)
	kinds := make([]string, 0, len(rep.ByKind))
	for k := range rep.ByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		line(shown(k), rep.ByKind[k])
	}
	for _, o := range rep.Questions {
		switch {
		case o.Error != "":
			fmt.Fprintf(&b, "  error            %-8s %s: %s\n", shown(o.ID), shown(o.Question), shown(o.Error))
		case o.Answerable && o.Refused:
			fmt.Fprintf(&b, "  wrongly refused  %-8s %s\n", shown(o.ID), shown(o.Question))
		case !o.Answerable && !o.Refused:
			fmt.Fprintf(&b, "  wrongly answered %-8s %s\n", shown(o.ID), shown(o.Question))
		case o.Answerable && !o.GoldCited:
			fmt.Fprintf(&b, "  gold not cited   %-8s %s (cited ¶%v)\n", shown(o.ID), shown(o.Question), o.Paragraphs)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
