package search

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// A token is one word of a text: its surface form (lower case, ASCII
// punctuation folded) and its index term (stemmed), empty for stop words.
type token struct {
	word string
	term string
}

// tokenize splits text into words. It lower-cases, applies NFKC, folds
// curly apostrophes, drops possessive "'s", keeps dotted abbreviations
// together ("U.S." → "us", "D.C." → "dc") and splits hyphenated words into
// their parts ("Indo-Pacific" → "indo", "pacific").
//
// A word is a run of the text's own characters, so it is read in place,
// as a substring: nothing is copied but what lower-casing and folding
// change.
func tokenize(text string) []string {
	text = norm.NFKC.String(text)
	var out []string
	start := -1         // byte offset of the word being read; -1 between words
	n := 0              // its runes
	var prev, last rune // its last two runes
	folded := false     // it holds a curly apostrophe, read as '
	push := func(at int, r rune) {
		if start < 0 {
			start = at
		}
		n++
		prev, last = last, r
	}
	flush := func(end int) {
		if start < 0 {
			return
		}
		raw := text[start:end]
		if folded {
			raw = strings.Map(foldApostrophe, raw)
		}
		start, n, prev, last, folded = -1, 0, 0, 0, false
		w := strings.ToLower(raw)
		w = strings.TrimSuffix(w, "'s")
		w = strings.Trim(w, "'")
		if strings.Contains(w, ".") { // an abbreviation such as u.s.
			w = strings.ReplaceAll(w, ".", "")
		}
		// "U.S." and "US" name the country; "us" is a pronoun and a stop word.
		if w == "us" && (strings.Contains(raw, ".") || raw == "US") {
			w = "usa"
		}
		if w != "" {
			out = append(out, w)
		}
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			push(i, r)
		case r == '\'' || r == '’':
			// An apostrophe inside a word ("nato's", "don't") stays with it.
			if next, _ := runeAfter(text, i); n > 0 && unicode.IsLetter(next) {
				push(i, '\'')
				folded = folded || r != '\''
			} else {
				flush(i)
			}
		case r == '.':
			// "u.s." stays one word: a dot between single letters.
			if n > 0 && isAbbrevDot(n, prev, text, i) {
				push(i, '.')
			} else {
				flush(i)
			}
		default:
			flush(i)
		}
	}
	flush(len(text))
	return out
}

// foldApostrophe reads a right single quotation mark as an apostrophe.
// (A modifier letter apostrophe, ʼ, is a letter, kept as it is.)
func foldApostrophe(r rune) rune {
	if r == '’' {
		return '\''
	}
	return r
}

// runeAfter returns the rune after the one at byte offset i of text, and
// its offset; utf8.RuneError and len(text) at the end.
func runeAfter(text string, i int) (rune, int) {
	_, size := utf8.DecodeRuneInString(text[i:])
	j := i + size
	if j >= len(text) {
		return utf8.RuneError, len(text)
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return r, j
}

// isAbbrevDot reports whether the dot at byte offset i of text is inside
// an abbreviation like "U.S." or "D.C.": the current word (n runes, the
// one before its last prev) is a run of single letters joined by dots,
// and the dot follows one letter.
func isAbbrevDot(n int, prev rune, text string, i int) bool {
	if n > 1 && prev != '.' {
		return false // "word." — a sentence end
	}
	// Either another letter follows ("u.s") or we close "u.s." after a letter
	// that itself followed a dot.
	if next, j := runeAfter(text, i); j < len(text) && unicode.IsLetter(next) {
		if after, k := runeAfter(text, j); k >= len(text) || after == '.' {
			return true
		}
	}
	return n > 1
}

// stem maps a word to its index term; stop words map to "". Stems are
// remembered for every index (a process builds one per knowledge version
// and per scoped briefing, and Snowball was a quarter of building one):
// a word's stem is the same wherever it is met.
func stem(word string) string {
	if t, ok := stems.Load(word); ok {
		return t.(string)
	}
	t := stemOnce(word)
	if stemsSize.Add(1) < maxStems {
		stems.Store(word, t)
	}
	return t
}

// maxStems bounds the stems remembered for the process: far more than
// briefings' vocabularies, whose index builds they serve; members' words
// are remembered by each index's analyzer (maxMemo) besides, so a flood
// of junk words fills this only once.
const maxStems = 1 << 16

var (
	stems     sync.Map // word → stem
	stemsSize atomic.Int64
)

func stemOnce(word string) string {
	if english.IsStopWord(word) || isExtraStop(word) {
		return ""
	}
	if !isASCII(word) {
		// The English stemmer would mangle other scripts; keep the word.
		return word
	}
	return english.Stem(word, false)
}

// extraStops are words that carry no topic in questions put to a briefing
// bot ("what does the article say about…"), on top of Snowball's list.
var extraStops = map[string]bool{
	"article": true, "briefing": true, "text": true, "mention": true, "mentioned": true,
	"mentions": true, "say": true, "says": true, "said": true, "tell": true, "according": true,
	"please": true, "also": true, "would": true, "could": true, "should": true, "can": true,
	"will": true, "may": true, "might": true, "many": true, "much": true,
	// Chat filler: how members pad questions in Discord.
	"lol": true, "lmao": true, "pls": true, "plz": true, "ok": true, "okay": true, "nah": true,
	"yeah": true, "yep": true, "rn": true, "tbh": true, "imo": true, "imho": true, "idk": true,
	"btw": true, "wdym": true, "tl": true, "dr": true, "tldr": true, "eli5": true, "hey": true,
	"hi": true, "bot": true, "guys": true, "like": true, "just": true, "actually": true,
	"basically": true, "really": true, "even": true, "still": true, "pretty": true, "kinda": true,
	"sorta": true, "gonna": true, "wanna": true, "stuff": true, "thing": true, "things": true,
	"bit": true, "part": true, "question": true, "genuine": true, "explain": true,
	"summarize": true, "summarise": true, "summary": true, "author": true, "writer": true,
	"piece": true, "anyway": true, "tho": true, "though": true, "ya": true, "u": true,
	"wat": true, "wut": true, "whats": true, "smth": true, "sth": true, "vs": true, "versus": true, "etc": true, "meh": true, "ngl": true, "fr": true, "smh": true,
	"wtf": true, "omg": true, "bruh": true, "fyi": true, "afaik": true, "iirc": true, "lmk": true,
	"ikr": true, "nvm": true, "srsly": true, // not idc, jk or ffs: acronyms a briefing may use
	// Discourse connectives: they join a paragraph to its neighbour and
	// say nothing of its topic ("Instead, the region…").
	"instead": true, "however": true, "moreover": true, "therefore": true, "thus": true,
	"meanwhile": true, "furthermore": true, "nevertheless": true, "rather": true,
}

func isExtraStop(w string) bool { return extraStops[w] }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Lemmatizer maps an inflected word to its base form ("broader" → "broad",
// "went" → "go"), which Snowball's suffix stripping cannot do.
type Lemmatizer interface {
	Lemma(word string) string
}

// analyzer turns text into index terms: tokenize, drop stop words,
// lemmatize when a lemmatizer is set, then stem. Lemmas first make "wider"
// meet "wide" and "broader" meet "broad"; stems then make "expansion" meet
// "expand". It memoises terms per word; safe for concurrent use.
type analyzer struct {
	lem   Lemmatizer
	terms sync.Map // word → term
	size  atomic.Int64
}

func (a *analyzer) term(word string) string {
	if t, ok := a.terms.Load(word); ok {
		return t.(string)
	}
	t := stem(word)
	if t != "" && a.lem != nil && isASCII(word) {
		if l := a.lem.Lemma(word); l != "" && l != word && !strings.Contains(l, " ") {
			t = stem(l)
		}
	}
	// The memo is bounded by the corpus vocabulary plus what members type;
	// cap it so a flood of distinct junk words cannot grow it forever.
	if a.size.Add(1) < maxMemo {
		a.terms.Store(word, t)
	}
	return t
}

const maxMemo = 1 << 20

func (a *analyzer) analyze(text string) []token {
	words := tokenize(text)
	out := make([]token, len(words))
	for i, w := range words {
		out[i] = token{word: w, term: a.term(w)}
	}
	return out
}
