package cite

import (
	"strconv"
	"strings"
	"unicode"
)

// Reader decides a text's sentences in order, as they come (Split's
// pieces, whole text or stream alike), as Check does each alone, but for
// what only the sentences around one can tell:
//
//   - code: a sentence that is a Markdown code block's, or a fence, is
//     Unsafe (Fence);
//   - a list's lead-in: a sentence ending in a colon, last on its line
//     ("The briefing names them:", "Per Lin Jian [8]:"), is checked with
//     the first sentence of the line under it, against the passages that
//     one cites as well as its own: its names and figures must be in
//     them, but it need not share a content word with them, nor say
//     anything itself ("The briefing lists:"), for it makes no claim its
//     items do not. It is shown just before an item that passes, or not
//     at all; models open most lists with one, and a list without its
//     lead-in reads as a list of what, or of whose words;
//   - the items under a lead-in that cites and passes: an item with no
//     marker of its own ("Per Lin Jian [8]:" then "- form the right
//     perception of China") is checked against the lead-in's passages,
//     as if it cited them, while the list goes on;
//   - a lead-in with a count over a list ("The Quad has four members
//     [2]:"): held with the list until it ends, and shown only if that
//     many items came (the list then comes at once).
//
// A lead-in is never shown without an item under it: one with none that
// passes is Dangling, whatever else it passes ("Per Macron [1]:" at the
// end, over a code block, over items all dropped).
//
// The zero value is not ready: set Check.
type Reader struct {
	// Check checks one sentence alone: Checker.Check, or the caller's
	// choice of checker for it.
	Check func(sentence string) Result

	fence Fence
	// held are the lead-ins waiting for the first sentence of the next
	// line, outermost first: a lead-in may open a list of lead-ins
	// ("Macron's concerns:" over "- About China:" over its items).
	held []Decided
	// under are the passages the items of the list being read take when
	// they cite none (its lead-in's); nil when no such list is read.
	under []int
	// items says under's list has had its first item.
	items bool
	// counted is a lead-in with a count ("Three drivers are named:")
	// over a list, which only the list can meet: it and list, its items
	// so far, are held until the list ends, then it is shown if exactly
	// count top-level items came and all pass (see flush).
	counted *Decided
	count   int
	list    []Decided
}

// Decided is a sentence and what was decided of it.
type Decided struct {
	Piece
	Result
}

// Read takes the next sentence and returns those decided by it, in the
// text's order: none (a lead-in is held), one, or the lead-ins held
// before the first sentence under them.
func (rd *Reader) Read(p Piece) []Decided {
	code := rd.fence.Code(p.Text)
	if rd.counted != nil {
		if p.Break == SameLine || p.Break == NewLine && ListItem(p.Text) != "" {
			rd.list = append(rd.list, rd.decide(p, code)) // the list goes on
			return nil
		}
		return append(rd.flush(), rd.readLine(p, code)...)
	}
	return rd.readLine(p, code)
}

// readLine is Read of p, with no counted list held.
func (rd *Reader) readLine(p Piece, code bool) []Decided {
	n := len(rd.held)
	switch {
	case n == 0:
		if p.Break > SameLine && rd.under != nil && (ListItem(p.Text) == "" || p.Break == NewParagraph && rd.items) {
			rd.under, rd.items = nil, false // the list ended
		}
		return rd.read(p, code)
	case p.Break == SameLine:
		// The last held was not last on its line: no lead-in, but a
		// sentence as any — the first under those held before it.
		d := rd.held[n-1]
		rd.held = rd.held[:n-1]
		return append(rd.resolve(d), rd.read(p, code)...)
	}
	// p opens the line under the last lead-in held.
	rd.under, rd.items = nil, false
	h := rd.held[n-1]
	if k := countIn(h.Body); k > 0 && n == 1 && ListItem(p.Text) != "" {
		// Its list will tell whether its count is right.
		rd.counted, rd.count, rd.held = &h, k, nil
		if leadPassesBut(h.Result, k) {
			rd.under = h.Cited
		}
		rd.list = append(rd.list[:0], rd.decide(p, code))
		return nil
	}
	if leadPasses(h.Result) {
		rd.under = h.Cited
	}
	out := rd.read(p, code)
	if len(out) == 0 {
		return nil // a lead-in too, held under the others
	}
	return rd.resolve(out[0])
}

// resolve decides the lead-ins held with d, the first sentence under
// them: each is shown before it if d passes and the lead-in's names and
// figures are in d's passages, and is Dangling if d does not pass. It
// returns them, then d.
func (rd *Reader) resolve(d Decided) []Decided {
	out := make([]Decided, 0, len(rd.held)+1)
	for _, h := range rd.held {
		if d.Shown() {
			out = append(out, rd.lead(h, d.Cited))
		} else {
			out = append(out, dangling(h))
		}
	}
	rd.held = rd.held[:0]
	return append(out, d)
}

// Close returns what is left to decide at the text's end: a counted
// list, lead-ins with nothing under them.
func (rd *Reader) Close() []Decided {
	var out []Decided
	if rd.counted != nil {
		out = rd.flush()
	}
	for _, h := range rd.held {
		out = append(out, dangling(h))
	}
	rd.held = nil
	return out
}

// dangling is lead-in h with no item under it that passes.
func dangling(h Decided) Decided {
	h.Lead, h.Dangling = true, true
	return h
}

// flush decides the counted lead-in held with its list, now ended: shown
// before its items if as many came as it counts and one of them passes,
// Dangling if not. It returns it, then the items.
func (rd *Reader) flush() []Decided {
	lead := *rd.counted
	// Its items are the list's own, not a nested list's; each must pass,
	// or what is shown under the count is not what it counts.
	items, all := 0, true
	var cited []int
	for _, d := range rd.list {
		if d.Break > SameLine && !d.Indent {
			items++
			all = all && d.Shown()
		}
		if d.Shown() {
			cited = append(cited, d.Cited...)
		}
	}
	if items == rd.count && all && len(cited) > 0 && leadPassesBut(rd.Check(lead.Text+markers(cited)), rd.count) {
		lead.Result = Result{Body: lead.Body, Cited: lead.Cited, Bad: lead.Bad, Lead: true}
	} else {
		lead = dangling(lead)
	}
	out := append([]Decided{lead}, rd.list...)
	rd.counted, rd.list, rd.under, rd.items = nil, nil, nil, false
	return out
}

// countIn returns the count a lead-in's body makes ("Three drivers are
// named:", 3), 0 for none: the first number word for 2 or more.
func countIn(body string) int {
	for w := range strings.FieldsFuncSeq(strings.ToLower(body), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if k, err := strconv.Atoi(numberWords[w]); err == nil {
			if k >= 2 {
				return k
			}
			return 0
		}
	}
	return 0
}

// leadPassesBut reports whether r passes as a lead-in's result (see
// leadPasses) but for its count k, which the list under it meets.
func leadPassesBut(r Result, k int) bool {
	if r.Reason == Unsafe || len(r.Cited) == 0 {
		return false
	}
	left := 0
	for _, m := range r.Missing {
		if numberWords[strings.ToLower(m)] != strconv.Itoa(k) {
			left++
		}
	}
	return left == r.unshared
}

// read decides p, which no lead-in waits on, and holds it if it is one.
func (rd *Reader) read(p Piece, code bool) []Decided {
	d := rd.decide(p, code)
	if d.Reason != Unsafe && !code && leadIn(d.Body) {
		rd.held = append(rd.held, d)
		return nil
	}
	return []Decided{d}
}

// decide decides p alone, as an item of the list being read when there
// is one.
func (rd *Reader) decide(p Piece, code bool) Decided {
	d := Decided{Piece: p}
	switch {
	case code:
		d.Result = rd.Check(p.Text)
		d.Reason = Unsafe
		return d
	case rd.under != nil && !HasMarker(p.Text) && !fakeMarker.MatchString(p.Text):
		d.Result = rd.Check(p.Text + markers(rd.under))
		rd.items = true
	default:
		d.Result = rd.Check(p.Text)
		if rd.under != nil && p.Break > SameLine {
			rd.items = true
		}
	}
	return d
}

// lead decides lead-in h, whose first item passed citing cited.
func (rd *Reader) lead(h Decided, cited []int) Decided {
	if h.Shown() {
		h.Lead = true
		return h
	}
	r := rd.Check(h.Text + markers(cited))
	if !leadPasses(r) {
		return h
	}
	h.Result = Result{Body: h.Body, Cited: h.Cited, Bad: h.Bad, Lead: true}
	return h
}

// leadPasses reports whether r passes as a lead-in's result: a marker
// naming a passage, nothing unsafe, and no name or figure missing (the
// content words a passage lacks, and having none, do not count).
func leadPasses(r Result) bool {
	return r.Reason != Unsafe && len(r.Cited) > 0 && len(r.Missing) == r.unshared
}

// leadIn reports whether a sentence's body is a lead-in's: it ends in a
// colon, emphasis aside ("**Key points:**").
func leadIn(body string) bool {
	body = strings.TrimRightFunc(body, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("*_~", r) })
	// What the briefing does not say introduces no list of what it
	// says ("Countries the article doesn't mention:").
	return (strings.HasSuffix(body, ":") || strings.HasSuffix(body, "：")) && !absenceLead.MatchString(body)
}

// markers writes ns as markers (" [1][3]").
func markers(ns []int) string {
	var b strings.Builder
	b.WriteByte(' ')
	for _, n := range ns {
		b.WriteString("[" + strconv.Itoa(n) + "]")
	}
	return b.String()
}
