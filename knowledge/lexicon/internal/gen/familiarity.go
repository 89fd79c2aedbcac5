package main

import (
	"math"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/spelling"
)

// famLog2Max is log₂(1+n) of the largest count familiarity distinguishes:
// 2¹⁴ − 1 tagged senses, about what "be" has (16,667); familiarity is
// log₂(1+n)/famLog2Max in 256 steps.
const famLog2Max = 14

// famRaw is a lemma's WordNet familiarity: how often its senses, in every
// part of speech, were tagged in the semantic concordances (cntlist.rev),
// plus its number of synsets, which orders the many untagged lemmas by
// polysemy. It is 0 only for a word WordNet does not list.
func (w *wn) famRaw(lemma string) int {
	e := w.index[lemma]
	if e == nil {
		return 0
	}
	n := 0
	for p := morph.Noun; p < morph.NumPOS; p++ {
		for _, k := range e[p] {
			s := w.synsets[k]
			for i, x := range s.words {
				if x == lemma {
					n += w.counts[w.senseKey(s, i)]
				}
			}
			n++
		}
	}
	return n
}

// famBucket maps a raw familiarity onto 0..255, logarithmically: every
// known word gets at least 18 (n = 1), "be" and above 255.
func famBucket(n int) uint8 {
	if n <= 0 {
		return 0
	}
	return uint8(math.Min(255, math.Round(255*math.Log2(1+float64(n))/famLog2Max)))
}

// familiarity is the bucket the table stores for a word: its own, pooled
// over its spelling variants by taking the largest (WordNet tagged
// "defense", not "defence"). An inflected form takes its base's at run time,
// where the lexicon looks the bases up.
func (w *wn) familiarity(word string) uint8 {
	f := famBucket(w.famRaw(word))
	for _, v := range spelling.Variants(word, w.knownBase) {
		f = max(f, famBucket(w.famRaw(v)))
	}
	return f
}
