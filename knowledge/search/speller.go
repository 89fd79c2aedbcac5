package search

import (
	"unicode/utf8"
)

// speller corrects typos in query words against the corpus vocabulary with
// symmetric deletion (the SymSpell idea): a word and a candidate match when
// deleting at most one rune from each makes them equal, which covers one
// insertion, deletion, substitution or adjacent transposition ("ofice",
// "memebers", "tokio"). Lookups are a handful of map probes, independent of
// the vocabulary's size.
type speller struct {
	freq    map[string]int32    // word → occurrences in the corpus
	deletes map[string][]string // one-rune deletion → words it comes from
}

func newSpeller() *speller {
	return &speller{freq: map[string]int32{}, deletes: map[string][]string{}}
}

// minTypoLen keeps short words out: at three letters nearly every word is
// one edit from another ("war" ~ "was"), so corrections would be noise.
const minTypoLen = 4

func (s *speller) add(word string) { s.freq[word]++ }

func (s *speller) build() {
	for w := range s.freq {
		if utf8.RuneCountInString(w) < minTypoLen {
			continue
		}
		for _, d := range deletions(w) {
			s.deletes[d] = append(s.deletes[d], w)
		}
	}
}

func (s *speller) known(word string) bool { _, ok := s.freq[word]; return ok }

// correct returns the most frequent corpus word within one symmetric edit of
// word, or "" when there is none; ties go to the alphabetically first word
// so results are deterministic.
func (s *speller) correct(word string) string {
	if utf8.RuneCountInString(word) < minTypoLen {
		return ""
	}
	best, bestFreq := "", int32(0)
	consider := func(w string) {
		f := s.freq[w]
		if w == word || f == 0 {
			return
		}
		if f > bestFreq || (f == bestFreq && w < best) {
			best, bestFreq = w, f
		}
	}
	// word itself may be a deletion of a corpus word (a letter left out).
	for _, w := range s.deletes[word] {
		consider(w)
	}
	for _, d := range deletions(word) {
		consider(d) // a letter too many
		for _, w := range s.deletes[d] {
			consider(w) // a letter changed or two swapped
		}
	}
	return best
}

func deletions(w string) []string {
	rs := []rune(w)
	out := make([]string, 0, len(rs))
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}
