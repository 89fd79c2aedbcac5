package eval

import (
	"context"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/bot/answer"
)

// Asker is the whole answering pipeline, model included.
type Asker interface {
	Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error)
}

// CheckRow is one line of a grounding check.
type CheckRow struct {
	ID       string
	Question string
	Want     string // "refuse", or "cites: <gold span>"
	Got      string // "refused", "¶11 ¶5", or the error
	Pass     bool
}

// Check asks every question through the full pipeline (see Answers) and
// says whether the answer cites a passage holding the gold span
// (answerable questions) or refuses (the others). Unlike Run it measures
// answers, not retrieval, so a new model or a new briefing shows at once
// whether answers still hold.
func Check(ctx context.Context, a Asker, qs []Question) []CheckRow {
	rep := Answers(ctx, a, qs)
	rows := make([]CheckRow, 0, len(qs))
	for i, o := range rep.Questions {
		r := CheckRow{ID: o.ID, Question: o.Question, Want: "refuse"}
		if o.Answerable {
			r.Want = "cites: " + qs[i].Gold[0]
		}
		switch {
		case o.Error != "":
			r.Got = "error: " + o.Error
		case o.Refused:
			r.Got, r.Pass = "refused", !o.Answerable
		default:
			var ps []string
			for _, p := range o.Paragraphs {
				ps = append(ps, fmt.Sprintf("¶%d", p))
			}
			r.Got, r.Pass = strings.Join(ps, " "), o.GoldCited
		}
		rows = append(rows, r)
	}
	return rows
}

// Passed counts the passing rows.
func Passed(rows []CheckRow) int {
	n := 0
	for _, r := range rows {
		if r.Pass {
			n++
		}
	}
	return n
}
