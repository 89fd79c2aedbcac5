// Package eval scores retrieval and refusal on a question file: the JSON
// Lines format of the project's design notes ({"id","question","gold":[spans],"answerable"}).
package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
)

// Question is one line of a question file.
type Question struct {
	ID         string   `json:"id"`
	Question   string   `json:"question"`
	Gold       []string `json:"gold"`
	Answerable bool     `json:"answerable"`
	// Kind is a free label for breaking results down ("casual",
	// "near-refuse"…); optional.
	Kind string `json:"kind,omitempty"`
	// History holds the earlier questions of a follow-up, oldest first;
	// optional.
	History []string `json:"history,omitempty"`
	// Lang is the language the question is written in (ISO 639-1), for
	// sets in several; optional, not used in scoring.
	Lang string `json:"lang,omitempty"`
}

// Retriever is what eval measures: the answering pipeline's retrieval and
// its decision to refuse.
type Retriever interface {
	Retrieve(question string, k int) (search.Result, bool)
}

// Retrieved is one retrieved chunk in a report.
type Retrieved struct {
	ChunkID string `json:"chunk_id"`
	Text    string `json:"text"`
}

// Outcome is the per-question part of a report.
type Outcome struct {
	ID         string      `json:"id"`
	Kind       string      `json:"kind,omitempty"`
	Question   string      `json:"question"`
	Answerable bool        `json:"answerable"`
	Rank       int         `json:"rank"` // of the first hit, 1-based; 0 for none
	Refused    bool        `json:"refused"`
	Retrieved  []Retrieved `json:"retrieved"`
}

// Summary holds the metrics. Hit@k and MRR are over answerable questions;
// refusal accuracy over all (refused exactly when not answerable).
type Summary struct {
	N               int     `json:"n"`
	Answerable      int     `json:"answerable"`
	Hit1            float64 `json:"hit@1"`
	Hit3            float64 `json:"hit@3"`
	Hit5            float64 `json:"hit@5"`
	MRR             float64 `json:"mrr"`
	RefusalAccuracy float64 `json:"refusal_accuracy"`
	// AnsweredShare is the share of answerable questions not refused;
	// RefusedShare the share of unanswerable ones refused.
	AnsweredShare float64 `json:"answered_share"`
	RefusedShare  float64 `json:"refused_share"`
	K             int     `json:"k"`
}

// Report is what `bot eval --json` prints.
type Report struct {
	Summary Summary `json:"summary"`
	// ByKind breaks the summary down by the questions' kind labels.
	ByKind    map[string]Summary `json:"by_kind,omitempty"`
	Questions []Outcome          `json:"questions"`
}

// MaxLineBytes bounds one line of a question file.
const MaxLineBytes = 1 << 20

// Read parses a question file, naming the line (and the field) of any
// malformed entry. Every line must say whether its question is answerable,
// and an answerable one must give its gold spans: a line missing either is
// refused, not taken as a must-refuse question. A UTF-8 byte order mark
// is accepted.
func Read(name string, r io.Reader) ([]Question, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLineBytes)
	var qs []Question
	seen := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if line == 1 {
			if strings.HasPrefix(text, "\xFF\xFE") || strings.HasPrefix(text, "\xFE\xFF") {
				return nil, &knowledge.ParseError{Name: name, Line: line, Msg: "the file is UTF-16 (it starts with its byte order mark): save it as UTF-8"}
			}
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		if text == "" {
			continue
		}
		bad := func(msg string) error { return &knowledge.ParseError{Name: name, Line: line, Msg: msg} }
		var q struct {
			Question
			Answerable *bool `json:"answerable"`
		}
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, bad(decodeMsg(err))
		}
		// One object a line: anything after it (a second object, a
		// stray word) is not silently dropped.
		if strings.TrimSpace(text[dec.InputOffset():]) != "" {
			return nil, bad("more after the question's JSON object: one object a line")
		}
		switch {
		case strings.TrimSpace(q.Question.Question) == "":
			return nil, bad(`field "question": empty`)
		case q.Answerable == nil:
			return nil, bad(`field "answerable" is missing: say true or false`)
		case *q.Answerable && len(q.Gold) == 0:
			return nil, bad(`field "gold": an answerable question needs its gold spans`)
		}
		// A span with no words matches no chunk: its question would count
		// as a miss whatever is retrieved.
		for i, g := range q.Gold {
			if knowledge.Normalize(g) == "" {
				return nil, bad(fmt.Sprintf(`field "gold": span %d has no words`, i+1))
			}
		}
		if prev, dup := seen[q.ID]; dup && q.ID != "" {
			return nil, bad(fmt.Sprintf(`field "id": %q already used on line %d`, q.ID, prev))
		}
		seen[q.ID] = line
		q.Question.Answerable = *q.Answerable
		qs = append(qs, q.Question)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &knowledge.ParseError{Name: name, Line: line + 1, Msg: fmt.Sprintf("line longer than %d bytes", MaxLineBytes)}
		}
		// A read error names the file already ("read FILE: is a
		// directory"): say it once.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("%s: no questions in it (JSON Lines: one object a line)", name)
	}
	return qs, nil
}

// decodeMsg says what is wrong with a line JSON would not decode, naming
// the field by its name in the file, not by Go's types.
func decodeMsg(err error) string {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err.Error()
	}
	if te.Field == "" {
		return fmt.Sprintf("want one JSON object a line, not %s", te.Value)
	}
	field := te.Field[strings.LastIndexByte(te.Field, '.')+1:]
	want := te.Type.String()
	switch te.Type.Kind() {
	case reflect.Bool:
		want = "true or false"
	case reflect.String:
		want = "a string"
	case reflect.Slice:
		want = "a list of strings"
	}
	return fmt.Sprintf("field %q: want %s, not %s", field, want, te.Value)
}

// Run scores every question with the top k retrieved chunks. The gold's
// rank is looked for in the top five at least, so that hit@3 and hit@5
// mean what they say with a k below them.
func Run(r Retriever, qs []Question, k int) Report {
	rep := Report{Questions: make([]Outcome, 0, len(qs))}
	kinds := map[string][]Outcome{}
	for _, q := range qs {
		res, refused := r.Retrieve(q.Question, max(k, 5))
		o := Outcome{ID: q.ID, Kind: q.Kind, Question: q.Question, Answerable: q.Answerable, Refused: refused, Retrieved: []Retrieved{}}
		for i, h := range res.Hits {
			if i < k {
				o.Retrieved = append(o.Retrieved, Retrieved{ChunkID: h.Chunk.ID, Text: h.Chunk.Text})
			}
			if o.Rank == 0 && containsGold(h.Chunk.Text, q.Gold) {
				o.Rank = i + 1
			}
		}
		rep.Questions = append(rep.Questions, o)
		if q.Kind != "" {
			kinds[q.Kind] = append(kinds[q.Kind], o)
		}
	}
	rep.Summary = summary(rep.Questions, k)
	if len(kinds) > 0 {
		rep.ByKind = map[string]Summary{}
		for kind, os := range kinds {
			rep.ByKind[kind] = summary(os, k)
		}
	}
	return rep
}

// summary computes the metrics of some outcomes.
func summary(os []Outcome, k int) Summary {
	s := Summary{N: len(os), K: k}
	var refusedRight, answered, unanswerable, refusedUnanswerable int
	for _, o := range os {
		if o.Refused != o.Answerable {
			refusedRight++
		}
		if !o.Answerable {
			unanswerable++
			if o.Refused {
				refusedUnanswerable++
			}
			continue
		}
		s.Answerable++
		if !o.Refused {
			answered++
		}
		if o.Rank == 1 {
			s.Hit1++
		}
		if o.Rank >= 1 && o.Rank <= 3 {
			s.Hit3++
		}
		if o.Rank >= 1 && o.Rank <= 5 {
			s.Hit5++
		}
		if o.Rank > 0 {
			s.MRR += 1 / float64(o.Rank)
		}
	}
	if s.Answerable > 0 {
		n := float64(s.Answerable)
		s.Hit1, s.Hit3, s.Hit5, s.MRR = s.Hit1/n, s.Hit3/n, s.Hit5/n, s.MRR/n
		s.AnsweredShare = float64(answered) / n
	}
	if unanswerable > 0 {
		s.RefusedShare = float64(refusedUnanswerable) / float64(unanswerable)
	}
	if s.N > 0 {
		s.RefusalAccuracy = float64(refusedRight) / float64(s.N)
	}
	return s
}

// containsGold applies the design notes' hit rule: after normalising both, the
// chunk contains any gold span.
func containsGold(text string, gold []string) bool {
	t := knowledge.Normalize(text)
	for _, g := range gold {
		if g = knowledge.Normalize(g); g != "" && strings.Contains(t, g) {
			return true
		}
	}
	return false
}

// shown is s as a text report prints it: quoted, its escapes visible,
// when it holds a control character (a terminal escape code, a newline)
// that would act on the terminal or break the report's line.
func shown(s string) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return s
}

// share is a share of n questions as a text report prints it, five
// wide: "-" when there are none to count, rather than a 0.000 that reads
// as all of them failed.
func share(v float64, n int) string {
	if n == 0 {
		return "-    "
	}
	return fmt.Sprintf("%.3f", v)
}

// WriteText prints a human-readable report: the summary, then the questions
// that missed or were wrongly refused or answered.
func WriteText(w io.Writer, rep Report) error {
	s := rep.Summary
	var sb strings.Builder
	fmt.Fprintf(&sb, "questions: %d (%d answerable), k=%d\n", s.N, s.Answerable, s.K)
	a, u := s.Answerable, s.N-s.Answerable
	fmt.Fprintf(&sb, "hit@1 %s  hit@3 %s  hit@5 %s  MRR %s\n", share(s.Hit1, a), share(s.Hit3, a), share(s.Hit5, a), share(s.MRR, a))
	fmt.Fprintf(&sb, "refusal accuracy %.3f  (answerable answered %s, unanswerable refused %s)\n", s.RefusalAccuracy,
		strings.TrimSpace(share(s.AnsweredShare, a)), strings.TrimSpace(share(s.RefusedShare, u)))
	kinds := make([]string, 0, len(rep.ByKind))
	for k := range rep.ByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		ks := rep.ByKind[k]
		a, u := ks.Answerable, ks.N-ks.Answerable
		fmt.Fprintf(&sb, "  %-12s n=%-4d hit@1 %s  hit@3 %s  hit@5 %s  MRR %s  answered %s  refused %s\n", shown(k), ks.N,
			share(ks.Hit1, a), share(ks.Hit3, a), share(ks.Hit5, a), share(ks.MRR, a), share(ks.AnsweredShare, a), strings.TrimSpace(share(ks.RefusedShare, u)))
	}
	for _, o := range rep.Questions {
		switch {
		case o.Answerable && o.Refused:
			fmt.Fprintf(&sb, "  wrongly refused  %-8s %s\n", shown(o.ID), shown(o.Question))
		case !o.Answerable && !o.Refused:
			fmt.Fprintf(&sb, "  wrongly answered %-8s %s\n", shown(o.ID), shown(o.Question))
		}
		if o.Answerable && o.Rank != 1 {
			where := fmt.Sprintf("rank %d", o.Rank)
			if o.Rank == 0 {
				// Run looks for the gold in the top max(k, 5).
				where = fmt.Sprintf("not in top %d", max(s.K, 5))
			}
			fmt.Fprintf(&sb, "  %-16s %-8s %s\n", where, shown(o.ID), shown(o.Question))
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
