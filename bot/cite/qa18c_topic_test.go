package cite

import "testing"

// The topic either/or rule (absence: "of a thing a name has … also when
// it is told of in the passages' words") lets a topic made only of the
// passages' own words through the "not told" branch, which asks exactly
// that the words BE in the passages: the more a topic is the article's
// subject, the surer it is shown as undiscussed. Paragraph 11 is about
// Macron's concerns over a NATO office in Tokyo and France's criticism of
// NATO's Asian pivot; paragraph 2 about NATO's presence in the region.
// The member is told the article does not discuss the very thing the
// cited paragraphs discuss. (18a tested bare names only — "doesn't
// discuss China" — which bareNames now refuses; a possessive or a common
// noun takes the other branch.)
func TestQA18cAbsenceTopicOfPassageWordsSaidUndiscussed(t *testing.T) {
	qa17dNotShown(t,
		// [1] "Macron has expressed concerns that establishing a NATO office in Tokyo…"
		"The article doesn't discuss Macron's concerns.",
		"The article does not address Macron's concerns.",
		"The article doesn't say anything about Macron's concerns.",
		"There's no information about Macron's concerns.",
		"Macron's concerns about Tokyo are not discussed in the article.",
		// [1] "France … has been a vocal critic of NATO's Asian pivot."
		"The article doesn't discuss NATO's Asian pivot.",
		// [1] "a NATO office in Tokyo"
		"The article doesn't talk about the NATO office in Tokyo.",
		"The article doesn't cover the Tokyo office.",
		"The article doesn't say anything about the office in Tokyo.",
		"Nothing about the NATO office is said.",
		// [1] "a balanced relationship with Beijing"; [2] "NATO's increased presence in the region"
		"The passages don't cover NATO's relationship with Beijing.",
		"There's no information on NATO's presence in the region.",
	)
}

// Forms 18a refused as said of the world when their source is not named
// ("There's no statement from X", "X's concerns were not addressed"),
// still shown by a synonym: "no word from X" takes the "mention"
// branch (absenceNoun "word": exists, no location needed), and "were not
// discussed/covered" is not one of absenceEvent's participles. The
// member reads, in the bot's voice, that Germany or Berlin has said
// nothing (an unsourced claim about the world), and that Macron's,
// China's or Japan's concerns were not discussed — at the summit, as
// the sentence reads — which no passage says (paragraph 11 only says
// Macron expressed them).
func TestQA18cAbsenceWorldClaimBySynonym(t *testing.T) {
	qa17dNotShown(t,
		"There's no word from Germany.",
		"There's no word from Berlin.",
		"Macron's concerns weren't discussed.",
		"China's concerns were not discussed.",
		"Japan's concerns weren't covered.",
	)
}
