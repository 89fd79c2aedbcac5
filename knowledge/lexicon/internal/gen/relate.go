package main

import (
	"math"
	"strings"
)

type rel struct {
	w    float64
	kind uint8
	best float64 // weight of the strongest single contribution, for kind
	// limit caps the summed weight at the largest kind factor seen, so a
	// derived form reached through two senses stays a derived form (≤ 0.8).
	limit float64
}

type relset map[string]*rel

func (r relset) add(word string, weight float64, kind uint8) {
	r.addLimit(word, weight, kind, 1)
}

func (r relset) addLimit(word string, weight float64, kind uint8, limit float64) {
	if weight <= 0 {
		return
	}
	e := r[word]
	if e == nil {
		e = &rel{}
		r[word] = e
	}
	e.w += weight
	e.limit = math.Max(e.limit, limit)
	if weight > e.best || kind == kSpelling || kind == kInflection {
		e.best, e.kind = weight, kind
	}
}

// relate gathers the relations of one lemma. A target's weight sums, over
// the lemma's senses, P(sense | lemma) × √P(target's sense | target) × the
// kind's weight: the first factor keeps the lemma's rare senses from
// speaking for it, the second keeps a target from being offered for a sense
// it seldom has (office → function, where "function" rarely means office).
func (w *wn) relate(lemma string, rs relset, scale float64) {
	for _, s := range w.senses[lemma] {
		if s.p < *minSense {
			continue
		}
		ps := s.p * scale
		for i, u := range s.ss.words {
			if i != s.word {
				rs.add(u, ps*math.Sqrt(w.prob(u, s.ss.key)), kSynonym)
			}
		}
		nhypo := 0
		for _, p := range s.ss.ptrs {
			if p.sym == "~" {
				nhypo++
			}
		}
		for _, p := range s.ss.ptrs {
			t := w.synsets[p.key]
			if t == nil {
				continue
			}
			var kind uint8
			var kw float64
			switch {
			case p.sym == "+" && p.src == s.word+1:
				kind, kw = kDerived, wDerived
			case p.sym == `\` && p.src == s.word+1:
				// An adjective's pertainym is the noun it is about, whatever
				// else the noun means ("chinese" → "china", though most
				// tagged "china" is porcelain), so no damping by the
				// target; √ of the source sense because a demonym's other
				// senses (the people, the language) point the same way.
				u := t.words[p.dst-1]
				rs.addLimit(u, scale*wPertainym*math.Sqrt(s.p), kPertainym, wPertainym)
				continue
			case p.sym == "&":
				kind, kw = kSimilar, wSimilar
			case p.sym == "@" && s.p >= 0.3:
				kind, kw = kHypernym, wHypernym
			case p.sym == "~" && nhypo <= maxHyponyms && s.p >= 0.2:
				kind, kw = kHyponym, wHyponym
			default:
				continue
			}
			if kind == kHyponym {
				// Share the weight among the hyponyms: the more ways there
				// are to be narrower, the less any one stands for the whole.
				kw /= math.Sqrt(float64(nhypo))
			}
			if p.dst > 0 {
				u := t.words[p.dst-1]
				rs.addLimit(u, ps*kw*math.Sqrt(w.prob(u, t.key)), kind, kw)
				continue
			}
			for _, u := range t.words {
				rs.addLimit(u, ps*kw*math.Sqrt(w.prob(u, t.key)), kind, kw)
			}
		}
	}
	// Pertainyms point from adjective to noun only; the noun side (france →
	// french) is as useful to a query. Every sense counts, however rare,
	// and is floored: WordNet hangs "chinese" on the Taiwan sense of
	// "china", yet a question's "china" still wants "chinese".
	for _, s := range w.senses[lemma] {
		for _, pr := range w.pertainedBy[s.ss.key] {
			if pr.dst == 0 || pr.dst-1 == s.word {
				u := pr.from.words[pr.src-1]
				adj := math.Sqrt(w.prob(u, pr.from.key))
				rs.addLimit(u, scale*wPertainym*adj*math.Max(math.Sqrt(s.p), 0.5), kPertainym, wPertainym)
			}
		}
	}
}

type backPtr struct {
	from     *synset
	src, dst int
}

// abbreviates reports an initialism and its expansion among synonyms
// ("us" / "united states", "u.s." / "us", "eu" / "european union").
func abbreviates(a, b string) bool {
	ini := func(long string) string {
		var sb strings.Builder
		for _, f := range strings.Fields(long) {
			if f == "of" || f == "the" || f == "and" {
				continue
			}
			sb.WriteByte(f[0])
		}
		return sb.String()
	}
	bare := func(s string) string { return strings.ReplaceAll(s, ".", "") }
	for _, p := range [2][2]string{{a, b}, {b, a}} {
		short, long := bare(p[0]), p[1]
		if strings.Contains(short, " ") || len(short) < 2 || len(short) > 5 {
			continue
		}
		if short == bare(long) && short != long {
			return true
		}
		if strings.Contains(long, " ") && short == ini(long) {
			return true
		}
	}
	return false
}
