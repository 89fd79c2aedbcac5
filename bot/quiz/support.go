package quiz

import (
	"regexp"
	"strings"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// wordRE finds words in normalised text; "u.s.", "d.c." and "indo-pacific"
// stay one word, and a trailing full stop is not part of one.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:[.'\-][\p{L}\p{N}]+)*\.?`)

// stopWords carry no fact: an option made of them only is supported by
// nothing, and they never decide whether an option is.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but nor of in on at to for from by with without as into onto
		than then that this these those it its it's is are was were be been being has have had do does did
		not no so such very more most less least much many some any all each every both either neither
		which who whom whose what when where why how there their they them he she his her we our you your
		i me my us will would can could should may might must shall also only just about over under
		between among against within per via up out off again further once here s`) {
		stopWords[w] = true
	}
}

// words returns the normalised words of s, possessives and abbreviation
// dots dropped ("NATO’s" → "nato", "U.S." → "u.s").
func words(s string) []string {
	var out []string
	for _, w := range wordRE.FindAllString(knowledge.Normalize(s), -1) {
		w = strings.TrimSuffix(w, ".")
		w = strings.TrimSuffix(w, "'s")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// contentWords are words other than stop words.
func contentWords(s string) []string {
	var out []string
	for _, w := range words(s) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// digits returns the digits of w ("75th" → "75"), or "" when it has none.
func digits(w string) string {
	var b strings.Builder
	for _, r := range w {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// support is a paragraph prepared for Supported checks: its words, their
// lemmas and spelling variants, and its figures.
type support struct {
	words   map[string]bool
	figures map[string]bool
}

func newSupport(paragraph string) support {
	lex := lexicon.Default()
	s := support{words: map[string]bool{}, figures: map[string]bool{}}
	for _, w := range words(paragraph) {
		s.words[w] = true
		s.words[lex.Lemma(w)] = true
		for _, v := range lex.SpellingVariants(w) {
			s.words[v] = true
		}
		if d := digits(w); d != "" {
			s.figures[d] = true
		}
	}
	return s
}

// has reports whether the paragraph has w, as written, as a lemma or in its
// other spelling; a figure matches by its digits ("75" and "75th").
func (s support) has(w string) bool {
	if d := digits(w); d != "" {
		return s.figures[d]
	}
	if s.words[w] {
		return true
	}
	lex := lexicon.Default()
	if s.words[lex.Lemma(w)] {
		return true
	}
	for _, v := range lex.SpellingVariants(w) {
		if s.words[v] {
			return true
		}
	}
	return false
}

// Supported reports whether paragraph supports option: the option has at
// least one content word, and every one of its content words and figures
// occurs in the paragraph after normalisation (a word may match by its
// lemma or British/American spelling). The test is deliberately strict in
// both directions: a correct option must be in the paragraph's words, and a
// wrong option made only of the paragraph's words is refused as possibly
// right.
func Supported(option, paragraph string) bool {
	return newSupport(paragraph).supports(option)
}

func (s support) supports(option string) bool {
	cw := contentWords(option)
	if len(cw) == 0 {
		return false
	}
	for _, w := range cw {
		if !s.has(w) {
			return false
		}
	}
	return true
}
