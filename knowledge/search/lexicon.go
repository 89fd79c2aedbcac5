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
