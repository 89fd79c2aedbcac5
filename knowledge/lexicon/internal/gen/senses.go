package main

import (
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/spelling"
)

// computeSenses gives every lemma its senses and their probabilities: the
// tag counts from cntlist.rev (pooled with the lemma's spelling variants, as
// WordNet tagged "defense" but not "defence"), plus a small prior that falls
// with WordNet's sense rank so untagged senses still order sensibly.
func (w *wn) computeSenses() {
	w.senses = make(map[string][]sense, len(w.index))
	for lemma, e := range w.index {
		var ss []sense
		var cs []float64
		vars := spelling.Variants(lemma, w.knownBase)
		for p := morph.Noun; p < morph.NumPOS; p++ {
			for rank, k := range e[p] {
				s := w.synsets[k]
				wi := -1
				for i, x := range s.words {
					if x == lemma {
						wi = i
						break
					}
				}
				if wi < 0 {
					continue
				}
				c := float64(w.counts[w.senseKey(s, wi)])
				for _, v := range vars {
					for i, x := range s.words {
						if x == v {
							c += float64(w.counts[w.senseKey(s, i)])
						}
					}
				}
				prior := 0.6 / float64(rank+1)
				if chemSymbol(s, wi) {
					// "eu" is the European Union far more often than
					// europium, whatever WordNet's untagged order says.
					prior *= 0.1
				}
				ss = append(ss, sense{ss: s, word: wi})
				cs = append(cs, c+prior)
			}
		}
		total := 0.0
		for _, c := range cs {
			total += c
		}
		for i := range ss {
			ss[i].p = cs[i] / total
		}
		w.senses[lemma] = ss
	}
}

// chemSymbol reports a chemical element's symbol ("Eu", "As", "In"): a
// one- or two-letter capitalised name in the substance lexicographer file.
func chemSymbol(s *synset, i int) bool {
	r := s.raw[i]
	return s.lexfile == 27 && len(r) <= 2 && r[0] >= 'A' && r[0] <= 'Z' && (len(r) == 1 || (r[1] >= 'a' && r[1] <= 'z'))
}

// prob is P(synset | lemma): how likely an occurrence of lemma means key.
func (w *wn) prob(lemma, key string) float64 {
	for _, s := range w.senses[lemma] {
		if s.ss.key == key {
			return s.p
		}
	}
	return 0
}

// mass is how often a lemma was tagged, all senses together, with the same
// prior computeSenses uses.
func (w *wn) mass(lemma string) float64 {
	m := 0.0
	e := w.index[lemma]
	for p := morph.Noun; p < morph.NumPOS; p++ {
		for rank, k := range e[p] {
			s := w.synsets[k]
			for i, x := range s.words {
				if x == lemma {
					m += float64(w.counts[w.senseKey(s, i)]) + 0.6/float64(rank+1)
				}
			}
		}
	}
	return m
}
