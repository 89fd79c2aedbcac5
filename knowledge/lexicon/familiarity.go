package lexicon

import (
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
)

// Familiarity says how common a word is in ordinary English, in [0, 1]:
// log₂(1+n)/14, capped at 1, where n is WordNet's familiarity of the
// lemma — how often its senses, in every part of speech, were tagged in
// the Brown-corpus semantic concordances (cntlist.rev) — plus its number
// of senses, which orders the many untagged lemmas by polysemy. It comes in
// 256 steps.
//
// A word WordNet does not list (a name, slang, a typo) gets 0; any word it
// lists gets at least 0.07 (n = 1). An inflected form takes its base's
// value ("thinks" and "thought" that of "think", "went" that of "go"), and
// so does a lemma that is mostly an inflection when its base is more common
// ("won" that of "win"); a spelling variant takes the better-tagged
// spelling's ("defence" that of "defense").
//
// The scale, for retrieval thresholds (TestFamiliarityScale keeps these
// true): "be" 1, "come" 0.69, "think" 0.66, "want" 0.62, "good" 0.60,
// "big" 0.51, "picture" 0.49, "guy" 0.38, "stuff" 0.37, "troops" 0.35,
// "budget" 0.26, "annual" 0.18, "liaison" 0.16, "referendum" 0.11. Roughly,
// above 0.45 is everyday vocabulary and below 0.3 specific, but the middle
// mixes both: the counts come from a small 1960s American corpus, so
// "population" (0.38) ties with "guy" and "option" (0.14) ranks with
// "liaison"; and "person" (0.91) is inflated, as the concordances tagged
// every personal name as "person". Compare words; do not read 0.01 apart as
// a difference.
//
// For a lower-case word the lookup allocates nothing.
func (l *Lexicon) Familiarity(word string) float32 {
	return float32(l.familiarity(Normalize(word))) / 255
}

func (l *Lexicon) familiarity(word string) uint8 {
	var f uint8
	if i, ok := l.find(word); ok {
		f = l.fam[i]
	}
	// The word as an inflection: the most familiar of its bases by the
	// exceptions and the regular rules, even when it is a lemma itself, as
	// "won" (a currency, seldom tagged) mostly means "win" and "thought"
	// "think". One step only: "founded" is "found" (establish), not "find".
	lo, hi := l.exceptions(word)
	for e := lo; e < hi; e++ {
		f = max(f, l.fam[u32(l.excBases, e)])
	}
	for p := morph.Noun; p < morph.NumPOS; p++ {
		morph.DetachParts(word, p, func(stem, ending string) bool {
			// A base WordNet lists as p, or a spelling variant the table
			// holds for one ("organisation"), whose POS mask is empty.
			if i, ok := l.findParts(stem, ending); ok && (l.pos[i]&(1<<p) != 0 || l.pos[i] == 0) {
				f = max(f, l.fam[i])
			}
			return false
		})
	}
	return f
}

// findParts is find(stem + ending) without building the string.
func (l *Lexicon) findParts(stem, ending string) (uint32, bool) {
	if stem == "" && ending == "" {
		return 0, false
	}
	h := uint32(2166136261)
	for i := 0; i < len(stem); i++ {
		h ^= uint32(stem[i])
		h *= 16777619
	}
	for i := 0; i < len(ending); i++ {
		h ^= uint32(ending[i])
		h *= 16777619
	}
	mask := uint32(len(l.wordSlots)/4 - 1)
	for h &= mask; ; h = (h + 1) & mask {
		s := u32(l.wordSlots, int(h))
		if s == 0 {
			return 0, false
		}
		start, end := u32pair(l.wordEnds, int(s-1))
		if w := l.words[start:end]; len(w) == len(stem)+len(ending) && w[:len(stem)] == stem && w[len(stem):] == ending {
			return s - 1, true
		}
	}
}
