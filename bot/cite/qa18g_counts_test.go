package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18g on passageCounts (58fb43c): a count met by the list of a
// group the sentence names (groupList), or of the countries before a verb
// it uses (verbAfterList). The count is checked against every list whose
// name OR verb the sentence has, not against the thing it counts.
func TestQA18gWrongCountMetByAnotherList(t *testing.T) {
	qa18gWrong(t, "a count of one thing met by the list of another",
		// 1. [20] "the Quad (comprising the U.S., Japan, Australia, and
		// India) or the AUKUS partnership between Australia, the UK, and
		// the U.S." — groupList keys AUKUS's list by "aukus" AND
		// "partnership", so a sentence calling the Quad a "partnership"
		// meets 3; naming the Quad anywhere meets 4 for AUKUS. "The Quad
		// has three members [20]" is dropped; these are shown, and the
		// member reads the Quad has three members / AUKUS four.
		"The Quad is a partnership of three countries [20].",
		"The Quad partnership has three members [20].",
		// (Left out, a limit: a sentence naming both groups, "AUKUS,
		// like the Quad, has four members", "The Quad and AUKUS together
		// involve four countries", meets either list's count.)
		// 2. [3] "Japan, South Korea, Australia, and New Zealand have
		// been invited to the NATO summit" — any "four <members>" in a
		// sentence saying "invited" is met, whatever they are members of.
		// The four invited are Asia-Pacific partners, not NATO members;
		// of the Quad's members only Japan and Australia were invited.
		// Before 58fb43c, "four" was not met and these were dropped.
		"Four members of NATO have been invited to the summit for the third consecutive year [3].",
		// (Left out, a limit: "Four members of the Quad were invited …
		// [3][20]" — four is the Quad's count; who was invited is a claim
		// of its own the count does not check.)
	)
}
