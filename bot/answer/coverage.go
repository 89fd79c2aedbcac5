package answer

import (
	"regexp"
	"strings"

	"github.com/briefbot/briefbot/knowledge/search"
)

// Vocabulary tells whether a word is ordinary English. A question word the
// briefing lacks and English does not know is most likely a name ("biden",
// "fifa"): a sure sign the briefing is not about it.
type Vocabulary interface {
	Known(word string) bool
}

// maxMissingShare is the share of a question's content words that may be
// absent from the briefing (after typo correction and related words) before
// the question is judged not covered. Paraphrases lose a word or two
// ("marking", "in a row"); off-topic questions lose their subject.
const maxMissingShare = 0.45

// covered decides whether the briefing speaks to the question at all. A
// retrieval score threshold cannot do this: BM25 scores are not comparable
// across questions. What separates covered from uncovered questions is
// whether the question's key terms — people, events, figures — occur in the
// briefing at all.
func covered(question string, res search.Result, vocab Vocabulary) bool {
	if len(res.Hits) == 0 || len(res.Words) == 0 || !answersKind(question, res) {
		return false
	}
	var missing, total float64
	for _, w := range res.Words {
		if w.Credit == 0 && (w.Rare || looksLikeName(w, vocab)) {
			return false // an absent name or figure
		}
		imp := importance(w.Word, vocab)
		total += imp
		missing += imp * (1 - w.Credit)
	}
	return missing < maxMissingShare*total
}

// looksLikeName: the word is not English, and matched nothing in the
// briefing even after correction.
func looksLikeName(w search.WordMatch, vocab Vocabulary) bool {
	if vocab == nil {
		return false
	}
	// A spelling correction to an English word does not count: "biden" is
	// one letter from "widen".
	return !vocab.Known(w.Word)
}

// familiar is the optional part of a Vocabulary that says how common a word
// is in English, from 0 (unknown) to 1 ("be").
type familiar interface {
	Familiarity(word string) float32
}

// importance weighs a question word for coverage: a common word the
// briefing lacks ("think", "come") matters less than a specific one
// ("budget", "liaison").
func importance(word string, vocab Vocabulary) float64 {
	f, ok := vocab.(familiar)
	if !ok {
		return 1
	}
	return max(0.1, 1-famWeight*float64(f.Familiarity(word)))
}

const famWeight = 1.0

// A question asking for a figure or a time is answered only by passages that
// hold one: "how many troops…" is not answered by a paragraph that merely
// names the troops' country.
var (
	quantityQ = regexp.MustCompile(`\b(how (many|much|large|big|long ago)|what (percentage|share|proportion|number)|number of|population|budgets?|costs?|price|spending|spend|gdp|amount|percentage|percent|revenue|funding|salary|casualties|death toll)\b`)
	timeQ     = regexp.MustCompile(`\b(when|what (year|date|day|month|time)|since when|how long ago)\b`)
	figure    = regexp.MustCompile(`\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozens?|first|second|third|fourth|fifth|half|double|twice|several)\b`)
	// A briefing is dated: what happened after it ("was the office
	// eventually opened?", "when's the next summit?") is beyond it.
	laterQ   = regexp.MustCompile(`\b(eventually|ended? up|in the end|afterwards|since then|so far|nowadays|these days|next( \w+)? (summit|year|month|week|meeting|secretary|leader|president))\b`)
	timeExpr = regexp.MustCompile(`\b(1[0-9]{3}|20[0-9]{2}|january|february|march|april|may|june|july|august|september|october|november|december|century|centuries|decades?|years?|weeks?|months?|days?|today|yesterday|ago|since|recent(ly)?|current(ly)?|now|anniversary)\b`)
)

// answersKind reports whether the best passages can answer the kind of
// question asked (a figure, a time, nothing after the briefing's date);
// other questions always can.
func answersKind(question string, res search.Result) bool {
	q := strings.ToLower(question)
	var need *regexp.Regexp
	switch {
	case laterQ.MatchString(q):
		return false
	case quantityQ.MatchString(q):
		need = figure
	case timeQ.MatchString(q):
		need = timeExpr
	default:
		return true
	}
	for _, h := range res.Hits[:1] {
		if need.MatchString(strings.ToLower(h.Chunk.Text)) {
			return true
		}
	}
	return false
}

// covers decides, without a model, whether the briefings speak to the
// question.
func (e *Engine) covers(q string, res search.Result) bool { return covered(q, res, e.vocab) }
