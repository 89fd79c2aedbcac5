package cite

import "testing"

// "It" is allowed as the source ("It doesn't say."), but after a cited
// sentence about NATO "it" is NATO: "It has no …", "It includes no …",
// "It provides no …" are read as "the article gives no …" and only
// checked for being the passages' words. The member reads claims about
// NATO — false ones: paragraph 3 speaks of NATO's "Asian partners" and
// its "increased presence in the region".
func TestQA18aAbsenceItIsNotTheArticle(t *testing.T) {
	qa17dNotShown(t,
		"It has no Asian partners.",
		"It includes no Asian partners.",
		"It has no presence in the region.",
		"It has no Asian partners in the alliance itself.",
	)
	qa17fNotShown(t, qa17fChecker, "It provides no security for Japan.")
	for _, text := range []string{
		"NATO has invited four Asia-Pacific partners [5]. It has no presence in the region.",
		"NATO has invited four Asia-Pacific partners [5]. It has no Asian partners in the alliance itself.",
	} {
		for _, r := range checker.CheckText(text) {
			if r.Shown() && len(r.Cited) == 0 {
				t.Errorf("shown from %q: %q", text, r.Body)
			}
		}
	}
}

// A passive with no source ("… were not addressed", "… was not
// disclosed") reads as an event, not as the article's silence: the
// member is told NATO ignored Macron's (or China's) concerns, or kept the
// summit's outcome secret — nothing a passage says.
func TestQA18aAbsencePassiveReadsAsEvent(t *testing.T) {
	qa17dNotShown(t,
		"Macron's concerns were not addressed.",
		"China's concerns were not addressed.",
		"The summit's outcome was not disclosed.",
	)
}

// "There's no statement / comment … from X" is a claim about X, not about
// the article: X made none. Paragraph 11 says Macron "has expressed
// concerns" and France "has been a vocal critic", yet the member is told
// there is no statement from Macron and no comment from France; "no
// timeline for the office" claims none exists.
func TestQA18aAbsenceNoStatementFromParty(t *testing.T) {
	qa17dNotShown(t,
		"There's no public statement from Macron.",
		"There's no comment from France.",
		"There's no official comment from China.",
		"There's no official statement from Japan.",
		"There's no timeline for the office in Tokyo.",
	)
}
