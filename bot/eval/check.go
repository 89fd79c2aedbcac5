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

// Check asks every question through the full pipeline and says whether the
// answer cites a passage holding the gold span (answerable questions) or
// refuses (the others). Unlike Run it measures answers, not retrieval, so a
// new model or a new briefing shows at once whether answers still hold.
func Check(ctx context.Context, a Asker, qs []Question) []CheckRow {
	rows := make([]CheckRow, 0, len(qs))
	for _, q := range qs {
		r := CheckRow{ID: q.ID, Question: q.Question, Want: "refuse"}
		if q.Answerable {
			r.Want = "cites: " + q.Gold[0]
		}
		ans, err := a.Ask(ctx, answer.Request{Question: q.Question}, nil)
		switch {
		case err != nil:
			r.Got = "error: " + err.Error()
		case ans.Refused:
			r.Got = "refused"
			r.Pass = !q.Answerable
		default:
			var ps []string
			for _, c := range ans.Citations {
				ps = append(ps, fmt.Sprintf("¶%d", c.Paragraph))
				if q.Answerable && containsGold(c.Quote, q.Gold) {
					r.Pass = true
				}
			}
			r.Got = strings.Join(ps, " ")
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
