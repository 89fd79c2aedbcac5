package cite

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// A model that copies a passage's words often drops the one word that
// turns them round: "the outreach has not translated into widespread
// enthusiasm" becomes "the outreach has translated into widespread
// enthusiasm [3]", "NATO is less well-equipped to address…" becomes "NATO
// is well-equipped to address… [20]", "many Asian nations" becomes "all
// Asian nations". Every name and word of such a sentence is in its
// passage; only its sense is not.

// denials open what a passage denies: the words they govern, up to the
// clause's end, are said not to be so. Only negation and the few words
// that say "not" outright ("reluctant to", "rather than", "non-"):
// "limited" or "lukewarm" deny by sense, and a sentence echoing their
// clause may well mean the same.
var denials = wordSet(`not n't no never less lack lacks lacking without avoid avoids avoiding neither nor
	reluctant unwilling refuse refuses refused non stop`)

// hedges are what a sentence may deny with: any of them from just before
// the passage's words to the sentence's end (weakHedges only before)
// keeps their sense open, and the sentence is let be — wider than denials, since a sentence saying
// "little enthusiasm", "hesitant to" or "is something they want to
// avoid" agrees with a passage's "not". A wrong sentence with a hedge
// anywhere after the words it turns round is let be too: the rule finds
// the plain reversal, not every one.
var hedges = wordSet(`not n't no never less lack lacks lacking lacked without avoid avoids avoided avoiding neither nor
	reluctant unwilling refuse refuses refused refusing non stop stops stopped stopping quit cease end
	cannot hardly barely scarcely little few fail fails failed failing yet rather instead far over
	unlikely none nothing nobody limited lukewarm poorly short absent missing unable unlike
	whether if doubt doubts doubted doubtful unclear question questions questioned questioning
	alternative alternatives sceptical skeptical wary against resist resists resisted resistance oppose opposes opposed opposition
	hesitant hesitate hesitates hesitated hesitation worry worries worried nervous fear fears feared afraid shy hate
	ill-suited ill-equipped unsuited weak weaker weakness struggle struggles struggled struggling
	free sidestep sidesteps sidestepping exclude excludes excluded excluding shut dismiss dismisses dismissed
	reject rejects rejected rejecting refrain refrains abandon abandons wrong mistake mistaken
	unproductive counterproductive drop drops dropped halt halts halted renounce forgo
	cautious careful loath averse ill-prepared harder transcend transcends independently independent
	minimize minimise minimizing minimising minimal unburdened unwise`)

// weakHedges hedge only before the words they would turn: after them,
// "far from its traditional area", "rather than maintaining autonomy",
// "against military aggression", "without any significant pushback" say
// something else.
var weakHedges = wordSet(`far rather instead over less little few limited short yet end unlike whether if without
	alternative alternatives free against resistance opposition question questions doubt doubts`)

// softeners after a denial make it no denial: "not just facing external
// resistance" says it faces it. ("not necessarily" still denies.)
var softeners = wordSet(`just only merely simply solely`)

// prescribing before a denial makes it a demand ("NATO should not use
// China to justify…", "stop forming exclusive clubs"): a sentence
// reporting what NATO is accused of doing says the same, one saying what
// it was urged to do does not.
var prescribing = wordSet(`should must shall ought to`)

// demanding words report a demand: "Lin Jian urged NATO to form exclusive
// clubs [8]" of "urged NATO to … stop forming exclusive clubs" (and
// "called on", calledOn; not "told NATO it was scaremongering", "called
// out").
var demanding = wordSet(`urge urges urged urging demand demands demanded demanding
	ask asks asked asking want wants wanted should must need needs needed insist insists insisted`)

// scopeBreaks end what a denial governs.
var scopeBreaks = wordSet(`but and while whereas which who because although though yet so however`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// polarWords splits normalised text (knowledge.Normalize) into words: a
// contraction's "n't" and a "non-" prefix are words of their own ("hasn't"
// → "has", "n't"; "non-military" → "non", "military"), and each stop or
// clause mark is a word too, so that a denial's scope can end at it. The
// words are text's own substrings: the gate checks every sentence against
// its passages, and this runs on both.
func polarWords(text string) []string {
	out := make([]string, 0, len(text)/5)
	add := func(w string) {
		w = strings.Trim(w, "'-")
		if rest, ok := strings.CutPrefix(w, "non-"); ok && rest != "" {
			out = append(out, "non")
			w = rest
		}
		switch {
		case w == "":
		case w == "can't" || w == "cannot":
			out = append(out, "can", "n't")
		case w == "won't":
			out = append(out, "will", "n't")
		case strings.HasSuffix(w, "n't"):
			out = append(out, w[:len(w)-3], "n't")
		default:
			w, _, _ = strings.Cut(w, "'")
			out = append(out, w)
		}
	}
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\'' || r == '-' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			add(text[start:i])
			start = -1
		}
		if r < utf8.RuneSelf && strings.IndexByte(`.;:!?,"()[]`, byte(r)) >= 0 {
			out = append(out, text[i:i+1])
		}
	}
	if start >= 0 {
		add(text[start:])
	}
	return out
}

// stop reports whether w (one of polarWords) is a stop, a quotation mark
// or a bracket: where a clause ends whatever the words.
func stop(w string) bool { return len(w) == 1 && strings.ContainsAny(w, `.;:!?"()[]`) }

// mark reports whether w is a stop or a comma.
func mark(w string) bool { return stop(w) || w == "," }

// contentWord reports whether w says something of a passage's matter.
func contentWord(w string) bool {
	return len(w) >= 4 && !functionWords[w] && !denials[w] && !hedges[w] && unicode.IsLetter([]rune(w)[0])
}

// stem5 is a word's first five letters: how the checker meets a word by
// another form of it ("proposed", "proposal"; see present).
func stem5(w string) string {
	if rs := []rune(w); len(rs) > 5 {
		return string(rs[:5])
	}
	return w
}

// Denied opens the entries reversed adds to Result.Missing: what the
// sentence states, its passage denies (or says of fewer).
const Denied = "what its passage denies: "

// Denial returns the first of missing that reversed added, as the
// passage's words quoted ("“… not translated into widespread …”"), for a
// message saying what is wrong.
func Denial(missing []string) (string, bool) {
	for _, m := range missing {
		if d, ok := strings.CutPrefix(m, Denied); ok {
			return "“… " + d + " …”", true
		}
	}
	return "", false
}

// reversed returns, as Missing entries (Denied and the passage's words),
// what the passages deny or qualify that sentence states plainly.
// support is normalised (knowledge.Normalize), as Check builds it.
func reversed(sentence, support string) []string {
	said, sw := polarWords(knowledge.Normalize(sentence)), polarWords(support)
	return append(append(deniedStated(said, sw), overstated(said, sw)...), hardened(said, sw)...)
}

// hardened returns the passage's possibilities the sentence states as
// certain: "will exacerbate tensions" of "could exacerbate tensions",
// "will unnecessarily provoke China" of "could unnecessarily provoke" —
// unless the passage says "will" of it too, or the sentence reports
// someone's fear or view ("Macron fears the office will provoke China"),
// or hedges it ("will likely", "will probably").
func hardened(said, sw []string) []string {
	var out []string
	for j, w := range said {
		if w != "will" || framed(said, j) {
			continue
		}
		v := j + 1
		for v < len(said) && v <= j+3 && (willFillers[said[v]] || strings.HasSuffix(said[v], "ly") && !likely[said[v]]) {
			v++ // "will be exacerbated", "will further exacerbate", "will unnecessarily provoke"
		}
		if v >= len(said) || likely[said[v]] || !contentWord(said[v]) {
			continue
		}
		verb := stem5(said[v])
		for i := 1; i < len(sw); i++ {
			if stem5(sw[i]) != verb || !contentWord(sw[i]) || willIn(sw, i) {
				continue
			}
			if k := possibleBefore(sw, i); k >= 0 {
				out = append(out, Denied+strings.Join(sw[k:i+1], " "))
				break
			}
		}
	}
	return out
}

// framed reports whether the "will" at words[j] is in what someone fears,
// thinks or says, or in a possibility ("The risk is that… will", "In
// Macron's assessment, … will"), said earlier in its sentence, not past a
// stop or another clause ("…are wary of a confrontation, and NATO's
// involvement will…", "…, which will…").
func framed(words []string, j int) bool {
	for h := j - 1; h >= 0; h-- {
		w := words[h]
		if stop(w) || w == "which" || w == "so" {
			return false
		}
		if reasons[w] && !(h > 1 && words[h-1] == "," && words[h-2] == "that" || h > 0 && words[h-1] == "that") {
			// "…are worried because NATO's involvement will…" states it;
			// "fear that, given their wariness, … will…" is still the
			// fear's.
			return false
		}
		if w == "and" || w == "but" {
			// "fear that X will A and will B": the second "will" is in
			// the first one's frame — not past a comma, where a clause
			// of its own begins ("…, and NATO's involvement will…").
			if h > 0 && words[h-1] == "," && (h+1 >= len(words) || words[h+1] != "that" && words[h+1] != "will") {
				return false // (", and that it will…", ", and will…" are the same frame's)
			}
			k := h - 1
			if k >= 0 && words[k] == "," {
				k--
			}
			for ; k >= 0 && !mark(words[k]); k-- {
				if words[k] == "will" {
					return framed(words, k)
				}
			}
			return false
		}
		if frames[w] && !ofTheText(words, h) && !setPhrase(words, h) && !(h > 1 && (reasons[words[h-1]] || reasons[words[h-2]])) {
			return true // (not "Given these concerns, … will…": a reason, stated)
		}
	}
	return false
}

// ofTheText reports whether the frame at words[h] is the article's own
// ("According to the article, …", "The article says …", "In the
// article's view, …"): its "will" is the article's certainty. Not when
// someone else's fear is reported through it ("According to the article,
// Macron fears…": "fears" frames).
func ofTheText(words []string, h int) bool {
	textWord := func(k int) bool {
		return k >= 0 && k < len(words) && textWords[words[k]]
	}
	if words[h] == "according" {
		for k := h + 2; k <= h+4; k++ {
			if textWord(k) {
				return true // "According to the (NATO) briefing, …"
			}
		}
		return false
	}
	// "The article says", "The briefing, however, says", "the article's
	// view".
	for k, n := h-1, 0; k >= 0 && n < 1; k-- {
		switch w := words[k]; {
		case w == "," || w == "however" || w == "also" || w == "itself" || w == "own" || w == "further",
			strings.HasSuffix(w, "ly") && !textWords[w]:
			continue // "The article explicitly says", "the author's own view"
		}
		if textWord(k) {
			return true
		}
		n++
	}
	return false
}

// textWords name the article, or its writer.
var textWords = wordSet(`article articles briefing author authors piece writer writers text report passage paragraph document analysis story source`)

// setPhrase reports whether the frame at words[h] is part of a set phrase
// said in the article's own voice: "needless to say", "that said", "as
// expected", "in view of", "no doubt".
func setPhrase(words []string, h int) bool {
	prev := func(n int) string {
		if h-n < 0 {
			return ""
		}
		return words[h-n]
	}
	switch words[h] {
	case "say":
		return prev(1) == "to" // "needless to say", "suffice it to say", "safe to say"
	case "said":
		return prev(1) == "that" || prev(1) == "being" || prev(1) == "having" // "that (being) said", "having said that"
	case "expected":
		return prev(1) == "as"
	case "view":
		return prev(1) == "in" && h+1 < len(words) && words[h+1] == "of"
	case "doubt", "doubts":
		// "no doubt", "without a doubt", "no one doubts"
		return prev(1) == "no" || prev(1) == "little" || prev(1) == "without" || prev(1) == "a" && prev(2) == "without" ||
			prev(1) == "one" && prev(2) == "no" || prev(1) == "nobody"
	}
	return false
}

// reasons open a clause that states what it says: "…are worried because
// NATO's involvement will…", "Given these concerns, … will…".
var reasons = wordSet(`because since given hence therefore thus consequently`)

// possibleBefore returns where the passage says words[i] only may
// happen: a "could", "may", "risks" or "potentially" before it in its
// clause, across what it is coordinated with ("could exacerbate tensions
// and undermine the delicate balance"); -1 when there is none.
func possibleBefore(words []string, i int) int {
	for k := i - 1; k >= 0 && k >= i-10; k-- {
		w := words[k]
		if possibles[w] || likely[w] {
			return k
		}
		if stop(w) || w == "will" || w == "which" || w == "but" {
			return -1
		}
	}
	return -1
}

// willIn reports whether words say plain "will" of words[i] ("will
// remain"), not "will likely remain".
func willIn(words []string, i int) bool {
	return i > 0 && words[i-1] == "will"
}

// willFillers come between "will" and its verb without hedging it.
var willFillers = wordSet(`be been also further then still surely certainly definitely inevitably only almost soon serve to ,`)

var (
	// possibles open what a passage says may happen.
	possibles = wordSet(`could may might would risks risk potentially possibly`)
	// likely after "will" keeps it a possibility.
	likely = wordSet(`likely probably possibly potentially perhaps`)
	// (Said of the passage, "likely" keeps a "will" a possibility: "will
	// likely remain limited" is not "will remain limited".)
	// attitudes report what someone fears, thinks or says will happen.
	// frames are what a "will" may be said inside: a view, a
	// possibility, a condition, a doubt ("It's unclear whether…"). Not
	// "not": in ", not diplomacy," it denies something else.
	frames = func() map[string]bool {
		m := wordSet(`if whether unless unlikely doubt doubts uncertain unclear`)
		for w := range attitudes {
			m[w] = true
		}
		return m
	}()
	attitudes = wordSet(`fear fears feared worry worries worried concern concerns concerned warn warns warned argue argues argued
		say says said believe believes believed think thinks thought claim claims claimed suggest suggests suggested
		expect expects expected predict predicts predicted according view views sees see saw feel feels felt
		risk risks danger dangers possible possibly chance chances possibility anxious uneasy suspect suspects suspected
		caution cautions cautioned objection objections assessment opinion argument warning warnings fearing`)
)

// deniedStated returns the passage's denials that the sentence states
// without one: two of the first three words of content a denial governs
// ("not translated into widespread enthusiasm"), met in the sentence in
// that order, close together, with no denial or hedge in the eight words
// before them — unless a cited passage states them plainly too. A
// demand's denial ("should not use", "stop forming") is reversed only by
// a sentence that reports a demand.
func deniedStated(said, sw []string) []string {
	var out []string
	for i, w := range sw {
		if !denials[w] {
			continue
		}
		if i+2 < len(sw) && softeners[sw[i+1]] {
			// "not merely rhetorical" turned into "merely rhetorical".
			if softenedStated(said, sw[i+2:min(i+4, len(sw))]) {
				out = append(out, Denied+strings.Join(sw[i:i+3], " "))
			}
			continue
		}
		from := i + 1
		if w == "rather" {
			if from >= len(sw) || sw[from] != "than" {
				continue
			}
			from++
		}
		demand := w == "stop" || i > 0 && prescribing[sw[i-1]]
		necessarily := i+1 < len(sw) && sw[i+1] == "necessarily"
		var scope []int
		for j := from; j < len(sw); j++ {
			s := sw[j]
			if stop(s) || scopeBreaks[s] || denials[s] {
				break
			}
			if contentWord(s) {
				scope = append(scope, j)
				if len(scope) == 3 {
					break
				}
			}
		}
		// The first word with either of the next two; and the second
		// with the third when the first is no noun: a verb's object is
		// denied with it ("not translated into widespread enthusiasm"),
		// a noun's complement is not ("less agreement on how NATO should
		// respond").
		for _, p := range [][2]int{{0, 1}, {0, 2}, {1, 2}} {
			if p[1] >= len(scope) || p[0] == 1 && lexicon.Default().Noun(sw[scope[0]]) {
				continue
			}
			a, b := sw[scope[p[0]]], sw[scope[p[1]]]
			denied := make([]string, len(scope))
			for n, at := range scope {
				denied[n] = sw[at]
			}
			if stated(said, a, b, demand, necessarily, denied...) && !stated(sw, a, b, false, false) {
				out = append(out, Denied+strings.Join(sw[i:scope[p[1]]+1], " "))
				break
			}
		}
	}
	return out
}

// softenedStated reports whether words say "merely", "only" or another
// softener just before one of ws (the passage's next two words, by their
// first five letters), with no hedge in the four words before it ("more
// than merely", "far from being merely", "instead of facing only"): the
// passage said "not merely rhetorical", "not just facing external
// resistance".
func softenedStated(words []string, ws []string) bool {
	for j := 1; j < len(words); j++ {
		if !softeners[words[j-1]] || !slices.ContainsFunc(ws, func(w string) bool { return contentWord(w) && stem5(w) == stem5(words[j]) }) {
			continue
		}
		if !slices.ContainsFunc(words[max(0, j-5):j-1], func(h string) bool { return hedges[h] && !topical[h] || beyond[h] }) {
			return true
		}
	}
	return false
}

// beyond before a softener says more than it: "more than merely".
var beyond = wordSet(`more beyond further than`)

// topical hedges name a subject as often as they deny: "China's
// opposition is merely rhetorical" denies nothing.
var topical = wordSet(`opposition resistance oppose opposes opposed against question questions doubt doubts`)

// "rather than" denies what follows it: "Rather than pushing for a direct
// NATO presence…" recommends against it.
func init() { denials["rather"] = true }

// stated reports whether words holds a then b (by their first five
// letters), b within three words of a, with no hedge (see hedging) in
// the eight words before a, between the two, or after them in their
// clause — or, past it, a negation that ends a clause of its own ("…,
// while the Indo-Pacific does not") — and a word of content before them:
// a sentence opening with them names the thing, it does not say it is so
// ("A single, overarching security framework [13]." answers "what does
// the region lack?"). With demand, only when a demanding word is among
// the eight before a; with modal, "may", "might", "could" hedge too (the
// passage said "not necessarily").
func stated(words []string, a, b string, demand, modal bool, scope ...string) bool {
	a, b = stem5(a), stem5(b)
	subject := false
	for j, w := range words {
		if stem5(w) != a || !subject {
			// The subject is a word of content other than the denied
			// words themselves: "- exacerbating regional tensions [23]"
			// names what the passage says to avoid, it does not say it
			// happens.
			subject = subject || contentWord(w) && !slices.ContainsFunc(scope, func(d string) bool { return stem5(d) == stem5(w) })
			continue
		}
		for k := j + 1; k < len(words) && k <= j+3; k++ {
			if stem5(words[k]) != b {
				continue
			}
			open, demanded := false, false
			for h := max(0, j-8); h < k; h++ {
				open = open || hedging(words, h, false) || modal && modals[words[h]]
				demanded = demanded || demanding[words[h]] || calledOn(words, h)
			}
			inClause, clauseLen, contrast := true, 0, false
			for h := k + 1; h < len(words) && !open; h++ {
				w := words[h]
				if mark(w) || clauseBreak(words, h) {
					// A break right after another keeps its sense: ", but
					// that has not…".
					contrast = contrasts[w] || h+1 < len(words) && contrasts[words[h+1]] || contrast && clauseLen == 0 && !inClause
					inClause, clauseLen = false, 0
					continue
				}
				clauseLen++
				open = inClause && (hedging(words, h, true) || modal && modals[w]) ||
					!inClause && (elliptic(words, h) || contrast && pureDenial(words, h) && clauseLen <= 6 && shortClause(words, h))
			}
			if !open && (!demand || demanded) {
				return true
			}
		}
	}
	return false
}

// clauseBreak reports whether words[h] opens another clause: a
// conjunction, a relative "that", "where", "when", or "and" before a
// subject of its own ("and no country has…"; not "economic and security
// issues").
func clauseBreak(words []string, h int) bool {
	switch w := words[h]; {
	case w == "and":
		return h+1 < len(words) && clauseSubjects[words[h+1]]
	case scopeBreaks[w], w == "that", w == "where", w == "when", w == "whether":
		return true
	}
	return false
}

var clauseSubjects = wordSet(`no not the it they he she we there this that nobody none nothing nato china`)

// pureDenials deny outright; in a short clause of their own after the
// passage's words ("…, something the Indo-Pacific lacks", "…, whereas the
// Indo-Pacific has none", "…, but that has not materialised") they take
// the words back.
var pureDenials = wordSet(`not n't never none no lacks lack lacking nothing`)

// contrasts open a clause that may take back the one before: "…, but
// that has not materialised", "…, whereas the Indo-Pacific has none",
// "…, something the Indo-Pacific lacks" — not "…, and no partner has
// declined".
var contrasts = wordSet(`but whereas while though although yet however something which`)

// pureDenial reports whether words[h] is one of pureDenials denying its
// clause: not "or not" ("like it or not") or "no one" ("no one disputes
// this" says it is so).
func pureDenial(words []string, h int) bool {
	if !pureDenials[words[h]] || h > 0 && words[h-1] == "or" || h > 0 && words[h-1] == "just" {
		return false // "like it or not", "just not one led by NATO"
	}
	// "no one disputes it", "not shy about it": the denial of a denial.
	return h+1 >= len(words) || !(words[h+1] == "one" || asserting[words[h+1]] || hedges[words[h+1]])
}

// shortClause reports whether the clause around words[h] has six words
// at most: "…, and no country has turned down an invitation" says
// something else.
func shortClause(words []string, h int) bool {
	n := 0
	for i := h; i < len(words); i++ {
		if mark(words[i]) || i > h && clauseBreak(words, i) {
			break
		}
		n++
	}
	for i := h - 1; i >= 0; i-- {
		if mark(words[i]) || clauseBreak(words, i) {
			break
		}
		n++
	}
	return n <= 6
}

// hedging reports whether words[h] hedges what it is near: a hedge, not
// one that asserts ("no doubt", "not only", "without question", "not
// surprisingly"), and after the words it would turn (after) not a weak
// one.
func hedging(words []string, h int, after bool) bool {
	w := words[h]
	if !after && h+1 < len(words) && phrasal[w] != "" && phrasal[w] == words[h+1] {
		return true // "give up", "cut out"
	}
	if !hedges[w] || after && weakHedges[w] {
		return false
	}
	if h > 0 && (words[h-1] == "or" && w == "not" || words[h-1] == "like" && (w == "never" || w == "no")) {
		return false // "like it or not", "like never before", "like no other"
	}
	if h > 0 && asserting[w] && (hedges[words[h-1]] || words[h-1] == "a" || words[h-1] == "beyond") {
		return false // "little doubt", "without question", "no doubt"
	}
	for n := h + 1; n < len(words) && n <= h+3; n++ {
		if asserting[words[n]] {
			return false
		}
		if !fillers[words[n]] {
			break
		}
	}
	return true
}

// fillers may come between a hedge and what makes it assert: "without a
// second thought", "without any doubt".
var fillers = wordSet(`a the any single second shadow of`)

// phrasal are verbs that deny with their particle: "give up forming",
// "cut out the scaremongering".
var phrasal = map[string]string{"give": "up", "gives": "up", "gave": "up", "giving": "up", "cut": "out", "cuts": "out", "back": "away", "walk": "away", "step": "back"}

// asserting after a hedge makes it assert: "little doubt that", "not
// only", "not just … but", "without question", "without hesitation",
// "no surprise", "no wonder", "not surprisingly".
var asserting = wordSet(`doubt doubts question only just merely simply surprise surprising surprisingly wonder secret coincidence
	exaggeration accident hesitation hesitating thought reservation reservations fail exception`)

// modals hedge what a passage says "not necessarily" of.
var modals = wordSet(`may might could can sometimes some perhaps possibly if`)

// elliptic reports whether words[h] is a negation closing a clause of its
// own ("…, while the Indo-Pacific does not.", "…, but not here"): it
// takes back the predicate before it. "…, just not one led by NATO" does
// not.
func elliptic(words []string, h int) bool {
	w := words[h]
	if w != "not" && w != "n't" && w != "never" || h > 0 && words[h-1] == "or" {
		return false // "whether critics like it or not"
	}
	return h+1 == len(words) || mark(words[h+1]) ||
		h+2 <= len(words)-1 && (words[h+1] == "have" || words[h+1] == "do") && (h+2 == len(words) || len(words[h+2]) == 1)
}

// calledOn reports whether words[h] is "call(ed|s) on" or "for": a
// demand reported ("called on NATO to…"), not "called out".
func calledOn(words []string, h int) bool {
	switch words[h] {
	case "call", "calls", "called", "calling":
		return h+1 < len(words) && (words[h+1] == "on" || words[h+1] == "for" || words[h+1] == "upon")
	}
	return false
}

// all and some: a sentence saying "all Asian nations" or "every NATO
// member" of a passage's "many Asian nations" or "some members".
var (
	allWords = wordSet(`all every`)
	// theseWords after "all" make a set the sentence names ("all of
	// these countries", "all four"), not all of a kind.
	theseWords = wordSet(`these those them both two three four five six seven eight nine ten`)
	someWords  = wordSet(`many some most several few certain others`)
)

// overstated returns the passage's "many"/"some" phrases that the
// sentence says of all: "all" or "every" and, within the two words after
// it (or the word just before "all": "countries all value"), a word the
// passage puts after "many", "some", "most", "several" or "few" — unless
// the passage says "all" of it too, a hedge comes in the five words
// before ("not all", "by no means all"), or "all" is of a set the
// sentence names ("all of these countries"). Not "each": "each member has
// its own view" overstates nothing.
func overstated(said, sw []string) []string {
	var out []string
	for j, w := range said {
		if !allWords[w] || deniedAll(said, j) || named(said, j) {
			continue
		}
		nouns := quantified(said, j)
		if w == "all" && j > 0 && contentWord(said[j-1]) && j+1 < len(said) && floatingVerb(said[j+1]) &&
			!slices.ContainsFunc(said[max(0, j-4):j], func(q string) bool { return someWords[q] }) {
			// "Asian countries all value…"; not "Many Asian countries all
			// across the region".
			nouns = append(nouns, said[j-1])
		}
		for _, n := range nouns {
			if m, ok := quantifiedIn(sw, someWords, n); ok && !hasQuantified(sw, allWords, n) {
				out = append(out, Denied+m)
				break
			}
		}
	}
	return out
}

// deniedAll reports whether the "all" at words[j] is denied: a hedge in
// the five words before it, none of them a stop ("not all", "by no means
// all", "it is not the case that all"), that does not assert ("not
// surprisingly, all…", "no wonder all…").
func deniedAll(words []string, j int) bool {
	for h := j - 1; h >= 0 && h >= j-5; h-- {
		if mark(words[h]) {
			return false
		}
		if hedging(words, h, false) {
			return true
		}
	}
	return false
}

// floatingVerb reports whether w may follow a floating "all" as its verb
// ("countries all value", "all fear", "all are wary"), not a preposition
// or an idiom ("all across the region", "all in all", "all the same").
func floatingVerb(w string) bool {
	return len(w) > 1 && unicode.IsLetter([]rune(w)[0]) && !functionWords[w] && !notFloating[w]
}

var notFloating = wordSet(`in at of the but too told set out up along alone together right round`)

// named reports whether the "all" at words[j] is of a set the sentence
// names: "all of these", "all four", "all of the countries named here".
func named(words []string, j int) bool {
	for k := j + 1; k < len(words) && k <= j+6; k++ {
		w := words[k]
		if theseWords[w] || setWords[w] {
			return true
		}
		if mark(w) {
			return false
		}
	}
	return false
}

// setWords after "all" say the set is one the text names.
var setWords = wordSet(`named names mentioned mentions listed lists above here such`)

// quantified returns the words of content among the two after words[j]
// ("of" and "the" skipped: "all of the members").
func quantified(words []string, j int) []string {
	var out []string
	for k := j + 1; k < len(words) && len(out) < 2; k++ {
		switch w := words[k]; {
		case w == "of" || w == "the" || w == "its" || w == "their":
		case contentWord(w):
			out = append(out, w)
		default:
			return out
		}
	}
	return out
}

// quantifiedIn returns the phrase of words that puts one of quants before n.
func quantifiedIn(words []string, quants map[string]bool, n string) (string, bool) {
	for j, w := range words {
		if !quants[w] {
			continue
		}
		for _, q := range quantified(words, j) {
			if stem5(q) == stem5(n) {
				return strings.Join(words[j:j+1+len(quantified(words, j))], " "), true
			}
		}
	}
	return "", false
}

func hasQuantified(words []string, quants map[string]bool, n string) bool {
	_, ok := quantifiedIn(words, quants, n)
	return ok
}
