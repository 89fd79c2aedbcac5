package search

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

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
func tokenize(text string) []string {
	text = norm.NFKC.String(text)
	var out []string
	// The word being read; words longer than the buffer grow it onto the
	// heap, shorter ones (nearly all) cost no allocation.
	var buf [32]rune
	cur := buf[:0]
	flush := func() {
		if len(cur) == 0 {
			return
		}
		raw := string(cur)
		cur = cur[:0]
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
	rs := []rune(text)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		case r == '\'' || r == '’' || r == 'ʼ':
			// An apostrophe inside a word ("nato's", "don't") stays with it.
			if len(cur) > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
				cur = append(cur, '\'')
			} else {
				flush()
			}
		case r == '.':
			// "u.s." stays one word: a dot between single letters.
			if len(cur) > 0 && isAbbrevDot(cur, rs, i) {
				cur = append(cur, '.')
			} else {
				flush()
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

// isAbbrevDot reports whether the dot at rs[i] is inside an abbreviation
// like "U.S." or "D.C.": the current word is a run of single letters joined
// by dots, and the dot follows one letter.
func isAbbrevDot(cur []rune, rs []rune, i int) bool {
	last := len(cur) - 1
	if last > 0 && cur[last-1] != '.' {
		return false // "word." — a sentence end
	}
	// Either another letter follows ("u.s") or we close "u.s." after a letter
	// that itself followed a dot.
	if i+1 < len(rs) && unicode.IsLetter(rs[i+1]) && (i+2 >= len(rs) || rs[i+2] == '.') {
		return true
	}
	return last > 0
}

// stem maps a word to its index term; stop words map to "".
func stem(word string) string {
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
