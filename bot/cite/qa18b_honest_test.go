package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Every sentence below is accurate to the paragraph it cites, and every
// one is dropped with a Denied entry: a member asking about the briefing
// sees the bot leave out a true, cited statement (or answer "I can't
// find that in the briefing") because the sentence carries the passage's
// denial in a word or a place the rule does not look at.

// The denial placed after the passage's words, as English often puts it:
// "widespread enthusiasm … has not materialised" keeps the sense of "has
// not translated into widespread enthusiasm" [3]; the hedge window only
// looks at the eight words before the pair.
func TestQA18bHonestNegationAfter(t *testing.T) {
	qa18bHonest(t,
		// [3] "this outreach has not translated into widespread enthusiasm"
		"Despite repeated summit invitations, widespread enthusiasm for NATO's increased presence has not materialised [3].",
		"Japan, South Korea, Australia and New Zealand were invited for the third year running, but widespread enthusiasm for NATO's presence hasn't followed [3].",
		// [5] "the security challenges we are facing are not defined by geographic theatres"
		"The diplomat argued that geographic theatres no longer define today's security challenges [5].",
		// [15] "reluctant to be seen as aligning too closely with any one power bloc"
		"Being seen as aligning too closely with any one power bloc is something many Asian countries want to avoid [15].",
		// [17] "reluctant to jeopardize these economic relationships", as a list item with a bold label
		"- **Economic risk:** jeopardizing these economic relationships with China worries many Asian countries [17].",
	)
}

// Everyday words for the passage's "reluctant", "less well-equipped" and
// "may not align well" that are neither denials nor hedges: "hesitant",
// "worry about", "shy away from", "nervous about", "would hate to",
// "fear", "ill-suited", "a weak spot", "struggle to".
func TestQA18bHonestReluctanceSynonyms(t *testing.T) {
	qa18bHonest(t,
		// [15] "are reluctant to be seen as aligning too closely with any one power bloc"
		"Many Asian countries are hesitant to be seen as aligning too closely with any one power bloc [15].",
		"Many Asian countries worry about being seen as aligning too closely with any one power bloc [15].",
		"Many Asian countries value their strategic autonomy and shy away from being seen as aligning too closely with any one power bloc [15].",
		"Asian countries are nervous about being seen as aligning too closely with any one power bloc [15].",
		// [17] "understandably reluctant to jeopardize these economic relationships"
		"Many Asian countries are hesitant to jeopardize their economic relationships with China [17].",
		"Many Asian countries, including Japan and South Korea, would hate to jeopardize these economic relationships [17].",
		"Asian countries fear jeopardizing their economic relationships with China by aligning with NATO [17].",
		// [18] "less well-equipped to address the complex interplay between economic and security issues"
		"NATO's focus on military deterrence makes it ill-suited to address the complex interplay between economic and security issues [18].",
		"For NATO, addressing the complex interplay between economic and security issues is a weak spot [18].",
		// [16] "nuanced approaches that may not align well with NATO's traditional focus"
		"Nuanced approaches to these issues may struggle to align well with NATO's traditional focus [16].",
	)
}

// Words that say "without" by sense: "free of", "sidestep", "exclude",
// "shut out". [9] itself says the frameworks "exclude Western powers".
func TestQA18bHonestPrivativeWords(t *testing.T) {
	qa18bHonest(t,
		// [21] "without the geopolitical baggage associated with traditional military alliances"
		"These areas offer collaboration free of the geopolitical baggage associated with traditional military alliances [21].",
		"Cooperation on cybersecurity or disaster response would sidestep the geopolitical baggage of traditional military alliances [21].",
		// [20] "without the perceived provocation of a formal NATO presence"
		"Working through the Quad or AUKUS would allow more coordination while sidestepping the perceived provocation of a formal NATO presence [20].",
		// [9] "alternative security frameworks that exclude Western powers … without Western involvement"
		"The SCO and CICA exclude Western involvement [9].",
		"The SCO and CICA are China-backed initiatives that shut out Western involvement [9].",
	)
}

// A contrast: what Europe has, the Indo-Pacific lacks [13]. The sentence
// says Europe has "a single, overarching security framework" — true —
// and is dropped as saying the Indo-Pacific has one.
func TestQA18bHonestContrast(t *testing.T) {
	qa18bHonest(t,
		"Unlike Europe, which has NATO as a single, overarching security framework, the Indo-Pacific relies on a web of arrangements [13].",
		"Europe has a single, overarching security framework in NATO, while the Indo-Pacific does not [13].",
		"**Europe vs. Asia:** Europe relies on NATO, a single, overarching security framework the Indo-Pacific does not have [13].",
	)
}

// Reported rejection and demand: "dismissed", "rejected", "refrain
// from", "abandon", and one "stop" shared by a list of three ("stop
// scaremongering …, making imaginary enemies and forming exclusive
// clubs") — all say what the diplomat and Lin Jian said.
func TestQA18bHonestReportedRejection(t *testing.T) {
	qa18bHonest(t,
		// [5] "So no need for the tokenism of an office in Tokyo."
		"The diplomat dismissed the need for an office in Tokyo as tokenism [5].",
		"The diplomat rejected any need for an office in Tokyo [5].",
		// [8] "stop scaremongering on security and making imaginary enemies, stop forming exclusive clubs in the name of collective defence"
		"He urged NATO to stop scaremongering on security, making imaginary enemies and forming exclusive clubs in the name of collective defence [8].",
		"Lin Jian urged NATO to refrain from forming exclusive clubs in the name of collective defence [8].",
		"Lin Jian called on NATO to abandon forming exclusive clubs in the name of collective defence [8].",
		// [8] "NATO should not use China to justify its insertion into the Asia-Pacific"
		"Lin Jian demanded that NATO refrain from using China to justify its insertion into the Asia-Pacific [8].",
	)
}

// Comparatives and judgements that keep the passage's sense: "less
// agreement" is "agreement … is weaker"; "rather than pushing for a
// direct NATO presence, a more productive approach" is "pushing … would
// be less productive"; experts who prefer regional arrangements "rather
// than trying to expand NATO's role" see expanding it as "the wrong
// approach".
func TestQA18bHonestComparativeJudgement(t *testing.T) {
	qa18bHonest(t,
		// [12] "there is less agreement on how NATO should respond"
		"Despite a growing consensus about China, agreement on how NATO should respond is weaker [12].",
		"Members have struggled to reach agreement on how NATO should respond [12].",
		// [22] "pushing … would be less productive than enhancing dialogue"
		// is left out, a limit: "less" after the passage's words hedges
		// nothing ("far from its traditional area", "rather than
		// maintaining autonomy" and "less consensus" let wrong ones by).
		// [19] "rather than trying to expand NATO's role"
		"Some experts think expanding NATO's role is the wrong approach [19].",
		"Some experts see expanding NATO's role in Asia as a mistake [19].",
	)
}

// "all"/"each" that do not overstate "many"/"some": negated further back
// than the word just before ("not shared by all members", "not the case
// that all", "by no means all"), distributive ("each member has its own
// view", "each of these countries" of the many just named), "doesn't
// cover all", and "all of these countries" (the four invited) beside "many Asian
// countries" of another cited paragraph.
func TestQA18bHonestAllNotOverstated(t *testing.T) {
	qa18bHonest(t,
		// [10] "some members, particularly the United States, are keen to expand NATO's role … others are more hesitant"
		"Support is not shared by all members: some members, particularly the United States, are keen to expand NATO's role, while others are more hesitant [10].",
		"It is not the case that all members want to expand NATO's role [10].",
		"Each member has its own view: some members, particularly the United States, are keen to expand NATO's role, while others are more hesitant [10].",
		// [4] "Many Asian countries are wary of being drawn into … a Cold War-style confrontation"
		"Many — though by no means all — Asian countries are wary of being drawn into a Cold War-style confrontation [4].",
		// [15]
		"Many Asian countries value their strategic autonomy, and each of these countries is reluctant to align too closely with any one power bloc [15].",
		// [18] "less well-equipped to address … many of the challenges in the Indo-Pacific"
		"NATO's military focus doesn't cover all the challenges in the Indo-Pacific [18].",
		// [3] names the four invited countries; [4] "Many Asian countries are wary…"
		"All of these countries — Japan, South Korea, Australia and New Zealand — have been invited to the NATO summit for the third consecutive year, yet many Asian countries remain wary of a Cold War-style confrontation [3][4].",
	)
}
