package approved

import (
	"fmt"
	"slices"
	"strings"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/cite"
	"github.com/briefbot/briefbot/bot/state"
)

// ErrInvalid is state.ErrInvalid, so that the edge maps every store's bad
// input to one friendly message.
var ErrInvalid = state.ErrInvalid

// Problem is one sentence of an answer text that its citations do not
// support, and why.
type Problem struct {
	Sentence string
	Reason   string
}

// CheckError lists every unsupported sentence of an answer text, so a
// moderator can fix them all in one edit. It wraps ErrInvalid.
type CheckError struct{ Problems []Problem }

func (e *CheckError) Error() string {
	var b strings.Builder
	b.WriteString("approved: the answer is not supported by its citations:")
	for _, p := range e.Problems {
		fmt.Fprintf(&b, " %q %s;", p.Sentence, p.Reason)
	}
	return strings.TrimSuffix(b.String(), ";")
}

func (e *CheckError) Unwrap() error { return ErrInvalid }

// Check verifies an answer text against its citations with the checker
// that verifies a model's answers (cite): every sentence carries at least
// one [n] marker, every marker names one of cites, every number and
// capitalised name in a sentence occurs in the quotes it cites, and there
// is no link, mention or code. Where the pipeline drops a bad sentence,
// here a human is editing and can fix it, so every problem is reported and
// nothing is dropped silently.
//
// It returns the text and citations renumbered 1, 2, … in order of first
// use, without the citations the text no longer uses; or a *CheckError
// listing every offending sentence.
func Check(text string, cites []answer.Citation) (string, []answer.Citation, error) {
	text = cite.Contained(strings.TrimSpace(text))
	if text == "" {
		return "", nil, fmt.Errorf("approved: empty answer text: %w", ErrInvalid)
	}
	byN := map[int]answer.Citation{}
	var ns []int
	for _, c := range cites {
		byN[c.N] = c
		ns = append(ns, c.N)
	}
	slices.Sort(ns)
	check := cite.Checker{Passage: func(n int) (string, bool) {
		c, ok := byN[n]
		return c.Quote, ok
	}, Paragraph: func(n int) int { return byN[n].Paragraph }}
	var probs []Problem
	rs := check.CheckText(text)
	if !slices.ContainsFunc(rs, func(r cite.Result) bool { return !r.Absent && r.Body != "" }) {
		// Statements of what the briefing does not say are shown beside
		// an answer, never as one (as the stream gate holds them).
		probs = append(probs, Problem{text, "cites no passage: an approved answer says something the briefing says, with its [n]"})
	}
	for _, r := range rs {
		denial, isDenial := cite.Denial(r.Missing)
		for _, n := range r.Bad {
			probs = append(probs, Problem{r.Body, fmt.Sprintf("cites [%d], which is not one of the answer's sources %v", n, ns)})
		}
		switch {
		case r.Reason == cite.Unsafe:
			probs = append(probs, Problem{r.Body, "holds a link, a mention or code"})
		case len(r.Cited) == 0 && len(r.Bad) == 0 && !r.Lead && !r.Absent:
			probs = append(probs, Problem{r.Body, "has no citation [n]"})
		case slices.Contains(r.Missing, cite.FalseAbsence):
			probs = append(probs, Problem{r.Body, "says the briefing does not say something its passages do say (or says more than what is missing)"})
		case isDenial:
			probs = append(probs, Problem{r.Body, "goes against its passage, which says " + denial})
		case len(r.Missing) > 0:
			probs = append(probs, Problem{r.Body, fmt.Sprintf("mentions %s, not in the cited passage(s) %v", strings.Join(r.Missing, ", "), r.Cited)})
		case r.Vacuous:
			probs = append(probs, Problem{r.Body, "says nothing its citation can support: write what the passage says (\"No: Macron objects … [1]\")"})
		case r.Dangling:
			probs = append(probs, Problem{r.Body, "introduces a list, but no item under it passes"})
		}
	}
	if len(probs) > 0 {
		return "", nil, &CheckError{Problems: probs}
	}
	return renumber(text, byN)
}

// renumber rewrites the markers 1, 2, … in order of first use and keeps
// only the citations used.
func renumber(text string, byN map[int]answer.Citation) (string, []answer.Citation, error) {
	text, old := cite.Renumber(text)
	out := make([]answer.Citation, len(old))
	for k, n := range old {
		out[k] = byN[n]
		out[k].N = k + 1
		if out[k].ChunkID == "" || out[k].Quote == "" {
			return "", nil, fmt.Errorf("approved: citation [%d] has no chunk id or quote: %w", k+1, ErrInvalid)
		}
	}
	return text, out, nil
}
