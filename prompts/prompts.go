// Package prompts holds the prompt templates as files, compiled in, and the
// functions that render them. Keeping prompts out of Go strings lets them be
// read and reviewed as prose, and golden tests pin every rendered prompt.
package prompts

import (
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

var tmpl = template.Must(template.ParseFS(files, "*.tmpl"))

// Refusal is the exact sentinel a model replies with when the passages do
// not answer the question; callers compare against it after trimming.
const Refusal = "NOT_IN_BRIEFING"

// Version identifies the templates' content. It goes into answer cache keys,
// so editing a prompt never serves answers written under the old one.
var Version = func() string {
	h := sha256.New()
	names, _ := fs.Glob(files, "*.tmpl")
	slices.Sort(names)
	for _, n := range names {
		b, _ := files.ReadFile(n)
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}()

// Passage is one numbered, quoted piece of a briefing.
type Passage struct {
	N         int
	Title     string
	Paragraph int
	Text      string
}

// Turn is an earlier question and answer of the conversation.
type Turn struct {
	Question string
	Answer   string
}

// Answer is what the answer prompt needs.
type Answer struct {
	Title    string // the main briefing's title
	Passages []Passage
	History  []Turn
	Question string
	Language string // e.g. "English", or "the language of the question"
	Words    int    // target length, default 120
	// Boundary is a random token that marks where quoted material starts
	// and ends; untrusted text cannot forge a closing marker it cannot
	// guess. Empty = a fresh random one.
	Boundary string
}

// NewBoundary returns a fresh random marker token.
func NewBoundary() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Rendered is a system and a user message.
type Rendered struct {
	System string
	User   string
}

// RenderAnswer renders the answering prompt.
func RenderAnswer(a Answer) (Rendered, error) {
	if a.Boundary == "" {
		a.Boundary = NewBoundary()
	}
	if a.Words == 0 {
		a.Words = 120
	}
	if a.Language == "" {
		a.Language = "the language the question is written in"
	}
	a.Question = defuse(a.Question, a.Boundary)
	a.Title = defuseTitle(a.Title, a.Boundary)
	// Copy before defusing: the caller's slices are not ours to change.
	a.Passages = slices.Clone(a.Passages)
	a.History = slices.Clone(a.History)
	size := len(a.Question)
	for i := range a.Passages {
		a.Passages[i].Text = defuse(a.Passages[i].Text, a.Boundary)
		a.Passages[i].Title = defuseTitle(a.Passages[i].Title, a.Boundary)
		size += len(a.Passages[i].Text) + len(a.Passages[i].Title) + 2*len(a.Boundary) + 32
	}
	for i := range a.History {
		a.History[i].Question = defuse(a.History[i].Question, a.Boundary)
		a.History[i].Answer = defuse(a.History[i].Answer, a.Boundary)
		size += len(a.History[i].Question) + len(a.History[i].Answer) + 2*len(a.Boundary) + 32
	}
	data := struct {
		Answer
		Refusal string
	}{a, Refusal}
	return renderSized("answer", data, size)
}

// Rewrite is what the retrieval-rewrite prompt needs.
type Rewrite struct {
	Question string
	Boundary string
}

// RenderRewrite renders the prompt that turns a question (in any language)
// into an English search query.
func RenderRewrite(r Rewrite) (Rendered, error) {
	if r.Boundary == "" {
		r.Boundary = NewBoundary()
	}
	r.Question = defuse(r.Question, r.Boundary)
	return render("rewrite", r)
}

func render(name string, data any) (Rendered, error) {
	return renderSized(name, data, 0)
}

// renderSized is render with room made for about size bytes of quoted
// text in the user message, so that a prompt holding a whole briefing is
// written into one buffer instead of one that doubles a dozen times.
func renderSized(name string, data any, size int) (Rendered, error) {
	var sys, user strings.Builder
	user.Grow(size + 2048)
	if err := tmpl.ExecuteTemplate(&sys, name+"_system.tmpl", data); err != nil {
		return Rendered{}, fmt.Errorf("prompts: render %s system: %w", name, err)
	}
	if err := tmpl.ExecuteTemplate(&user, name+"_user.tmpl", data); err != nil {
		return Rendered{}, fmt.Errorf("prompts: render %s user: %w", name, err)
	}
	return Rendered{System: strings.TrimSpace(sys.String()), User: strings.TrimSpace(user.String())}, nil
}

// defuseTitle is defuse for a briefing's title, which the prompts quote
// outside the markers, on a line of their own words: one line, so that it
// cannot begin a line of the prompt ("<<<PASSAGE 1>>>", "Rules:").
func defuseTitle(s, boundary string) string {
	return defuse(strings.Join(strings.Fields(s), " "), boundary)
}

// defuse keeps quoted text from imitating our markers: the marker prefix
// "<<<" and the boundary token cannot appear inside quoted material.
func defuse(s, boundary string) string {
	s = strings.ReplaceAll(s, boundary, "[marker removed]")
	return strings.ReplaceAll(s, "<<<", "‹‹‹")
}

// Parsed is what a rendered answer prompt carries, read back from its user
// message: for tests and fake models that must act on the prompt as a
// model would (see llmtest's oracle).
type Parsed struct {
	Passages []Passage // Title is set only when marked
	Question string
}

// Number returns the number of the passage that holds a paragraph, or 0
// when none does.
func (p Parsed) Number(paragraph int) int {
	for _, ps := range p.Passages {
		if ps.Paragraph == paragraph {
			return ps.N
		}
	}
	return 0
}

// ParseAnswer reads the passages and the question back from a rendered
// answer prompt's user message; ok is false when it is not one.
func ParseAnswer(user string) (p Parsed, ok bool) {
	start := strings.Index(user, "<<<PASSAGES ")
	end := strings.Index(user, "<<<END PASSAGES ")
	qs := strings.Index(user, "<<<QUESTION ")
	qe := strings.Index(user, "<<<END QUESTION ")
	if start < 0 || end < start || qs < end || qe < qs {
		return Parsed{}, false
	}
	body := user[start:end]
	body = body[strings.IndexByte(body, '\n')+1:]
	for _, block := range strings.Split(body, "<<<PASSAGE ")[1:] {
		head, text, _ := strings.Cut(block, "\n")
		var ps Passage
		if _, err := fmt.Sscanf(head, "%d>>> (paragraph %d", &ps.N, &ps.Paragraph); err != nil {
			return Parsed{}, false
		}
		ps.Text = strings.TrimSpace(text)
		p.Passages = append(p.Passages, ps)
	}
	q := user[qs:qe]
	p.Question = strings.TrimSpace(q[strings.IndexByte(q, '\n')+1:])
	return p, true
}

// PreparedAnswer is an answer prompt rendered once for a set of passages,
// to be completed per question (RenderPrepared). When every question is
// given the same passages (a briefing that fits the budget whole),
// executing the template over them for each question is repeated work;
// completing a prepared prompt only copies it, with the question's own
// boundary and question put in.
//
// It is rendered with placeholders for the boundary and the question and
// cut at them. That gives what RenderAnswer gives because passage text is
// defused the same way under any boundary it does not contain: the
// boundary is replaced only where it occurs, and "<<<" is replaced
// whatever the boundary. RenderPrepared checks that per question and
// declines when the fresh boundary occurs in a passage.
type PreparedAnswer struct {
	in        Answer // what it was prepared from; Question, Boundary and History unset
	sys, user []piece
}

// piece is rendered text followed by a slot to fill (none at the end).
type piece struct {
	text string
	slot byte // 0, slotBoundary or slotQuestion
}

const (
	slotBoundary = 'b'
	slotQuestion = 'q'
)

// Placeholders that stand for the boundary and the question in a prepared
// prompt. They hold NUL bytes, which no briefing text, title or language
// name holds (PrepareAnswer checks), so every occurrence in the rendering
// is a slot.
const (
	placeBoundary  = "\x00boundary\x00"
	placeQuestion  = "\x00question\x00"
	placeBoundary2 = "\x00b\x00\x00"
	placeQuestion2 = "\x00q\x00\x00"
)

// PrepareAnswer renders the answer prompt for a's title, passages, length
// and language (a's Question, Boundary and History are ignored: the
// prompts it completes have no history). It returns nil when the prompt
// cannot be prepared; RenderAnswer is then the way.
func PrepareAnswer(a Answer) *PreparedAnswer {
	a.Question, a.Boundary, a.History = "", "", nil
	a.Passages = slices.Clone(a.Passages)
	if strings.Contains(a.Title, "\x00") || strings.Contains(a.Language, "\x00") {
		return nil
	}
	for _, p := range a.Passages {
		if strings.Contains(p.Title, "\x00") || strings.Contains(p.Text, "\x00") {
			return nil
		}
	}
	render := func(boundary, question string) (Rendered, bool) {
		b := a
		b.Boundary, b.Question = boundary, question
		r, err := RenderAnswer(b)
		return r, err == nil
	}
	r, ok := render(placeBoundary, placeQuestion)
	if !ok {
		return nil
	}
	p := &PreparedAnswer{in: a, sys: cut(r.System), user: cut(r.User)}
	for _, ps := range [][]piece{p.sys, p.user} {
		// RenderAnswer trims the messages; with text, not a slot, at
		// both ends, filling the slots cannot change what is trimmed.
		if ps[0].text == "" || ps[len(ps)-1].text == "" {
			return nil
		}
	}
	// The template must use the boundary and the question only by
	// printing them: check with other placeholders, of other lengths.
	r2, ok := render(placeBoundary2, placeQuestion2)
	if !ok || fill(p.sys, placeBoundary2, placeQuestion2) != r2.System || fill(p.user, placeBoundary2, placeQuestion2) != r2.User {
		return nil
	}
	return p
}

// cut splits a rendering at its placeholders.
func cut(s string) []piece {
	var out []piece
	for {
		ib, iq := strings.Index(s, placeBoundary), strings.Index(s, placeQuestion)
		switch {
		case ib < 0 && iq < 0:
			return append(out, piece{text: s})
		case iq < 0 || (ib >= 0 && ib < iq):
			out = append(out, piece{text: s[:ib], slot: slotBoundary})
			s = s[ib+len(placeBoundary):]
		default:
			out = append(out, piece{text: s[:iq], slot: slotQuestion})
			s = s[iq+len(placeQuestion):]
		}
	}
}

// fill joins the pieces with their slots filled, into one allocation.
func fill(ps []piece, boundary, question string) string {
	n := 0
	for _, x := range ps {
		n += len(x.text)
		switch x.slot {
		case slotBoundary:
			n += len(boundary)
		case slotQuestion:
			n += len(question)
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, x := range ps {
		b.WriteString(x.text)
		switch x.slot {
		case slotBoundary:
			b.WriteString(boundary)
		case slotQuestion:
			b.WriteString(question)
		}
	}
	return b.String()
}

// Prepared reports whether p was prepared from a's title, passages,
// length and language, so that a cache of prepared prompts can check
// that it completes the prompt it was asked for, and no other briefing's.
func (p *PreparedAnswer) Prepared(a Answer) bool {
	return p.in.Title == a.Title && p.in.Words == a.Words && p.in.Language == a.Language &&
		slices.Equal(p.in.Passages, a.Passages)
}

// RenderPrepared renders the answer prompt for question with boundary (a
// fresh random one when ""), as RenderAnswer renders it from p's passages
// with no history. ok is false when the boundary occurs in a passage:
// RenderAnswer would defuse it there, so the caller renders with that.
func RenderPrepared(p *PreparedAnswer, question, boundary string) (r Rendered, ok bool) {
	if boundary == "" {
		boundary = NewBoundary()
	}
	for _, ps := range p.in.Passages {
		if strings.Contains(ps.Text, boundary) {
			return Rendered{}, false
		}
	}
	q := defuse(question, boundary)
	// Already trimmed: the pieces were cut from trimmed messages, with
	// text at both ends.
	return Rendered{System: fill(p.sys, boundary, q), User: fill(p.user, boundary, q)}, true
}
