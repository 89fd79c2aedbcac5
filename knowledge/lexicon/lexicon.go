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
// WordNet is compiled by ./internal/gen into table.gz, which is embedded and
// decoded once, on first use; nothing reads WordNet's files at run time.
// Regenerate with `go generate ./knowledge/lexicon` (needs Debian's
// wordnet-base).
//
// The table is derived from WordNet 3.0, Copyright 2006 by Princeton
// University, used under its licence, reproduced in LICENSE-WORDNET beside
// this file as that licence requires.
package lexicon

//go:generate go run ./internal/gen -wordnet /usr/share/wordnet -o table.gz

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/spelling"
)

//go:embed table.gz
var table []byte

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
type Lexicon struct {
	blob     string   // all words, concatenated in sorted order
	ends     []uint32 // word i is blob[ends[i-1]:ends[i]]
	pos      []uint8  // per word, bit p set when WordNet has it as morph.POS p
	fam      []uint8  // per word, familiarity in 256 log-scaled steps
	relStart []uint32 // word i's relations are rels[relStart[i]:relStart[i+1]]
	rels     []rel
	slots    []uint32 // open-addressing hash of words: word index+1, 0 empty
	exc      map[string][]excBase
	capital  map[uint32]uint32 // country → capital
	country  map[uint32]uint32 // capital → country
}

type rel struct {
	target uint32
	weight uint8
	kind   Kind
}

type excBase struct {
	pos  morph.POS
	base uint32
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
)

// Default returns the lexicon decoded from the embedded table, decoding it
// on the first call.
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

// magic opens the decompressed table; its digit is the format version, raised
// whenever the layout changes so that a table and code out of step fail to
// decode rather than misread each other. Version 2 added familiarity.
const magic = "BBLEX2\n"

func decode(gz []byte) (*Lexicon, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	// gzip's trailer holds the decompressed size (mod 2³²), so the buffer
	// is allocated once rather than grown and copied.
	var raw []byte
	if len(gz) >= 4 {
		// Bounded, so that a damaged trailer cannot ask for gigabytes.
		raw = make([]byte, 0, min(int(binary.LittleEndian.Uint32(gz[len(gz)-4:])), 64<<20)+bytes.MinRead)
	}
	buf := bytes.NewBuffer(raw)
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, err
	}
	raw = buf.Bytes()
	d := decoder{b: raw}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		if len(raw) >= len(magic) && bytes.HasPrefix(raw, []byte(magic[:5])) {
			// A table of another format version: a stale table.gz, or code
			// older than the table. Either way, regenerate.
			return nil, fmt.Errorf("%w: format %q, want %q (go generate ./knowledge/lexicon)", errCorrupt, raw[5:len(magic)-1], magic[5:len(magic)-1])
		}
		return nil, fmt.Errorf("%w: bad magic", errCorrupt)
	}
	d.b = raw[len(magic):]

	n := d.count()
	l := &Lexicon{ends: make([]uint32, n), pos: make([]uint8, n), relStart: make([]uint32, n+1)}
	var sb strings.Builder
	sb.Grow(len(raw) / 2)
	prev := 0 // start of the previous word in sb
	for i := 0; i < n && d.err == nil; i++ {
		shared, suffix := d.uvarint(), d.bytes(d.count())
		cur := sb.Len()
		if int(shared) > cur-prev {
			return nil, fmt.Errorf("%w: word %d", errCorrupt, i)
		}
		// The shared prefix is the previous word's; copy it from the blob
		// being built (strings.Builder never moves written bytes out of
		// reach of String, and String is taken only at the end).
		sb.WriteString(sb.String()[prev : prev+int(shared)])
		sb.Write(suffix)
		l.ends[i] = uint32(sb.Len())
		l.pos[i] = d.byte()
		prev = cur
	}
	l.blob = sb.String()
	// Copied, so that the decompressed table is not kept alive.
	l.fam = append([]uint8(nil), d.bytes(n)...)

	// A relation takes four bytes on average (a three-byte index, weight,
	// kind; the exceptions and capitals after them are small), so this
	// capacity is about right without a counting pass.
	l.rels = make([]rel, 0, len(d.b)/4)
	for i := 0; i < n && d.err == nil; i++ {
		c := d.count()
		for j := 0; j < c; j++ {
			t, w, k := d.uvarint(), d.byte(), Kind(d.byte())
			if t >= uint64(n) || k == 0 || k >= numKinds {
				return nil, fmt.Errorf("%w: relation of word %d", errCorrupt, i)
			}
			l.rels = append(l.rels, rel{target: uint32(t), weight: w, kind: k})
		}
		l.relStart[i+1] = uint32(len(l.rels))
	}

	ne := d.count()
	l.exc = make(map[string][]excBase, ne)
	for i := 0; i < ne && d.err == nil; i++ {
		infl := string(d.bytes(d.count()))
		p, base := morph.POS(d.byte()), d.uvarint()
		if base >= uint64(n) || p >= morph.NumPOS {
			return nil, fmt.Errorf("%w: exception %q", errCorrupt, infl)
		}
		l.exc[infl] = append(l.exc[infl], excBase{pos: p, base: uint32(base)})
	}
	for _, m := range []*map[uint32]uint32{&l.capital, &l.country} {
		c := d.count()
		*m = make(map[uint32]uint32, c)
		for i := 0; i < c && d.err == nil; i++ {
			a, b := d.uvarint(), d.uvarint()
			if a >= uint64(n) || b >= uint64(n) {
				return nil, fmt.Errorf("%w: capital pair", errCorrupt)
			}
			(*m)[uint32(a)] = uint32(b)
		}
	}
	if d.err != nil {
		return nil, d.err
	}

	size := 1
	for size < 2*n {
		size <<= 1
	}
	l.slots = make([]uint32, size)
	mask := uint32(size - 1)
	for i := 0; i < n; i++ {
		h := hash(l.word(uint32(i))) & mask
		for l.slots[h] != 0 {
			h = (h + 1) & mask
		}
		l.slots[h] = uint32(i + 1)
	}
	return l, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err = fmt.Errorf("%w: truncated", errCorrupt)
		return 0
	}
	d.b = d.b[k:]
	return v
}

// count reads a length, bounded by what is left so that a corrupt table
// cannot make decode allocate without limit.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		if d.err == nil {
			d.err = fmt.Errorf("%w: count %d past end", errCorrupt, v)
		}
		return 0
	}
	return int(v)
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		if d.err == nil {
			d.err = fmt.Errorf("%w: truncated", errCorrupt)
		}
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil || n > len(d.b) {
		if d.err == nil {
			d.err = fmt.Errorf("%w: truncated", errCorrupt)
		}
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
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

func (l *Lexicon) word(i uint32) string {
	start := uint32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.blob[start:l.ends[i]]
}

// find returns the index of word in the table.
func (l *Lexicon) find(word string) (uint32, bool) {
	if word == "" {
		return 0, false
	}
	mask := uint32(len(l.slots) - 1)
	for h := hash(word) & mask; l.slots[h] != 0; h = (h + 1) & mask {
		if i := l.slots[h] - 1; l.word(i) == word {
			return i, true
		}
	}
	return 0, false
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
		dst = make([]Relation, 0, l.relStart[i+1]-l.relStart[i])
	}
	return l.AppendRelated(dst, word)
}

// AppendRelated appends Related(word) to dst and returns the extended
// slice. With a dst of enough capacity, a word the table lists costs no
// allocation.
func (l *Lexicon) AppendRelated(dst []Relation, word string) []Relation {
	word = Normalize(word)
	if i, ok := l.find(word); ok && (l.pos[i] != 0 || l.relStart[i+1] > l.relStart[i]) {
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

func (l *Lexicon) has(rs []Relation, word string) bool {
	for _, r := range rs {
		if r.Word == word {
			return true
		}
	}
	return false
}

func (l *Lexicon) appendRels(dst []Relation, i uint32, scale float32) []Relation {
	for _, r := range l.rels[l.relStart[i]:l.relStart[i+1]] {
		dst = append(dst, Relation{Word: l.word(r.target), Weight: scale * float32(r.weight) / 255, Kind: r.kind})
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
	if ex := l.exc[word]; len(ex) > 0 {
		return ex[0].base, true
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
	for _, e := range l.exc[word] {
		f = max(f, l.fam[e.base])
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
	mask := uint32(len(l.slots) - 1)
	for h &= mask; l.slots[h] != 0; h = (h + 1) & mask {
		i := l.slots[h] - 1
		if w := l.word(i); len(w) == len(stem)+len(ending) && w[:len(stem)] == stem && w[len(stem):] == ending {
			return i, true
		}
	}
	return 0, false
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
		if c, ok := l.capital[i]; ok {
			return l.word(c)
		}
	}
	return ""
}

// CountryOfCapital returns the country whose national capital city is
// ("tokyo" → "japan", "canberra" → "australia"), or "" when city is none.
func (l *Lexicon) CountryOfCapital(city string) string {
	if i, ok := l.find(Normalize(city)); ok {
		if c, ok := l.country[i]; ok {
			return l.word(c)
		}
	}
	return ""
}
