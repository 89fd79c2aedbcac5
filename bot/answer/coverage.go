package answer

import "github.com/briefbot/briefbot/knowledge/search"

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
func covered(res search.Result, vocab Vocabulary) bool {
	if len(res.Hits) == 0 || len(res.Words) == 0 {
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
