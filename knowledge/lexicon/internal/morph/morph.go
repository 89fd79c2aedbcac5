// Package morph holds WordNet's morphology rules (the detachment suffixes of
// morphy(7WN)), shared by the table generator and the lexicon at run time so
// both lemmatise alike.
package morph

import "strings"

// POS numbers the parts of speech in WordNet's file order.
type POS uint8

// The parts of speech, as bits in a word's POS mask.
const (
	Noun POS = iota
	Verb
	Adj
	Adv
	NumPOS
)

type rule struct{ suffix, ending string }

// rules are morphy's detachment rules by part of speech, in its order.
var rules = [NumPOS][]rule{
	Noun: {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	Verb: {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
	Adj:  {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
}

// Detach calls yield with each base form the regular rules give for word as
// pos, in morphy's order, until yield returns true. It says nothing about
// whether a base is a word; yield decides.
func Detach(word string, pos POS, yield func(base string) bool) {
	DetachParts(word, pos, func(stem, ending string) bool { return yield(stem + ending) })
}

// DetachParts is Detach with each base given as a stem of word and the
// ending to append to it, so that a caller can look the base up without
// building the string.
func DetachParts(word string, pos POS, yield func(stem, ending string) bool) {
	// morphy leaves nouns in -ss alone: "glass" is no plural of "glas".
	if pos == Noun && strings.HasSuffix(word, "ss") {
		return
	}
	for _, r := range rules[pos] {
		stem, ok := strings.CutSuffix(word, r.suffix)
		// A base shorter than two letters is never what was meant ("is" → "i").
		if !ok || len(stem)+len(r.ending) < 2 {
			continue
		}
		if yield(stem, r.ending) {
			return
		}
	}
}
