package main

import (
	"math"
	"sort"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/spelling"
)

type table struct {
	words     []string // sorted
	pos       []uint8
	fam       []uint8 // familiarity bucket, see famBucket
	rels      [][]outRel
	exc       []excEntry
	capitals  [][2]int // country → capital
	countryOf [][2]int // capital (any of its names) → country
	keyed     int
	nrel      int
}

type outRel struct {
	target int
	w      uint8
	kind   uint8
}

type excEntry struct {
	infl string
	pos  uint8
	base int
}

func (w *wn) build() *table {
	w.pertainedBy = map[string][]backPtr{}
	for _, s := range w.synsets {
		for _, p := range s.ptrs {
			if p.sym == `\` && p.src > 0 {
				w.pertainedBy[p.key] = append(w.pertainedBy[p.key], backPtr{from: s, src: p.src, dst: p.dst})
			}
		}
	}
	all := map[string]relset{}
	for lemma := range w.index {
		rs := relset{}
		w.relate(lemma, rs, 1)
		all[lemma] = rs
	}
	capOf, countryOf := w.capitals()
	for city, country := range countryOf {
		all[city].addLimit(country, wCapital*math.Sqrt(w.capitalProb(city)), kCapital, wCapital)
	}
	for country, city := range capOf {
		all[country].addLimit(city, wCapitalOf*math.Sqrt(w.capitalProb(country)), kCapital, wCapitalOf)
	}
	// A lemma that is also an inflection of another lemma ("troops",
	// "states") speaks for both, in proportion to how often each was
	// tagged; otherwise "member states" would expand to the United States.
	for lemma := range w.index {
		merged := false
		// Any part of speech: "provoked" is listed as an adjective but is
		// also the past of the verb "provoke".
		for p := morph.Noun; p < morph.NumPOS && !merged; p++ {
			var bases []string
			bases = append(bases, w.exc[p][lemma]...)
			morph.Detach(lemma, p, func(b string) bool {
				if e := w.index[b]; e != nil && len(e[p]) > 0 {
					bases = append(bases, b)
					return true
				}
				return false
			})
			for _, b := range bases {
				if b == lemma || w.index[b] == nil {
					continue
				}
				// A word listed in its own right mostly means that
				// ("physics" is seldom the plural of "physic"), hence the
				// double mass; the inflection link weighs the base's share.
				ml, mb := 2*w.mass(lemma), w.mass(b)
				rs := relset{}
				for u, r := range all[lemma] {
					rs.addLimit(u, r.w*ml/(ml+mb), r.kind, r.limit)
				}
				w.relate(b, rs, mb/(ml+mb))
				rs.add(b, mb/(ml+mb), kInflection)
				all[lemma] = rs
				merged = true
				break
			}
		}
	}
	// Spelling variants, both ways; a British form WordNet lacks still
	// becomes a target so "skepticism" can lead to the briefing's
	// "scepticism".
	for lemma := range w.index {
		for _, v := range spelling.Variants(lemma, w.knownBase) {
			all[lemma].add(v, 1, kSpelling)
			if w.index[v] == nil && all[v] == nil {
				all[v] = relset{}
			}
		}
	}

	t := &table{}
	for word := range all {
		t.words = append(t.words, word)
	}
	sort.Strings(t.words)
	id := make(map[string]int, len(t.words))
	for i, s := range t.words {
		id[s] = i
	}
	t.pos = make([]uint8, len(t.words))
	t.fam = make([]uint8, len(t.words))
	t.rels = make([][]outRel, len(t.words))
	for i, word := range t.words {
		t.fam[i] = w.familiarity(word)
		if e := w.index[word]; e != nil {
			for p := morph.Noun; p < morph.NumPOS; p++ {
				if len(e[p]) > 0 {
					t.pos[i] |= 1 << p
				}
			}
		}
		type cand struct {
			word string
			r    *rel
		}
		var cs []cand
		for u, r := range all[word] {
			if u == word {
				continue
			}
			if r.kind == kSynonym && abbreviates(word, u) {
				r.kind = kAbbreviation
			}
			r.w = math.Min(r.w, r.limit)
			if r.w >= *minWeight {
				cs = append(cs, cand{u, r})
			}
		}
		sort.Slice(cs, func(a, b int) bool {
			if cs[a].r.w != cs[b].r.w {
				return cs[a].r.w > cs[b].r.w
			}
			return cs[a].word < cs[b].word
		})
		n := 0
		for _, c := range cs {
			fixed := c.r.kind == kSpelling || c.r.kind == kInflection
			if !fixed && n >= *maxRel {
				continue
			}
			if !fixed {
				n++
			}
			q := uint8(math.Round(c.r.w * 255))
			t.rels[i] = append(t.rels[i], outRel{target: id[c.word], w: q, kind: c.r.kind})
		}
		if len(t.rels[i]) > 0 {
			t.keyed++
			t.nrel += len(t.rels[i])
		}
	}
	for p := morph.Noun; p < morph.NumPOS; p++ {
		for infl, bases := range w.exc[p] {
			for _, b := range bases {
				if j, ok := id[b]; ok && b != infl && w.index[b] != nil {
					t.exc = append(t.exc, excEntry{infl: infl, pos: uint8(p), base: j})
				}
			}
		}
	}
	sort.Slice(t.exc, func(a, b int) bool {
		x, y := t.exc[a], t.exc[b]
		if x.infl != y.infl {
			return x.infl < y.infl
		}
		if x.pos != y.pos {
			return x.pos < y.pos
		}
		return x.base < y.base
	})
	for country, city := range capOf {
		t.capitals = append(t.capitals, [2]int{id[country], id[city]})
	}
	for city, country := range countryOf {
		t.countryOf = append(t.countryOf, [2]int{id[city], id[country]})
	}
	for _, ps := range [][][2]int{t.capitals, t.countryOf} {
		sort.Slice(ps, func(a, b int) bool { return ps[a][0] < ps[b][0] })
	}
	return t
}
