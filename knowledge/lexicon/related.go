package lexicon

import (
	"strings"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/spelling"
)

// Normalize puts a word as a user typed it into the form the lexicon keys
// on: lower case, typographic apostrophes made plain, a possessive "'s"
// dropped, underscores (WordNet's multi-word joiner) and runs of spaces made
// single spaces. It allocates only when it changes something.
func Normalize(word string) string {
	word = strings.TrimSpace(word)
	clean := true
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 0x80 || c == '_' || ('A' <= c && c <= 'Z') || (c == ' ' && i > 0 && word[i-1] == ' ') {
			clean = false
			break
		}
	}
	if !clean {
		word = strings.ToLower(word)
		word = strings.NewReplacer("’", "'", "‘", "'", "_", " ").Replace(word)
		word = strings.Join(strings.Fields(word), " ")
	}
	if w, ok := strings.CutSuffix(word, "'s"); ok && len(w) > 1 {
		word = w
	}
	return word
}

// Related returns the words related to word (as typed, or a lemma), best
// first: its own relations when WordNet lists it, else its base form and
// that base's relations ("countries" → "country", …), plus its other
// spelling ("organisations" → "organizations"). It returns nil for a word
// the lexicon does not know. The slice is new; see AppendRelated to reuse
// one.
//
// WordNet lists some function words as abbreviations ("us" the United
// States, "who" the World Health Organization, "in" indium or Indiana):
// drop stop words before asking, or a question's "tell us" becomes
// America.
func (l *Lexicon) Related(word string) []Relation {
	var dst []Relation
	if i, ok := l.find(Normalize(word)); ok {
		// One allocation of the right size for the common case.
		lo, hi := l.relRange(i)
		dst = make([]Relation, 0, hi-lo)
	}
	return l.AppendRelated(dst, word)
}

// AppendRelated appends Related(word) to dst and returns the extended
// slice. With a dst of enough capacity, a word the table lists costs no
// allocation.
func (l *Lexicon) AppendRelated(dst []Relation, word string) []Relation {
	word = Normalize(word)
	if i, ok := l.find(word); ok && (l.pos[i] != 0 || hasRels(l, i)) {
		return l.appendRels(dst, i, 1)
	}
	// Unknown as written: an inflection, or a spelling WordNet lacks, or
	// both ("criticised").
	n0 := len(dst)
	if base, ok := l.base(word); ok {
		dst = append(dst, Relation{Word: l.word(base), Weight: 1, Kind: Inflection})
	}
	for _, v := range l.SpellingVariants(word) {
		dst = append(dst, Relation{Word: v, Weight: 1, Kind: Spelling})
	}
	if len(dst) == n0 {
		return dst
	}
	// Then the relations of the first of those the table lists.
	for _, r := range dst[n0:] {
		i, ok := l.lemmaIndex(r.Word)
		if !ok {
			if i, ok = l.base(r.Word); !ok {
				continue
			}
			if l.word(i) != r.Word && !l.has(dst[n0:], l.word(i)) {
				dst = append(dst, Relation{Word: l.word(i), Weight: 1, Kind: Inflection})
			}
		}
		head := len(dst)
		dst = l.appendRels(dst, i, 1)
		// Drop what the first links already gave (a lemma's own spelling
		// variant, the inflected form itself).
		out := dst[:head]
		for _, r := range dst[head:] {
			if r.Word != word && !l.has(dst[n0:head], r.Word) {
				out = append(out, r)
			}
		}
		return out
	}
	return dst
}

// hasRels reports whether word i has relations.
func hasRels(l *Lexicon, i uint32) bool {
	lo, hi := l.relRange(i)
	return hi > lo
}

func (l *Lexicon) has(rs []Relation, word string) bool {
	for _, r := range rs {
		if r.Word == word {
			return true
		}
	}
	return false
}

func (l *Lexicon) appendRels(dst []Relation, i uint32, scale float32) []Relation {
	lo, hi := l.relRange(i)
	rels := l.rels[4*lo : 4*hi]
	for j := range hi - lo {
		r := u32(rels, j)
		weight := uint8(r >> relTargetBits)
		kind := Kind(r >> (relTargetBits + relWeightBits))
		start, end := u32pair(l.wordEnds, int(r&relTargetMask))
		dst = append(dst, Relation{Word: l.words[start:end], Weight: scale * float32(weight) / 255, Kind: kind})
	}
	return dst
}

// Lemma returns the base form of word by WordNet's morphology: the word
// itself when WordNet lists it, else its form in the exception lists
// ("went" → "go", "mice" → "mouse"), else the first base the regular
// suffix rules give that WordNet lists ("countries" → "country"), trying
// nouns, verbs, adjectives, adverbs in turn. A word WordNet cannot place
// comes back normalised but otherwise unchanged.
func (l *Lexicon) Lemma(word string) string {
	word = Normalize(word)
	if _, ok := l.lemmaIndex(word); ok {
		return word
	}
	if i, ok := l.base(word); ok {
		return l.word(i)
	}
	return word
}

// base finds the base form of an inflected word (word itself excluded).
func (l *Lexicon) base(word string) (uint32, bool) {
	if lo, hi := l.exceptions(word); lo < hi {
		return u32(l.excBases, lo), true
	}
	var found uint32
	ok := false
	for p := morph.Noun; p < morph.NumPOS && !ok; p++ {
		morph.Detach(word, p, func(b string) bool {
			if i, in := l.find(b); in && l.pos[i]&(1<<p) != 0 {
				found, ok = i, true
			}
			return ok
		})
	}
	return found, ok
}

// known reports whether word is a lemma or an inflection of one.
func (l *Lexicon) known(word string) bool {
	if _, ok := l.lemmaIndex(word); ok {
		return true
	}
	_, ok := l.base(word)
	return ok
}

// Known reports whether WordNet knows word, as a lemma or an inflection of
// one ("troops", "countries"). Callers use it to tell ordinary English from
// names and typos.
func (l *Lexicon) Known(word string) bool { return l.known(Normalize(word)) }

// SpellingVariants returns the British or American spellings of word other
// than word itself ("defence" → "defense", "criticized" → "criticised",
// "scepticism" → "skepticism"). The briefings are in British English and
// members type both.
func (l *Lexicon) SpellingVariants(word string) []string {
	return spelling.Variants(Normalize(word), l.known)
}

// Noun reports whether WordNet has word as a noun, or as an inflection or
// a spelling of one ("troops", "mice", "organisations"). A name is a noun:
// a word WordNet knows only as a verb, an adjective or an adverb
// ("strengthen", "possibly", "emphasise") is no name, whatever its case.
// A word WordNet does not know is not a noun here.
func (l *Lexicon) Noun(word string) bool {
	w := Normalize(word)
	if l.noun(w) {
		return true
	}
	for _, v := range spelling.Variants(w, l.known) {
		if l.noun(v) {
			return true
		}
	}
	return false
}

// noun is Noun without spelling variants.
func (l *Lexicon) noun(w string) bool {
	const bit = 1 << morph.Noun
	if i, ok := l.find(w); ok && l.pos[i]&bit != 0 {
		return true
	}
	lo, hi := l.exceptions(w)
	for e := lo; e < hi; e++ {
		if morph.POS(l.excPOS[e]) == morph.Noun {
			return true
		}
	}
	found := false
	morph.Detach(w, morph.Noun, func(b string) bool {
		i, ok := l.find(b)
		found = ok && l.pos[i]&bit != 0
		return found
	})
	return found
}

// IrregularVerb reports whether word is an irregular form of a verb in
// WordNet's exception lists ("sent" of "send", "went" of "go"), even when
// WordNet also lists it as a word of its own (the currency "sent").
func (l *Lexicon) IrregularVerb(word string) bool {
	lo, hi := l.exceptions(Normalize(word))
	for e := lo; e < hi; e++ {
		if morph.POS(l.excPOS[e]) == morph.Verb {
			return true
		}
	}
	return false
}
