package answer

import (
	"testing"

	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// Round 18g on listsMembers / countriesBefore (cc56682): without a model,
// "how many countries …?" is answered (the asker counts) when, in the best
// sentence, two countries or more are listed right after a word of the
// question, or just before one. Any word of three letters or more counts
// — "been" is no auxiliary to skip, and memberLead matches the empty
// string, so the list need not follow the word at all. Each question
// below was refused ("The briefing doesn't say") before cc56682, and is
// now answered with a list that is not the answer:
func TestQA18gHowManyAnsweredByUnrelatedList(t *testing.T) {
	kb := testKnowledge(t)
	for _, q := range []string{
		// Answered with [3] "Japan, South Korea, Australia, and New Zealand
		// have been invited to the NATO summit": the member counts four
		// attendees, though coverage_test wants "how many countries
		// attended the summit" refused — "been" meets the list before
		// "have been invited".
		"how many nations have been to the nato summit",
		// The same list as the answer to a false premise: the four were
		// invited to the summit, not to join NATO; the member counts four
		// candidates for membership.
		"how many countries have been invited to join nato",
		// Answered with [14] "bilateral alliances with countries like
		// Japan, South Korea, and Australia": examples ("like"), not a
		// count; the member reads the U.S. has three Asian allies.
		"how many countries does the united states have alliances with",
	} {
		res := kb.Retriever.Search(q, retrieveK)
		if covered(q, res, lexicon.Default()) {
			t.Errorf("%q answered (the briefing gives no such count); best sentence %q", q, bestSentence(res))
		}
	}
}
