package quiz

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// ErrNoQuestions means the briefing gave no sentence to ask about.
var ErrNoQuestions = errors.New("quiz: the briefing has no sentence to ask about")

// Bounds on the sentences we blank: shorter ones give away too little
// context, longer ones are a chore to read in a quiz.
const (
	minSentenceWords = 8
	maxSentenceWords = 55
	blank            = "_____"
)

// candidate is one sentence with one blankable span and its distractors.
type candidate struct {
	paragraph int
	sentence  string
	sp        span
	prompt    string // the sentence with the blank, dateline cut
	wrong     []string
}

// Generate makes up to n questions from the briefing's own text: a
// sentence with a place, organisation, person, date or number blanked out,
// the blanked words as the correct option and three of the same kind from
// elsewhere in the briefing (or the lexicon, or nearby figures) as wrong
// ones — none of them in the cited paragraph. Paragraphs are varied; the
// same seed gives the same quiz. It returns fewer than n questions only
// when the briefing has fewer suitable sentences, and ErrNoQuestions when
// it has none.
func Generate(b knowledge.Briefing, n int, seed uint64) ([]Question, error) {
	if n <= 0 {
		return nil, nil
	}
	rng := rand.New(rand.NewPCG(seed, hashString(b.ID)))
	pools := namePools(b)
	byPara := map[int][]candidate{}
	var paras []int
	for i, p := range b.Paragraphs {
		cs := candidates(i+1, p, pools, rng)
		if len(cs) > 0 {
			byPara[i+1] = cs
			paras = append(paras, i+1)
		}
	}
	if len(paras) == 0 {
		return nil, fmt.Errorf("%w (%s)", ErrNoQuestions, b.ID)
	}
	rng.Shuffle(len(paras), func(i, j int) { paras[i], paras[j] = paras[j], paras[i] })

	// Round-robin over the shuffled paragraphs, so a quiz covers as many
	// paragraphs as it has questions; within a paragraph prefer the kind
	// asked least so far, and never ask for the same answer twice.
	var picked []candidate
	usedAnswer := map[string]bool{}
	kindCount := map[Kind]int{}
	for round := 0; len(picked) < n; round++ {
		progress := false
		for _, p := range paras {
			if len(picked) == n {
				break
			}
			cs := byPara[p]
			best := -1
			for i, c := range cs {
				if usedAnswer[c.sp.key] {
					continue
				}
				if best < 0 || kindCount[c.sp.kind] < kindCount[cs[best].sp.kind] {
					best = i
				}
			}
			if best < 0 {
				continue
			}
			c := cs[best]
			byPara[p] = slices.Delete(cs, best, best+1)
			usedAnswer[c.sp.key] = true
			kindCount[c.sp.kind]++
			picked = append(picked, c)
			progress = true
		}
		if !progress {
			break
		}
	}
	slices.SortStableFunc(picked, func(a, b candidate) int { return a.paragraph - b.paragraph })

	chunks := knowledge.ChunkBriefing(b)
	out := make([]Question, 0, len(picked))
	for _, c := range picked {
		opts := append([]string{c.sp.text}, c.wrong...)
		q := Question{
			Text:      questionHead(c.sp.kind) + "\n“" + c.prompt + "”",
			Kind:      c.sp.kind,
			Paragraph: c.paragraph,
			ChunkID:   chunkFor(chunks, c.paragraph, c.sentence),
			Quote:     c.sentence,
		}
		q.Options, q.Correct = shuffle(opts, rng)
		out = append(out, q)
	}
	return out, nil
}

func questionHead(k Kind) string {
	switch k {
	case KindPerson:
		return "Who completes this sentence from the briefing?"
	case KindDate:
		return "Which date completes this sentence from the briefing?"
	case KindYear:
		return "Which year completes this sentence from the briefing?"
	case KindNumber:
		return "Which number completes this sentence from the briefing?"
	case KindOrganisation:
		return "Which organisation completes this sentence from the briefing?"
	default:
		return "Which " + string(k) + " completes this sentence from the briefing?"
	}
}

// candidates returns the usable blanks of one paragraph, at most one per
// sentence and span kind so no sentence dominates.
func candidates(para int, text string, pools map[Kind][]span, rng *rand.Rand) []candidate {
	sup := newSupport(text)
	// Things the paragraph names under any spelling ("U.S." for "United
	// States") must not be offered as wrong.
	named := map[string]bool{}
	for _, sent := range knowledge.Sentences(text) {
		for _, sp := range nameSpans(sent) {
			named[sp.key] = true
		}
	}
	var out []candidate
	for _, sent := range knowledge.Sentences(text) {
		body := sent
		if loc := datelineRE.FindStringIndex(sent); loc != nil && para == 1 {
			body = sent[loc[1]:]
		}
		nw := len(strings.Fields(body))
		if nw < minSentenceWords || nw > maxSentenceWords {
			continue
		}
		seen := map[Kind]bool{}
		spans := append(nameSpans(body), figureSpans(body)...)
		for _, sp := range spans {
			if seen[sp.kind] {
				continue
			}
			// The answer must not stay visible elsewhere in the sentence,
			// or the question answers itself.
			rest := body[:sp.start] + " " + body[sp.end:]
			if strings.Contains(" "+strings.Join(words(rest), " ")+" ", " "+strings.Join(words(sp.text), " ")+" ") {
				continue
			}
			wrong := distractors(sp, pools, sup, named, rng)
			if len(wrong) < Options-1 {
				continue
			}
			seen[sp.kind] = true
			out = append(out, candidate{
				paragraph: para,
				sentence:  sent,
				sp:        sp,
				prompt:    balanceQuotes(strings.TrimSpace(body[:sp.start] + blank + body[sp.end:])),
				wrong:     wrong,
			})
		}
	}
	return out
}

// distractors picks three wrong options of sp's kind: names from the rest
// of the briefing first, then the lexicon's or nearby figures; never one
// naming the same thing as the answer or supported by the paragraph.
func distractors(sp span, pools map[Kind][]span, sup support, named map[string]bool, rng *rand.Rand) []string {
	var fromText, extra []string
	keys := map[string]bool{sp.key: true}
	for k := range named {
		keys[k] = true
	}
	norms := map[string]bool{knowledge.Normalize(sp.text): true}
	add := func(dst *[]string, text, key string) {
		nt := knowledge.Normalize(text)
		if text == "" || norms[nt] || (key != "" && keys[key]) || sup.supports(text) {
			return
		}
		norms[nt] = true
		if key != "" {
			keys[key] = true
		}
		*dst = append(*dst, text)
	}
	for _, o := range pools[sp.kind] {
		add(&fromText, o.text, o.key)
	}
	switch sp.kind {
	case KindCity, KindCountry:
		for _, w := range lexiconPlaces(sp.kind, pools) {
			_, key := classify(w, len(strings.Fields(w)))
			add(&extra, w, key)
		}
	case KindNumber, KindYear, KindDate:
		for _, w := range figureDistractors(sp) {
			add(&extra, w, "")
		}
	}
	rng.Shuffle(len(fromText), func(i, j int) { fromText[i], fromText[j] = fromText[j], fromText[i] })
	rng.Shuffle(len(extra), func(i, j int) { extra[i], extra[j] = extra[j], extra[i] })
	all := append(fromText, extra...)
	if len(all) > Options-1 {
		all = all[:Options-1]
	}
	return all
}

// lexiconPlaces turns the briefing's countries into cities (their
// capitals) and its cities into countries, to widen a small pool.
func lexiconPlaces(k Kind, pools map[Kind][]span) []string {
	lex := lexicon.Default()
	var out []string
	for _, sp := range slices.Concat(pools[KindCountry], pools[KindCity]) {
		n := knowledge.Normalize(sp.text)
		switch k {
		case KindCity:
			if c := lex.Capital(n); c != "" {
				out = append(out, titleCase(c))
			}
		case KindCountry:
			if c := lex.CountryOfCapital(n); c != "" {
				out = append(out, titleCase(c))
			}
		}
	}
	return out
}

// namePools collects every name and figure span of the briefing by kind,
// first occurrence only, for distractors.
func namePools(b knowledge.Briefing) map[Kind][]span {
	pools := map[Kind][]span{}
	seen := map[string]bool{}
	for _, p := range b.Paragraphs {
		for _, sent := range knowledge.Sentences(p) {
			for _, sp := range append(nameSpans(sent), figureSpans(sent)...) {
				if seen[sp.key] {
					continue
				}
				seen[sp.key] = true
				pools[sp.kind] = append(pools[sp.kind], sp)
			}
		}
	}
	return pools
}

// shuffleFixed is shuffle with its own generator seeded by seed.
func shuffleFixed(opts []string, seed uint64) ([]string, int) {
	return shuffle(opts, rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)))
}

// shuffle returns opts in a seeded order and where the first one went.
func shuffle(opts []string, rng *rand.Rand) ([]string, int) {
	idx := rng.Perm(len(opts))
	out := make([]string, len(opts))
	correct := 0
	for to, from := range idx {
		out[to] = opts[from]
		if from == 0 {
			correct = to
		}
	}
	return out, correct
}

// chunkFor returns the id of the chunk of paragraph para holding sentence
// (a long paragraph is split into several chunks).
func chunkFor(chunks []knowledge.Chunk, para int, sentence string) string {
	first := ""
	for _, c := range chunks {
		if c.Paragraph != para {
			continue
		}
		if first == "" {
			first = c.ID
		}
		if strings.Contains(c.Text, sentence) {
			return c.ID
		}
	}
	return first
}

func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// balanceQuotes drops a closing quotation mark left over from a quotation
// that opened in an earlier sentence, since the question quotes the
// sentence alone.
func balanceQuotes(s string) string {
	if strings.Count(s, "”") > strings.Count(s, "“") {
		if i := strings.LastIndex(s, "”"); i >= 0 {
			s = s[:i] + s[i+len("”"):]
		}
	}
	if strings.Count(s, "“") > strings.Count(s, "”") {
		s += "”"
	}
	return s
}
