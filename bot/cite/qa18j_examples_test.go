package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// QA round 18j on examplesMissing's last-item rule (8cd68b8): the last
// example, when over three words, is now cut to its FIRST word unless its
// SECOND word is a function or short word — whatever stands before the
// list. Before, a list ending a longer sentence kept its last item whole.

// Over-refusal — a regression: a list ENDING the sentence whose last item
// opens with a modifier ("natural disaster relief operations") is judged
// by that one word — "natural" — which [21] does not have, and the honest
// sentence is dropped. Before 8cd68b8 these sentences (more than four
// words before "such as") were judged on the whole item, which shares
// "disaster" with [21], and shown. The member asking what
// NATO could do outside the military loses the sentence that answers it.
func TestQA18jHonestLastExampleJudgedByItsModifier(t *testing.T) {
	qa18fExamplesHonest(t,
		"The article suggests cooperation in areas such as cybersecurity, climate change mitigation and natural disaster relief operations [21].",
	)
}
