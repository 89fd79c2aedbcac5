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
	"fmt"
	"sync"
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
