package approved

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge"
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

var (
	markerRE       = regexp.MustCompile(`\[(\d{1,3})\]`)
	spacedMarkerRE = regexp.MustCompile(`\s*\[\d{1,3}\]`)
	// trailingMarks are markers after a sentence's closing punctuation
	// ("… China. [1]"); moving them inside lets knowledge.Sentences split
	// the text as it splits briefings.
	trailingMarks = regexp.MustCompile(`([.!?]["'”’)]*)((?:\s*\[\d{1,3}\])+)`)
	numberRE      = regexp.MustCompile(`\d[\d,.]*\d|\d`)
)

// Check verifies an answer text against its citations, as the answering
// pipeline verifies a model's: every sentence carries at least one [n]
// marker, every marker names one of cites, and every number and
// capitalised name in a sentence occurs in the quotes it cites. It is
// stricter than the pipeline, which drops a bad sentence: here a human is
// editing and can fix it, so nothing is dropped silently.
//
// It returns the text and citations renumbered 1, 2, … in order of first
// use, without the citations the text no longer uses; or a *CheckError
// listing every offending sentence.
func Check(text string, cites []answer.Citation) (string, []answer.Citation, error) {
	text = strings.TrimSpace(text)
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
	var probs []Problem
	for _, s := range sentences(text) {
		shown := strings.Join(strings.Fields(spacedMarkerRE.ReplaceAllString(s, "")), " ")
		var cited []int
		for _, m := range markerRE.FindAllStringSubmatch(s, -1) {
			n, _ := strconv.Atoi(m[1])
			if _, ok := byN[n]; !ok {
				probs = append(probs, Problem{shown, fmt.Sprintf("cites [%d], which is not one of the answer's sources %v", n, ns)})
				continue
			}
			if !slices.Contains(cited, n) {
				cited = append(cited, n)
			}
		}
		if len(cited) == 0 {
			if !markerRE.MatchString(s) {
				probs = append(probs, Problem{shown, "has no citation [n]"})
			}
			continue
		}
		var support strings.Builder
		for _, n := range cited {
			support.WriteString(knowledge.Normalize(byN[n].Quote))
			support.WriteByte(' ')
		}
		if missing := unsupported(shown, support.String()); len(missing) > 0 {
			probs = append(probs, Problem{shown, fmt.Sprintf("mentions %s, not in the cited passage(s) %v", strings.Join(missing, ", "), cited)})
		}
	}
	if len(probs) > 0 {
		return "", nil, &CheckError{Problems: probs}
	}
	return renumber(text, byN)
}

// sentences splits an answer text as knowledge.Sentences splits a
// briefing, after moving each sentence's trailing markers before its
// closing punctuation.
func sentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, knowledge.Sentences(trailingMarks.ReplaceAllString(para, "$2$1"))...)
	}
	return out
}

// unsupported returns the numbers and capitalised names of sentence that
// support (normalised passage text) lacks.
//
// A sentence's first word is capitalised anyway, and the pipeline does
// not take it for a name; but then "India was invited [1]" would pass.
// Here it counts as a name unless it is a common sentence opener: a
// moderator rejected for "Notably" can rephrase, a wrong name served as
// approved cannot be taken back.
func unsupported(sentence, support string) []string {
	var out []string
	for _, n := range numberRE.FindAllString(sentence, -1) {
		if n = strings.TrimRight(n, ".,"); !strings.Contains(support, n) {
			out = append(out, n)
		}
	}
	words := strings.FieldsFunc(sentence, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '-' || r == '\'' || r == '’')
	})
	for i, w := range words {
		rs := []rune(w)
		if len(rs) < 2 || !unicode.IsUpper(rs[0]) {
			continue
		}
		n := strings.TrimSuffix(strings.TrimSuffix(knowledge.Normalize(w), "'s"), "'")
		if i == 0 && openers[n] {
			continue
		}
		if !strings.Contains(support, n) {
			out = append(out, w)
		}
	}
	return out
}

// renumber rewrites the markers 1, 2, … in order of first use and keeps
// only the citations used.
func renumber(text string, byN map[int]answer.Citation) (string, []answer.Citation, error) {
	newN := map[int]int{}
	var out []answer.Citation
	text = markerRE.ReplaceAllStringFunc(text, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		k, ok := newN[n]
		if !ok {
			k = len(out) + 1
			newN[n] = k
			c := byN[n]
			c.N = k
			out = append(out, c)
		}
		return "[" + strconv.Itoa(k) + "]"
	})
	for _, c := range out {
		if c.ChunkID == "" || c.Quote == "" {
			return "", nil, fmt.Errorf("approved: citation [%d] has no chunk id or quote: %w", c.N, ErrInvalid)
		}
	}
	return text, out, nil
}

// openers are words that start sentences without being names.
var openers = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about according additionally after also although an and another any
		as at because before being both but by despite during each either even every few for from
		further furthermore having he her here his however if in indeed instead it its many meanwhile
		more moreover most much neither no nor not notably of on once only or other others our
		overall rather several she since so some still such that the their them then there therefore
		these they this those though thus to under unlike until we what when where whether which while
		who whom whose why with within without yes yet you`) {
		openers[w] = true
	}
}
