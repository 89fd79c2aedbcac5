// Package lexicon is offline lexical knowledge for query expansion: the
// synonyms, derived forms, pertainyms ("french" → "france"), capitals and
// spelling variants of a word, drawn from WordNet 3.0 and weighted by how
// often each sense of a word is actually used; and how familiar a word is,
// so that retrieval can tell "think" from "referendum".
//
// Members ask in their own words ("is nato opening a bureau in japan's
// capital") while the briefing has its own ("an office in Tokyo"); a
// lexical retriever that adds a word's weighted relations to the query
// bridges part of that gap without a model.
//
// WordNet is compiled by ./internal/gen into table.bin, which is embedded and
// read in place (decoding only checks it, on first use); nothing reads
// WordNet's files at run time. Regenerate with `go generate
// ./knowledge/lexicon` (needs Debian's wordnet-base).
//
// The table is derived from WordNet 3.0, Copyright 2006 by Princeton
// University, used under its licence, reproduced in LICENSE-WORDNET beside
// this file as that licence requires.
package lexicon

//go:generate go run ./internal/gen -wordnet /usr/share/wordnet -o table.bin

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/spelling"
)

// table is embedded as a string so that it sits in the binary's read-only
// data and the Lexicon can take string views of it without copying.
//
//go:embed table.bin
var table string

// Kind says how a related word is related. Callers weigh kinds differently:
// a spelling variant is the same word, a hypernym only a broader one.
type Kind uint8

// The kinds of relation, in the order the table stores them.
const (
	_ Kind = iota
	// Synonym: the two words share a WordNet sense (bureau / office).
	Synonym
	// Abbreviation: a synonym that is an initialism of the other (us /
	// united states, eu / european union).
	Abbreviation
	// Spelling: the British or American spelling (scepticism / skepticism).
	Spelling
	// Inflection: the base form of an inflected word (countries / country).
	Inflection
	// Derived: a derivationally related form (oppose / opposition).
	Derived
	// Pertainym: an adjective and the noun it pertains to, either way
	// (french / france, european / europe).
	Pertainym
	// Similar: an adjective of similar meaning (wary / cautious).
	Similar
	// Hypernym: a broader term (spokesman / spokesperson).
	Hypernym
	// Hyponym: a narrower term of a narrow concept (spokesperson / spokesman).
	Hyponym
	// Capital: a national capital and its country, either way (tokyo / japan).
	Capital
	numKinds
)

var kindNames = [numKinds]string{"", "synonym", "abbreviation", "spelling", "inflection", "derived", "pertainym", "similar", "hypernym", "hyponym", "capital"}

func (k Kind) String() string {
	if k < numKinds && k > 0 {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Relation is one word related to the word looked up.
type Relation struct {
	// Word is a lower-case lemma; a multi-word lemma has single spaces
	// ("united states"). It is a base form: stem or lemmatise the text it
	// is matched against.
	Word string
	// Weight in (0, 1] is roughly the chance that the related word can
	// stand for the one looked up: the probability of the senses they
	// share, damped for senses the related word seldom has, times a factor
	// for the kind (derived 0.8, pertainym 1, similar 0.5, hypernym 0.4,
	// hyponym 0.3, capital 0.6 city→country and 0.4 country→city).
	// Spelling links weigh 1, inflection links 1 too unless the inflected
	// form is a word in its own right ("troops", "physics"), when they
	// weigh the base's share of the two words' use.
	Weight float32
	Kind   Kind
}

// Lexicon is the decoded table. It is immutable and safe for concurrent use.
//
// Its fields are views into the embedded table (see ./internal/gen's encode
// for the layout): arrays of little-endian uint32s read with u32, byte
// arrays and strings indexed directly. Decoding therefore allocates nothing
// the size of the table, and a process that never looks a word up pays only
// for the validation pass.
type Lexicon struct {
	n         int    // number of words
	wordEnds  string // (n+1) u32: word i is words[end i : end i+1]
	relStarts string // (n+1) u32: word i's relations are rels[start i : start i+1]
	rels      string // u32 each: target | weight << 20 | kind << 28
	wordSlots string // u32 each: open-addressing hash of words, index+1, 0 empty
	pos       string // per word, bit p set when WordNet has it as morph.POS p
	fam       string // per word, familiarity in 256 log-scaled steps
	words     string // all words, concatenated in sorted order

	nExc     int
	excEnds  string // (nExc+1) u32 into excWords
	excBases string // u32 per exception: the base's word index
	excPOS   string // byte per exception
	excSlots string // u32 each: hash of inflected forms, first exception+1
	excWords string // the inflected forms, concatenated

	capital string // u32 pairs (country, capital), sorted by country
	country string // u32 pairs (capital, country), sorted by capital
}

// The packed relation: 20 bits of target word, 8 of weight, 4 of kind.
const (
	relTargetBits = 20
	relWeightBits = 8
	relTargetMask = 1<<relTargetBits - 1
)

// u32 returns the i-th little-endian uint32 of s. The compiler turns the
// four byte loads into one.
func u32(s string, i int) uint32 {
	s = s[4*i : 4*i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// u32pair returns the i-th and (i+1)-th uint32s of s: the bounds of item i
// in an array of ends. One bounds check serves both.
func u32pair(s string, i int) (uint32, uint32) {
	s = s[4*i : 4*i+8]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24,
		uint32(s[4]) | uint32(s[5])<<8 | uint32(s[6])<<16 | uint32(s[7])<<24
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// Default returns the lexicon read from the embedded table, decoding it on
// the first call. Decoding validates the table and takes views of it; it
// copies nothing.
func Default() *Lexicon {
	defaultOnce.Do(func() {
		l, err := decode(table)
		if err != nil {
			// The table is generated and committed with the code; a table
			// that does not decode is a build defect, not a run-time state.
			panic("lexicon: embedded table: " + err.Error())
		}
		defaultLex = l
	})
	return defaultLex
}

var errCorrupt = errors.New("corrupt table")

// magic opens the table; its digit is the format version, raised whenever
// the layout changes so that a table and code out of step fail to decode
// rather than misread each other. Version 2 added familiarity; version 3 is
// uncompressed fixed-width arrays, read in place.
const magic = "BBLEX3\n"

// The header's counts, in the order the table stores them.
const (
	hWords     = iota // N
	hRels             // R
	hWordSlots        // S
	hWordBytes        // L
	hExc              // E
	hExcSlots         // T
	hExcBytes         // X
	hCapitals         // C
	hCountries        // D
	numHeader
)

// decode checks a table and returns a Lexicon viewing it. Every index the
// lookups follow is checked here, once, so that a damaged table is an
// error rather than an out-of-range panic or an endless probe later.
func decode(t string) (*Lexicon, error) {
	if !strings.HasPrefix(t, magic) {
		if len(t) >= len(magic) && strings.HasPrefix(t, magic[:5]) {
			// A table of another format version: a stale table.bin, or code
			// older than the table. Either way, regenerate.
			return nil, fmt.Errorf("%w: format %q, want %q (go generate ./knowledge/lexicon)", errCorrupt, t[5:len(magic)-1], magic[5:len(magic)-1])
		}
		return nil, fmt.Errorf("%w: bad magic", errCorrupt)
	}
	d := reader{s: t[len(magic):]}
	var h [numHeader]int
	for i := range h {
		h[i] = d.int()
	}
	n := h[hWords]
	l := &Lexicon{
		n:         n,
		wordEnds:  d.u32s(n + 1),
		relStarts: d.u32s(n + 1),
		rels:      d.u32s(h[hRels]),
		wordSlots: d.u32s(h[hWordSlots]),
		pos:       d.take(n),
		fam:       d.take(n),
		words:     d.take(h[hWordBytes]),
		nExc:      h[hExc],
		excEnds:   d.u32s(h[hExc] + 1),
		excBases:  d.u32s(h[hExc]),
		excPOS:    d.take(h[hExc]),
		excSlots:  d.u32s(h[hExcSlots]),
		excWords:  d.take(h[hExcBytes]),
		capital:   d.u32s(2 * h[hCapitals]),
		country:   d.u32s(2 * h[hCountries]),
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.s) != 0 {
		return nil, fmt.Errorf("%w: %d bytes past the end", errCorrupt, len(d.s))
	}
	if n >= 1<<relTargetBits {
		return nil, fmt.Errorf("%w: %d words", errCorrupt, n)
	}
	if !ascending(l.wordEnds, len(l.words)) {
		return nil, fmt.Errorf("%w: word ends", errCorrupt)
	}
	if !ascending(l.relStarts, h[hRels]) {
		return nil, fmt.Errorf("%w: relation starts", errCorrupt)
	}
	for j := range h[hRels] {
		r := u32(l.rels, j)
		if k := Kind(r >> (relTargetBits + relWeightBits)); r&relTargetMask >= uint32(n) || k == 0 || k >= numKinds {
			return nil, fmt.Errorf("%w: relation %d", errCorrupt, j)
		}
	}
	if !hashOK(l.wordSlots, n) {
		return nil, fmt.Errorf("%w: word hash", errCorrupt)
	}
	if !ascending(l.excEnds, len(l.excWords)) {
		return nil, fmt.Errorf("%w: exception ends", errCorrupt)
	}
	for i := range l.nExc {
		if u32(l.excBases, i) >= uint32(n) || morph.POS(l.excPOS[i]) >= morph.NumPOS {
			return nil, fmt.Errorf("%w: exception %q", errCorrupt, l.excWord(i))
		}
	}
	if !hashOK(l.excSlots, l.nExc) {
		return nil, fmt.Errorf("%w: exception hash", errCorrupt)
	}
	for _, ps := range []string{l.capital, l.country} {
		for i := range len(ps) / 8 {
			// Keys strictly ascending, for the binary search in pair.
			if a, b := u32(ps, 2*i), u32(ps, 2*i+1); a >= uint32(n) || b >= uint32(n) || i > 0 && a <= u32(ps, 2*i-2) {
				return nil, fmt.Errorf("%w: capital pair", errCorrupt)
			}
		}
	}
	return l, nil
}

// ascending reports whether the offsets in ends start at 0, never go back
// and finish at size, so that every slice between two of them is in range.
func ascending(ends string, size int) bool {
	m := len(ends) / 4
	prev := u32(ends, 0)
	if prev != 0 {
		return false
	}
	for i := 1; i < m; i++ {
		e := u32(ends, i)
		if e < prev {
			return false
		}
		prev = e
	}
	return int(prev) == size
}

// hashOK reports whether slots is a usable hash of keys numbered below n: a
// power-of-two size, every slot 0 or a key index + 1, and at least one
// empty slot, so that a probe for a missing key stops.
func hashOK(slots string, n int) bool {
	size := len(slots) / 4
	if size == 0 || size&(size-1) != 0 {
		return false
	}
	empty := false
	for i := range size {
		s := u32(slots, i)
		if s > uint32(n) {
			return false
		}
		empty = empty || s == 0
	}
	return empty
}

// reader takes the table's sections in turn; the first shortfall sets err
// and every later read returns empty.
type reader struct {
	s   string
	err error
}

func (d *reader) take(n int) string {
	if d.err != nil {
		return ""
	}
	if n < 0 || n > len(d.s) {
		d.err = fmt.Errorf("%w: truncated", errCorrupt)
		return ""
	}
	v := d.s[:n]
	d.s = d.s[n:]
	return v
}

func (d *reader) u32s(n int) string { return d.take(4 * n) }

// int reads a count of the header. A count larger than the bytes left is
// corrupt, whatever it counts; bounding it here keeps the arithmetic on it
// (4n, 2n+1) far from overflow.
func (d *reader) int() int {
	v := d.take(4)
	if v == "" {
		return 0
	}
	c := u32(v, 0)
	if uint64(c) > uint64(len(d.s)) {
		d.err = fmt.Errorf("%w: count %d past end", errCorrupt, c)
		return 0
	}
	return int(c)
}

// hash is FNV-1a, inlined so that a lookup allocates nothing.
func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// word returns word i. It is just over the inliner's budget, so the hot
// loops (find, findParts, appendRels) spell it out.
func (l *Lexicon) word(i uint32) string {
	start, end := u32pair(l.wordEnds, int(i))
	return l.words[start:end]
}

// relRange returns the bounds of word i's relations in rels.
func (l *Lexicon) relRange(i uint32) (int, int) {
	lo, hi := u32pair(l.relStarts, int(i))
	return int(lo), int(hi)
}

// find returns the index of word in the table.
func (l *Lexicon) find(word string) (uint32, bool) {
	if word == "" {
		return 0, false
	}
	mask := uint32(len(l.wordSlots)/4 - 1)
	for h := hash(word) & mask; ; h = (h + 1) & mask {
		s := u32(l.wordSlots, int(h))
		if s == 0 {
			return 0, false
		}
		if start, end := u32pair(l.wordEnds, int(s-1)); l.words[start:end] == word {
			return s - 1, true
		}
	}
}

// excWord returns the inflected form of exception i.
func (l *Lexicon) excWord(i int) string {
	start, end := u32pair(l.excEnds, i)
	return l.excWords[start:end]
}

// exceptions returns the range [lo, hi) of the exceptions whose inflected
// form is word (none: lo == hi), in (POS, base) order.
func (l *Lexicon) exceptions(word string) (lo, hi int) {
	if word == "" || l.nExc == 0 {
		return 0, 0
	}
	mask := uint32(len(l.excSlots)/4 - 1)
	for h := hash(word) & mask; ; h = (h + 1) & mask {
		s := u32(l.excSlots, int(h))
		if s == 0 {
			return 0, 0
		}
		if lo = int(s - 1); l.excWord(lo) == word {
			hi = lo + 1
			for hi < l.nExc && l.excWord(hi) == word {
				hi++
			}
			return lo, hi
		}
	}
}

// lemmaIndex finds a word WordNet lists in some part of speech.
func (l *Lexicon) lemmaIndex(word string) (uint32, bool) {
	i, ok := l.find(word)
	return i, ok && l.pos[i] != 0
}

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

// SpellingVariants returns the British or American spellings of word other
// than word itself ("defence" → "defense", "criticized" → "criticised",
// "scepticism" → "skepticism"). The briefings are in British English and
// members type both.
func (l *Lexicon) SpellingVariants(word string) []string {
	return spelling.Variants(Normalize(word), l.known)
}

// Capital returns the national capital of country ("japan" → "tokyo",
// "united states" or "us" → "washington"), or "" when WordNet names none.
func (l *Lexicon) Capital(country string) string {
	if i, ok := l.find(Normalize(country)); ok {
		if c, ok := pair(l.capital, i); ok {
			return l.word(c)
		}
	}
	return ""
}

// CountryOfCapital returns the country whose national capital city is
// ("tokyo" → "japan", "canberra" → "australia"), or "" when city is none.
func (l *Lexicon) CountryOfCapital(city string) string {
	if i, ok := l.find(Normalize(city)); ok {
		if c, ok := pair(l.country, i); ok {
			return l.word(c)
		}
	}
	return ""
}

// pair finds key among pairs (u32 key, u32 value, sorted by key) and returns
// its value. There are a few hundred pairs: a binary search is quick.
func pair(pairs string, key uint32) (uint32, bool) {
	lo, hi := 0, len(pairs)/8
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if u32(pairs, 2*m) < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(pairs)/8 && u32(pairs, 2*lo) == key {
		return u32(pairs, 2*lo+1), true
	}
	return 0, false
}
