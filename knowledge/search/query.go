package search

import (
	"strings"
	"unicode"
)

// Weights of the ways a query word can reach the index, relative to the
// word itself. A typo correction is nearly as good as the word; a related
// word (synonym, derived form, demonym) counts for less, scaled further by
// the expander's own weight.
const (
	typoWeight    = 0.85
	relatedWeight = 0.6
	bigramWeight  = 0.5
)

// queryTerms turns a question into weighted index terms and reports, for
// every content word, whether and how it met the corpus.
func (ix *Index) queryTerms(query string) ([]qterm, []WordMatch) {
	var terms []qterm
	var words []WordMatch
	add := func(term string, w float32) bool {
		id, ok := ix.termID[term]
		if !ok {
			return false
		}
		for i := range terms {
			if terms[i].id == id {
				terms[i].weight = max(terms[i].weight, w)
				return true
			}
		}
		terms = append(terms, qterm{id: id, weight: w})
		return true
	}
	seen := map[string]bool{}
	prev := ""
	for _, t := range analyze(query) {
		if t.term == "" {
			continue
		}
		if prev != "" {
			// Two question words in a row that stand in a row in a passage
			// ("meeting resistance") are stronger evidence than either alone.
			add(bigram(prev, t.term), bigramWeight)
		}
		prev = t.term
		if seen[t.word] {
			continue
		}
		seen[t.word] = true
		m := WordMatch{Word: t.word, Rare: looksRare(t.word)}
		if add(t.term, 1) {
			m.Found = true
		} else if c := ix.typos.correct(t.word); c != "" && stem(c) != "" && !m.Rare {
			m.Found = add(stem(c), typoWeight)
			m.Via = c
		}
		if ix.expand != nil {
			base := t.word
			if m.Via != "" {
				base = m.Via
			}
			for _, e := range ix.expand.Expand(base) {
				parts := analyze(e.Word)
				n := 0
				for _, p := range parts {
					if p.term != "" {
						n++
					}
				}
				for _, p := range parts {
					if p.term == "" {
						continue
					}
					// A multi-word expansion ("united states") spreads its
					// weight over its words.
					if add(p.term, float32(relatedWeight*e.Weight/float64(n))) && !m.Found {
						m.Found, m.Via = true, e.Word
					}
				}
			}
		}
		words = append(words, m)
	}
	return terms, words
}

// looksRare says whether a word is likely a name or a figure: it contains a
// digit. (Callers with a lexicon refine this with whether the word is
// known English.)
func looksRare(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0
}
