package discord

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/eval"
)

// evalTimeout bounds a whole grounding check.
const evalTimeout = 3 * time.Minute

func (a *admin) eval(ctx context.Context, l discordgo.Locale) string {
	ctx, cancel := context.WithTimeout(ctx, evalTimeout)
	defer cancel()
	// One answer slot for the whole run: the check asks one question at a
	// time and must not crowd out the members.
	release, err := a.b.deps.Questions.Hold(ctx)
	if err != nil {
		return localText(l, err)
	}
	defer release()
	var rows []eval.CheckRow
	var notes []string
	for _, br := range a.corpus().Briefings {
		name, data, ok, err := a.d.CheckSet(br.ID)
		if err != nil {
			notes = append(notes, tr(l, msgAdminCheckSetUnreadable, br.ID))
			continue
		}
		if !ok {
			notes = append(notes, tr(l, msgAdminNoCheckSet, br.ID, br.ID))
			continue
		}
		qs, err := eval.Read(adminBaseName(name), bytes.NewReader(data))
		if err != nil {
			notes = append(notes, fmt.Sprintf("`%s`: %s", br.ID, err))
			continue
		}
		rows = append(rows, eval.Check(ctx, a.d.Asker, qs)...)
	}
	return renderEval(l, rows, notes)
}

func adminBaseName(p string) string {
	p = strings.TrimPrefix(p, "embedded:")
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// renderEval is the pass/fail table in a code block, failures first when
// it must be cut, its heading in l. The table's own columns (PASS/FAIL,
// cite/refuse, ids, what the pipeline gave, the questions) stay as they
// are: fixed-width codes, in every language.
func renderEval(l discordgo.Locale, rows []eval.CheckRow, notes []string) string {
	var b strings.Builder
	if len(rows) > 0 {
		b.WriteString(tr(l, msgAdminEvalHead, eval.Passed(rows), len(rows)) + "\n```\n")
		ordered := make([]eval.CheckRow, 0, len(rows))
		for _, r := range rows {
			if !r.Pass {
				ordered = append(ordered, r)
			}
		}
		for _, r := range rows {
			if r.Pass {
				ordered = append(ordered, r)
			}
		}
		const budget = 1500
		w := 2
		for _, r := range rows {
			w = max(w, min(len([]rune(r.ID)), 14))
		}
		n := 0
		for _, r := range ordered {
			mark := "PASS"
			if !r.Pass {
				mark = "FAIL"
			}
			want := "refuse"
			if r.Want != "refuse" {
				want = "cite"
			}
			line := fmt.Sprintf("%s %-*s %-6s %-14s %s\n", mark, w, truncateRunes(r.ID, 14), want,
				truncateRunes(strings.ReplaceAll(oneLine(r.Got), "`", "'"), 14), truncateRunes(strings.ReplaceAll(oneLine(r.Question), "`", "'"), 44))
			if b.Len()+len(line) > budget {
				break
			}
			b.WriteString(line)
			n++
		}
		if n < len(ordered) {
			b.WriteString(tr(l, msgAdminMorePassed, len(ordered)-n) + "\n")
		}
		b.WriteString("```")
	} else {
		b.WriteString(tr(l, msgAdminNoEvalQuestions))
	}
	for _, n := range notes {
		b.WriteString("\n" + n)
	}
	return b.String()
}
