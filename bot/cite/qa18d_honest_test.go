package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Every sentence below is accurate to the paragraph it cites and is
// dropped by the polarity rule alone (a Denied entry, nothing else): a
// member asking about the briefing sees the bot leave out a true, cited
// statement, or answer "I can't find that in the briefing".

// softenedStated takes any "merely"/"just"/"only"/"simply" before the
// passage's next word for "merely rhetorical" said plainly, but English
// affirms the passage's "not merely" with "more than merely", "beyond
// (the) merely", "further than simply": the softener is there because
// the sentence denies it. The member sees the bot drop the very point of
// [9] ("China's opposition is not merely rhetorical") and of [10] ("not
// just facing external resistance").
func TestQA18dHonestSoftenerAffirmed(t *testing.T) {
	qa18bHonest(t,
		// [9] "China's opposition is not merely rhetorical."
		"China's opposition is more than merely rhetorical [9].",
		"China's opposition goes beyond the merely rhetorical: Beijing has been actively working to strengthen its ties with other Asian nations [9].",
		"China's opposition goes further than simply rhetorical statements [9].",
		"China's opposition is about more than just rhetoric: Beijing has been actively working to strengthen its ties with other Asian nations [9].",
		// [10] "NATO's push into Asia is not just facing external resistance; it is also highlighting internal divisions"
		"NATO's push into Asia is facing more than just external resistance; it is also highlighting internal divisions within the alliance [10].",
		"Beyond just external resistance, NATO's push into Asia is highlighting internal divisions within the alliance [10].",
	)
}

// softenedStated ignores weakHedges everywhere in the sentence, even
// before the softener, where stated counts them: "far from being merely
// rhetorical", "Instead of facing only external resistance", "Rather
// than simply rhetorical" are the commonest ways to say the passage's
// "not merely"/"not just", and each is dropped as saying the opposite.
func TestQA18dHonestSoftenerAfterWeakHedge(t *testing.T) {
	qa18bHonest(t,
		// [9] "not merely rhetorical"
		"China's opposition, far from being merely rhetorical, is backed by Beijing's work to promote alternative security frameworks [9].",
		"Rather than simply rhetorical, China's opposition is backed by action [9].",
		// [10] "not just facing external resistance"
		"Far from facing only external resistance, NATO's push into Asia is also highlighting internal divisions within the alliance [10].",
		"Instead of facing only external resistance, NATO's push into Asia is also highlighting internal divisions within the alliance [10].",
	)
}

// "not necessarily" became a denial in the last change, so [6] ("they do
// not necessarily require NATO's direct involvement") now drops every
// sentence that says the same with a modal or a "sometimes" — "may",
// "might", "could sometimes", "only in some cases" — none of which is a
// hedge. "Not necessarily X" means "X may or may not be so"; the member
// sees the bot drop the briefing's own qualified view as if it were a
// reversal.
func TestQA18dHonestNotNecessarilyModal(t *testing.T) {
	qa18bHonest(t,
		// [6] "while the security challenges in Europe and Asia are interconnected, they do not necessarily require NATO's direct involvement in Indo-Pacific affairs"
		"In the region's view, interconnected security challenges may require NATO's direct involvement only in some cases [6].",
		"The regional view is that interconnected challenges might, in some cases, require NATO's direct involvement [6].",
		"Interconnected challenges could sometimes require NATO's direct involvement, but in the region's view that is far from a given [6].",
		"The region accepts that the challenges are interconnected, but sees them as requiring NATO's direct involvement only in some cases, if at all [6].",
	)
}

// Floating "all" ("countries all value") takes the word before "all" for
// what is quantified even when the sentence itself says "many" of it:
// "Many Asian countries all across the region" is "many", said of the
// whole region, and is dropped as "all Asian countries".
func TestQA18dHonestFloatingAllAfterMany(t *testing.T) {
	qa18bHonest(t,
		// [15] "Many Asian countries value their strategic autonomy"
		"Many Asian countries all across the region value their strategic autonomy [15].",
		// [4] "Many Asian countries are wary of being drawn into … a Cold War-style confrontation"
		"Many Asian countries all over the region are wary of being drawn into a Cold War-style confrontation [4].",
	)
}

// quantified takes any word of three letters after "all"/"many"/"others",
// function words included, so "all have" and "all of which" match [14]'s
// "many of which have", and "all the more" matches [10]'s "others are
// more". None of these says of all what the passage says of many: "all"
// is of the three countries the sentence names, of the arrangements
// already said to be many, or the idiom "all the more".
func TestQA18dHonestAllFunctionWord(t *testing.T) {
	qa18bHonest(t,
		// [14] "The United States maintains strong bilateral alliances with countries like Japan, South Korea, and Australia"
		"Japan, South Korea, and Australia all have strong bilateral alliances with the United States [14].",
		"The United States maintains strong bilateral alliances with Japan, South Korea, and Australia, all of which are close allies [14].",
		// [14] "a web of bilateral and multilateral arrangements, many of which have evolved to address specific regional concerns"
		"The region's arrangements, many of which have evolved to address specific regional concerns, all have different origins [14].",
		// [10] "some members … are keen to expand NATO's role …, others are more hesitant"
		"Internal divisions make NATO's push into Asia all the more difficult [10].",
		"With some members keen and others more hesitant, NATO's push into Asia is all the more complicated [10].",
	)
}

// named only looks two words past "all" for "these"/"four"; "All of the
// Asian countries named here, Japan and South Korea" names its set just
// as "all of these countries" does, and is dropped as "all Asian
// countries" of [17]'s "Many Asian countries".
func TestQA18dHonestAllNamedSetLater(t *testing.T) {
	qa18bHonest(t,
		// [17] "Many Asian countries, including close U.S. allies like Japan and South Korea, have significant trade and investment ties with China."
		"All of the Asian countries named here, Japan and South Korea, have significant trade and investment ties with China [17].",
		"All the Asian countries the briefing names here, Japan and South Korea, have significant trade and investment ties with China [17].",
	)
}

// The demand rule reads "told" and "called" as reporting a demand, but
// "told NATO it was scaremongering" and "called out NATO for forming
// exclusive clubs" report an accusation — the very reading the rule
// means to let by ("Lin Jian criticised NATO for forming exclusive
// clubs" is shown).
func TestQA18dHonestDemandWordAccusation(t *testing.T) {
	qa18bHonest(t,
		// [8] "urged NATO to … stop scaremongering on security and making imaginary enemies, stop forming exclusive clubs in the name of collective defence"
		"Lin Jian told NATO it was scaremongering on security and making imaginary enemies [8].",
		"Lin Jian called out NATO for forming exclusive clubs in the name of collective defence [8].",
		"Lin Jian called NATO out for scaremongering on security and making imaginary enemies [8].",
	)
}

// Everyday words for the passage's "stop" in a reported demand: "drop",
// "give up", "cut out", "halt". Each sentence says what Lin Jian urged,
// and is dropped as urging NATO to scaremonger or form exclusive clubs.
// (18b brought in "refrain" and "abandon"; these are the next ones a
// model reaches for.)
func TestQA18dHonestDemandStopSynonyms(t *testing.T) {
	qa18bHonest(t,
		// [8] "stop scaremongering on security …, stop forming exclusive clubs in the name of collective defence"
		"China says NATO must drop its scaremongering on security [8].",
		"Lin Jian urged NATO to give up forming exclusive clubs in the name of collective defence [8].",
		"Lin Jian urged NATO to halt its scaremongering on security [8].",
		"Lin Jian urged NATO to cut out the scaremongering on security and the making of imaginary enemies [8].",
	)
}
