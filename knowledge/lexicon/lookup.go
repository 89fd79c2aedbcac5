package lexicon

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
