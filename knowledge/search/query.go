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
	typoWeight           = 0.85
	relatedWeight        = 0.5
	missingRelatedWeight = 0.8
	bigramWeight         = 0.5
	multiWordCredit      = 0.5
)

// queryTerms turns a question into weighted index terms and reports, for
// every content word, whether and how it met the corpus.
func (ix *Index) queryTerms(query string) ([]qterm, []WordMatch) {
	var terms []qterm
	var words []WordMatch
	addID := func(id int32, w float32) {
		for i := range terms {
			if terms[i].id == id {
				terms[i].weight = max(terms[i].weight, w)
				return
			}
		}
		terms = append(terms, qterm{id: id, weight: w})
	}
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
	prev := int32(-1)
	for _, w := range expandChat(tokenize(query)) {
		t := token{word: w, term: ix.an.term(w)}
		if t.term == "" {
			continue
		}
		// Two question words in a row that stand in a row in a passage
		// ("meeting resistance") are stronger evidence than either alone.
		id, known := ix.termID[t.term]
		if known && prev >= 0 {
			if b := ix.bigram(prev, id, false); b >= 0 {
				addID(b, bigramWeight)
			}
		}
		prev = -1
		if known {
			prev = id
		}
		if seen[t.word] {
			continue
		}
		seen[t.word] = true
		m := WordMatch{Word: t.word, Rare: looksRare(t.word)}
		if add(t.term, 1) {
			m.Found, m.Credit = true, 1
		} else if !m.Rare && !ix.isWord(t.word) {
			// Only a word English does not know is taken for a typo:
			// "bureau" is a word the briefing lacks, not a misspelling.
			if c := ix.typos.correct(t.word); c != "" {
				if ix.an.term(c) == "" {
					continue // a misspelt stop word ("agianst"): no content
				}
				m.Found = add(ix.an.term(c), typoWeight)
				m.Via = c
				if m.Found {
					m.Credit = typoWeight
				}
			}
		}
		if !m.Found && !m.Rare && !ix.isWord(t.word) {
			// Not a corpus word's typo either: perhaps an English word's,
			// whose relations may still meet the briefing.
			if c, ok := ix.expand.(interface{ Correct(string) string }); ok {
				if fixed := c.Correct(t.word); fixed != "" {
					m.Via = fixed
				}
			}
		}
		if ix.expand != nil {
			base := t.word
			if m.Via != "" {
				base = m.Via
			}
			ix.addRelated(ix.expand.Expand(base), &m, add)
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

// addRelated adds the terms of a word's related words. For a word the
// corpus has, they are secondary evidence and weigh little. For a word it
// lacks they are all the evidence there is, so the best of them weighs
// nearly as much as the word would have.
func (ix *Index) addRelated(exps []Expansion, m *WordMatch, add func(string, float32) bool) {
	type hit struct {
		terms []string
		e     Expansion
	}
	var hits []hit
	best := 0.0
	for _, e := range exps {
		if ts := ix.expansionTerms(e.Word); ts != nil {
			hits = append(hits, hit{ts, e})
			best = max(best, e.Weight)
		}
	}
	for _, h := range hits {
		w := relatedWeight * h.e.Weight
		if !m.Found {
			w = missingRelatedWeight * h.e.Weight / best
		}
		for _, t := range h.terms {
			add(t, float32(w/float64(len(h.terms))))
		}
	}
	if !m.Found && len(hits) > 0 {
		m.Found, m.Via = true, hits[0].e.Word
		for _, h := range hits {
			c := h.e.Weight
			if len(h.terms) > 1 {
				// "one-year" for "annual" matches only common words.
				c *= multiWordCredit
			}
			m.Credit = max(m.Credit, c)
		}
	}
}

// expansionTerms returns the index terms of a related word, or nil unless
// every one of them occurs in the corpus: one word of a multi-word
// expansion alone ("working" of "working capital") would be noise.
func (ix *Index) expansionTerms(word string) []string {
	var terms []string
	for _, p := range ix.an.analyze(word) {
		if p.term == "" {
			continue
		}
		if _, ok := ix.termID[p.term]; !ok {
			return nil
		}
		terms = append(terms, p.term)
	}
	return terms
}

// isWord reports whether the expander knows word as English.
func (ix *Index) isWord(word string) bool {
	k, ok := ix.expand.(interface{ Known(string) bool })
	return ok && k.Known(word)
}
