package main

import (
	"math"
	"sort"
	"strings"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
)

// capitalProb is the probability that a capital's or country's name means
// the place: a "washington" in a question is not always the city.
func (w *wn) capitalProb(lemma string) float64 {
	best := 0.0
	for _, s := range w.senses[lemma] {
		if w.isPlace[s.ss.key] {
			best = math.Max(best, s.p)
		}
	}
	return best
}

// capitals finds the national capitals (instances of "national capital")
// and their countries: from a name such as "capital of Japan" when WordNet
// gives one, else from the part holonym that is a country.
func (w *wn) capitals() (capOf, countryOf map[string]string) {
	capOf, countryOf = map[string]string{}, map[string]string{}
	w.isPlace = map[string]bool{}
	natCap := w.index["national capital"][morph.Noun][0]
	countryKeys := map[string]bool{}
	for _, k := range w.index["country"][morph.Noun] {
		countryKeys[k] = true
	}
	for _, k := range w.index["state"][morph.Noun] {
		countryKeys[k] = true
	}
	isCountry := func(s *synset) bool {
		// Walk instance-of then is-a links up a few levels.
		seen := map[string]bool{}
		frontier := []*synset{s}
		for depth := 0; depth < 4 && len(frontier) > 0; depth++ {
			var next []*synset
			for _, x := range frontier {
				for _, p := range x.ptrs {
					if (p.sym == "@i" || (p.sym == "@" && depth > 0)) && !seen[p.key] {
						if countryKeys[p.key] && (depth > 0 || p.sym == "@i") {
							return true
						}
						seen[p.key] = true
						if t := w.synsets[p.key]; t != nil {
							next = append(next, t)
						}
					}
				}
			}
			frontier = next
		}
		return false
	}
	var promoted [][2]string // state synset key, capital
	keys := make([]string, 0, len(w.synsets))
	for k := range w.synsets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := w.synsets[k]
		instance := false
		for _, p := range s.ptrs {
			if p.sym == "@i" && p.key == natCap {
				instance = true
			}
		}
		if !instance {
			continue
		}
		var country *synset
		for _, word := range s.words {
			name, ok := strings.CutPrefix(word, "capital of ")
			name = strings.TrimPrefix(name, "the ")
			if ok && w.index[name] != nil {
				for _, ck := range w.index[name][morph.Noun] {
					if c := w.synsets[ck]; isCountry(c) {
						country = c
						break
					}
				}
			}
		}
		if country == nil {
			for _, p := range s.ptrs {
				if p.sym == "#p" {
					if c := w.synsets[p.key]; c != nil && isCountry(c) {
						country = c
						break
					}
				}
			}
		}
		if country == nil {
			continue
		}
		w.isPlace[s.key], w.isPlace[country.key] = true, true
		city := s.words[0]
		for _, cn := range country.words {
			if _, dup := capOf[cn]; !dup {
				capOf[cn] = city
			}
		}
		// A capital of a constituent country (London of England) is the
		// capital of the state it is part of (the United Kingdom) when that
		// state has none of its own in WordNet.
		for _, p := range country.ptrs {
			if c := w.synsets[p.key]; p.sym == "#p" && c != nil && isCountry(c) {
				promoted = append(promoted, [2]string{c.key, city})
			}
		}
		for _, cw := range s.words {
			if strings.Contains(cw, "capital") {
				continue // "japanese capital" is a description, not a name
			}
			if _, dup := countryOf[cw]; !dup {
				countryOf[cw] = country.words[0]
			}
		}
	}
	for _, pc := range promoted {
		c := w.synsets[pc[0]]
		if _, has := capOf[c.words[0]]; has {
			continue
		}
		w.isPlace[c.key] = true
		for _, cn := range c.words {
			if _, dup := capOf[cn]; !dup {
				capOf[cn] = pc[1]
			}
		}
	}
	return capOf, countryOf
}
