package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Every sentence below says the opposite of what the paragraph it cites
// says (or says of all what it says of many or some), and is shown to the
// member as a cited fact. Each is dropped with the words named in its
// comment taken off.

// 18d made a hedge that asserts no hedge ("no doubt", "without a doubt",
// "not only", "without question"), but the list stops there: the
// commonest intensifiers built on "never", "no", "without" and "not just"
// still count as hedges in the clause, and a model that has dropped the
// passage's "not" and adds one of them only says the reversal louder.
func TestQA18eWrongIntensifierReadAsHedge(t *testing.T) {
	qa18bWrong(t,
		// [3] "this outreach has not translated into widespread enthusiasm"
		// — the member reads that enthusiasm is at a record high.
		"This outreach has translated into widespread enthusiasm for NATO's increased presence in the region like never before [3].",
		// "without any doubt": 18d caught "without a doubt" only (the
		// article skipped); "any" between is not skipped.
		"This outreach has translated into widespread enthusiasm for NATO's increased presence without any doubt [3].",
		// "not just … but" asserts as "not only … but" does (dropped since
		// 18d); "just" is missing from asserting.
		"This outreach has translated into widespread enthusiasm not just in Japan but across the region [3].",
		// [18] "it is less well-equipped to address the complex interplay
		// between economic and security issues"
		"NATO is well-equipped to address not just military threats but the complex interplay between economic and security issues [18].",
		"NATO is well-equipped to address the complex interplay between economic and security issues like no other alliance [18].",
		// [17] "They are understandably reluctant to jeopardize these
		// economic relationships" — "without hesitation" says the reverse
		// of reluctance, and "hesitation" and "without" are both hedges.
		"Japan and South Korea are willing to jeopardize these economic relationships without hesitation [17].",
		"Japan and South Korea are willing to jeopardize these economic relationships with China without a second thought [17].",
	)
}

// elliptic (18d) lets a clause of its own ending in "not" take back the
// predicate before it ("…, while the Indo-Pacific does not"), but the
// idiom "… or not" ("like it or not", "whether critics like it or not",
// "believe it or not") ends in "not" and takes back nothing: it insists.
// Before the passage's words (the eight-word window) "Believe it or not,"
// opens the sentence the same way.
func TestQA18eWrongOrNotIdiomReadAsNegation(t *testing.T) {
	qa18bWrong(t,
		// [3] "this outreach has not translated into widespread enthusiasm"
		"This outreach has translated into widespread enthusiasm for NATO's increased presence in the region, whether critics like it or not [3].",
		"This outreach has translated into widespread enthusiasm for NATO's increased presence in the region, believe it or not [3].",
		"Believe it or not, this outreach has translated into widespread enthusiasm for NATO's increased presence in the region [3].",
		// [17] "reluctant to jeopardize these economic relationships"
		"Japan and South Korea are willing to jeopardize these economic relationships with China, like it or not [17].",
		// [18] "less well-equipped to address the complex interplay"
		"NATO is well-equipped to address the complex interplay between economic and security issues, whether its critics admit it or not [18].",
	)
}

// 18d held a hedge after the passage's words to their clause, and a
// comma ends the clause ("…, and no country has turned down an
// invitation" is dropped). But a clause joined by "and" with no comma, a
// relative "that" clause, or a "without" phrase about something else is
// the same clause to stated: its "no", "without" or "give up" negates
// another thing, and the plain reversal before it is shown.
func TestQA18eWrongNegationOfAnotherThingInClause(t *testing.T) {
	qa18bWrong(t,
		// [3] "this outreach has not translated into widespread enthusiasm"
		// — the comma form of the first is dropped since 18d.
		"This outreach has translated into widespread enthusiasm for NATO's increased presence and no partner has declined an invitation [3].",
		"This outreach has translated into widespread enthusiasm for NATO's increased presence without any significant pushback [3].",
		// [13] "the Indo-Pacific lacks a single, overarching security
		// framework" — "that" is no scope break.
		"The Indo-Pacific has a single, overarching security framework that no one disputes [13].",
		// [18] "less well-equipped to address the complex interplay"
		"NATO is well-equipped to address the complex interplay between economic and security issues without needing outside help [18].",
		// [17] "reluctant to jeopardize these economic relationships" —
		// "give up" (a denial since 18d) here is of Chinese investment.
		"Japan and South Korea are ready to jeopardize these economic relationships and give up Chinese investment to align with NATO [17].",
	)
}

// 18d let "all"/"every" by when a word of theseWords or setWords comes
// within six words after it, to pass "all of the countries named here".
// theseWords has "that" and "they", so a complement clause ("is concerned
// that…", "agree that…", "says they…") reads as a set the sentence names:
// the member sees every Asian country or every NATO member credited with
// what the passage says of many or some. All four were dropped before
// 18d (the window was two words).
func TestQA18eWrongAllWithThatClause(t *testing.T) {
	qa18bWrong(t,
		// [4] "Many Asian countries are wary … They are particularly
		// concerned that NATO's involvement could exacerbate tensions"
		"Every Asian country is concerned that NATO's involvement could exacerbate tensions [4].",
		"In Asia, every country is concerned that NATO's involvement could exacerbate tensions [4].",
		// [10] "some members, particularly the United States, are keen to
		// expand NATO's role …, others are more hesitant" — the member
		// reads that NATO is united on it.
		"NATO members all agree that NATO should expand its role in countering China's influence [10].",
		// [15] "Many Asian countries value their strategic autonomy"
		"Every Asian country says they value their strategic autonomy [15].",
	)
}

// Regression of 18d: floating "all" ("Asian countries all value…") now
// needs a word of content after it, to pass "all have" and "all of
// which". Hedge words are no words of content, so the verbs a model uses
// for [4]'s "wary" and [15]'s "reluctant" — "all fear", "all worry",
// "all resist" — and "all are" let "all" of the passage's "many" by. All
// four were dropped before 18d; "Asian countries all value their
// strategic autonomy [15]" still is.
func TestQA18eWrongFloatingAllBeforeHedgeVerb(t *testing.T) {
	qa18bWrong(t,
		// [4] "Many Asian countries are wary of being drawn into what they
		// perceive as a Cold War-style confrontation between the West and
		// China."
		"Asian countries all fear being drawn into a Cold War-style confrontation between the West and China [4].",
		"Asian countries all are wary of being drawn into a Cold War-style confrontation between the West and China [4].",
		"Asian countries all worry about being drawn into a Cold War-style confrontation between the West and China [4].",
		// [15] "Many Asian countries … are reluctant to be seen as aligning
		// too closely with any one power bloc."
		"Asian countries all fear being seen as aligning too closely with any one power bloc [15].",
	)
}
