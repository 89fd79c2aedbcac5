package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/cite"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/prompts"
)

// Grounding reports how a model's answer fared against its passages.
type Grounding struct {
	Sentences int `json:"sentences"` // sentences the model wrote
	Kept      int `json:"kept"`      // kept: a valid citation and checked facts
	Uncited   int `json:"uncited"`   // dropped: no valid citation
	Unchecked int `json:"unchecked"` // dropped: a number or name not in the cited passages
	Unsafe    int `json:"unsafe"`    // dropped: a link, a mention or code
	Repeated  int `json:"repeated"`  // dropped: said already (no loss to tell of)
	BadMarks  int `json:"bad_markers"`
}

// verified is a model answer after our checks.
type verified struct {
	text    string
	cites   []Citation
	refused bool
	// prose: the refusal was said in words (refusesInProse), read by
	// patterns that may misread an answer; it is not cached.
	prose     bool
	grounding Grounding
}

// gate is the only way a model's words reach anyone: it takes the text as
// it streams, and lets through only whole sentences that cite/check passes,
// rewritten with our citation numbers. What it lets through while streaming
// is exactly the start of the final answer, so a stream edit never shows
// anything the answer would not.
//
// Markers pointing to no passage are removed (the sentence stands on its
// valid ones); citations are numbered in order of first use and rendered
// from the passages, never from the model's words. Reasoning blocks
// ("<think>…</think>") are cut before anything is judged, and so is
// everything before a closing tag with no opening one (see visible).
type gate struct {
	passages []knowledge.Chunk
	check    cite.Checker
	emit     func(string) // nil: nobody is watching
	// batch, while a piece's sentences are shown, collects what they
	// emit, to be emitted as one.
	batch *strings.Builder
	// reasons says the model is known to think aloud with its opening tag
	// stripped ("reasoning … </think> The answer [1]."): nothing is
	// judged, so nothing shown, until a closing tag has come (or the
	// text has ended). Without it, text before a closing tag cannot be
	// told from an answer until the tag comes.
	reasons bool

	raw     strings.Builder
	tags    tagFilter
	resets  int    // tags.resets as of the last take
	vis     string // the visible text moved into pending
	pending string // visible text not yet judged
	// stray says a closing tag with no opening one came: the model
	// reasons with its opening tag stripped. Sentences of what turned
	// out to be reasoning may have been shown before it came (checked,
	// but no answer): they are left out of the answer, and withdrawn
	// from the stream by a Restart (see Engine.reasons).
	stray bool
	// skip says pending starts with the rest of a sentence too long to
	// show (see bound).
	skip bool
	out  []string
	// said are the sentences shown, as sameSentence keys: a model that
	// says one twice (a loop, a summary restating its first line) shows
	// it once.
	said  map[string]bool
	renum map[int]int // passage number → citation number
	v     verified
	// instructions are the prompt's instructions as echoText, "" when
	// there are none to look for.
	instructions string
	// cut says the reply was stopped (its token limit, a content filter): a last sentence
	// without its end is unfinished, not shown (close).
	cut bool
	// read decides the sentences in order: code blocks, lists' lead-ins
	// and their items are told by the sentences around them.
	read cite.Reader
	// lay is where the next sentence shown goes in the answer's layout.
	lay layout
	// held are statements of absence passed ("The article doesn't say
	// who proposed it."), placed but not yet shown: one is shown only
	// once something else is, in front of it. A reply of nothing else is
	// the model refusing in words (refusesInProse), not an answer.
	held []string
	// told says a sentence other than a statement of absence was shown.
	told bool
	// struck says a strikethrough opened in a sentence judged is still
	// open; fence follows code blocks, where "~~" strikes nothing.
	struck bool
	fence  cite.Fence
}

// layout follows an answer's lines, paragraphs and lists through the
// sentences judged, so that what is shown keeps them: a list's items
// each on its own line, under their lead-in, not one run of text.
type layout struct {
	// first is the break before pending's first sentence, and indent
	// whether its line is indented, which splitting pending alone cannot
	// see: what stood before it is gone.
	first  cite.Break
	indent bool
	// brk is the break before the next sentence shown: the widest since
	// the last one shown, so that a line or a paragraph whose first
	// sentences were dropped still starts where it did.
	brk cite.Break
	// item is the list item of the line the next sentence shown is on,
	// when that line's first sentence was dropped.
	item string
	// num is the number of the last numbered item shown in the list
	// being shown: items are numbered anew, so that one dropped leaves
	// no gap ("1. 3."). A line that is no item ends the list, and so
	// does an item the model numbers 1 (a bullet between two items does
	// not, nor a blank line: models write both inside one list).
	num int
}

// place returns what goes before sentence p, shown after what the answer
// shows already (shown says whether it shows anything), and moves the
// layout past it.
func (l *layout) place(p cite.Piece, shown bool) string {
	brk, item := l.take(p)
	l.brk, l.item = cite.SameLine, ""
	var lead string
	if shown {
		lead = [...]string{" ", "\n", "\n\n"}[brk]
	}
	if !shown || brk > cite.SameLine {
		switch {
		case item == "-":
			// A bullet under a numbered item (a nested point, flattened)
			// does not end its list: the next number goes on.
			lead += "- "
		case item != "":
			if item == "1." {
				l.num = 0 // a new list, as the model numbers it
			}
			l.num++
			lead += strconv.Itoa(l.num) + ". "
		default:
			l.num = 0
		}
	}
	return lead
}

// skip moves the layout past sentence p, not shown.
func (l *layout) skip(p cite.Piece) { l.brk, l.item = l.take(p) }

// take is the break before p and the list item of its line: an indented
// line that is no item, under an item none of whose sentences was shown
// (a heading, "1. **Provocation**"), takes that item's place, its number.
func (l *layout) take(p cite.Piece) (cite.Break, string) {
	brk, item := max(l.brk, p.Break), l.item
	if p.Break > cite.SameLine {
		if own := cite.ListItem(p.Text); own != "" || !(p.Break == cite.NewLine && p.Indent) {
			item = own
		}
	}
	return brk, item
}

func newGate(passages []knowledge.Chunk, checkNames bool, emit func(string)) *gate {
	g := &gate{passages: passages, emit: emit, renum: map[int]int{}, lay: layout{first: cite.NewLine}}
	g.check = cite.Checker{SkipNames: !checkNames, Passage: func(n int) (string, bool) {
		if n < 1 || n > len(passages) {
			return "", false
		}
		return passages[n-1].Text, true
	}, Paragraph: func(n int) int { return passages[n-1].Paragraph }}
	g.read = cite.Reader{Check: g.checkOne}
	return g
}

// write takes the next piece of the model's text and shows the sentences
// it completes that pass the checks.
func (g *gate) write(delta string) {
	g.raw.WriteString(delta)
	g.tags.feed(delta)
	g.take(false)
	sents := g.split()
	// The last sentence may still grow; so may the one before it while the
	// last has no letter yet (its marker may be coming: "。[3]"), or no
	// whole word yet if it ends in a full stop ("U.S. Th…" may be a name
	// going on). A stop that ends nothing else ("。", "?") ends it once a
	// letter follows: text without spaces (Chinese, Japanese) would
	// otherwise stream a sentence late.
	n := len(sents) - 1
	if n > 0 && !strings.HasSuffix(g.pending, "\n") {
		last := sents[n].Text
		if !strings.ContainsFunc(last, unicode.IsLetter) || !strings.ContainsAny(last, " \t") && endsInFullStop(sents[n-1].Text) {
			n--
		}
	}
	if n <= 0 {
		g.bound()
		return
	}
	for i, s := range sents[:n] {
		if i == 0 && g.skip {
			g.skip = false // the rest of a sentence too long to show
			continue
		}
		g.judge(s)
	}
	g.pending = unjudged(g.pending, sents[n:])
	g.lay.first, g.lay.indent = sents[n].Break, sents[n].Indent
	g.bound()
}

// split splits pending into its sentences, the first at its place in
// the answer's layout.
func (g *gate) split() []cite.Piece {
	ps := cite.Split(g.pending)
	if len(ps) > 0 {
		ps[0].Break, ps[0].Indent = g.lay.first, g.lay.indent
	}
	return ps
}

// unjudged is what is left of pending once all but its last sentences,
// rest, were judged: pending's own end, from where rest begins in it, so
// that later text joins it as it would have joined it whole ("…China. ["
// + "1] …": the marker still trails its sentence). Where the splitter
// rewrote a sentence (markers moved or written otherwise) and it cannot
// be found as written, rest is joined a line each, keeping pending's
// trailing space ("The " + "atres" is not "Theatres").
func unjudged(pending string, rest []cite.Piece) string {
	pos := len(pending)
	for i := len(rest) - 1; i >= 0 && pos >= 0; i-- {
		pos = strings.LastIndex(pending[:pos], rest[i].Text)
	}
	if pos >= 0 {
		return pending[pos:]
	}
	texts := make([]string, len(rest))
	for i, p := range rest {
		texts[i] = p.Text
	}
	out := strings.Join(texts, "\n")
	if last := pending[len(pending)-1]; last == ' ' || last == '\n' {
		out += string(last)
	}
	return out
}

// endsInFullStop reports whether a sentence's last mark, after its
// markers and closing quotes, is an ASCII full stop: the one stop an
// abbreviation also ends in.
func endsInFullStop(s string) bool {
	s = strings.TrimRightFunc(cite.Marker.ReplaceAllString(strings.TrimSpace(s), ""), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) || r == '"' || r == '\''
	})
	return strings.HasSuffix(s, ".")
}

// maxSentence bounds a sentence that may be shown, in bytes: no answer
// from a briefing needs a longer one, and one that runs on for ever (a
// model looping) would otherwise be split again, whole, on every delta.
const maxSentence = 2000

// bound keeps what is pending small: once it holds more than a sentence
// may, its first sentence is too long to show, and is dropped — all but a
// tail, kept so that its end is found where it ends (skip), and not
// taken for a sentence's start ("…, and Macron fears China [1].").
func (g *gate) bound() {
	if len(g.pending) <= 2*maxSentence {
		return
	}
	if !g.skip {
		g.v.grounding.Sentences++
		g.v.grounding.Unchecked++
		g.skip = true
	}
	i := len(g.pending) - 256
	for i < len(g.pending) && !utf8.RuneStart(g.pending[i]) {
		i++
	}
	g.pending = g.pending[i:]
}

// take moves what has become visible into pending. Visible text only
// grows, but for a closing tag with no opening one: what came before it,
// taken for an answer, was reasoning, and is judged no more — nor are
// the sentences of it already passed part of the answer.
//
// It costs what the new text costs, not what all the text does: a reply
// streamed in pieces of a few bytes must not be read whole for each.
func (g *gate) take(final bool) {
	if final {
		g.tags.finish()
	}
	vis, closed := g.tags.out.String(), g.tags.closed
	g.stray = g.stray || g.tags.stray
	if g.reasons && !closed {
		// Nothing yet tells reasoning from an answer. At the end, a
		// model cut at its token limit before closing its reasoning has
		// written no answer; one that stopped by itself wrote no
		// reasoning, and its text is the answer.
		if !final || g.cut {
			vis = ""
		}
	}
	// The visible text is the last one grown, unless a stray closing tag
	// withdrew it since (resets), and what is visible now is another text.
	if g.tags.resets != g.resets && !strings.HasPrefix(vis, g.vis) {
		// What was shown of it is withdrawn: the answer streams anew.
		if len(g.out) > 0 && g.emit != nil {
			g.emit(Restart)
		}
		g.pending, g.out, g.said, g.renum, g.skip = "", nil, nil, map[int]int{}, false
		g.held, g.told, g.struck, g.fence = nil, false, false, cite.Fence{}
		g.lay = layout{first: cite.NewLine}
		g.v = verified{}
		g.read = cite.Reader{Check: g.checkOne}
		g.vis = ""
	}
	g.resets = g.tags.resets
	g.pending += vis[len(g.vis):]
	g.vis = vis
}

// close judges what is left and returns the checked answer.
func (g *gate) close() verified {
	g.take(true)
	vis := g.vis
	ss := g.split()
	if g.skip && len(ss) > 0 {
		ss = ss[1:] // the rest of a sentence too long to show
		g.skip = false
	}
	if n := len(ss); g.cut && n > 0 && !cite.Finished(ss[n-1].Text) {
		// "…provoke China [1] and" is not what the model meant to say.
		g.v.grounding.Sentences++
		g.v.grounding.Unchecked++
		ss = ss[:n-1]
	}
	g.together(func() {
		for _, s := range ss {
			g.judge(s)
		}
		for _, d := range g.read.Close() {
			g.show(d)
		}
	})
	g.v.grounding.Uncited += len(g.held)
	g.held = nil
	g.pending = ""
	// Only what the model says can refuse, not what it thought about
	// saying; and not once checked sentences were shown: what streamed is
	// the start of the answer, and a model that answers part of a
	// question and refuses the rest has answered ("Macron fears provoking
	// China [1]. NOT_IN_BRIEFING").
	if len(g.out) == 0 && refuses(vis) {
		return verified{refused: true, grounding: g.v.grounding}
	}
	if len(g.out) == 0 && g.refusesInProse(vis) {
		return verified{refused: true, prose: true, grounding: g.v.grounding}
	}
	g.v.text = strings.Join(g.out, "")
	return g.v
}

// refusesInProse reports whether a reply with no marker opens with an
// English sentence that only says the briefing does not have the answer
// ("The briefing doesn't mention Germany.", "There's no mention of
// Germany.", "I couldn't find that in the briefing.") instead of the
// sentinel, as models asked for one often do: the model decided the
// question is not covered, and the refusal says so. Taken for a failed
// answer, it was replaced by the extractive answer, a quote the model had
// just found to be no answer. The sentence must be that and nothing
// else — no comma, semicolon or "but" going on to an answer ("The article
// does not say so explicitly, but Japan was invited…"), and a reply that
// answers first and then says the briefing says no more is no refusal:
// such a reply is still replaced by the extractive answer. A short
// heading before it ("**Answer:**") is passed over.
func (g *gate) refusesInProse(vis string) bool {
	if cite.HasMarker(vis) {
		return false
	}
	for i, p := range cite.Split(vis) {
		s := strings.ToLower(strings.TrimSpace(proseNoise.Replace(p.Text)))
		s = politeStart.ReplaceAllString(strings.TrimRight(s, ".!? "), "")
		if i == 0 && strings.HasSuffix(s, ":") && len(strings.Fields(s)) <= 4 {
			continue // a heading
		}
		return !strings.ContainsAny(s, ",;:") && !strings.Contains(s, " but ") && slices.ContainsFunc(proseRefusals, func(re *regexp.Regexp) bool { return re.MatchString(s) })
	}
	return false
}

// proseNoise is what refusesInProse reads a sentence without: emphasis,
// Markdown escapes, curly apostrophes.
var proseNoise = strings.NewReplacer("*", "", "_", "", "\\", "", "’", "'", "`", "")

// politeStart is an apology before a refusal ("Sorry, but …").
var politeStart = regexp.MustCompile(`^(?:(?:i'm |i am )?sorry|unfortunately|apologies)[,!]?\s+(?:but\s+)?`)

// proseRefusals are the sentences refusesInProse takes for a refusal,
// each whole (lower case, without its final stop): "the briefing doesn't
// mention germany", "there's no mention of germany", "germany is not
// mentioned here", "not mentioned in the briefing", "that isn't in the
// briefing", "i couldn't find any information about it in the briefing",
// "it doesn't say".
var proseRefusals = func() []*regexp.Regexp {
	const (
		src  = `(?:the |this |that )?(?:briefing|article|passages?|text|document|piece|report|provided (?:passages?|text|briefing|article))`
		neg  = `(?:does not|doesn't|did not|didn't|do not|don't)`
		verb = `(?:mention|say|cover|address|discuss|include|contain|provide|specify|give|talk about|go into|touch on|name|describe|state|explain|list)`
		obj  = `(?: .+)?`
	)
	var out []*regexp.Regexp
	for _, re := range []string{
		`^` + src + ` ` + neg + ` ` + verb + obj + `$`,
		`^` + src + ` (?:is silent|says nothing|has nothing|contains nothing|holds nothing|has no information|contains no information|lacks any mention|makes no mention|gives no information)(?: (?:on|about|of|regarding|concerning) .+)?$`,
		`^(?:there(?: is|'s| are) )?(?:no (?:information|mention|details?|data|reference)|nothing)(?: in ` + src + `)?(?: (?:about|on|of|regarding|concerning) .+)?$`,
		`^.{1,60} (?:is|are|was|were)(?: not|n't) (?:mentioned|covered|discussed|addressed|named|provided|available|included|stated|specified)(?: (?:in|by) ` + src + `| here)?$`,
		`^not (?:mentioned|covered|discussed|addressed|included)(?: (?:in|by) ` + src + `)?$`,
		`^(?:that|this|it)(?: information)? (?:is|was)(?: not|n't) (?:in|part of) ` + src + `$`,
		`^i (?:couldn't|could not|can't|cannot|was unable to|am unable to|did not|didn't) (?:find|see|answer)(?: .+)? (?:in|from) ` + src + `$`,
		`^it ` + neg + ` (?:say|mention|specify)$`,
	} {
		out = append(out, regexp.MustCompile(re))
	}
	return out
}()

// refuses reports whether text holds the refusal sentinel, also as a
// model escaping Markdown writes it ("NOT\\_IN\\_BRIEFING") or with an
// invisible character in it.
func refuses(text string) bool {
	if strings.Contains(text, prompts.Refusal) {
		return true
	}
	return strings.Contains(strings.Map(func(r rune) rune {
		if r == '\\' || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, text), prompts.Refusal)
}

// judge checks one sentence and shows it when it passes, at its place
// in the answer's layout.
func (g *gate) judge(p cite.Piece) {
	if refuses(p.Text) {
		g.lay.skip(p) // the sentinel is not a sentence of the answer
		return
	}
	// "~~" in code ("~~~" fences, code shown as code) strikes nothing.
	code := g.fence.Code(p.Text)
	if struck := !code && (g.struck || strikes(p.Text)); struck {
		// Inside a strikethrough that spans sentences ("~~Germany backs
		// the office [1]. Japan was invited [2].~~"): the model struck it
		// out, and shown apart it would read as said.
		g.struck = g.struck != strikes(p.Text)
		g.v.grounding.Sentences++
		g.v.grounding.Unchecked++
		g.lay.skip(p)
		return
	}
	ds := g.read.Read(p)
	for i := range ds {
		if !ds[i].Lead || ds[i].Dangling {
			continue
		}
		// The item the Reader passed a lead-in with may not be shown after
		// all (said already, an echo of the instructions), or say what
		// the lead-in says, which would then be its repeat: the lead-in
		// is not shown either, with nothing under it.
		j := i + 1
		for j < len(ds) && ds[j].Lead {
			j++
		}
		if j == len(ds) || !g.shows(ds[j]) || sameSentence(ds[i].Body) == sameSentence(ds[j].Body) {
			ds[i].Dangling = true
		}
	}
	g.together(func() {
		for _, d := range ds {
			g.show(d)
		}
	})
}

// together runs f, emitting what it shows at once: a list's lead-in and
// the item it was checked with, a statement of absence and the sentence
// it was held for, reach the watcher together, never the one alone for
// an edit to show.
func (g *gate) together(f func()) {
	if g.batch != nil {
		f()
		return
	}
	var batch strings.Builder
	g.batch = &batch
	f()
	g.batch = nil
	if batch.Len() > 0 && g.emit != nil {
		g.emit(batch.String())
	}
}

// shows reports whether a sentence the Reader passed would be shown: the
// gate's own checks (see verdict) find nothing either.
func (g *gate) shows(d cite.Decided) bool {
	_, _, ok := g.verdict(d)
	return ok
}

// show shows a sentence decided when it passes, at its place in the
// answer's layout.
func (g *gate) show(d cite.Decided) {
	if !g.pass(d) {
		g.lay.skip(d.Piece)
	}
}

// checkOne checks one sentence alone, for the gate's Reader.
func (g *gate) checkOne(s string) cite.Result {
	if len(s) > maxSentence {
		return cite.Result{Reason: cite.Unsupported} // not shown (pass), and not worth checking
	}
	check := g.check
	if check.SkipNames && englishSentence(s) {
		// The question's language turned names off, but this sentence is
		// in English, where they are the briefing's own: a model answering
		// a French question in English (or told to by it) is checked as
		// any English answer is.
		check.SkipNames = false
	}
	return check.Check(s)
}

// verdict decides whether a sentence decided is shown: its text as shown
// (clean) when it is, or the grounding count it is dropped under (nil:
// not counted, as markers alone are).
func (g *gate) verdict(d cite.Decided) (dropped *int, clean string, ok bool) {
	gr := &g.v.grounding
	r := d.Result
	switch {
	case len(d.Text) > maxSentence:
		return &gr.Unchecked, "", false
	case r.Reason == cite.Unsafe:
		return &gr.Unsafe, "", false
	case g.repeatsInstructions(r.Body):
		// A rule with markers of its own ("…like [1] or [2][3].") or
		// given some has no name or figure to check, and would pass:
		// members would be shown the prompt.
		return &gr.Uncited, "", false
	case !strings.ContainsFunc(r.Body, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }):
		// Markers alone, or with a list's dash or a quote's ">": no
		// sentence for them to cite ("[1]" on a line under its sentence).
		return nil, "", false
	case r.Dangling:
		return &gr.Unchecked, "", false
	case len(r.Cited) == 0 && !r.Lead && !r.Absent:
		if r.Body == "" || chatter(r.Body) {
			// "Sure!", "Great question! 😄": nothing said of the
			// briefing, so nothing left out that a member should be told
			// of.
			return nil, "", false
		}
		return &gr.Uncited, "", false
	case len(r.Missing) > 0 || r.Vacuous:
		return &gr.Unchecked, "", false
	}
	// Brackets that held only markers ("…China ([1], [2]).") go with them.
	clean = emptyBrackets.ReplaceAllString(r.Body, "")
	if cite.HasUnsafe(clean) {
		// Joined up, what they stood between may read otherwise
		// ("<()#1>" is a channel mention without them).
		return &gr.Unsafe, "", false
	}
	if g.said[sameSentence(clean)] {
		return &gr.Repeated, "", false
	}
	return nil, clean, true
}

// pass shows a sentence decided when it passes; it reports whether it
// did.
func (g *gate) pass(d cite.Decided) bool {
	gr := &g.v.grounding
	gr.Sentences++
	gr.BadMarks += len(d.Bad)
	dropped, clean, ok := g.verdict(d)
	if !ok {
		if dropped != nil {
			*dropped++
		}
		return false
	}
	r := d.Result
	key := sameSentence(clean)
	if g.said == nil {
		g.said = map[string]bool{}
	}
	g.said[key] = true
	var marks strings.Builder
	for _, n := range r.Cited {
		c, ok := g.renum[n]
		if !ok {
			c = len(g.v.cites) + 1
			g.renum[n] = c
			g.v.cites = append(g.v.cites, citationFor(c, g.passages[n-1]))
		}
		marks.WriteString(" [" + strconv.Itoa(c) + "]")
	}
	// The markers go before the sentence's closing punctuation, and
	// emphasis closing after it ("…invited.**") stays after them.
	trimmed := strings.TrimRight(clean, "*_|")
	body, end, shut := trimmed, "", clean[len(trimmed):]
	if i := strings.LastIndexFunc(body, func(r rune) bool { return !strings.ContainsRune(".!?。！？．｡:：", r) }); i >= 0 {
		_, size := utf8.DecodeRuneInString(body[i:])
		body, end = body[:i+size], body[i+size:]
	}
	if strings.HasPrefix(end, ".") && abbreviationEnd.MatchString(body) {
		// An abbreviation's own full stop, which the marker had been put
		// before ("the U.S [2]." of "the U.S. [2]", "D.C [3].." of
		// "D.C. [3]."), goes back to it: "the U.S. [1]."
		body += "."
		if end != "." {
			end = end[1:]
		}
	}
	line := g.lay.place(d.Piece, len(g.out)+len(g.held) > 0) + paired(body+marks.String()+end+shut)
	if r.Absent && len(r.Cited) == 0 && !g.told {
		g.held = append(g.held, line)
		return true
	}
	g.told = true
	for _, l := range append(g.held, line) {
		gr.Kept++
		switch {
		case g.batch != nil:
			g.batch.WriteString(l)
		case g.emit != nil:
			g.emit(l)
		}
		g.out = append(g.out, l)
	}
	g.held = nil
	return true
}

// strikes reports whether a sentence opens or closes a strikethrough it
// does not close or open.
func strikes(s string) bool { return strings.Count(s, "~~")%2 == 1 }

// paired pairs the emphasis of a sentence shown apart. Emphasis that
// spans sentences ("**Macron fears provoking China [1]. Japan was invited
// [2].**") is closed at the end of the sentence that opens it and opened
// again at the start of the one that closes it: the other may be
// dropped, and its delimiters with it — left alone, one would show as
// stray asterisks, or run on as italics over what follows. Delimiters
// inside a word ("2*3", "snake_case") are text, and left as they are. A
// spoiler's "||" is paired the same way.
func paired(s string) string {
	for _, c := range []byte{'*', '_'} {
		s = pairRuns(s, c)
	}
	if strings.Count(s, "||")%2 == 1 {
		t := strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(t, "||"):
			s += "||"
		case strings.HasSuffix(t, "||"):
			s = "||" + s
		default:
			// Shown as bars, not taken out: what stood on either side
			// would join ("@||everyone").
			s = strings.ReplaceAll(s, "||", `\|\|`)
		}
	}
	return s
}

// pairRuns pairs the runs of delimiter c in s, as Markdown matches them
// (roughly): a run after a space opens, one before a space or the end
// closes the nearest open one of its length ("**" or "*"; "***" is
// both). Closers with no opener are opened at the start, openers never
// closed are closed at the end, innermost first.
func pairRuns(s string, c byte) string {
	var open, unopened []string
	for i := 0; i < len(s); {
		if s[i] != c {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == c {
			j++
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		next, _ := utf8.DecodeRuneInString(s[j:])
		word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
		space := func(r rune) bool { return r == utf8.RuneError || unicode.IsSpace(r) }
		inside := word(prev) && word(next)
		if space(prev) && space(next) || inside && (c == '_' || j-i == 1 && !slices.Contains(open, "*")) {
			// Alone between spaces, or inside a word ("2*3",
			// "snake_case"): text — but asterisks closing what they
			// opened ("**75**th") close, and two open inside a word in
			// text without spaces ("马克龙担心**中国**").
			i = j
			continue
		}
		var parts []string
		for n := j - i; n > 0; n -= min(n, 2) {
			parts = append(parts, strings.Repeat(string(c), min(n, 2)))
		}
		if space(prev) {
			open = append(open, parts...) // opens
		} else {
			for k := len(parts) - 1; k >= 0; k-- {
				p := parts[k]
				at := -1
				for m := len(open) - 1; m >= 0 && at < 0; m-- {
					if open[m] == p {
						at = m
					}
				}
				switch {
				case at >= 0:
					open = slices.Delete(open, at, at+1)
				case !space(next):
					open = append(open, p) // "word**word": opens after all
				default:
					unopened = append(unopened, p)
				}
			}
		}
		i = j
	}
	for _, p := range unopened {
		s = p + s
	}
	for k := len(open) - 1; k >= 0; k-- {
		s += open[k]
	}
	return s
}

// sameSentence is what two sentences that say the same share: their
// letters (with their marks: a vowel sign changes a Hindi word) and
// figures (with the point or comma within one: "1.5" is not "15"), in
// lower case, each word apart; punctuation and spacing aside (markers
// are gone already).
func sameSentence(body string) string {
	var b strings.Builder
	b.Grow(len(body))
	space := false
	var prev rune
	for i, r := range body {
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case (r == '.' || r == ',') && unicode.IsNumber(prev) && startsWithNumber(body[i+1:]):
			b.WriteRune(r)
		default:
			space = true
		}
		prev = r
	}
	return b.String()
}

// startsWithNumber reports whether s starts with a digit of any script.
func startsWithNumber(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsNumber(r)
}

// abbreviationEnd is a text ending in an abbreviation of capitals with
// its last full stop cut off ("the U.S", "Washington D.C").
var abbreviationEnd = regexp.MustCompile(`(?:^|[^\p{L}.])(?:\p{Lu}\.)+\p{Lu}$`)

// emptyBrackets are parentheses that held nothing but markers, and the
// commas between them.
var emptyBrackets = regexp.MustCompile(`\s*\([\s,;]*\)`)

// echoRun is how many words in a row of the instructions make a sentence
// a repetition of them: more than an answer from a briefing shares with
// rules about citing it by chance.
const echoRun = 6

// echoText is text's words, lower case, without punctuation, each
// between single spaces (" a b c "), so that a run of words is found in it
// by one strings.Contains. One pass and one allocation: the prompt's
// boundary is new for each answer, so nothing made of it can be kept.
func echoText(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// repeatsInstructions reports whether a sentence's body repeats a run of
// echoRun words of the prompt's instructions.
func (g *gate) repeatsInstructions(body string) bool {
	if g.instructions == "" {
		return false
	}
	t := echoText(body) // " w1 w2 … "
	// starts are the offsets of the spaces before each word.
	var starts []int
	for i := 0; i < len(t)-1; i++ {
		if t[i] == ' ' {
			starts = append(starts, i)
		}
	}
	for i := 0; i+echoRun < len(starts)+1; i++ {
		end := len(t) - 1 // the space after the last word
		if i+echoRun < len(starts) {
			end = starts[i+echoRun]
		}
		if strings.Contains(g.instructions, t[starts[i]:end+1]) {
			return true
		}
	}
	return false
}

// chatter reports whether a sentence is only a chat model's pleasantries
// ("Sure!", "Great question!", "Happy to help 🙂"): words of no content
// and emoji. Not a verdict ("Yes, definitely."): that is a claim, and left
// out it is told.
func chatter(body string) bool {
	words := 0
	for w := range strings.FieldsFuncSeq(strings.ToLower(body), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if !chatWords[w] {
			return false
		}
		words++
	}
	return words <= 6
}

var chatWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`sure great good nice excellent interesting fair question q one ask thanks thank you
		absolutely certainly of course happy glad to help here's here is what's let's let me i'd i'll be okay ok alright
		hi hello hey there gladly`) {
		chatWords[w] = true
	}
}
