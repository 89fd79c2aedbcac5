// Package cite checks text against the briefing passages it cites. It is
// the one checker, with the one sentence splitter, for everything a member
// may see that claims to rest on a briefing: a model's answer (streamed
// sentence by sentence and whole), a moderator's approved answer and an
// educator's edited draft. What passes here passes everywhere.
//
// A sentence passes when it carries at least one [n] marker, every marker
// names a passage, every figure and capitalised name in it occurs in the
// passages it cites, and it holds nothing that Discord would turn into a
// link, a mention or code.
package cite

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// Marker is the citation syntax: a passage number in square brackets,
// with the white space before it.
var Marker = regexp.MustCompile(`\s*\[(\d{1,3})\]`)

// HasMarker reports whether text holds a citation marker in any form
// Check reads ("[1]", "[1, 2]", "［１］", "[١]").
func HasMarker(text string) bool { return bareMarker.MatchString(canonical(text)) }

// bareMarker is a marker without the space before it.
var bareMarker = regexp.MustCompile(`\[(\d{1,3})\]`)

// markerList is a marker as models and people also write it: several
// numbers in one pair of brackets ("[1, 2]"), spaces inside ("[ 1 ]"),
// fullwidth digits or brackets ("［１］"), another script's digits ("[١]",
// "[१]"). canonical rewrites it as Marker reads it ("[1][2]").
var (
	markerList   = regexp.MustCompile(`[\[［]\s*\p{Nd}{1,3}(?:\s*[,;，；、،؛]\s*\p{Nd}{1,3})*\s*[\]］]`)
	markerNumber = regexp.MustCompile(`\p{Nd}+`)
)

// canonical writes every marker as Marker reads it. Every reader of
// markers (Split, Check, Renumber, Finished) reads them through it, so
// that "[١]" is "[1]" to all of them alike.
func canonical(text string) string {
	return markerList.ReplaceAllStringFunc(text, func(m string) string {
		var b strings.Builder
		for _, n := range markerNumber.FindAllString(asciiDigits(norm.NFKC.String(m)), -1) {
			if strings.IndexFunc(n, func(r rune) bool { return r > '9' }) >= 0 {
				return m // digits neither reads as ASCII: not a marker
			}
			b.WriteString("[" + n + "]")
		}
		return b.String()
	})
}

// blockStart is Markdown that gives a line its layout — a heading,
// subtext, a block quote (">>>" quotes all that follows, the Sources line
// too), a list item — at a sentence's start, where it would take effect
// on the first sentence of an answer. It is no part of what a sentence
// says: Check leaves it out of the body (a list's number alone, "1.",
// leaves nothing).
var blockStart = regexp.MustCompile(`^(?:(?:#{1,6}|-#|>{1,3}|[-*+•]|\d{1,3}[.)])(?:\s+|$))+`)

// fakeMarker is what would read as a citation but is no marker: any other
// number in brackets ("[1-2]", "[¹]", "【2】", "[1000]"). Check removes it
// from the body and counts it as a bad marker (0).
var fakeMarker = regexp.MustCompile(`\s*[\[［【〔][^\[\]［］【】〔〕]{0,16}?\pN[^\[\]［］【】〔〕]{0,16}[\]］】〕]`)

// Renumber rewrites a text's markers 1, 2, … in order of first use, in
// place (only the numbers change, and markers written otherwise, "[1, 2]",
// are written as Marker reads them), and returns the old number behind
// each new one: old[k-1] is what [k] was. Call it on text whose markers
// all passed Check.
func Renumber(text string) (out string, old []int) {
	to := map[int]int{}
	out = bareMarker.ReplaceAllStringFunc(canonical(text), func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		k, ok := to[n]
		if !ok {
			old = append(old, n)
			k = len(old)
			to[n] = k
		}
		return "[" + strconv.Itoa(k) + "]"
	})
	return out, old
}

// trailingMarks are markers after a sentence's closing punctuation and
// any closing quotes and brackets ("… China.” [1]", "…扩张。」[3]");
// moving them before it lets the text split as a briefing splits, the
// marker staying with its sentence rather than opening the next one.
var trailingMarks = regexp.MustCompile(`([.!?。！？．｡]["'”’)»」』）》〉】〕｣]*)((?:\s*\[\d{1,3}\])+)`)

// moveTrailingMarks moves markers after a sentence's stop before it
// (trailingMarks), but for an abbreviation's full stop that ends no
// sentence ("the U.S. [2] alone", "D.C. [3]."): moved, "…the U.S [2].
// alone" would end one there.
func moveTrailingMarks(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range trailingMarks.FindAllStringSubmatchIndex(s, -1) {
		if s[m[2]:m[3]] == "." && abbreviated(s[:m[2]]) {
			// Its stop ends the sentence too only when what follows
			// opens one ("…D.C. [3] They…"), not "…the U.S. [2] alone"
			// nor "…the U.S. [2]." (whose own stop ends it).
			next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s[m[1]:], unicode.IsSpace))
			if !unicode.IsUpper(next) {
				continue
			}
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(s[m[4]:m[5]])
		b.WriteString(s[m[2]:m[3]])
		last = m[1]
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// abbreviated reports whether text before a full stop ends in a dotted
// abbreviation of capitals ("U.S", "D.C"): a capital after a full stop
// or a space, itself after a dotted capital.
func abbreviated(before string) bool {
	n := len(before)
	return n >= 3 && before[n-1] >= 'A' && before[n-1] <= 'Z' && before[n-2] == '.' && before[n-3] >= 'A' && before[n-3] <= 'Z'
}

// wideStops are full stops that knowledge.Sentences does not split at: the
// fullwidth "．" and the halfwidth "｡" of Chinese and Japanese text.
const wideStops = "．｡"

// Finished reports whether a sentence ends as a sentence does — its
// markers, closing quotes and brackets aside — rather than cut off ("…the
// ties of France and [1]": a model stopped at its token limit).
func Finished(s string) bool {
	s = strings.TrimRightFunc(Marker.ReplaceAllString(canonical(s), ""), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Pe, r) || strings.ContainsRune(`"'”’»`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…。！？"+wideStops, r)
}

// Break is what stands before a sentence in its text's layout.
type Break int

const (
	// SameLine: the sentence goes on the line of the one before it.
	SameLine Break = iota
	// NewLine: it is the first on its line (the text's first sentence
	// too).
	NewLine
	// NewParagraph: it is the first on its line, after a blank one.
	NewParagraph
)

// Piece is one sentence of a text and where it stands in the text's
// layout: models write lists and paragraphs, and the sentences that pass
// shown as one run ("…provoke China [1] nuclear proliferation [2]…") lose
// them.
type Piece struct {
	Text  string
	Break Break
	// Indent: it starts an indented line (a nested list's item).
	Indent bool
}

// Split splits answer text into sentences, each holding its own
// markers: markers written otherwise are written as Marker reads them
// ("[1, 2]" → "[1][2]"), markers after a sentence's full stop move before
// it and its closing quotes ("China.” [1]" → "China [1].”"), then every
// line (an HTML <br> ends one too) is split as knowledge.Sentences splits a
// briefing (abbreviations
// such as "U.S." do not end a sentence), and at the fullwidth stops it
// does not know; a closing quote or bracket it leaves at the start of the
// next sentence ("…扩张。）") goes back to the end of its own.
// Each comes with its place in the layout (Piece): a bare yes or no is
// joined to the sentence after it on its line (verdicts), a list item's
// number to its text (listNumbered).
func Split(text string) []Piece {
	var out []Piece
	brk := NewLine
	for _, line := range unwrapped(strings.Split(htmlBreak.ReplaceAllString(text, "\n"), "\n")) {
		if strings.TrimSpace(line) == "" {
			if len(out) > 0 {
				brk = NewParagraph
			}
			continue
		}
		for _, s := range verdicts(listNumbered(knowledge.Sentences(moveTrailingMarks(canonical(line))))) {
			for _, s := range splitMentions(splitWide(s)) {
				rest := strings.TrimLeftFunc(s, func(r rune) bool { return unicode.Is(unicode.Pe, r) })
				if n := len(out); n > 0 && len(rest) < len(s) {
					out[n-1].Text += s[:len(s)-len(rest)]
					s = strings.TrimSpace(rest)
				}
				if s != "" {
					out = append(out, Piece{Text: s, Break: brk, Indent: brk > SameLine && line != strings.TrimLeft(line, " \t")})
					brk = SameLine
				}
			}
		}
		if brk == SameLine {
			brk = NewLine
		}
	}
	return out
}

// unwrapped joins to each line the lines that go on its last sentence,
// under a line whose last sentence is not finished, ends in no marker and
// opens no list: one that starts in lower case ("Macron has never said
// that" over "an office in Tokyo could provoke China [1]."), or, under a
// list's item that is no heading, one indented (its text carried on);
// never a list's item, a dash-opened line or a code fence. Judged a line
// each, the first part has no marker and is dropped, and the rest is
// shown alone, saying what the whole did not. (The explanation under a
// heading, "1. **Provocation**", takes the heading's place in the list
// instead: see the stream gate's layout.)
func unwrapped(lines []string) []string {
	out := lines[:0:0]
	for _, line := range lines {
		rest := strings.TrimSpace(line)
		if n := len(out); n > 0 && rest != "" && ListItem(line) == "" && !bulletLike(rest) && !fenced(line) && !fenced(out[n-1]) &&
			(startsLower(rest) || rest != line && ListItem(out[n-1]) != "" && !heading(out[n-1])) {
			// A line ending in a marker is a sentence the model cited
			// whole, stop or none ("1. Macron fears provoking China [1]").
			if prev := strings.TrimSpace(out[n-1]); prev != "" && !Finished(prev) && !strings.HasSuffix(Marker.ReplaceAllString(prev, ""), ":") && !endsInMarker(prev) {
				out[n-1] = strings.TrimRight(out[n-1], " \t") + " " + rest
				continue
			}
		}
		out = append(out, line)
	}
	return out
}

// endsInMarker reports whether a line ends in a citation marker.
func endsInMarker(line string) bool {
	return strings.HasSuffix(strings.TrimRight(canonical(line), " \t*_"), "]") && HasMarker(line)
}

// heading reports whether a list item is a heading: its text all in
// emphasis ("1. **Provocation**"). The indented lines under it are its
// explanation, not its text going on.
func heading(item string) bool {
	t := strings.TrimSpace(listItem.ReplaceAllString(item, ""))
	for _, m := range []string{"**", "__"} {
		if len(t) > 2*len(m) && strings.HasPrefix(t, m) && strings.HasSuffix(strings.TrimRight(t, ":"), m) {
			return true
		}
	}
	return false
}

// bulletLike reports whether a line opens with a dash or a bullet that
// Markdown does not read as a list's ("– Japan was invited"): an item
// all the same, never a line going on.
func bulletLike(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.Is(unicode.Pd, r) || strings.ContainsRune("•·▪‣◦●○■□➤►→", r)
}

// fenced reports whether a line holds a code fence: code is never
// joined to the text around it.
func fenced(line string) bool {
	return strings.Contains(line, "```") || strings.HasPrefix(strings.TrimSpace(line), "~~~")
}

// listNumber is a numbered list item's number alone ("1.", "2)").
var listNumber = regexp.MustCompile(`^\s*\d{1,3}[.)]$`)

// listNumbered joins a line's first sentence to its number ("1." and
// "Macron objects [1]." of "1. Macron objects [1].", which
// knowledge.Sentences splits, as it would "…in 1. Then…"): the item is
// one sentence.
func listNumbered(ss []string) []string {
	if len(ss) > 1 && listNumber.MatchString(ss[0]) {
		ss[1] = strings.TrimSpace(ss[0]) + " " + ss[1]
		ss = ss[1:]
	}
	return ss
}

// verdict is a bare yes or no as a sentence of its own ("Yes.", "Not
// really."), or one with a qualifier ("Yes, somewhat.", "Not directly.",
// "Only indirectly, per the article.").
var verdict = regexp.MustCompile(`(?i)^(?:[-*+•]\s+)?(?:yes|no|yeah|yep|yup|nope|nah|not|partly|partially|largely|mostly|generally|broadly|only|sort of|kind of|somewhat)` +
	`(?:,?\s+(?:not\s+)?(?:somewhat|indirectly|directly|entirely|especially|really|quite|exactly|partly|largely|mostly|in a sense|in part|to some extent|it seems|very|much|necessarily|at all|definitely|absolutely|certainly)|\s+explicitly)?` +
	`(?:,?\s+(?:per|according to)\s+(?:the|this)\s+(?:article|briefing|piece|text))?[.!]$`)

// (Not "twice", "by name", "Yes, explicitly": those say something of the
// text that the sentence after it does not check; "Not explicitly" is
// the hedge it reads as.)

const maxVerdict = 60

// verdicts joins a bare yes or no to the sentence after it on its line
// ("Yes. Japan was invited [2]."): judged alone it cites nothing and
// says nothing a passage can support, and was dropped, leaving the
// reason without its answer — while "No. Macron objects [1]." was kept
// whole, knowledge.Sentences reading "No." as the abbreviation of
// number. Joined, the two are checked as one sentence, as "Yes, Japan
// was invited [2]." is.
func verdicts(ss []string) []string {
	for i := 0; i+1 < len(ss); i++ {
		if v := strings.TrimSpace(ss[i]); len(v) <= maxVerdict && verdict.MatchString(v) {
			ss[i+1] = strings.TrimSpace(ss[i]) + " " + ss[i+1]
			ss = append(ss[:i], ss[i+1:]...)
		}
	}
	return ss
}

// listItem is a list item's Markdown at a line's start: a bullet ("- ",
// "* ", "+ ", "• ") or a number ("1. ", "2) ").
var listItem = regexp.MustCompile(`^\s*(?:([-*+•])|(\d{1,3})[.)])(?:\s+|$)`)

// ListItem reports what list item a sentence that starts a line opens:
// "-" for a bullet, "1." (its number as written) for a numbered one, ""
// for none.
func ListItem(sentence string) string {
	m := listItem.FindStringSubmatch(sentence)
	switch {
	case m == nil:
		return ""
	case m[1] != "":
		return "-"
	default:
		return m[2] + "."
	}
}

// mentionStart is a sentence end followed by what opens a Discord mention
// or an autolink ("@everyone", "<@123>", "<https://…>"), which
// knowledge.Sentences does not split at: a briefing's sentences start with
// a capital. In an answer, one that does not would join the sentence
// before it, and the pair would be judged as one — a valid sentence
// dropped with the unsafe one after it. No space is needed after the
// stop: Discord reads "….@everyone" as a mention all the same.
var mentionStart = regexp.MustCompile(`[.!?]["'”’)\]]*\s*[@<]`)

// splitMentions splits each of ss where a sentence starting with a mention
// or an autolink begins, and after every cited sentence's full stop ("…
// China [1]. **The Quad…", "… [1]. ¿…", "… [1]. - …"): a marker and a stop
// end a sentence, whatever the next one opens with — its emphasis, a
// list's dash, a lower-case word — where knowledge.Sentences, made for
// a briefing's prose, looks for a capital. Judged as one, the two would
// pool their passages and pass a claim neither supports alone.
func splitMentions(ss []string) []string {
	if !slices.ContainsFunc(ss, func(s string) bool { return strings.ContainsAny(s, "@<") || afterMarker(s) > 0 }) {
		return ss
	}
	var out []string
	for _, s := range ss {
		// mention is where the next mention's sentence starts in s (-1:
		// none), found again only once a cut has passed it: found anew
		// at every cut, a long text of many sentences and a mention at
		// its end was read again whole for each.
		mention, stale := -1, true
		for {
			if stale {
				mention, stale = -1, false
				if strings.ContainsAny(s, "@<") {
					if loc := mentionStart.FindStringIndex(s); loc != nil {
						mention = loc[1] - 1 // the '@' or the '<'
					}
				}
			}
			cut := afterMarker(s)
			if mention > 0 && (cut < 0 || mention <= cut) {
				cut, stale = mention, true
			}
			if cut <= 0 {
				break
			}
			out = append(out, strings.TrimSpace(s[:cut]))
			s = s[cut:]
			if !stale && mention >= 0 {
				mention -= cut
			}
		}
		out = append(out, s)
	}
	return out
}

// afterMarker returns where a sentence begins after a marker, a full stop,
// any closing quotes and white space ("… [1]. **The…" → the '*'), or -1.
// By hand, not a regexp: it runs on every sentence of every piece of a
// streamed answer.
func afterMarker(s string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "]")
		if j < 0 {
			return -1
		}
		j += i
		i = j + 1
		// "[" and one to three digits before it.
		d := j
		for d > 0 && j-d < 3 && s[d-1] >= '0' && s[d-1] <= '9' {
			d--
		}
		if d == j || d == 0 || s[d-1] != '[' {
			continue
		}
		k := j + 1
		if k >= len(s) || !strings.ContainsRune(".!?", rune(s[k])) {
			continue
		}
		k++
		// Closing quotes and brackets, emphasis closing ("[3].* The…"),
		// and more stops ("U.S. [2]." is "…U.S [2]..").
		for k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			if !strings.ContainsRune(`"'”’)»*_~.!?`, r) {
				break
			}
			k += size
		}
		sp := k
		for k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			if !unicode.IsSpace(r) {
				break
			}
			k += size
		}
		if k > sp && k < len(s) {
			return k
		}
	}
}

// htmlBreak is an HTML line break, which models write in table cells and
// between sentences ("…China [1]<br>The Quad…"): it ends a line as "\n"
// does, or the sentences either side would be judged as one.
var htmlBreak = regexp.MustCompile(`(?i)<br\s*/?>`)

// splitWide splits s after each of wideStops (and the closing quotes and
// brackets after it), unless it stands between digits ("３．５").
func splitWide(s string) []string {
	if !strings.ContainsAny(s, wideStops) {
		return []string{s}
	}
	var out []string
	rs := []rune(s)
	start := 0
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(wideStops, rs[i]) {
			continue
		}
		if i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
			continue
		}
		j := i + 1
		for j < len(rs) && (unicode.Is(unicode.Pe, rs[j]) || strings.ContainsRune(`"'”’»`, rs[j])) {
			j++
		}
		if t := strings.TrimSpace(string(rs[start:j])); t != "" {
			out = append(out, t)
		}
		start, i = j, j-1
	}
	if t := strings.TrimSpace(string(rs[start:])); t != "" {
		out = append(out, t)
	}
	return out
}

// multiQuote is Discord's block quote of everything after it, at a
// line's start.
var multiQuote = regexp.MustCompile(`(?m)^(\s*)>>>\s?`)

// Contained rewrites what in an answer's text would reach past it: a
// ">>>" block quote runs to the end of the message, over the notices and
// the Sources line the bot puts under the answer; it becomes a quote of
// its own line ("> "). For text people wrote (approved answers, edited
// drafts), which is kept as written; a model's sentences lose it anyway.
func Contained(text string) string { return multiQuote.ReplaceAllString(text, "$1> ") }

// CheckText checks a whole text written by a person (an approved answer,
// an edited draft) sentence by sentence, as the stream gate checks a
// model's: split by Split and read in order by a Reader, so that a
// sentence that is code or inside a code block is Unsafe whatever Check
// says of it, and a list's lead-in is checked with its first item. Each
// caller words the problems for its own readers.
func (c Checker) CheckText(text string) []Result {
	var out []Result
	rd := Reader{Check: c.Check}
	for _, p := range Split(text) {
		for _, d := range rd.Read(p) {
			out = append(out, d.Result)
		}
	}
	for _, d := range rd.Close() {
		out = append(out, d.Result)
	}
	return out
}

// Fence follows Markdown code blocks (``` or ~~~ fences) through a
// text's sentences, in order. A code block's lines come one sentence each:
// "sudo rm -rf / [1]" between the fences has no backtick of its own to be
// found unsafe by, and would pass Check, which sees one sentence at a
// time. Every reader of an answer's sentences asks a Fence first and
// treats what is code as Unsafe. The zero value is outside any block.
type Fence struct{ open bool }

// Code reports whether sentence s is code: a fence line, or inside a
// block. Call it on every sentence of a text, in order.
func (f *Fence) Code(s string) bool {
	fences := strings.Count(s, "```")
	if strings.HasPrefix(strings.TrimSpace(s), "~~~") {
		fences++
	}
	code := f.open || fences > 0
	if fences%2 == 1 {
		f.open = !f.open
	}
	return code
}

// FalseAbsence, in Result.Missing, says a statement of absence with a
// marker fails absence's rules: what it says the passages lack, they have
// (or it says more than that).
const FalseAbsence = "what it says the briefing does not say"

// Reason says why a sentence may not be shown.
type Reason int

const (
	OK Reason = iota
	// Uncited: no marker names a passage.
	Uncited
	// BadMarker: a marker names no passage.
	BadMarker
	// Unsupported: a figure or name is not in the cited passages.
	Unsupported
	// Unsafe: a link, a mention or code, which no answer carries.
	Unsafe
)

// Result is one checked sentence.
type Result struct {
	// Body is the sentence without its markers and any Markdown block
	// syntax at its start, white space collapsed.
	Body string
	// Cited are the valid passage numbers it cites, in order of first use.
	Cited []int
	// Bad are the marker numbers that name no passage.
	Bad []int
	// Missing are the figures and names the cited passages lack.
	Missing []string
	// Vacuous: an English sentence with no word of content ("Yes, it
	// does [1]."): nothing in it can be checked against its passages,
	// and a yes or a no is a claim all the same. Reason is Unsupported.
	Vacuous bool
	Reason  Reason
	// Lead: a list's lead-in ("The briefing names three:"), checked
	// against the passages the item under it cites (see Reader); shown
	// without a marker when it has none of its own.
	Lead bool
	// Absent: a statement of what the passages do not say ("The article
	// doesn't say who proposed it."), with no marker: shown when it says
	// nothing else (see absence).
	Absent bool
	// Dangling: a list's lead-in with no item under it that passes
	// ("Per Macron [1]:" at the end, or over items all dropped): never
	// shown, whatever else it passes.
	Dangling bool
	// unshared is how many of Missing are content words the passages
	// lack (unrelated), not names or figures: a lead-in says nothing
	// itself ("His demands [8]:"), and is not held to them.
	unshared int
}

// Shown reports whether the sentence may be shown: a marker naming a
// passage (or a lead-in checked against the item under it, or a
// statement of absence), nothing
// missing, something said, nothing unsafe. A bad marker beside a valid
// one does not stop it: the bad one is dropped.
func (r Result) Shown() bool {
	return r.Reason != Unsafe && (len(r.Cited) > 0 || r.Lead || r.Absent) && len(r.Missing) == 0 && !r.Vacuous && !r.Dangling
}

// Checker checks sentences against numbered passages.
type Checker struct {
	// Passage returns passage n's text (1-based), or false when there is
	// no such passage.
	Passage func(n int) (string, bool)
	// SkipNames turns off the check of capitalised names, for text in
	// another language than the briefing's, where names are translated
	// ("Japón") and cannot be matched; figures are checked in every
	// language.
	SkipNames bool
	// Paragraph returns the briefing's paragraph number of passage n, as
	// the prompt labels it ("(paragraph 22)"); nil means n itself.
	Paragraph func(n int) int
}

// Check checks one sentence (as Split returns it). A marker naming no
// passage makes the reason BadMarker even when other markers are valid;
// callers that can drop the bad marker and keep the sentence (a model's
// answer) look at Cited and Missing themselves.
func (c Checker) Check(sentence string) Result {
	var r Result
	sentence = canonical(sentence)
	for _, m := range Marker.FindAllStringSubmatch(sentence, -1) {
		n, _ := strconv.Atoi(m[1])
		if _, ok := c.Passage(n); !ok {
			r.Bad = append(r.Bad, n)
			continue
		}
		if !slices.Contains(r.Cited, n) {
			r.Cited = append(r.Cited, n)
		}
	}
	body := Marker.ReplaceAllString(sentence, "")
	for range fakeMarker.FindAllStringIndex(body, -1) {
		r.Bad = append(r.Bad, 0)
	}
	r.Body = strings.Join(strings.Fields(fakeMarker.ReplaceAllString(body, "")), " ")
	r.Body = blockStart.ReplaceAllString(r.Body, "")
	if HasUnsafe(r.Body) {
		r.Reason = Unsafe
		return r
	}
	if len(r.Cited) > 0 {
		var support strings.Builder
		for _, n := range r.Cited {
			t, _ := c.Passage(n)
			support.WriteString(knowledge.Normalize(t))
			support.WriteByte(' ')
		}
		body := tldr.ReplaceAllString(c.withoutReferences(r.Body, r.Cited), "")
		if at, clause := laterAbsence(body); !c.SkipNames && at > 0 {
			// "Macron fears provoking China [1], but the article doesn't
			// mention Germany.": a statement of absence that may be shown
			// is, and the claim before it is held to the cited passages;
			// one saying names the passages have are not there ("…, but
			// Tokyo isn't mentioned"), or what the claim is about ("…, but
			// not mentioned in the article", "…, but he isn't named") is
			// false; any other is checked with the claim, as a claim.
			switch {
			case laterRefersBack(clause) && (namedSubject(body[:at]) || describesNamed(body[:at], c.cited(r.Cited))) || namesSaidMissing(clause, c.allPassages):
				r.Missing = append(r.Missing, FalseAbsence)
			case laterRefersBack(clause) || absence(clause, c.allPassages):
				// "A senior diplomat … called it tokenism [5], but is not
				// named": no name to be false of.
				body = body[:at]
			}
		}
		r.Missing = append(r.Missing, missing(body, support.String(), !c.SkipNames)...)
		if !c.SkipNames && len(r.Missing) == 0 {
			r.Missing, r.Vacuous = unrelated(body, support.String())
			r.unshared = len(r.Missing)
			r.Vacuous = r.Vacuous && !initialismOrFigure(body)
		}
		if part := firstClause(body); !c.SkipNames && absenceForm(part) && !absence(part, c.allPassages) {
			// A statement of absence is held to its rules with a marker
			// too: "China isn't mentioned [1]." of a passage naming China.
			// Only its own clause: what follows ("…; it only quotes him
			// [8]") is checked as any claim is.
			r.Missing = append(r.Missing, FalseAbsence)
		}
		if !c.SkipNames {
			if m := advice.FindString(body); m != "" && !strings.Contains(support.String(), strings.ToLower(m)) {
				r.Missing = append(r.Missing, m)
			}
			r.Missing = append(r.Missing, misquoted(body, support.String())...)
			r.Missing = append(r.Missing, reversed(body, support.String())...)
			r.Missing = append(r.Missing, examplesMissing(body, support.String())...)
		}
	}
	if len(r.Cited) == 0 && len(r.Bad) == 0 && !c.SkipNames {
		r.Absent = absence(r.Body, c.allPassages)
	}
	switch {
	case len(r.Bad) > 0:
		r.Reason = BadMarker
	case len(r.Cited) == 0 && !r.Absent:
		r.Reason = Uncited
	case len(r.Missing) > 0 || r.Vacuous:
		r.Reason = Unsupported
	}
	return r
}

var (
	// link is anything Discord or a terminal would make clickable, or a
	// masked link: a URL with a scheme, "www.", an invite, "](". Not
	// anchored at a word boundary: Discord and terminals find
	// "https://" after a digit or an underscore too ("_https://…_" is
	// an italic link).
	link = regexp.MustCompile(`(?i)[a-z][a-z0-9+.-]*://|(?:^|[^a-z0-9])www\.|discord\.gg/|discord(?:app)?\.com/invite/|\]\(`)
	// mention is a user, role or channel mention, @everyone, @here, any
	// @handle, or the rest of Discord's <…> syntax, which renders as
	// something other than the text written: a command mention
	// ("</ban:1>", clickable), a custom emoji ("<:x:1>", "<a:x:1>", any
	// server's image), a timestamp ("<t:1:R>") and a link into the
	// server's own pages ("<id:customize>", "<id:guide>", clickable).
	mention = regexp.MustCompile(`<[@#]|@\w|</[\w -]+:\d|<a?:\w+:\d|<t:-?\d|<id:\w`)
)

// HasUnsafe reports whether text holds a link, a mention, code (a
// backtick) or a control or format character (a terminal escape, a bidi
// override): none of them belongs in an answer quoted from a briefing, and
// each is how a planted instruction would reach members or their screens.
func HasUnsafe(text string) bool {
	// The regexps run only where what each needs is there: every link
	// holds "://", "www.", "discord" or "](", every mention "<" or "@".
	// Most sentences hold none, and the regexps were most of the
	// extractive answer's time once every sentence it quotes was checked.
	mayLink := strings.Contains(text, "://") || strings.Contains(text, "](") || containsFold(text, "www.") || containsFold(text, "discord")
	return strings.ContainsRune(text, '`') || mayLink && link.MatchString(text) ||
		strings.ContainsAny(text, "<@") && mention.MatchString(text) ||
		strings.IndexFunc(text, func(r rune) bool {
			return (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Cf, r)
		}) >= 0
}

// containsFold reports whether s holds sub (ASCII) in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// numberRE is a figure in any digits; fullwidth and other compatibility
// digits are read as ASCII (NFKC), and the decimal digits of other
// scripts too (asciiDigits), before it is looked for.
var numberRE = regexp.MustCompile(`\pN[\pN,.]*\pN|\pN`)

// asciiDigits writes the decimal digits of every script as ASCII digits
// ("٢٠٢٤", "२०२४" → "2024"), which NFKC leaves as they are: an answer in
// Arabic or Hindi writes the briefing's figures in its own digits.
func asciiDigits(s string) string {
	other := func(r rune) bool { return r > '9' && unicode.IsDigit(r) }
	if strings.IndexFunc(s, other) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if !other(r) {
			return r
		}
		// Unicode's decimal digits come in runs of ten, zero to nine.
		zero := r
		for unicode.IsDigit(zero - 1) {
			zero--
		}
		return '0' + (r-zero)%10
	}, s)
}

// containsFigure reports whether support holds figure n whole: "4" is not
// in "2024", "7" not in "75th", "2" not in "2.5".
func containsFigure(support, n string) bool {
	for i := 0; ; {
		j := strings.Index(support[i:], n)
		if j < 0 {
			return false
		}
		j += i
		before, after := support[:j], support[j+len(n):]
		if !endsInFigure(before) && !startsFigure(after) {
			return true
		}
		i = j + 1
	}
}

// endsInFigure: s ends in a digit, or in a digit and a separator ("2," of
// "2,000").
func endsInFigure(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(s, ","), ".")
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsNumber(r)
}

// startsFigure: s starts with a digit, or a separator and a digit (",000").
func startsFigure(s string) bool {
	if strings.HasPrefix(s, ",") || strings.HasPrefix(s, ".") {
		s = s[1:]
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsNumber(r)
}

// missing returns the figures and capitalised names of sentence that
// support (normalised passage text) lacks.
//
// A sentence's first word is capitalised anyway; it still counts as a name
// unless it is a common sentence opener, or "India was invited [1]" would
// pass. A writer rejected for an unusual opener can rephrase; a wrong name
// shown as the briefing's cannot be taken back.
func missing(sentence, support string, names bool) []string {
	var out []string
	// After a bold label ("**Provocation:** An office…"), a sentence
	// starts again.
	again := -1
	if l := emphasisLabel.FindString(sentence); l != "" && len(l) < len(sentence) {
		again = len(strings.FieldsFunc(l, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsMark(r) || r == '-' || r == '\'' || r == '’')
		}))
	}
	// Emphasis inside a word is no part of it: "**R**ussia" is shown as
	// "Russia", and "R" alone would be too short to be a name. A dotted
	// initialism is one name ("E.U." is "EU"), not letters too short to
	// be names.
	sentence = dottedInitialism.ReplaceAllStringFunc(emphasis.Replace(sentence), func(m string) string {
		return strings.ReplaceAll(m, ".", "")
	})
	figures := asciiDigits(support)
	// magnitude is hasMagnitude, once a word: it reads the passages
	// whole, and a sentence may repeat a magnitude many times.
	var magnitudeMet map[string]bool
	magnitude := func(w string) bool {
		met, ok := magnitudeMet[w]
		if !ok {
			if magnitudeMet == nil {
				magnitudeMet = map[string]bool{}
			}
			met = hasMagnitude(support, figures, w, magnitudes[w])
			magnitudeMet[w] = met
		}
		return met
	}
	for _, n := range numberRE.FindAllString(asciiDigits(norm.NFKC.String(sentence)), -1) {
		if !containsFigure(figures, n) && !hasWord(support, numberName(n)) && !hasWord(support, ordinalNames[n]) {
			out = append(out, n)
		}
	}
	// A figure with its magnitude abbreviated ("$2bn") claims that
	// magnitude: "$2bn" cited to "$2 million" is a wrong figure.
	for _, m := range magnitudeShort.FindAllStringSubmatch(knowledge.Normalize(sentence), -1) {
		if w := shortMagnitude[m[1]]; !magnitude(w) {
			out = append(out, m[0])
		}
	}
	if !names {
		// Another language: its number words are its own ("ten" is
		// Dutch for "at the", Polish for "this"), and its names are
		// mostly translated ("Japón"). Those it writes as English does,
		// countries that are countries in English too ("India", "Iran"
		// in Spanish), are checked.
		return append(out, foreignCountries(sentence, support)...)
	}
	// Figures written as words are figures too: "five partners" cited
	// to a passage that says "four" is a wrong figure. A count is met
	// too by as many things listed, in the sentence after a colon or in
	// the passages (see listed).
	var counts map[int]bool
	listedHere := func(n, next string) bool {
		if timesCounted[next] {
			return false // "objected three times: …" counts no list
		}
		if counts == nil {
			counts = listed(sentence, support)
		}
		k, _ := strconv.Atoi(n)
		return counts[k] || memberNouns[next] && passageCounts(sentence, support, next)[k]
	}
	prev := ""
	ws := strings.FieldsFunc(knowledge.Normalize(sentence), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	for i, w := range ws {
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		// "first" and "second" count before what is counted ("for the
		// first time", "the second year"), not as "first, …" or "a second".
		n, ok := firstSecond[prev]
		if !ok {
			n, ok = ordinalWords[prev]
		}
		if ok && counted[w] && !hasWord(support, prev) && !containsFigure(figures, n) {
			out = append(out, prev)
		}
		prev = w
		if n, ok := compoundNumber(w); ok {
			if !hasWord(support, w) && !containsFigure(figures, n) {
				out = append(out, w)
			}
			continue
		}
		for w := range strings.SplitSeq(w, "-") {
			if n, ok := numberWords[w]; ok && !hasWord(support, w) && !containsFigure(figures, n) && !listedHere(n, next) {
				out = append(out, w)
			}
			if _, ok := magnitudes[strings.TrimSuffix(w, "s")]; ok && !magnitude(strings.TrimSuffix(w, "s")) {
				out = append(out, w)
			}
		}
	}
	words, starts := sentenceWords(sentence)
	met := speltMet(sentence, support)
	for i, w := range words {
		if met[strings.ToLower(w)] {
			continue
		}
		if lowerCountry(w, support) {
			// "russia" is Russia whatever its case.
			out = append(out, w)
			continue
		}
		for _, name := range capitalised(w) {
			n := strings.TrimSuffix(strings.TrimSuffix(knowledge.Normalize(name), "'s"), "'")
			// The sentence's own first word may be any word a sentence
			// opens with; one after a stop or a label inside it only a
			// common opener or word of no name's kind: "In short:
			// Russians…", "e.g. Nazis…" name someone.
			lower := len(words) > i+1 && startsLower(words[i+1])
			if (i == 0 && name == w && (openers[opener(n)] || inflected(n) || (everyday(n) || nounless(n)) && lower || formIn(support, n))) ||
				((starts[i] || i == again) && name == w && (openers[opener(n)] || (everyday(n) || nounless(n)) && lower)) {
				continue
			}
			if isNumberWord(n) || magnitudes[strings.TrimSuffix(n, "s")] > 0 {
				continue // checked as a figure
			}
			if !nameIn(support, n) && !stemIn(support, n) && !slices.ContainsFunc(initialism(name), func(a string) bool { return startsWord(support, a) }) && !sameCountry(n, support) {
				out = append(out, name)
			}
		}
	}
	return out
}

// foreignCountries returns the capitalised words of a sentence in another
// language that name a country, its capital or its people as English
// writes them, and that support lacks.
func foreignCountries(sentence, support string) []string {
	var out []string
	for w := range strings.FieldsFuncSeq(sentence, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 3 {
			continue
		}
		n := knowledge.Normalize(w)
		c := lexicon.Default().Country(n)
		if c == "" || nameIn(support, n) || sameCountry(n, support) || slices.ContainsFunc(initialism(w), func(a string) bool { return startsWord(support, a) }) {
			continue
		}
		// The language's own name for a place the passage names
		// ("Tokio", "Peking"): the same country's, or its capital's.
		if namesCountry(support, c) || startsWord(support, lexicon.Default().Capital(c)) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// dottedInitialism is an initialism written with full stops ("U.S.",
// "E.U."), its last stop aside.
var dottedInitialism = regexp.MustCompile(`\b(?:\p{Lu}\.){1,4}\p{Lu}\b`)

// emphasis removes Markdown's emphasis marks, which may stand inside a
// word.
var emphasis = strings.NewReplacer("*", "", "_", "", "~", "", "|", "")

// lowerCountry reports whether w, written in lower case, names a country,
// its capital or its people ("russia", "moscow", "russian") that support
// lacks: a model told to write names in lower case must not slip them past
// the check. Words that are also everyday English ("us", "male", "polish",
// "turkey") are left alone.
func lowerCountry(w, support string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) || len(w) < 4 || everydayCountry[w] {
		return false
	}
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if nameIn(support, w) || lexicon.Default().Country(w) == "" {
		return false
	}
	return !sameCountry(w, support)
}

var everydayCountry = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`male polish turkey chad victoria lima guinea jordan georgia
		nice china japan french dutch english`) {
		everydayCountry[w] = true
	}
}

// nameEndings are what may follow a name in a passage's word for the
// name to be there: "Japan" is in "Japanese", "Asia" in "Asian", "NATO"
// in "NATOs"; "Xi" is not in "Xinjiang", "India" not in "Indiana".
var nameEndings = map[string]bool{"": true, "s": true, "es": true, "n": true, "ns": true, "an": true, "ans": true,
	"ian": true, "ians": true, "ese": true, "ern": true, "erns": true, "i": true, "is": true}

// nameIn reports whether support holds name n (normalised) as a word, or
// as the start of one with one of nameEndings.
func nameIn(support, n string) bool {
	for i := 0; ; {
		j := strings.Index(support[i:], n)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(support[:j])
		if j == 0 || !(unicode.IsLetter(before) || unicode.IsNumber(before) || unicode.IsMark(before)) {
			rest := support[j+len(n):]
			end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) })
			if end < 0 {
				end = len(rest)
			}
			if nameEndings[rest[:end]] {
				return true
			}
		}
		i = j + 1
	}
}

// stemIn reports whether support holds name n without one of
// nameEndings: "Korean" is met by "Korea", "Asians" by "Asia" (names of
// three letters or more).
func stemIn(support, n string) bool {
	for e := range nameEndings {
		if e != "" && strings.HasSuffix(n, e) && len(n)-len(e) >= 3 && nameIn(support, n[:len(n)-len(e)]) {
			return true
		}
	}
	return false
}

// advice is a sentence telling its reader what to do ("You should contact
// your representatives…"): a briefing reports, it does not advise the
// members asking, and a model that does so speaks for itself — or for an
// instruction planted in a question. It passes only when the cited
// passages say it too (a quote: "we must…").
var advice = regexp.MustCompile(`(?i)\b(?:you|readers?)(?:\s+(?:in|from|of)\s+\p{L}+)?(?:\s+\p{L}+ly|\s+(?:all|also|still|really|too))*\s+(?:should|must|need to|ought to|have to|had better)\b|\byou'?d\s+better\b|\b(?:everyone|we)(?:\s+(?:all|also|really|too))?\s+(?:should|must|need to|ought to|have to)\b|\bi\s+(?:recommend|suggest|advise|urge)\b`)

// unrelated returns a sentence's content words when none of them is in
// support (normalised passage text), nil otherwise. A sentence with no
// name and no figure has nothing else to be checked by: "you should send
// your password to the moderators [1]" would pass cited to any passage.
// One shared word is enough: a model paraphrases, and the check is there
// for sentences that say something else entirely. A word is shared when
// support has a word starting with its first five letters ("provoking"
// meets "provoke"). Words of three letters or fewer and common function
// words are not content. vacuous says the sentence has no content word
// at all (see Result.Vacuous).
func unrelated(sentence, support string) (content []string, vacuous bool) {
	for w := range strings.FieldsFuncSeq(knowledge.Normalize(sentence), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		if utf8.RuneCountInString(w) < 4 || functionWords[w] {
			continue
		}
		if present(support, w) {
			return nil, false
		}
		content = append(content, w)
	}
	return content, len(content) == 0
}

// reference is a sentence naming the paragraphs it rests on by their
// numbers ("Paragraph 22 suggests…", "according to ¶11", "paragraphs 11
// and 12"): one number after the singular (in "per paragraph 4, 12
// ministers…" the 12 is a figure), several only after the plural. Not
// "passage N": the word is the news's too ("since the law's passage 3
// years ago"), and the numbers the model sees are renumbered in what is
// shown.
var reference = regexp.MustCompile(`(?i)\b(?:paragraphs|paras\.?)\s*(\d{1,3}(?:\s*(?:,|and|&|-|–|to)\s*\d{1,3})*)\b|\b(?:paragraph|para\.?)\s*(\d{1,3})\b|¶\s*(\d{1,3})\b`)

// digitRun is a run of ASCII digits.
var digitRun = regexp.MustCompile(`\d+`)

// withoutReferences is body without its references to the passages it
// cites by their paragraph numbers, as the prompt labels them: "Paragraph
// 22" names no figure of paragraph 22 and no name ("Paragraph" opening
// the sentence). A reference to what it does not cite stays, its number
// a figure to find.
func (c Checker) withoutReferences(body string, cited []int) string {
	if !strings.Contains(body, "¶") && !containsFold(body, "para") {
		return body
	}
	return reference.ReplaceAllStringFunc(body, func(m string) string {
		sub := reference.FindStringSubmatch(m)
		for _, d := range digitRun.FindAllString(sub[1]+" "+sub[2]+" "+sub[3], -1) {
			k, _ := strconv.Atoi(d)
			if !slices.ContainsFunc(cited, func(n int) bool {
				if c.Paragraph == nil {
					return n == k
				}
				return c.Paragraph(n) == k
			}) {
				return m
			}
		}
		return " "
	})
}

// quotation is what a sentence puts in double quotation marks, as models
// quote: “…”, "…", «…», „…“.
var quotation = regexp.MustCompile(`[“"«„]([^“”"«»„]{1,400})[”"»“]`)

// ellipsis is where a quotation leaves words out, or changes them in
// square brackets ("reject[s]", "[China]").
var ellipsis = regexp.MustCompile(`\.\.\.|…|\[[^\]]{0,40}\]`)

// misquoted returns the quotations in an English sentence that its
// passages (support, normalised) do not hold word for word, each part
// between ellipses and editorial brackets in order: a quotation claims someone's exact words
// ("Lin Jian said, “NATO has no business in Asia”"), and a paraphrase
// put in quotation marks, or words put in someone's mouth, is a wrong
// claim the other checks cannot see, made of the passage's own names.
// Case and punctuation aside.
func misquoted(sentence, support string) []string {
	if !strings.ContainsAny(sentence, `“"«„`) {
		return nil
	}
	var out []string
	text := quoteWords(support)
	for _, m := range quotation.FindAllStringSubmatch(sentence, -1) {
		at := 0
		for _, part := range ellipsis.Split(m[1], -1) {
			w := quoteWords(part)
			if w == " " {
				continue
			}
			i := strings.Index(text[at:], w)
			if i < 0 {
				out = append(out, m[0])
				break
			}
			at += i + len(w) - 1
		}
	}
	return out
}

// quoteWords is text's words, lower case, each between single spaces
// (" a b c "): punctuation, apostrophes and case aside, as a quotation
// and its passage are compared.
func quoteWords(text string) string {
	var b strings.Builder
	b.WriteByte(' ')
	for w := range strings.FieldsFuncSeq(knowledge.Normalize(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.IsMark(r)
	}) {
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()
}

// listed returns the counts of the lists a sentence makes after a colon,
// each thing of which shares a word with its passages (support): "three
// drivers: the war in Ukraine, China's assertiveness and North Korea's
// ambitions" counts what it lists, and the count is no figure the passage
// lacks. Lists in the passages do not count: tried in session 16, a
// sentence naming one thing of a passage's list of four ("Japan") passed
// counting anything else four ("Japan sent four ministers"), and no rule
// on the words around the count told the two apart.
func listed(sentence, support string) map[int]bool {
	out := map[int]bool{}
	_, after, ok := strings.Cut(knowledge.Normalize(sentence), ":")
	if !ok {
		return out
	}
	var things []string
	if strings.Contains(after, ";") {
		// "three people: Jens Stoltenberg, NATO Secretary General; Lin
		// Jian, …; and Emmanuel Macron"
		things = strings.Split(after, ";")
	} else {
		// "a, b, and c", "a, b and c", "a and b": the parts between
		// commas, the last cut at its first "and" or "or" (a name's own
		// "and" comes after it: "the SCO and the Conference on
		// Interaction and Confidence-Building Measures").
		things = strings.Split(after, ",")
		last := things[len(things)-1]
		if loc := listAnd.FindStringIndex(last); loc != nil && strings.TrimSpace(last[:loc[0]]) != "" {
			things = append(things[:len(things)-1], last[:loc[0]], last[loc[1]:])
		}
	}
	seen := map[string]bool{}
	for _, t := range things {
		ws := listWords(t)
		if len(ws) > 0 && (ws[0] == "and" || ws[0] == "or") {
			ws = ws[1:]
		}
		t = strings.Join(ws, " ")
		if t == "" {
			continue
		}
		if seen[t] || !shares(t, support) {
			return out // "five things: China, China, …", or one the passage lacks
		}
		seen[t] = true
	}
	out[len(seen)] = true
	return out
}

// listAnd is the "and" or "or" before a list's last thing.
var listAnd = regexp.MustCompile(`\s(?:and|or)\s`)

// passageCounts are the counts the cited passages leave to the reader, of
// a list the sentence points to by a word of its own: a group's members
// listed right after its name ("the Quad (comprising the U.S., Japan,
// Australia, and India)": "one of the four members of the Quad"), or the
// countries listed just before a verb ("Japan, South Korea, Australia,
// and New Zealand have been invited": "the four countries invited"). A
// list the sentence does not point to counts nothing (session 16 tried
// every list of the passage: it met counts of other things).
func passageCounts(sentence, support, noun string) map[int]bool {
	out := map[int]bool{}
	said := map[string]bool{}
	for _, w := range listWords(knowledge.Normalize(sentence)) {
		if w = strings.Trim(w, "."); len(w) >= 3 && !functionWords[w] && !shortWords[w] {
			said[w] = true
		}
	}
	for _, m := range groupList.FindAllStringSubmatch(support, -1) {
		// The group by its name ("the Quad", "AUKUS partnership"), not by
		// its common noun ("partnership" would make the Quad AUKUS).
		name := m[1]
		if shortWords[name] || functionWords[name] {
			name = m[2]
		}
		if said[name] {
			if n := len(listItems(m[3])); n >= 2 {
				out[n] = true
			}
		}
	}
	for _, loc := range verbAfterList.FindAllStringSubmatchIndex(support, -1) {
		if !said[support[loc[4]:loc[5]]] || !listedNouns[noun] {
			// "the four countries invited", not "four members of NATO
			// were invited": a list before a verb is of countries.
			continue
		}
		n := 0
		items := listItems(support[loc[2]:loc[3]])
		if len(items) > 0 {
			// The list starts after the sentence before it ("… at best.
			// japan, south korea, …").
			if k := strings.LastIndex(items[0], ". "); k >= 0 {
				items[0] = items[0][k+2:]
			}
		}
		for i := len(items) - 1; i >= 0 && lexicon.Default().Country(strings.ReplaceAll(strings.TrimPrefix(items[i], "the "), ".", "")) != ""; i-- {
			n++
		}
		if n >= 2 {
			out[n] = true
		}
	}
	return out
}

// memberNouns are what a passage's list of countries counts: "the four
// countries invited", "one of the four members of the Quad" — not "three
// straight years".
var memberNouns = wordSet(`members countries nations states partners invitees participants allies signatories`)

// listedNouns are what a list of countries before a verb counts.
var listedNouns = wordSet(`countries nations states partners invitees participants`)

var (
	// groupList: a name, then its members ("quad (comprising a, b, and
	// c)", "aukus partnership between a, b, and c").
	groupList = regexp.MustCompile(`\b(\pL+)(?:\s+(\pL+))?\s*(?:\(\s*(?:comprising|including|made up of|consisting of)?\s*|:\s*|\s+(?:comprising|between|of)\s+)((?:[^().;:]|\.\S)+?(?:,|\s+and)\s+(?:[^().;:]|\.\S)+?)(?:\)|\.?(?:[.;:]|\s+or\s+the\b|$))`)
	// verbAfterList: a list, then "have been" and a verb.
	verbAfterList = regexp.MustCompile(`((?:[\pL.]+(?:\s+[\pL.]+)?,\s+)+(?:and\s+)?[\pL.]+(?:\s+[\pL.]+)?)\s+(?:have|has|were|was|are|is)(?:\s+been)?\s+(\pL+)`)
)

// listItems splits "a, b, and c" into its items.
func listItems(list string) []string {
	var out []string
	for _, part := range strings.Split(list, ",") {
		for _, item := range strings.Split(part, " and ") {
			if item = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(item), "and ")); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// tldr is a summary's label ("**TL;DR:**"), no name to find in a
// passage.
var tldr = regexp.MustCompile(`(?i)^[\s*_]*(?:tl\s*;\s*dr|tldr)[\s*_]*:?[\s*_]*`)

// examplesMissing returns the examples a sentence lists ("such as
// cybersecurity, climate change mitigation, and counter-terrorism") that
// share no word with the cited passages: a model copying a passage's list
// swaps one item as readily as it drops a "not", and a common noun is no
// name for the names check to find.
func examplesMissing(sentence, support string) []string {
	m := examplesRE.FindStringSubmatchIndex(sentence)
	like := false
	if m == nil {
		// "like" opens a list of three or more ("cooperation like
		// cybersecurity, counter-terrorism and disaster response"), not
		// a comparison or one example ("some members, like France,
		// aren't sure", "like talking and working together").
		if m = likeRE.FindStringSubmatchIndex(sentence); m == nil {
			return nil
		}
		like = true
	}
	list := sentence[m[2]:m[3]]
	if end := strings.IndexAny(list, ";:()—"); end >= 0 {
		list = list[:end]
	}
	if loc := listAnd.FindStringIndex(list); loc != nil {
		// The list ends at its last item: "areas, such as cybersecurity
		// and disaster response, look promising".
		if end := strings.IndexByte(list[loc[1]:], ','); end >= 0 {
			list = list[:loc[1]+end]
		}
	}
	things := strings.Split(list, ",")
	last := things[len(things)-1]
	if loc := listAnd.FindStringIndex(last); loc != nil && strings.TrimSpace(last[:loc[0]]) != "" {
		things = append(things[:len(things)-1], last[:loc[0]], last[loc[1]:])
	}
	if len(things) < 2 || like && len(things) < 3 {
		return nil // one example is a paraphrase as often as a copy
	}
	if ws := strings.Fields(things[len(things)-1]); len(ws) > 3 && !functionWords[strings.ToLower(ws[1])] && !shortWords[strings.ToLower(ws[1])] {
		// With no comma after it, the last item may run into the
		// sentence's verb ("… and counter-terrorism offer opportunities
		// for meaningful collaboration", "… and terrorism require
		// nuanced approaches"): it is its first word. One whose second
		// word ties it together ("help after a disaster") is whole.
		// A short item whose second word may be a noun is a compound:
		// "natural disaster relief operations" is judged by "natural
		// disaster" (but "terrorism require nuanced approaches" by
		// "terrorism": "require" is no noun).
		k := 1
		if len(ws) <= 4 && !nounless(strings.ToLower(strings.Trim(ws[1], ".,;:!?\"'’“”()*_"))) {
			k = 2
		}
		things[len(things)-1] = strings.Join(ws[:k], " ")
	}
	var out []string
	words := 0
	for _, t := range things {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(t), "and "), "or "))
		if t != "" && len(listWords(t)) <= 4 && !shares(strings.ToLower(t), support) {
			out = append(out, t)
			words = max(words, len(strings.Fields(t)))
		}
	}
	if len(out) == 1 && words > 1 {
		// One item of several words may be the passage's in other
		// words ("global warming", "humanitarian relief"); one word
		// swapped ("counter-terrorism"), or two items, is not.
		return nil
	}
	return out
}

// likeRE: "like" after a word of content, opening what may be a list.
var likeRE = regexp.MustCompile(`(?i)\b[a-z]{4,}\s+like\s+(.+?)\s*[.!?]?$`)

// examplesRE opens a list of examples.
var examplesRE = regexp.MustCompile(`(?i)\b(?:such as|including|e\.g\.,?|namely|for example,?|for instance,?)\s+(.+?)\s*[.!?]?$`)

// shares reports whether a thing a sentence lists has a word of its
// passages (support): three letters or more, no function word, its first
// five letters starting a word there.
func shares(thing, support string) bool {
	for _, w := range listWords(thing) {
		if utf8.RuneCountInString(w) >= 3 && !functionWords[w] && present(support, w) {
			return true
		}
	}
	return false
}

// timesCounted are what a count of things listed is not a count of.
var timesCounted = map[string]bool{"times": true, "time": true, "years": true, "months": true, "weeks": true,
	"days": true, "decades": true, "centuries": true, "hours": true, "occasions": true, "rounds": true}

// listWords is a list part's words, as listed compares them.
func listWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '.' })
}

// initialismOrFigure reports whether s holds a figure or a word of two
// capitals or more ("U.S.", "UK", "SCO"): what a sentence of short words
// says ("The U.S. [2]", "In 2024 [1]"), checked against its passages
// already (missing), and so no empty yes or no.
func initialismOrFigure(s string) bool {
	caps := 0
	for _, r := range s {
		switch {
		case unicode.IsNumber(r):
			return true
		case unicode.IsUpper(r):
			if caps++; caps >= 2 {
				return true
			}
		case unicode.IsLetter(r), unicode.IsSpace(r):
			caps = 0
		}
	}
	return false
}

// functionWords are common English words of four letters or more that
// say nothing of a briefing's content, and words an answer uses about
// its sources ("according to the briefing").
var functionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`about above according across after afterwards again against also although
		among another anything around article because been before being below between beyond both briefing
		cannot could does doing done down during each either else enough even ever every from further
		given have having here however into itself just like made make many more most much must mentioned
		mentions neither never none nothing notes only onto other others over passage passages perhaps
		quite rather really said same says seem seems should since some something source sources states
		still such text than that their theirs them themselves then there therefore these they thing
		things this those though through thus under unless until upon very was were what whatever when
		where whether which while whom whose will with within without would your yours yourself`) {
		functionWords[w] = true
	}
}

// opener is a sentence's first word as openers lists it: without a
// contraction's ending ("they're" → "they", "it's" → "it").
func opener(w string) string {
	if i := strings.IndexByte(w, '\''); i > 0 {
		switch w[i:] {
		case "'re", "'s", "'ve", "'ll", "'d":
			return w[:i]
		}
	}
	return w
}

// inflected reports whether a sentence's first word is an inflected form
// of an English word ("Overlaying", "Options"), which a name seldom is:
// it opens a sentence, and is checked no further. Countries are names
// whatever their form ("Wales").
func inflected(w string) bool {
	l := lexicon.Default()
	lemma := l.Lemma(w)
	return lemma != w && l.Country(w) == "" && l.Country(lemma) == ""
}

// everyday reports whether a sentence's first word is everyday English
// (WordNet's familiarity 0.45 or more: "Fear", "Work", "Earlier") and no
// country. A list's items open with such words ("- Fear of a Cold
// War-style confrontation [4]"); a name seldom is one, and one followed by
// a capitalised word ("Mark Rutte") is not excused (see missing). Lower
// (0.25, tried in session 16) lets names WordNet knows as words open a
// sentence unchecked: "Congress" 0.35, "Bush" 0.30, "May" 0.36, "July"
// 0.28, "Assembly" 0.27.
func everyday(w string) bool {
	l := lexicon.Default()
	return l.Familiarity(w) >= 0.45 && l.Country(w) == "" && l.Country(l.Lemma(w)) == ""
}

// nounless reports whether a sentence's first word is English WordNet
// knows as no noun — only as a verb, an adjective or an adverb
// ("Strengthen", "Possibly", "Nearby") — and no country. A name is a
// noun; an imperative or an adverb opens a list's items and a model's
// sentences ("- Strengthen existing regional arrangements [19]"). As for
// everyday, one followed by a capitalised word is not excused.
func nounless(w string) bool {
	l := lexicon.Default()
	return l.Known(w) && !l.Noun(w) && l.Country(w) == ""
}

// sentenceWords returns a sentence's words (letters, marks, hyphens and
// apostrophes) and which of them start a sentence: the first, and one
// after a full stop, a question or exclamation mark or a colon within it
// — what the splitter keeps together: a verdict joined to its reason
// ("Not really! The article says…", "No. According to…"), a stop before
// an emoji ("Good question! 😄 That's Lin Jian…"), a label ("Short
// answer: …").
func sentenceWords(sentence string) (words []string, starts map[int]bool) {
	starts = map[int]bool{0: true}
	inWord, stop := false, false
	start := 0
	for i, r := range sentence {
		// A combining mark belongs to its word: "P̵utin" is one word.
		letter := unicode.IsLetter(r) || unicode.IsMark(r) || r == '-' || r == '\'' || r == '’'
		switch {
		case letter && !inWord:
			if stop && len(words) > 0 {
				starts[len(words)] = true
			}
			inWord, stop, start = true, false, i
		case !letter && inWord:
			words = append(words, sentence[start:i])
			inWord = false
		}
		// Not an abbreviation's stop ("e.g.", "i.e."): one after a word
		// of one letter.
		if !letter && strings.ContainsRune(".!?:", r) && (r != '.' || len(words) == 0 || utf8.RuneCountInString(words[len(words)-1]) > 1) {
			stop = true
		}
	}
	if inWord {
		words = append(words, sentence[start:])
	}
	return words, starts
}

// emphasisLabel is a bold label opening a sentence, with its colon or
// dash: "**Provocation:** ", "__Relations with Beijing__ — ".
var emphasisLabel = regexp.MustCompile(`^\s*(?:\*\*|__)[^*_]{1,60}(?:\*\*|__)\s*[:\-–—]?\s*`)

// formIn reports whether support (normalised passage text) holds a form
// of a sentence's first word that WordNet relates to it — derived,
// inflected or spelt otherwise, "Provocation" by "provoke", "Relations"
// by "relationship": a label opening a list's item ("**Provocation:** an
// office in Tokyo could provoke China [1]") is the passage's own word,
// capitalised. A name has no such form, or none in the passage
// ("Congress" has none; "Bush", "bushy").
func formIn(support, w string) bool {
	for _, r := range lexicon.Default().Related(w) {
		if (r.Kind == lexicon.Derived || r.Kind == lexicon.Inflection || r.Kind == lexicon.Spelling) && hasWord(support, r.Word) {
			return true
		}
	}
	return false
}

// startsLower reports whether w starts with a lower-case letter.
func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// sameCountry reports whether name (normalised) is a country's adjective
// or demonym and support (normalised passage text) names the country, or
// name is a country and support has its adjective: "Chinese influence"
// cited to a passage on "China's influence" says what the passage says.
// A capital is no stand-in for its country here: "the summit was in
// Washington" is a claim of its own.
func sameCountry(name string, support string) bool {
	l := lexicon.Default()
	country := l.Country(name)
	switch {
	case country == "":
		return false
	case country != name:
		// An adjective, or a capital.
		return l.CountryOfCapital(name) == "" && namesCountry(support, country)
	}
	for w := range strings.FieldsFuncSeq(support, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w != name && l.Country(w) == name && l.CountryOfCapital(w) == "" {
			return true
		}
	}
	return false
}

// namesCountry reports whether support names country (as the lexicon
// writes it) by its name or by another a briefing uses for it ("america"
// is "the United States", "U.S."; "great britain" the "UK").
func namesCountry(support, country string) bool {
	if startsWord(support, country) {
		return true
	}
	for _, alias := range countryNames[country] {
		if hasWord(support, alias) || strings.Contains(alias, ".") && startsWord(support, alias) {
			return true
		}
	}
	return false
}

// countryNames are other names of the countries a briefing most often
// writes otherwise than the lexicon does.
var countryNames = map[string][]string{
	"america":        {"united states", "u.s.", "usa"},
	"united states":  {"america", "u.s.", "usa"},
	"great britain":  {"united kingdom", "britain", "uk", "u.k."},
	"united kingdom": {"great britain", "britain", "uk", "u.k."},
	"britain":        {"united kingdom", "great britain", "uk", "u.k."},
	"uk":             {"united kingdom", "great britain", "britain", "u.k."},
	// Names WordNet predates or lists apart.
	"turkey":         {"turkiye", "türkiye"},
	"czech republic": {"czechia"},
	"burma":          {"myanmar"},
	"myanmar":        {"burma"},
	// Initialisms of a state's formal name.
	"dprk": {"north korea"},
	"prc":  {"china"},
	"rok":  {"south korea"},
	"roc":  {"taiwan"},
	"nz":   {"new zealand"},
}

// initialism returns how a passage may write an initialism of name:
// dotted ("U.S." for "US"), and for the commonest, spelt out ("United
// States"), normalised; nil for other names.
func initialism(name string) []string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	if len(name) < 2 || len(name) > 4 || strings.IndexFunc(name, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		return nil
	}
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		b.WriteRune(r)
		b.WriteByte('.')
	}
	return append([]string{b.String()}, spelt[name]...)
}

// speltMet returns the words of the spelt-out names in sentence ("the
// United States") that support writes as their initialism ("U.S.",
// "UK"), lower case: they are met.
func speltMet(sentence, support string) map[string]bool {
	var met map[string]bool
	n := knowledge.Normalize(sentence)
	for short, names := range spelt {
		for _, name := range names {
			if !strings.Contains(n, name) {
				continue
			}
			if !(hasWord(support, strings.ToLower(short)) && !commonWord[short]) && !startsWord(support, initialism(short)[0]) {
				continue
			}
			if met == nil {
				met = map[string]bool{}
			}
			for _, w := range strings.Fields(name) {
				met[w] = true
			}
		}
	}
	return met
}

// commonWord are initialisms that lower case makes a word of another
// sense ("us", "un"): a passage's "us" is no United States.
var commonWord = map[string]bool{"US": true, "UN": true}

// spelt are initialisms a briefing may spell out.
var spelt = map[string][]string{
	"US":  {"united states", "america"},
	"USA": {"united states", "america", "u.s."},
	"UK":  {"united kingdom", "britain"},
	"EU":  {"european union"},
	"UN":  {"united nations"},
	// States by the initials of their formal names.
	"PRC":  {"china", "people's republic of china"},
	"ROK":  {"south korea", "republic of korea"},
	"DPRK": {"north korea"},
	"ROC":  {"taiwan", "republic of china"},
	"NZ":   {"new zealand"},
}

// capitalised returns the names in a word: the word when it starts with a
// capital, else its capitalised parts after a hyphen or an apostrophe
// ("Putin" of "pro-Putin", "Estaing" of "d'Estaing").
func capitalised(w string) []string {
	rs := []rune(w)
	if len(rs) < 2 {
		return nil
	}
	if unicode.IsUpper(rs[0]) && !strings.Contains(w, "-") {
		return []string{w}
	}
	// A hyphenated word's names are checked apart ("Tokyo-based",
	// "US-led", "Asia-Pacific"), as are those after an apostrophe
	// ("d'Estaing").
	var out []string
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '\'' || r == '’' }) {
		if rs := []rune(part); len(rs) >= 2 && unicode.IsUpper(rs[0]) {
			out = append(out, part)
		}
	}
	return out
}

// startsWord reports whether support holds n at the start of a word: "asia"
// is in "asian pivot" and "japan" in "japanese", but "xi" is not in
// "complexities", nor "lin" in "berlin".
func startsWord(support, n string) bool {
	for i := 0; ; {
		j := strings.Index(support[i:], n)
		if j < 0 {
			return false
		}
		j += i
		r, _ := utf8.DecodeLastRuneInString(support[:j])
		if j == 0 || !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)) {
			return true
		}
		i = j + 1
	}
}

// hasWord reports whether support holds w as a whole word ("four" is not
// in "fourteen").
func hasWord(support, w string) bool {
	if w == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(support[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(support[:j])
		after, _ := utf8.DecodeRuneInString(support[j+len(w):])
		if (j == 0 || !unicode.IsLetter(before)) && (j+len(w) == len(support) || !unicode.IsLetter(after)) {
			return true
		}
		i = j + 1
	}
}

// compoundNumber is the figure of a hyphenated number: a cardinal
// ("seventy-five" → "75", "twenty-one" → "21") or an ordinal
// ("twenty-first" → "21", met by a passage's "21st").
func compoundNumber(w string) (string, bool) {
	tens, unit, ok := strings.Cut(w, "-")
	t, u := numberWords[tens], units[unit]
	if !ok || len(t) != 2 || t[1] != '0' || u == "" {
		return "", false
	}
	return t[:1] + u, true
}

// numberName is how a passage may write figure n out: "four" for "4",
// "seventy-five" for "75"; "" for none.
func numberName(n string) string {
	if w, ok := numberNames[n]; ok {
		return w
	}
	if len(n) == 2 && n[0] >= '2' && n[1] > '0' {
		return numberNames[n[:1]+"0"] + "-" + unitNames[n[1:]]
	}
	return ""
}

// isNumberWord reports whether w is a number written out, alone or
// hyphenated.
func isNumberWord(w string) bool {
	if _, ok := compoundNumber(w); ok {
		return true
	}
	_, ok := numberWords[w]
	_, ord := ordinalWords[w]
	return ok || ord
}

// firstSecond are the ordinals not in ordinalWords, checked only before
// one of counted.
var (
	firstSecond = map[string]string{"first": "1", "second": "2"}
	counted     = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields(`time times year years consecutive straight summit summits meeting
		anniversary round term visit invitation week month day decade century`) {
		counted[w] = true
	}
}

// magnitudes are the words that make a figure large, each with the
// fewest digits a figure written out in full has for it; "dozen" is 12.
var magnitudes = map[string]int{"dozen": 2, "hundred": 3, "thousand": 4, "million": 7, "billion": 10, "trillion": 13}

// magnitudeShort is a figure with an abbreviated magnitude ("$2bn", "5m",
// "3 tn"), and the magnitude each abbreviation stands for.
var (
	magnitudeShort = regexp.MustCompile(`\d\s?(k|m|mn|mln|b|bn|tn|trn)\b`)
	shortMagnitude = map[string]string{"k": "thousand", "m": "million", "mn": "million", "mln": "million",
		"b": "billion", "bn": "billion", "tn": "trillion", "trn": "trillion"}
)

// hasMagnitude reports whether support (normalised passage text, and
// figures, its figures in ASCII digits) holds magnitude word w, whose
// figures have at least digits digits: as the word ("hundreds"), as a
// figure that large ("100 years", "2,000"; not a year, "2024", for
// "thousands"), or abbreviated ("$2bn" for "billion"). "Millions of
// viewers" cited to a passage with no such figure is a claim of its own.
func hasMagnitude(support, figures, w string, digits int) bool {
	if startsWord(support, w) {
		return true
	}
	for _, f := range numberRE.FindAllString(figures, -1) {
		whole, _, _ := strings.Cut(f, ".")
		whole = strings.ReplaceAll(whole, ",", "")
		year := len(whole) == 4 && (strings.HasPrefix(whole, "19") || strings.HasPrefix(whole, "20"))
		if len(whole) >= digits && !(year && digits == 4) {
			return true
		}
	}
	for _, m := range magnitudeShort.FindAllStringSubmatch(support, -1) {
		if shortMagnitude[m[1]] == w {
			return true
		}
	}
	return false
}

// numberWords are English cardinals written out, with the figure each
// is, and numberNames the reverse: a passage may write out what an answer
// writes in digits. "one" is left out alone (mostly a pronoun: "one of
// the partners"); in a compound it counts ("twenty-one", "twenty-first").
// ordinalWords are the ordinals from "third" ("first" and "second" are
// mostly no figures: "first, …", "a second"), with their figures
// ("fourth" is met by "4th"), and ordinalNames the reverse. Magnitudes
// ("hundreds", "two billion") are checked apart (hasMagnitude).
// units are the second halves of compounds, and unitNames the cardinals
// of their figures.
var (
	numberWords  = map[string]string{}
	numberNames  = map[string]string{}
	ordinalWords = map[string]string{}
	ordinalNames = map[string]string{}
	units        = map[string]string{}
	unitNames    = map[string]string{}
)

func init() {
	for i, w := range strings.Fields(`two three four five six seven eight nine ten eleven twelve thirteen
		fourteen fifteen sixteen seventeen eighteen nineteen twenty`) {
		numberWords[w] = strconv.Itoa(i + 2)
	}
	for i, w := range strings.Fields(`thirty forty fifty sixty seventy eighty ninety`) {
		numberWords[w] = strconv.Itoa(30 + 10*i)
	}
	for w, n := range numberWords {
		numberNames[n] = w
	}
	for i, w := range strings.Fields(`one two three four five six seven eight nine`) {
		units[w], unitNames[strconv.Itoa(i+1)] = strconv.Itoa(i+1), w
	}
	for i, w := range strings.Fields(`first second third fourth fifth sixth seventh eighth ninth`) {
		units[w] = strconv.Itoa(i + 1)
	}
	for i, w := range strings.Fields(`third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
		thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth`) {
		ordinalWords[w] = strconv.Itoa(i + 3)
		ordinalNames[strconv.Itoa(i+3)] = w
	}
}

// openers are words that start sentences without being names.
var openers = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about according accordingly additionally after also although an and
		another any as at basically because before being both briefly but by clearly consequently
		despite during each either essentially even every few finally first firstly for from further
		furthermore generally given hence having he her here his however if importantly in indeed
		instead it its likewise many meanwhile more moreover most much neither nevertheless no nor
		not notably of on once one only or other others our overall put rather second secondly several
		she similarly simply since so some specifically still such that the their them then there
		therefore these they this those though thus to ultimately under unlike until we what when
		where whereas whether which while who whom whose why with within without yes yet you
		again alternatively among answer broadly chiefly collectively conversely critically crucially currently
		economically elsewhere following historically interestingly let looking militarily mostly
		based largely mainly now otherwise partly per politically primarily recently regarding separately short
		strategically summary takeaway taken
		today together unsurprisingly using key main major important notable highlights quick brief
		yep yup yeah nope nah kinda sorta sure okay ok hmm well sort kind somewhat partially`) {
		openers[w] = true
	}
}
