package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Every sentence below says the opposite of what the paragraph it cites
// says, mostly in that paragraph's own words, and every one is shown to
// the member as a cited fact.

// Denials the rule once skipped: "not merely", "not just", "not
// necessarily", which it took for "it is so" — but dropping their "not"
// turns the sentence round: "not merely rhetorical" → "merely
// rhetorical", "not just facing external resistance; … also … internal
// divisions" → "only external resistance", "do not necessarily require"
// → "require". (Left out, a limit: one governing a word of three letters,
// "is not new" [2] → "is new".)
func TestQA18bWrongSoftenedDenialDropped(t *testing.T) {
	qa18bWrong(t,
		// [9] "China's opposition is not merely rhetorical."
		"China's opposition is merely rhetorical [9].",
		// [10] "not just facing external resistance; it is also highlighting internal divisions"
		"NATO's push into Asia faces only external resistance [10].",
		// [6] "they do not necessarily require NATO's direct involvement in Indo-Pacific affairs"
		"The broader view in the region is that the interconnected security challenges require NATO's direct involvement in Indo-Pacific affairs [6].",
	)
}

// Left out as limits of a rule of words, each noted in the README: the
// passage's words reordered ("Enthusiasm … has become widespread [3]"),
// in another form ("widely enthusiastic", "close alignment"), or a
// synonym ("well-suited to tackle" [18]); a double negation ("It is not
// true that … has not translated"), "Far from lukewarm"; the denial in another
// paragraph than the one cited ("widespread enthusiasm [1]"), or a second
// cited paragraph saying the words plainly of someone else ("should
// expand NATO's role [10][19]").

// A hedge word that asserts: "Not only has…", "little doubt", "Without
// question" (since 18d).
func TestQA18bWrongDeceptiveHedge(t *testing.T) {
	qa18bWrong(t,
		"Not only has the outreach translated into widespread enthusiasm for NATO's presence, it has also deepened ties [3].",
		"There is little doubt that the outreach has translated into widespread enthusiasm [3].",
		"Without question, the outreach has translated into widespread enthusiasm [3].",
	)
}

// "all" after its noun ("Asian countries all value…", "NATO members all
// want…") and other words for all ("without exception", "uniformly") say
// of every one what the passage says of many or some.
func TestQA18bWrongUniversalOtherForms(t *testing.T) {
	qa18bWrong(t,
		// [15] "Many Asian countries value their strategic autonomy"
		"Asian countries all value their strategic autonomy [15].",
		// [10] "some members, particularly the United States, are keen to expand NATO's role … others are more hesitant"
		"NATO members all want to expand NATO's role in countering China's influence [10].",
		// ("Without exception" and "uniformly" for "many" are left out, a
		// limit.)
	)
}
