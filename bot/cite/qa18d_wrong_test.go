package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Every sentence below says the opposite of what the paragraph it cites
// says, and is shown to the member as a cited fact. Each is dropped with
// its last clause (or opener) taken off — the clause only carries a
// strong hedge word that has nothing to do with the claim.

// softenedStated lets a sentence by when a strong hedge is anywhere in
// it, but the commonest way to say "merely rhetorical" or "only external
// resistance" is to spell out the contrast with a "not" or a "no": "…
// merely rhetorical, not military", "only external resistance, not
// internal divisions". The "not" is the sentence's own, and makes the
// reversal stronger. (Without the last clause each is dropped.)
func TestQA18dWrongSoftenedWithContrast(t *testing.T) {
	qa18bWrong(t,
		// [9] "China's opposition is not merely rhetorical."
		"China's opposition is merely rhetorical, not military [9].",
		"China's opposition is merely rhetorical, and nothing more [9].",
		// [10] "not just facing external resistance; it is also highlighting internal divisions within the alliance"
		"NATO's push into Asia faces only external resistance, not internal divisions [10].",
		"NATO's push into Asia faces only external resistance, with no internal divisions [10].",
		"NATO's push into Asia is facing only external resistance; the alliance itself is not divided [10].",
	)
}

// The hedge window now runs to the sentence's end, so a later clause
// with its own "no"/"not" about something else lets the plain reversal
// before it by: the member reads "the outreach has translated into
// widespread enthusiasm", "challenges … are defined by geographic
// theatres", "NATO is well-equipped to address…" as cited facts.
func TestQA18dWrongTrailingNegationClause(t *testing.T) {
	qa18bWrong(t,
		// [3] "this outreach has not translated into widespread enthusiasm"
		"This outreach has translated into widespread enthusiasm for NATO's increased presence in the region, and no country has turned down an invitation [3].",
		"The outreach has translated into widespread enthusiasm for NATO's increased presence in the region, without a doubt [3].",
		// [5] "the security challenges we are facing are not defined by geographic theatres. So no need for the tokenism of an office in Tokyo."
		"The diplomat said the security challenges we are facing are defined by geographic theatres, so there is no need for an office in Tokyo [5].",
		// [6] "they do not necessarily require NATO's direct involvement"
		"The broader view in the region is that the interconnected security challenges require NATO's direct involvement in Indo-Pacific affairs, and no one disputes this [6].",
		// [18] "it is less well-equipped to address the complex interplay between economic and security issues"
		"NATO is well-equipped to address the complex interplay between economic and security issues in the Indo-Pacific, and its expertise in military coordination and deterrence leaves no gap [18].",
		// [13] "the Indo-Pacific lacks a single, overarching security framework"
		"The Indo-Pacific has a single, overarching security framework, just not one led by NATO [13].",
		// [15] "are reluctant to be seen as aligning too closely with any one power bloc"
		"Many Asian countries are eager to be seen as aligning closely with one power bloc, and they are not shy about it [15].",
	)
}

// The hedge words added in the last change ("excludes", "worries",
// "rejecting", "hesitant") count anywhere after the passage's words, so
// a clause about someone else's worry or rejection lets the reversal by.
func TestQA18dWrongTrailingNewHedgeWord(t *testing.T) {
	qa18bWrong(t,
		// [13] "the Indo-Pacific lacks a single, overarching security framework"
		"The Indo-Pacific has a single, overarching security framework, one that excludes NATO [13].",
		// [17] "They are understandably reluctant to jeopardize these economic relationships"
		"Japan and South Korea are ready to jeopardize these economic relationships with China by aligning closely with NATO, which worries Beijing [17].",
		// [8] "urged NATO to … stop forming exclusive clubs in the name of collective defence"; "We firmly reject NATO's vilification"
		"Lin Jian urged NATO to form exclusive clubs in the name of collective defence, while rejecting its vilification of China [8].",
		// [12] "there is less agreement on how NATO should respond"
		"There is now broad agreement within NATO on how NATO should respond to the challenges China poses, and few members are hesitant [12].",
		// [21] "meaningful collaboration without the geopolitical baggage associated with traditional military alliances"
		"These areas carry the geopolitical baggage associated with traditional military alliances, which many countries want to avoid [21].",
	)
}

// overstated now skips "all" with any hedge in the five words before it
// (it used to look at one), so an opener that only intensifies — "Not
// surprisingly", "It's no surprise that", "No wonder", "It's no secret
// that" — lets "all Asian countries" / "all members" by, where the
// passage says "many" / "some". ("In fact, all Asian countries value
// their strategic autonomy [15]" is dropped.)
func TestQA18dWrongAllAfterIntensifier(t *testing.T) {
	qa18bWrong(t,
		// [15] "Many Asian countries value their strategic autonomy"
		"Not surprisingly, all Asian countries value their strategic autonomy [15].",
		"It's no surprise that all Asian countries value their strategic autonomy [15].",
		// [4] "Many Asian countries are wary of being drawn into … a Cold War-style confrontation"
		"No wonder all Asian countries are wary of being drawn into a Cold War-style confrontation [4].",
		// [10] "some members, particularly the United States, are keen to expand NATO's role … others are more hesitant"
		"It's no secret that all members, particularly the United States, are keen to expand NATO's role [10].",
	)
}
