package lexicon

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

// Country returns the country word names, as WordNet lists it: the country
// itself ("russia"), its capital ("moscow") or its adjective ("russian"),
// or "" when word names none. Continents and regions have no capital and
// are not countries ("asian" → "").
func (l *Lexicon) Country(word string) string {
	word = Normalize(word)
	if l.Capital(word) != "" {
		return word
	}
	if c := l.CountryOfCapital(word); c != "" {
		return c
	}
	i, ok := l.find(word)
	if !ok {
		return ""
	}
	lo, hi := l.relRange(i)
	for j := lo; j < hi; j++ {
		r := u32(l.rels, j)
		if Kind(r>>(relTargetBits+relWeightBits)) != Pertainym {
			continue
		}
		if c := l.word(r & relTargetMask); l.Capital(c) != "" {
			return c
		}
	}
	return ""
}
