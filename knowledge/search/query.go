package search

import (
	"slices"
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
	nameWeight           = 2
)

// queryTerms turns a question into weighted index terms and reports, for
// every content word, whether and how it met the corpus.
func (ix *Index) queryTerms(query string) ([]qterm, []WordMatch) {
	var terms []qterm
	var words []WordMatch
	addID := func(t qterm) {
		for i := range terms {
			if terms[i].id == t.id {
				terms[i].weight = max(terms[i].weight, t.weight)
				terms[i].name = terms[i].name || t.name
				return
			}
		}
		terms = append(terms, t)
	}
	seen := map[string]bool{}
	prev := int32(-1)
	for _, w := range expandChat(ix.joinCompounds(query, tokenize(query))) {
		p := ix.plan(w)
		if p.term == "" {
			continue
		}
		// Two question words in a row that stand in a row in a passage
		// ("meeting resistance") are stronger evidence than either alone.
		if p.id >= 0 && prev >= 0 {
			if b := ix.bigram(prev, p.id, false); b >= 0 {
				addID(qterm{id: b, weight: bigramWeight})
			}
		}
		prev = p.id
		if seen[w] {
			continue
		}
		seen[w] = true
		if p.skip {
			continue
		}
		// The word's terms were merged in the order they were found, each
		// at its largest weight; merging them here in that order gives the
		// same terms, in the same order, as adding them one by one would,
		// so scores are summed in the same order to the same bits.
		for _, t := range p.terms {
			addID(t)
		}
		words = append(words, p.match)
	}
	return terms, words
}

// A wordPlan is what one query word contributes to a search, whatever the
// rest of the question: its index term, the terms that it, its typo
// correction and its related words add, and how it met the corpus. Working
// it out (WordNet expansion above all, then typo correction) was most of a
// query's time, and it depends on nothing but the word and the Index, so
// each Index does it once per word (see plan) and replays it.
type wordPlan struct {
	term  string  // the analyzer's term; "" for a stop word, which adds nothing
	id    int32   // term's id, or -1 when the corpus lacks it; for bigrams
	skip  bool    // a misspelt stop word ("agianst"): no terms, no WordMatch
	terms []qterm // terms to add, in the order first found, at their largest weight
	match WordMatch
}

// maxPlans bounds the plans an Index keeps for words outside its corpus
// (paraphrases, typos, chat), so that a flood of junk words cannot grow the
// memo for ever: a plan takes about 400 bytes, so this is about 13 MB at
// most, and members' vocabulary rarely reaches it. Words past it are still
// searched, only planned afresh each time. Words of the corpus are always
// kept; there are only so many.
const maxPlans = 1 << 15

// plan returns word's plan, memoised. Plans are immutable once made, so
// concurrent searches share them; two searches that miss the same word at
// once both make it, identically.
func (ix *Index) plan(word string) *wordPlan {
	if ix.noMemo {
		return ix.makePlan(word)
	}
	if p, ok := ix.plans.Load(word); ok {
		return p.(*wordPlan)
	}
	p := ix.makePlan(word)
	if ix.typos.known(word) || ix.nPlans.Add(1) <= maxPlans {
		ix.plans.Store(word, p)
	}
	return p
}

// makePlan works out word's plan. Expanders must be deterministic for the
// memo to be right: the same word, the same expansions (LexiconExpander is).
func (ix *Index) makePlan(word string) *wordPlan {
	p := &wordPlan{term: ix.an.term(word), id: -1}
	if p.term == "" {
		return p
	}
	if id, ok := ix.termID[p.term]; ok {
		p.id = id
	}
	// add records a term the corpus has, keeping the first place it was
	// found and its largest weight, and reports whether the corpus's text
	// has it: a word of the questions field alone ranks, but is not said.
	add := func(term string, w float32) bool {
		id, ok := ix.termID[term]
		if !ok {
			return false
		}
		for i := range p.terms {
			if p.terms[i].id == id {
				p.terms[i].weight = max(p.terms[i].weight, w)
				return ix.inText(id)
			}
		}
		p.terms = append(p.terms, qterm{id: id, weight: w})
		return ix.inText(id)
	}
	m := WordMatch{Word: word, Rare: looksRare(word)}
	if add(p.term, 1) {
		m.Found, m.Credit = true, 1
		p.terms[0].name = ix.isName(word, m.Rare)
	} else if !m.Rare && !ix.isWord(word) {
		// Only a word English does not know is taken for a typo:
		// "bureau" is a word the briefing lacks, not a misspelling.
		if c := ix.typos.correct(word); c != "" {
			if ix.an.term(c) == "" {
				p.skip = true // a misspelt stop word: no content
				return p
			}
			m.Found = add(ix.an.term(c), typoWeight)
			m.Via = c
			if m.Found {
				m.Credit = typoWeight
			}
		}
	}
	if !m.Found && !m.Rare && !ix.isWord(word) {
		// Not a corpus word's typo either: perhaps an English word's,
		// whose relations may still meet the briefing.
		if c, ok := ix.expand.(interface{ Correct(string) string }); ok {
			if fixed := c.Correct(word); fixed != "" {
				m.Via = fixed
			}
		}
	}
	if ix.expand != nil {
		base := word
		if m.Via != "" {
			base = m.Via
		}
		ix.addRelated(ix.expand.Expand(base), &m, add)
	}
	p.match = m
	return p
}

// isName reports whether a question word the corpus has is a name English
// does not know ("aukus", "cica", "stoltenberg"): it weighs nameWeight
// times more in the ranking. A question naming one is about the
// paragraphs naming it, and summed common words ("which countries make up
// the AUKUS arrangement?": "countries", "make", "arrangement") outweighed
// it at equal weight, ranking first a paragraph that names no member of
// AUKUS. Figures are no names ("75th" is not what a question is about),
// and without a lexicon to tell names from words there are none.
func (ix *Index) isName(word string, rare bool) bool {
	_, ok := ix.expand.(interface{ Known(string) bool })
	return ok && !rare && !ix.isWord(word)
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
		if id, ok := ix.termID[p.term]; !ok || !ix.inText(id) {
			return nil
		}
		terms = append(terms, p.term)
	}
	return terms
}

// joinCompounds puts back together, in a question's words, a hyphenated
// compound that the lexicon knows as one word and the corpus lacks as a
// phrase, so that it is looked up, and expanded, as the word it is:
// "one-on-one" is not "one" twice. Other hyphenated words ("Indo-Pacific",
// "non-military") stay split, as the index has them.
func (ix *Index) joinCompounds(query string, words []string) []string {
	if !strings.Contains(query, "-") {
		return words
	}
	notWord := func(r rune) bool { return r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	for _, f := range strings.FieldsFunc(strings.ToLower(query), notWord) {
		c := strings.Trim(f, "-")
		if !strings.Contains(c, "-") || !ix.isWord(c) {
			continue
		}
		parts := tokenize(c)
		if ix.hasPhrase(parts) {
			continue
		}
		for i := 0; i+len(parts) <= len(words); i++ {
			if slices.Equal(words[i:i+len(parts)], parts) {
				words = slices.Replace(words, i, i+len(parts), c)
				break
			}
		}
	}
	return words
}

// hasPhrase reports whether the corpus has the content words of words in a
// row.
func (ix *Index) hasPhrase(words []string) bool {
	prev := int32(-1)
	for _, w := range words {
		t := ix.an.term(w)
		if t == "" {
			continue
		}
		id, ok := ix.termID[t]
		if !ok || !ix.inText(id) || prev >= 0 && !ix.inText(ix.bigram(prev, id, false)) {
			return false
		}
		prev = id
	}
	return true
}

// inText reports whether term id occurs in the chunks' text (not only in
// their questions field); false for -1.
func (ix *Index) inText(id int32) bool {
	return id >= 0 && ix.idf[id] > 0
}

// isWord reports whether the expander knows word as English.
func (ix *Index) isWord(word string) bool {
	k, ok := ix.expand.(interface{ Known(string) bool })
	return ok && k.Known(word)
}
