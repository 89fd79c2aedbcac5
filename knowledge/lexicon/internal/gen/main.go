// Command gen compiles WordNet 3.0 (Debian's wordnet-base, under
// /usr/share/wordnet) into the compact table the lexicon package embeds.
//
// It runs only when the table is rebuilt (go generate ./knowledge/lexicon);
// building and testing the bot never needs WordNet installed. The work done
// here — sense probabilities and familiarity from the tag counts, weighting,
// pruning and capping — is what keeps the embedded table small and the
// run-time lookup a plain array read. The table is stored uncompressed, in
// fixed-width arrays with its hash tables built in, so that the lexicon reads
// it in place: decoding costs a validation pass, not a decompression and a
// rebuild, in every process that uses it.
//
// Usage:
//
//	go run ./internal/gen -wordnet /usr/share/wordnet -o table.bin
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
	"github.com/briefbot/briefbot/knowledge/lexicon/internal/spelling"
)

// Kinds, in the order of lexicon.Kind; keep the two in step.
const (
	kSynonym uint8 = iota + 1
	kAbbreviation
	kSpelling
	kInflection
	kDerived
	kPertainym
	kSimilar
	kHypernym
	kHyponym
	kCapital
)

// Weights by kind, multiplied into the sense probabilities. They rank a
// synonym above a derived form above a broader term, because that is the
// order in which they keep a paraphrase's meaning.
const (
	wDerived   = 0.8
	wPertainym = 1.0
	wSimilar   = 0.5
	wHypernym  = 0.4
	wHyponym   = 0.5 // divided by √(number of hyponyms)
	wCapital   = 0.6 // city → its country
	wCapitalOf = 0.4 // country → its capital
	// maxHyponyms: a synset with more hyponyms than this is too general for
	// its hyponyms to stand in for it (spokesperson → spokesman is fine,
	// person → every kind of person is not).
	maxHyponyms = 8
)

var (
	wnDir     = flag.String("wordnet", "/usr/share/wordnet", "WordNet dict directory (data.*, index.*, *.exc, cntlist.rev)")
	outFile   = flag.String("o", "table.bin", "output file")
	minWeight = flag.Float64("min-weight", 0.05, "drop relations weighing less")
	minSense  = flag.Float64("min-sense", 0.03, "ignore senses less probable than this")
	maxRel    = flag.Int("max", 12, "keep at most this many relations per word (spelling and inflection links come on top)")
)

type ptr struct {
	sym      string
	key      string // target synset key
	src, dst int    // 1-based word numbers; 0 for a semantic pointer
}

type synset struct {
	key     string
	pos     byte // n v a s r, as in the data file
	lexfile int
	words   []string // lower case, spaces for underscores
	raw     []string // as written (underscores, case), for sense keys
	lexids  []int
	ptrs    []ptr
}

// sense is one meaning of a lemma: a synset and where the lemma sits in it.
type sense struct {
	ss   *synset
	word int // index into ss.words
	p    float64
}

type wn struct {
	synsets map[string]*synset
	index   map[string]*[morph.NumPOS][]string // lemma → synset keys per POS
	counts  map[string]int                     // sense key → tag count
	exc     [morph.NumPOS]map[string][]string
	senses  map[string][]sense
	// pertainedBy lists, per noun synset, the adjectives pertaining to it.
	pertainedBy map[string][]backPtr
	// isPlace marks the synsets of capitals and their countries.
	isPlace map[string]bool
}

var filePOS = [morph.NumPOS]string{"noun", "verb", "adj", "adv"}

func posOf(c byte) morph.POS {
	switch c {
	case 'n':
		return morph.Noun
	case 'v':
		return morph.Verb
	case 'a', 's':
		return morph.Adj
	}
	return morph.Adv
}

func skey(pos morph.POS, off string) string { return string("nvar"[pos]) + off }

func norm(lemma string) string {
	// Adjective markers such as "(a)" or "(ip)" are syntax, not spelling.
	if i := strings.IndexByte(lemma, '('); i > 0 {
		lemma = lemma[:i]
	}
	return strings.ReplaceAll(strings.ToLower(lemma), "_", " ")
}

func main() {
	log.SetFlags(0)
	flag.Parse()
	w := &wn{
		synsets: map[string]*synset{},
		index:   map[string]*[morph.NumPOS][]string{},
		counts:  map[string]int{},
	}
	for p := morph.Noun; p < morph.NumPOS; p++ {
		must(w.readData(p))
		must(w.readIndex(p))
		must(w.readExc(p))
	}
	must(w.readCounts())
	w.computeSenses()
	t := w.build()
	var raw bytes.Buffer
	must(t.encode(&raw))
	must(os.WriteFile(*outFile, raw.Bytes(), 0o644))
	log.Printf("gen: %d words, %d with relations, %d relations, %d exceptions, %d countries with a capital; %d bytes",
		len(t.words), t.keyed, t.nrel, len(t.exc), len(t.capitals), raw.Len())
}

func must(err error) {
	if err != nil {
		log.Fatal("gen: ", err)
	}
}

func lines(name string, fn func(line string) error) error {
	f, err := os.Open(filepath.Join(*wnDir, name))
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == ' ' { // licence header
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

func (w *wn) readData(p morph.POS) error {
	return lines("data."+filePOS[p], func(line string) error {
		if i := strings.Index(line, " | "); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		lexfile, _ := strconv.Atoi(f[1])
		ss := &synset{key: skey(p, f[0]), pos: f[2][0], lexfile: lexfile}
		nw, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return err
		}
		i := 4
		for j := 0; j < int(nw); j++ {
			id, _ := strconv.ParseInt(f[i+1], 16, 32)
			ss.raw = append(ss.raw, f[i])
			ss.words = append(ss.words, norm(f[i]))
			ss.lexids = append(ss.lexids, int(id))
			i += 2
		}
		np, _ := strconv.Atoi(f[i])
		i++
		for j := 0; j < np; j++ {
			sd, _ := strconv.ParseUint(f[i+3], 16, 16)
			ss.ptrs = append(ss.ptrs, ptr{
				sym: f[i],
				key: skey(posOf(f[i+2][0]), f[i+1]),
				src: int(sd >> 8), dst: int(sd & 0xff),
			})
			i += 4
		}
		w.synsets[ss.key] = ss
		return nil
	})
}

func (w *wn) readIndex(p morph.POS) error {
	return lines("index."+filePOS[p], func(line string) error {
		f := strings.Fields(line)
		lemma := norm(f[0])
		nsyn, _ := strconv.Atoi(f[2])
		np, _ := strconv.Atoi(f[3])
		offs := f[4+np+2:]
		if len(offs) != nsyn {
			return fmt.Errorf("index line for %q: %d offsets, want %d", lemma, len(offs), nsyn)
		}
		e := w.index[lemma]
		if e == nil {
			e = new([morph.NumPOS][]string)
			w.index[lemma] = e
		}
		for _, o := range offs {
			e[p] = append(e[p], skey(p, o))
		}
		return nil
	})
}

func (w *wn) readExc(p morph.POS) error {
	w.exc[p] = map[string][]string{}
	return lines(filePOS[p]+".exc", func(line string) error {
		f := strings.Fields(line)
		infl := norm(f[0])
		for _, b := range f[1:] {
			w.exc[p][infl] = append(w.exc[p][infl], norm(b))
		}
		return nil
	})
}

func (w *wn) readCounts() error {
	return lines("cntlist.rev", func(line string) error {
		f := strings.Fields(line)
		n, err := strconv.Atoi(f[2])
		w.counts[f[0]] += n
		return err
	})
}

var ssType = map[byte]int{'n': 1, 'v': 2, 'a': 3, 'r': 4, 's': 5}

// senseKey builds WordNet's sense key (senseidx(5WN)) for word i of ss, the
// key under which cntlist.rev counts how often that sense was tagged.
func (w *wn) senseKey(ss *synset, i int) string {
	head, headID := "", ""
	if ss.pos == 's' {
		for _, p := range ss.ptrs {
			if p.sym == "&" {
				if h := w.synsets[p.key]; h != nil {
					head = strings.ToLower(h.raw[0])
					if j := strings.IndexByte(head, '('); j > 0 {
						head = head[:j]
					}
					headID = fmt.Sprintf("%02d", h.lexids[0])
				}
				break
			}
		}
	}
	lemma := strings.ToLower(ss.raw[i])
	if j := strings.IndexByte(lemma, '('); j > 0 {
		lemma = lemma[:j]
	}
	return fmt.Sprintf("%s%%%d:%02d:%02d:%s:%s", lemma, ssType[ss.pos], ss.lexfile, ss.lexids[i], head, headID)
}

func (w *wn) known(word string) bool { return w.index[word] != nil }

// knownBase reports whether word is a lemma or a regular inflection of one,
// the guard spelling.Variants needs.
func (w *wn) knownBase(word string) bool {
	if w.known(word) {
		return true
	}
	for p := morph.Noun; p < morph.NumPOS; p++ {
		if len(w.exc[p][word]) > 0 {
			return true
		}
		found := false
		morph.Detach(word, p, func(b string) bool {
			found = w.index[b] != nil && len(w.index[b][p]) > 0
			return found
		})
		if found {
			return true
		}
	}
	return false
}

// computeSenses gives every lemma its senses and their probabilities: the
// tag counts from cntlist.rev (pooled with the lemma's spelling variants, as
// WordNet tagged "defense" but not "defence"), plus a small prior that falls
// with WordNet's sense rank so untagged senses still order sensibly.
func (w *wn) computeSenses() {
	w.senses = make(map[string][]sense, len(w.index))
	for lemma, e := range w.index {
		var ss []sense
		var cs []float64
		vars := spelling.Variants(lemma, w.knownBase)
		for p := morph.Noun; p < morph.NumPOS; p++ {
			for rank, k := range e[p] {
				s := w.synsets[k]
				wi := -1
				for i, x := range s.words {
					if x == lemma {
						wi = i
						break
					}
				}
				if wi < 0 {
					continue
				}
				c := float64(w.counts[w.senseKey(s, wi)])
				for _, v := range vars {
					for i, x := range s.words {
						if x == v {
							c += float64(w.counts[w.senseKey(s, i)])
						}
					}
				}
				prior := 0.6 / float64(rank+1)
				if chemSymbol(s, wi) {
					// "eu" is the European Union far more often than
					// europium, whatever WordNet's untagged order says.
					prior *= 0.1
				}
				ss = append(ss, sense{ss: s, word: wi})
				cs = append(cs, c+prior)
			}
		}
		total := 0.0
		for _, c := range cs {
			total += c
		}
		for i := range ss {
			ss[i].p = cs[i] / total
		}
		w.senses[lemma] = ss
	}
}

// chemSymbol reports a chemical element's symbol ("Eu", "As", "In"): a
// one- or two-letter capitalised name in the substance lexicographer file.
func chemSymbol(s *synset, i int) bool {
	r := s.raw[i]
	return s.lexfile == 27 && len(r) <= 2 && r[0] >= 'A' && r[0] <= 'Z' && (len(r) == 1 || (r[1] >= 'a' && r[1] <= 'z'))
}

// prob is P(synset | lemma): how likely an occurrence of lemma means key.
func (w *wn) prob(lemma, key string) float64 {
	for _, s := range w.senses[lemma] {
		if s.ss.key == key {
			return s.p
		}
	}
	return 0
}

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

// mass is how often a lemma was tagged, all senses together, with the same
// prior computeSenses uses.
func (w *wn) mass(lemma string) float64 {
	m := 0.0
	e := w.index[lemma]
	for p := morph.Noun; p < morph.NumPOS; p++ {
		for rank, k := range e[p] {
			s := w.synsets[k]
			for i, x := range s.words {
				if x == lemma {
					m += float64(w.counts[w.senseKey(s, i)]) + 0.6/float64(rank+1)
				}
			}
		}
	}
	return m
}

// famLog2Max is log₂(1+n) of the largest count familiarity distinguishes:
// 2¹⁴ − 1 tagged senses, about what "be" has (16,667); familiarity is
// log₂(1+n)/famLog2Max in 256 steps.
const famLog2Max = 14

// famRaw is a lemma's WordNet familiarity: how often its senses, in every
// part of speech, were tagged in the semantic concordances (cntlist.rev),
// plus its number of synsets, which orders the many untagged lemmas by
// polysemy. It is 0 only for a word WordNet does not list.
func (w *wn) famRaw(lemma string) int {
	e := w.index[lemma]
	if e == nil {
		return 0
	}
	n := 0
	for p := morph.Noun; p < morph.NumPOS; p++ {
		for _, k := range e[p] {
			s := w.synsets[k]
			for i, x := range s.words {
				if x == lemma {
					n += w.counts[w.senseKey(s, i)]
				}
			}
			n++
		}
	}
	return n
}

// famBucket maps a raw familiarity onto 0..255, logarithmically: every
// known word gets at least 18 (n = 1), "be" and above 255.
func famBucket(n int) uint8 {
	if n <= 0 {
		return 0
	}
	return uint8(math.Min(255, math.Round(255*math.Log2(1+float64(n))/famLog2Max)))
}

// familiarity is the bucket the table stores for a word: its own, pooled
// over its spelling variants by taking the largest (WordNet tagged
// "defense", not "defence"). An inflected form takes its base's at run time,
// where the lexicon looks the bases up.
func (w *wn) familiarity(word string) uint8 {
	f := famBucket(w.famRaw(word))
	for _, v := range spelling.Variants(word, w.knownBase) {
		f = max(f, famBucket(w.famRaw(v)))
	}
	return f
}

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

// Limits of the packed relation word (see encode): 20 bits of target word,
// 8 of weight, 4 of kind.
const (
	relTargetBits = 20
	relWeightBits = 8
	maxWords      = 1 << relTargetBits
)

// encode writes the table format lexicon.decode reads. Everything is a
// fixed-width array (integers little-endian uint32) so that the lexicon
// reads the embedded bytes in place, with no decompression and no copy:
//
//	magic "BBLEX3\n" (the digit is the format version)
//	header: 9 × u32: N words, R relations, S word slots, L word bytes,
//	        E exceptions, T exception slots, X exception bytes,
//	        C capitals, D countries
//	(N+1) × u32  word ends: word i is words[end[i]:end[i+1]], end[0] = 0
//	(N+1) × u32  relation starts: word i's are rels[start[i]:start[i+1]]
//	R × u32      relations: target | weight×255 << 20 | kind << 28
//	S × u32      hash of the words (FNV-1a, linear probing, S a power of
//	             two ≥ 2N): word index + 1, 0 for an empty slot
//	N × u8       POS mask (bit p for morph.POS p)
//	N × u8       familiarity (famBucket; 0 for a word WordNet does not list)
//	L bytes      the words, concatenated in sorted order
//	(E+1) × u32  exception ends into the exception bytes, as for words
//	E × u32      exception base (a word index)
//	E × u8       exception POS
//	T × u32      hash of the distinct inflected forms (as for words): index
//	             + 1 of the form's first exception; a form's exceptions are
//	             consecutive, sorted by (form, POS, base)
//	X bytes      the inflected forms, concatenated
//	C × 2 u32    (country, capital), sorted by country
//	D × 2 u32    (capital, country), sorted by capital
func (t *table) encode(b *bytes.Buffer) error {
	if len(t.words) >= maxWords {
		return fmt.Errorf("%d words: the packed relation format holds at most %d", len(t.words), maxWords-1)
	}
	u32 := func(x int) { b.Write(binary.LittleEndian.AppendUint32(nil, uint32(x))) }
	var words, excWords strings.Builder
	for _, w := range t.words {
		words.WriteString(w)
	}
	for _, e := range t.exc {
		excWords.WriteString(e.infl)
	}
	wordSlots := hashTable(len(t.words), func(i int) string { return t.words[i] })
	// Only the first exception of each inflected form goes in its hash.
	var firsts []int
	for i, e := range t.exc {
		if i == 0 || t.exc[i-1].infl != e.infl {
			firsts = append(firsts, i)
		}
	}
	excSlots := hashTable(len(firsts), func(i int) string { return t.exc[firsts[i]].infl })
	for i, s := range excSlots {
		if s != 0 {
			excSlots[i] = uint32(firsts[s-1] + 1)
		}
	}

	b.WriteString("BBLEX3\n")
	for _, n := range []int{len(t.words), t.nrel, len(wordSlots), words.Len(), len(t.exc), len(excSlots), excWords.Len(), len(t.capitals), len(t.countryOf)} {
		u32(n)
	}
	end := 0
	u32(0)
	for _, w := range t.words {
		end += len(w)
		u32(end)
	}
	start := 0
	u32(0)
	for _, rs := range t.rels {
		start += len(rs)
		u32(start)
	}
	for _, rs := range t.rels {
		for _, r := range rs {
			u32(r.target | int(r.w)<<relTargetBits | int(r.kind)<<(relTargetBits+relWeightBits))
		}
	}
	for _, s := range wordSlots {
		u32(int(s))
	}
	b.Write(t.pos)
	b.Write(t.fam)
	b.WriteString(words.String())
	end = 0
	u32(0)
	for _, e := range t.exc {
		end += len(e.infl)
		u32(end)
	}
	for _, e := range t.exc {
		u32(e.base)
	}
	for _, e := range t.exc {
		b.WriteByte(e.pos)
	}
	for _, s := range excSlots {
		u32(int(s))
	}
	b.WriteString(excWords.String())
	for _, ps := range [][][2]int{t.capitals, t.countryOf} {
		for _, c := range ps {
			u32(c[0])
			u32(c[1])
		}
	}
	return nil
}

// hashTable lays out an open-addressing hash of n keys as the lexicon probes
// it: FNV-1a, linear probing, a power-of-two size at least 2n (so probes are
// short and there is always an empty slot to stop at); a slot holds key
// index + 1, 0 when empty.
func hashTable(n int, key func(int) string) []uint32 {
	size := 1
	for size < 2*n {
		size <<= 1
	}
	slots := make([]uint32, size)
	mask := uint32(size - 1)
	for i := 0; i < n; i++ {
		h := hash(key(i)) & mask
		for slots[h] != 0 {
			h = (h + 1) & mask
		}
		slots[h] = uint32(i + 1)
	}
	return slots
}

// hash is FNV-1a, as lexicon.hash; keep the two in step.
func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
