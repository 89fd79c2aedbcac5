// Package similar decides when two questions are the same question asked
// twice: equal after normalisation, or near-identical by their content
// words. Stats groups questions with it and approved answers are matched
// with it, so both agree on what "the same question" means.
package similar

import (
	"slices"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/knowledge"
)

// Key is the question normalised for equality: knowledge.Normalize, then
// punctuation dropped, so "Who is in the Quad?" and "who is in the quad"
// share a key.
func Key(q string) string {
	return strings.Join(tokens(q), " ")
}

func tokens(q string) []string {
	return strings.FieldsFunc(knowledge.Normalize(q), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'')
	})
}

// Words returns q's content words, sorted and without duplicates: stop
// words dropped, a possessive "'s" and a plural "s" stripped so that
// "NATO's offices" and "NATO office" meet. Negations are kept as content
// words: "why does France not oppose…" must never match "why does France
// oppose…".
func Words(q string) []string {
	var out []string
	for _, w := range tokens(q) {
		w = strings.Trim(strings.TrimSuffix(w, "'s"), "'")
		if w == "" || stop[w] {
			continue
		}
		out = append(out, stem(w))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// stem strips a plural ending; anything cleverer would need the corpus's
// stemmer, and a wrong merge here serves a wrong approved answer.
func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !isNumber(w):
		return w[:len(w)-1]
	}
	return w
}

func isNumber(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// Jaccard is |a∩b| / |a∪b| for two sorted, duplicate-free word lists; 0
// when both are empty (nothing to compare is not a match).
func Jaccard(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch strings.Compare(a[i], b[j]) {
		case 0:
			both++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// Near reports whether questions with keys and content words (ka, wa) and
// (kb, wb) are the same question: equal keys, or content-word Jaccard of
// at least min with the same numbers, negations and question words in
// both. Those must agree exactly because "in 2022" and "in 2023", "oppose"
// and "not oppose", or "when did NATO invite Japan" and "why did NATO
// invite Japan", differ in one word only, yet are different questions.
// Question words are read from the keys: Words drops them as stop words,
// so that they do not weigh in the Jaccard of what a question is about.
func Near(ka string, wa []string, kb string, wb []string, min float64) bool {
	if ka == kb {
		return ka != ""
	}
	if !slices.Equal(decisive(wa), decisive(wb)) {
		return false
	}
	// A question asked without a question word ("Tell me about the
	// Quad", "Lin Jian on NATO?") asks what its words do; two that ask
	// with question words must ask with the same ones.
	if qa, qb := asks(ka), asks(kb); len(qa) > 0 && len(qb) > 0 && !slices.Equal(qa, qb) {
		return false
	}
	return Jaccard(wa, wb) >= min
}

// QuestionWords returns the question words q asks with, in the bot's
// languages, sorted and without duplicates, each as the English one it
// asks as: "which" asks what "what" asks, "warum" what "why" does, "how
// come" asks why (AskedAs), and "who's" is "who is". A request ("Tell me
// about the Quad") or a yes-or-no question has none. The one table of
// them: approved answers, a session's queue and its chat filter read
// questions by it alike.
func QuestionWords(q string) []string { return questionWords(Key(q)) }

// AskedAs rewrites the ways of asking that mean one question word ("how
// come", "what is the reason" → "why"; "what year" → "when") in
// normalised text as that word.
func AskedAs(text string) string { return strings.TrimSpace(askedAs.Replace(" " + text + " ")) }

func questionWords(key string) []string {
	var out []string
	for _, w := range strings.Fields(AskedAs(key)) {
		if i := strings.IndexByte(w, '\''); i > 0 {
			w = w[:i] // who's, what're, how'd
		}
		if c, ok := questionWord[w]; ok {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// asks returns the question words of a key (questionWords), or "whether"
// for a yes-or-no question.
func asks(key string) []string {
	out := questionWords(key)
	if len(out) == 0 {
		// A yes-or-no question ("Did China respond…?") asks whether, not
		// how or why.
		if first, _, _ := strings.Cut(key, " "); auxiliary[first] {
			return []string{"whether"}
		}
	}
	return out
}

// auxiliary are the verbs a yes-or-no question opens with.
var auxiliary = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`is are was were am do does did has have had can could will would shall should may might must
		isn't aren't wasn't weren't don't doesn't didn't hasn't haven't can't couldn't won't wouldn't shouldn't`) {
		auxiliary[w] = true
	}
}

// questionWord maps the question words of the bot's languages, and
// English ones typed without their apostrophe ("whats"), to the English
// one each asks as.
var questionWord = map[string]string{"who": "who", "whom": "who", "whose": "whose", "what": "what", "which": "what", "when": "when", "where": "where", "why": "why", "how": "how",
	"whats": "what", "whos": "who", "wheres": "where", "whens": "when", "hows": "how", "whys": "why",
	"warum": "why", "wieso": "why", "weshalb": "why", "wann": "when", "wie": "how", "wer": "who", "wo": "where",
	"welche": "what", "welcher": "what", "welches": "what",
	"pourquoi": "why", "quand": "when", "comment": "how", "où": "where", "quoi": "what",
	"quel": "what", "quelle": "what", "quels": "what", "quelles": "what",
	"porqué": "why", "cuándo": "when", "cómo": "how", "dónde": "where", "quién": "who", "cuál": "what", "cuáles": "what", "qué": "what",
	"porquê": "why", "quando": "when", "onde": "where", "quem": "who", "qual": "what"}

// askedAs are ways of asking that mean one question word ("how come" and
// "what is the reason" ask why, "what year" asks when), in a key with a
// space either side.
var askedAs = strings.NewReplacer(
	" how come ", " why ", " what is the reason ", " why ", " what's the reason ", " why ", " whats the reason ", " why ",
	" for what reason ", " why ", " por qué ", " porqué ", " por que ", " porquê ",
	" what year ", " when ", " what date ", " when ", " what day ", " when ", " what month ", " when ", " what time ", " when ")

// decisive returns the words that change a question's meaning on their
// own: numbers and negations.
func decisive(ws []string) []string {
	var out []string
	for _, w := range ws {
		if negation[w] || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			out = append(out, w)
		}
	}
	return out
}

var negation = map[string]bool{"not": true, "no": true, "never": true, "without": true, "nor": true, "none": true, "isn't": true, "doesn't": true, "didn't": true, "don't": true, "won't": true, "can't": true, "aren't": true, "wasn't": true, "weren't": true}

// stop are English function words and question words: they say how a
// question is asked, not what it asks about. Negations are deliberately
// absent. Question words still decide a match: Near requires the same
// ones in both questions (see asks).
var stop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at
		be because been before being below between both but by can could did do does doing down during
		each few for from further had has have having he her here hers herself him himself his how i if
		in into is it its itself just let me more most my myself of off on once only or other our ours
		ourselves out over own please same she should so some such tell than that the their theirs them
		themselves then there these they this those through to too under until up us very was we were
		what when where which while who whom whose why will with would you your yours yourself
		yourselves explain describe say says said briefing article`) {
		stop[w] = true
	}
}
