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
const maxMissingShare = 0.34

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
		if w.Credit == 0 && (w.Rare || (vocab != nil && !vocab.Known(w.Word))) {
			return false // an absent name or figure
		}
		total++
		missing += 1 - w.Credit
	}
	return missing < maxMissingShare*total
}

// A question asking for a figure or a time is answered only by passages that
// hold one: "how many troops…" is not answered by a paragraph that merely
// names the troops' country.
var (
	quantityQ = regexp.MustCompile(`\b(how (many|much|large|big|long ago)|what (percentage|share|proportion|number)|number of)\b`)
	timeQ     = regexp.MustCompile(`\b(when|what (year|date|day|month|time)|since when|how long ago)\b`)
	figure    = regexp.MustCompile(`\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozens?|first|second|third|fourth|fifth|half|double|twice|several)\b`)
	timeExpr  = regexp.MustCompile(`\b(1[0-9]{3}|20[0-9]{2}|january|february|march|april|may|june|july|august|september|october|november|december|century|centuries|decades?|years?|weeks?|months?|days?|today|yesterday|ago|since|recent(ly)?|current(ly)?|now|anniversary)\b`)
)

// answersKind reports whether the best passages can answer the kind of
// question asked (a figure, a time); other questions always can.
func answersKind(question string, res search.Result) bool {
	q := strings.ToLower(question)
	var need *regexp.Regexp
	switch {
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
