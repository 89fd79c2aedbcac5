package search

import (
	"strings"

	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// LexiconExpander proposes WordNet relations of query words: synonyms,
// derived forms, demonyms ("french" → "france"), capitals ("tokyo" ↔
// "japan"), spelling variants and abbreviations ("us" → "united states").
type LexiconExpander struct{ lex *lexicon.Lexicon }

var _ Expander = LexiconExpander{}

// NewLexiconExpander wraps a lexicon.
func NewLexiconExpander(l *lexicon.Lexicon) LexiconExpander { return LexiconExpander{lex: l} }

// Expansion limits: relations weaker than minRelationWeight are mostly
// rare senses and add noise; hyponyms (narrower terms) rarely stand for the
// word a member typed.
const (
	minRelationWeight = 0.15
	maxExpansions     = 10
)

// Lemma returns the word's base form.
func (x LexiconExpander) Lemma(word string) string { return x.lex.Lemma(word) }

// Known reports whether the word is English the lexicon knows.
func (x LexiconExpander) Known(word string) bool { return x.lex.Known(word) }

// Expand returns the word's useful relations, strongest first.
func (x LexiconExpander) Expand(word string) []Expansion {
	var out []Expansion
	for _, r := range x.lex.Related(word) {
		if r.Kind == lexicon.Hyponym || r.Weight < minRelationWeight {
			continue
		}
		w := float64(r.Weight)
		if r.Kind == lexicon.Capital {
			// "japan's capital" or "the tokyo office": the city and the
			// country name the same place in a question.
			w = max(w, 0.5)
		}
		out = append(out, Expansion{Word: strings.ToLower(r.Word), Weight: w})
		if len(out) == maxExpansions {
			break
		}
	}
	return out
}

// Correct returns the most familiar English word one edit away from word
// (a letter deleted, swapped, changed or added), or "" when there is none.
// It is the fallback for typos of words the briefing lacks ("releif",
// "econmy"), after correction against the corpus has failed.
func (x LexiconExpander) Correct(word string) string {
	if len(word) < minTypoLen || !isASCII(word) {
		return ""
	}
	best, bestF := "", float32(0)
	for _, c := range edits1(word) {
		if f := x.lex.Familiarity(c); f > bestF || (f == bestF && f > 0 && c < best) {
			best, bestF = c, f
		}
	}
	return best
}

// edits1 lists the lower-case ASCII strings one edit away from w.
func edits1(w string) []string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	out := make([]string, 0, 54*len(w)+25)
	for i := 0; i <= len(w); i++ {
		if i < len(w) {
			out = append(out, w[:i]+w[i+1:]) // deletion
		}
		if i+1 < len(w) {
			out = append(out, w[:i]+string(w[i+1])+string(w[i])+w[i+2:]) // transposition
		}
		for _, c := range letters {
			if i < len(w) {
				out = append(out, w[:i]+string(c)+w[i+1:]) // substitution
			}
			out = append(out, w[:i]+string(c)+w[i:]) // insertion
		}
	}
	return out
}
