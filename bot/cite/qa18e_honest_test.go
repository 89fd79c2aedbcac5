package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Every sentence below is accurate to the paragraph it cites and is
// dropped by the polarity rule alone (a Denied entry, nothing else): the
// member sees a true, cited statement left out, or "I can't find that in
// the briefing".

// Regression of 18d: a negation after the passage's words counts only in
// their clause, or as a bare "not" closing a clause of its own ("…, while
// the Indo-Pacific does not"). The contrast a model draws most often —
// the thing Europe has, then that the Indo-Pacific lacks it — puts the
// denial in a clause of its own with a verb or an object after it
// ("lacks", "has none", "has no such structure", "has not happened"),
// and the first clause is then read as the reversal. All six were shown
// before 18d.
func TestQA18eHonestDenialInContrastClause(t *testing.T) {
	qa18bHonest(t,
		// [13] "Unlike Europe, where NATO has been the dominant security
		// architecture for decades, the Indo-Pacific lacks a single,
		// overarching security framework."
		"In Europe, NATO provides a single, overarching security framework, something the Indo-Pacific lacks [13].",
		"Europe has had a single, overarching security framework in NATO for decades, which the Indo-Pacific lacks [13].",
		"Europe has a single, overarching security framework in NATO, but the Indo-Pacific has no such structure [13].",
		"Europe has a single, overarching security framework in NATO, whereas the Indo-Pacific has none [13].",
		// [3] "this outreach has not translated into widespread enthusiasm"
		// — 18b let "enthusiasm … has not materialised" by; after a comma
		// and "but" it is dropped again ("…, but it hasn't" is shown).
		"NATO hoped its outreach would translate into widespread enthusiasm for its presence in the region, but that has not happened [3].",
		"NATO's outreach was meant to translate into widespread enthusiasm, but that has not materialised [3].",
	)
}

// The passage's "reluctant to" and "less well-equipped" said with the
// everyday words for them: "cautious about", "careful about", "loath
// to", "averse to", "ill-prepared", "harder". 18b/18d added "hesitant",
// "ill-suited", "ill-equipped"; none of these is a hedge, so each honest
// paraphrase is dropped as saying the countries are ready to align, or
// NATO well placed.
func TestQA18eHonestReluctanceWords(t *testing.T) {
	qa18bHonest(t,
		// [15] "Many Asian countries value their strategic autonomy and are
		// reluctant to be seen as aligning too closely with any one power
		// bloc."
		"Many Asian countries are cautious about aligning too closely with any one power bloc [15].",
		"Many Asian countries are careful about being seen as aligning too closely with any one power bloc [15].",
		// [17] "They are understandably reluctant to jeopardize these
		// economic relationships"
		"Japan and South Korea are loath to jeopardize these economic relationships [17].",
		"Japan and South Korea are cautious about jeopardizing these economic relationships with China [17].",
		"Japan and South Korea are averse to jeopardizing these economic relationships [17].",
		// [18] "it is less well-equipped to address the complex interplay
		// between economic and security issues"
		"NATO is ill-prepared to address the complex interplay between economic and security issues [18].",
		"NATO finds it harder to address the complex interplay between economic and security issues [18].",
	)
}

// The passage's "without", "not defined by" and "rather than" said in
// other words: "independently of", "while minimizing", "unburdened by",
// "transcend", "is unwise". Each keeps the passage's next words and is
// dropped as stating plainly what the passage denies — the member loses
// the point of [5], [9], [20], [21] and [19].
func TestQA18eHonestWithoutParaphrased(t *testing.T) {
	qa18bHonest(t,
		// [5] "the security challenges we are facing are not defined by
		// geographic theatres"
		"The diplomat argued that today's security challenges transcend geographic theatres [5].",
		// [9] "initiatives that aim to address regional security issues
		// without Western involvement"
		"These China-backed initiatives address regional security issues independently of Western involvement [9].",
		// [20] "increased coordination on shared security concerns without
		// the perceived provocation of a formal NATO presence"
		"This could allow increased coordination while minimizing the perceived provocation of a formal NATO presence [20].",
		// [21] "meaningful collaboration without the geopolitical baggage
		// associated with traditional military alliances"
		"These areas offer collaboration unburdened by the geopolitical baggage associated with traditional military alliances [21].",
		// [19] "rather than trying to expand NATO's role"
		"Some experts argue that trying to expand NATO's role is unwise [19].",
	)
}
