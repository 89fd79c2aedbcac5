// Package search is lexical retrieval over knowledge chunks: BM25 with real
// text analysis (Unicode normalisation, Snowball stemming and stop words),
// typo correction against the corpus vocabulary, query expansion with
// offline lexical knowledge (WordNet lemmas and relations), and adjacent
// word pairs as phrases. Neighbouring paragraphs are added as context by the
// answering pipeline, not here: mixing their scores into the ranking lost
// more than it gained on held-out questions.
package search

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/briefbot/briefbot/knowledge"
)

// BM25 parameters: the usual defaults, which suit paragraph-sized chunks.
const (
	k1 = 1.2
	b  = 0.75
)

type posting struct {
	doc int32
	tf  float32
}

// An impact is what one term adds to a chunk's score per unit of the
// query term's weight: by its text alone, and by its text and its
// questions field together. BM25's saturation and length normalisation
// depend on nothing but the chunk, so they are done at build time and a
// search only multiplies and adds.
type impact struct {
	doc       int32
	text, all float32
}

// Index is an immutable in-memory BM25 index; safe for concurrent use. It
// memoises per-word query work (see wordPlan), which is invisible to callers
// but for speed.
type Index struct {
	chunks  []knowledge.Chunk
	termID  map[string]int32
	bigrams map[uint64]int32 // two term ids in a row → posting list id
	nIDs    int32            // term and bigram ids given out
	// impacts hold what each term adds to each chunk's score, worked out
	// once when the index is built.
	impacts [][]impact
	idf     []float32 // the text's: Mass, Overlap, and whether a term is in the text
	spread  []float32 // per term: see Result.Spread
	// questions: some chunk has questions (knowledge.Chunk.Questions),
	// ranked as a field of their own; uneven: some briefings have
	// questions, some none (see oneBriefing).
	questions, uneven bool
	typos             *speller
	expand            Expander
	an                *analyzer
	// scores is a pool of per-query accumulators, one float per chunk, so a
	// query allocates nothing proportional to the corpus.
	scores sync.Pool
	// plans memoises the work on each query word: word → *wordPlan.
	plans  sync.Map
	nPlans atomic.Int64 // plans stored for words outside the corpus
	noMemo bool         // tests: make every plan afresh, to compare
}

// Expander proposes related words for a query word (synonyms, derived
// forms, demonyms…), each with a weight in (0, 1]. An Index asks once per
// word and remembers the answer, so Expand (and Correct, Known and Lemma,
// where an Expander has them) must answer the same for the same word.
type Expander interface {
	Expand(word string) []Expansion
}

// Expansion is one related word and how much it counts next to the original.
type Expansion struct {
	Word   string
	Weight float64
}

// Option configures an Index.
type Option func(*Index)

// WithExpander turns on query expansion.
func WithExpander(e Expander) Option { return func(ix *Index) { ix.expand = e } }

// New builds an index over chunks. Title words are indexed with every chunk
// of a briefing, so that with several briefings a question naming one's
// subject leans towards it.
func New(chunks []knowledge.Chunk, opts ...Option) *Index {
	ix := &Index{
		chunks:  chunks,
		termID:  map[string]int32{},
		bigrams: map[uint64]int32{},
		typos:   newSpeller(),
		an:      &analyzer{},
	}
	for _, o := range opts {
		o(ix)
	}
	if l, ok := ix.expand.(Lemmatizer); ok {
		ix.an.lem = l
	}
	text, qs := newField(len(chunks)), newField(len(chunks))
	var c counts
	for d, ch := range chunks {
		var n float32
		prev := int32(-1)
		for _, t := range ix.an.analyze(ch.Text) {
			ix.typos.add(t.word)
			if t.term == "" {
				continue
			}
			id := ix.id(t.term)
			c.add(id, 1)
			n++
			if prev >= 0 {
				c.add(ix.bigram(prev, id, true), 1)
			}
			prev = id
		}
		if d == 0 || chunks[d-1].BriefingID != ch.BriefingID {
			// A briefing's first paragraph carries its dateline, so questions
			// about when and where it was written belong there.
			for _, t := range ix.an.analyze(metaWords + ch.Date) {
				if t.term != "" {
					c.add(ix.id(t.term), 0.5)
				}
			}
		}
		// Title words count half: they say what the whole briefing is about,
		// not what this paragraph says.
		for _, t := range ix.an.analyze(ch.Title) {
			if t.term != "" {
				c.add(ix.id(t.term), 0.5)
			}
		}
		text.lens[d] = n
		c.flush(text, d)
	}
	// The questions field: its own postings, lengths and IDF, in the same
	// term ids, phrases counted as in the text.
	for d, ch := range chunks {
		var n float32
		for _, q := range ch.Questions {
			prev := int32(-1)
			for _, t := range ix.an.analyze(q) {
				if t.term == "" {
					continue
				}
				id := ix.id(t.term)
				c.add(id, 1)
				n++
				if prev >= 0 {
					c.add(ix.bigram(prev, id, true), 1)
				}
				prev = id
			}
		}
		qs.lens[d] = n
		c.flush(qs, d)
	}
	text.finish(ix.nIDs)
	qs.finish(ix.nIDs)
	ix.idf = text.idf
	ix.spread = spreads(chunks, text.postings)
	ix.impacts = scoreAll(text, qs)
	ix.questions = qs.avgLen > 0
	ix.uneven = uneven(chunks)
	ix.typos.build()
	ix.scores.New = func() any { s := make([]float32, len(chunks)); return &s }
	return ix
}

// A field is one indexed field of the chunks (their text, their
// questions) while New builds the index: per term id, the chunks holding
// it and how often; per chunk, its length in terms. Only impacts outlive
// the build.
type field struct {
	postings [][]posting
	lens     []float32
	avgLen   float32
	idf      []float32
}

func newField(chunks int) *field { return &field{lens: make([]float32, chunks)} }

// finish sizes the postings to the n ids given out and works out the
// average length and the IDF.
func (f *field) finish(n int32) {
	if grow := int(n) - len(f.postings); grow > 0 {
		f.postings = append(f.postings, make([][]posting, grow)...)
	}
	var total float64
	for _, l := range f.lens {
		total += float64(l)
	}
	if len(f.lens) > 0 {
		f.avgLen = float32(total / float64(len(f.lens)))
	}
	f.idf = idfs(f.postings, len(f.lens))
}

// counts gathers one chunk's term frequencies in a dense slice indexed by
// term id, with the ids touched listed, so a chunk costs no map
// operations.
type counts struct {
	acc     []float32
	touched []int32
}

func (c *counts) add(id int32, w float32) {
	if grow := int(id) + 1 - len(c.acc); grow > 0 {
		c.acc = append(c.acc, make([]float32, grow)...)
	}
	if c.acc[id] == 0 {
		c.touched = append(c.touched, id)
	}
	c.acc[id] += w
}

// flush adds chunk d's counts to f's postings, and starts the next chunk.
// Chunks are flushed in order, so every posting list is in chunk order.
func (c *counts) flush(f *field, d int) {
	for _, id := range c.touched {
		if grow := int(id) + 1 - len(f.postings); grow > 0 {
			f.postings = append(f.postings, make([][]posting, grow)...)
		}
		f.postings[id] = append(f.postings[id], posting{doc: int32(d), tf: c.acc[id]})
		c.acc[id] = 0
	}
	c.touched = c.touched[:0]
}

// idfs returns the BM25 IDF of every term of postings over n documents; 0
// for a term no document of the field holds, so that a term of the other
// field alone weighs nothing in this one.
func idfs(postings [][]posting, n int) []float32 {
	out := make([]float32, len(postings))
	N := float64(n)
	for id, ps := range postings {
		if len(ps) == 0 {
			continue
		}
		df := float64(len(ps))
		out[id] = float32(math.Log(1 + (N-df+0.5)/(df+0.5)))
	}
	return out
}

// questionWeight is how much the questions field counts next to the text.
// Chosen on the blind tuning questions (paraphrases' hit@3 0.60 → 0.86 at
// 1.0, a plateau from 0.8 to 2.5); see the README.
const questionWeight = 1.0

// metaWords are the words people use to ask about a briefing's date.
const metaWords = "date dated dateline published written when "

// bigram returns the posting list id of two content words in a row, keyed
// by their term ids; create adds it when missing. ok is false when absent.
func (ix *Index) bigram(a, b int32, create bool) int32 {
	key := uint64(a)<<32 | uint64(uint32(b))
	id, ok := ix.bigrams[key]
	if !ok {
		if !create {
			return -1
		}
		id = ix.nIDs
		ix.nIDs++
		ix.bigrams[key] = id
	}
	return id
}

func (ix *Index) id(term string) int32 {
	id, ok := ix.termID[term]
	if !ok {
		id = ix.nIDs
		ix.nIDs++
		ix.termID[term] = id
	}
	return id
}

// Len returns the number of chunks indexed.
func (ix *Index) Len() int { return len(ix.chunks) }

// Chunks returns the indexed chunks in corpus order. Callers must not modify
// the slice.
func (ix *Index) Chunks() []knowledge.Chunk { return ix.chunks }

// Hit is one retrieved chunk.
type Hit struct {
	Chunk knowledge.Chunk
	Score float64
	// Index is the chunk's position in corpus order, for neighbours.
	Index int
}

// WordMatch tells how one content word of the question met the corpus.
type WordMatch struct {
	Word  string // as typed, lower case
	Found bool   // the word, a correction of it or a related word occurs
	Via   string // "", or the corrected/related corpus word that matched
	// Credit in [0, 1] is how well the word was matched: 1 for the word
	// itself, less for a typo correction, a related word's weight for a
	// relation, 0 when missing.
	// Rare is true for words that look like names or figures (digits, or
	// unknown to the lexicon); missing ones weigh more against coverage.
	Rare   bool
	Credit float64
}

// Result is a ranked list of chunks and how the question's words matched.
type Result struct {
	Hits  []Hit
	Words []WordMatch
	terms []qterm
	ix    *Index
	// said is the best chunks by their text alone (see ByText), when the
	// index has questions; nil when Hits are those.
	said []ranked
}

// ByText returns r with its Hits ranked by the chunks' text alone, the
// questions field (knowledge.Chunk.Questions) left out: what a chunk's
// questions ask is not what it says, so whether the briefings cover a
// question is judged on this ranking, as it was fitted on it.
//
// It keeps as many as the caller kept of Hits (a caller that cut them to
// k, or fused them with another ranking and cut that, weighs k).
func (r Result) ByText() Result {
	if r.said != nil {
		r.Hits, r.said = r.ix.hits(r.said[:min(len(r.said), len(r.Hits))]), nil
	}
	return r
}

type qterm struct {
	id     int32
	weight float32
	// name: the question typed this term as a name English does not know
	// (isName); it weighs nameWeight times more in the ranking, not in
	// Overlap and Mass, which say how much of the question a text covers.
	name bool
}

// Mass is the most Overlap can give: the summed IDF × weight of every
// term the question brought to the index. Overlap(text) / Mass() is the
// share of the question's matched weight that text holds.
func (r Result) Mass() float64 {
	if r.ix == nil {
		return 0
	}
	var sum float64
	for _, qt := range r.terms {
		sum += float64(qt.weight * r.ix.idf[qt.id])
	}
	return sum
}

// Overlap scores how much of the question a piece of text (a sentence of a
// retrieved chunk, say) covers: the summed IDF × weight of the question's
// terms that occur in it. It lets callers pick the sentences that answer.
func (r Result) Overlap(text string) float64 {
	if r.ix == nil {
		return 0
	}
	var sum float64
	seen := map[int32]bool{}
	prev := int32(-1)
	for _, t := range r.ix.an.analyze(text) {
		if t.term == "" {
			continue
		}
		id, ok := r.ix.termID[t.term]
		if !ok {
			prev = -1
			continue
		}
		ids := [2]int32{id, -1}
		if prev >= 0 {
			ids[1] = r.ix.bigram(prev, id, false)
		}
		for _, id := range ids {
			if id < 0 || seen[id] {
				continue
			}
			for _, qt := range r.terms {
				if qt.id == id {
					seen[id] = true
					sum += float64(qt.weight * r.ix.idf[id])
				}
			}
		}
		prev = id
	}
	return sum
}

// Search returns the k best chunks for query, best first; equal scores keep
// corpus order so results are deterministic. Chunks are ranked by their
// text and their questions field together; Result.ByText has them ranked
// by their text alone.
func (ix *Index) Search(query string, k int) Result {
	terms, words := ix.queryTerms(query)
	res := Result{Words: words, terms: terms, ix: ix}
	if len(terms) == 0 || k <= 0 || len(ix.chunks) == 0 {
		return res
	}
	sp, ap := ix.scores.Get().(*[]float32), ix.scores.Get().(*[]float32)
	scores, all := *sp, *ap
	defer func() { clear(scores); clear(all); ix.scores.Put(sp); ix.scores.Put(ap) }()
	for _, qt := range terms {
		w := qt.weight
		if qt.name {
			w *= nameWeight
		}
		for _, p := range ix.impacts[qt.id] {
			scores[p.doc] += w * p.text
			all[p.doc] += w * p.all
		}
	}
	if !ix.questions {
		res.Hits = ix.top(scores, k)
		return res
	}
	// The text's own ranking is kept as pairs, and made Hits only when
	// ByText asks: most searches never do.
	res.said = rank(scores, k, make([]ranked, 0, k+1))
	ix.oneBriefing(scores, all)
	res.Hits = ix.top(all, k)
	return res
}

// oneBriefing leaves the questions field out of all for chunks of every
// briefing but the one whose text meets the query best, when some
// briefings have questions and some none (a moderator's upload has none):
// then the questions choose the paragraph within a briefing, not the
// briefing. Counted for all, a briefing's questions lifted its paragraphs
// above another's that say what is asked ("how did beijing react to the
// tariffs?" went to the NATO briefing's paragraphs on Beijing's reaction,
// away from the trade briefing's). Briefings that all have questions, or
// one briefing, are ranked with them throughout.
func (ix *Index) oneBriefing(scores, all []float32) {
	if !ix.uneven {
		return
	}
	best := -1
	for d, s := range scores {
		if s > 0 && (best < 0 || s > scores[best]) {
			best = d
		}
	}
	if best < 0 {
		return // no text meets it: nothing to choose a briefing by
	}
	b := ix.chunks[best].BriefingID
	for d := range all {
		if ix.chunks[d].BriefingID != b {
			all[d] = scores[d]
		}
	}
}

// uneven reports whether some of the chunks' briefings have questions and
// some have none.
func uneven(chunks []knowledge.Chunk) bool {
	with := map[string]bool{}
	for _, c := range chunks {
		with[c.BriefingID] = with[c.BriefingID] || len(c.Questions) > 0
	}
	some, none := false, false
	for _, w := range with {
		some, none = some || w, none || !w
	}
	return some && none
}

// scoreAll works out every term's impacts from the postings of the two
// fields (of one length), in chunk order.
func scoreAll(text, qs *field) [][]impact {
	bm25 := func(f *field, id int32, p posting) float32 {
		norm := k1 * (1 - b + b*f.lens[p.doc]/f.avgLen)
		return f.idf[id] * p.tf * (k1 + 1) / (p.tf + norm)
	}
	out := make([][]impact, len(text.postings))
	for id := range out {
		tp, qp := text.postings[id], qs.postings[id]
		if len(tp)+len(qp) == 0 {
			continue
		}
		imps := make([]impact, 0, max(len(tp), len(qp)))
		for i, j := 0, 0; i < len(tp) || j < len(qp); {
			var im impact
			switch {
			case j == len(qp) || i < len(tp) && tp[i].doc < qp[j].doc:
				im.doc = tp[i].doc
				im.text = bm25(text, int32(id), tp[i])
				im.all = im.text
				i++
			case i == len(tp) || qp[j].doc < tp[i].doc:
				im.doc = qp[j].doc
				im.all = questionWeight * bm25(qs, int32(id), qp[j])
				j++
			default: // both fields hold it
				im.doc = tp[i].doc
				im.text = bm25(text, int32(id), tp[i])
				im.all = im.text + questionWeight*bm25(qs, int32(id), qp[j])
				i++
				j++
			}
			imps = append(imps, im)
		}
		out[id] = imps
	}
	return out
}

// ranked is a chunk's position in corpus order and its score.
type ranked struct {
	d     int
	score float64
}

func (ix *Index) top(scores []float32, k int) []Hit {
	// Up to 16 fit on the stack.
	var buf [16]ranked
	return ix.hits(rank(scores, k, buf[:0]))
}

// rank returns the k best-scored chunks, best first, appended to best
// (empty). A bounded insertion list: k is small (≤ a few dozen), so this
// beats sorting every scored chunk of a large corpus. It ranks small,
// pointer-free pairs (a Hit carries its whole Chunk); hits makes the Hits
// once the ranking is done.
func rank(scores []float32, k int, best []ranked) []ranked {
	for d, s := range scores {
		if s == 0 {
			continue
		}
		score := float64(s)
		if len(best) == k && score <= best[k-1].score {
			continue // ties keep the earlier chunk, which is already in
		}
		// Insert after every chunk scored as high or higher, dropping
		// the last when full: a short shift, k being small.
		i := len(best)
		if i < k {
			best = append(best, ranked{})
		} else {
			i--
		}
		for ; i > 0 && best[i-1].score < score; i-- {
			best[i] = best[i-1]
		}
		best[i] = ranked{d: d, score: score}
	}
	return best
}

// hits makes the Hits of a ranking.
func (ix *Index) hits(best []ranked) []Hit {
	hits := make([]Hit, len(best))
	for i, r := range best {
		hits[i] = Hit{Chunk: ix.chunks[r.d], Score: r.score, Index: r.d}
	}
	return hits
}

// Spread is how central to a briefing the question's most central word
// is: the largest share of one briefing's chunks that hold a term the
// question met itself (or by a typo correction), title words counting for
// every chunk. An off-topic question that happens to meet one word of a
// briefing ("french onion soup") meets a word of one paragraph; a question
// about the briefing, however paraphrased, nearly always meets one of its
// subjects ("nato", "asia", "china").
func (r Result) Spread() float64 {
	if r.ix == nil {
		return 0
	}
	var best float32
	for _, qt := range r.terms {
		if qt.weight >= typoWeight {
			best = max(best, r.ix.spread[qt.id])
		}
	}
	return float64(best)
}

// spreads returns, for every term, the largest share of one briefing's
// chunks whose postings hold it. A briefing's chunks stand in a row (New
// relies on it for the dateline too), and so do a term's postings.
func spreads(chunks []knowledge.Chunk, postings [][]posting) []float32 {
	// first[d] is the index of the first chunk of d's briefing; size[d]
	// the number of its chunks.
	first := make([]int32, len(chunks))
	size := make([]int32, len(chunks))
	for d := range chunks {
		if d > 0 && chunks[d-1].BriefingID == chunks[d].BriefingID {
			first[d] = first[d-1]
		} else {
			first[d] = int32(d)
		}
		size[first[d]]++
	}
	out := make([]float32, len(postings))
	for id, ps := range postings {
		for i := 0; i < len(ps); {
			b := first[ps[i].doc]
			j := i
			for j < len(ps) && first[ps[j].doc] == b {
				j++
			}
			out[id] = max(out[id], float32(j-i)/float32(size[b]))
			i = j
		}
	}
	return out
}
