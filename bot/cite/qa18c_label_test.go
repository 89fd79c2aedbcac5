package cite

import "testing"

// unlabelled strips a bold label whose words are all the statement's own
// (or infoWords, or short words — "not", "no" among them): a label made
// of those words in another order, or with "not", is a claim of its own
// and is dropped unread. The member sees a bold heading "Japan not
// invited" (paragraph 2: Japan was invited, for the third year), "Not
// Japan", or "China invited" (no passage says so; paragraph 2 names the
// four invited and China is not one) over a harmless statement.
func TestQA18cAbsenceLabelMakesClaim(t *testing.T) {
	qa17dNotShown(t,
		"**Japan not invited:** The article doesn't say why Japan was invited.",
		"**Not Japan:** The article doesn't say why Japan was invited.",
		"**China invited:** The article doesn't say whether China was invited.",
	)
}

// Over-refusal: the commonest labelled form of a multi-part answer names
// the part in the label and only says "Not mentioned." after it — the
// label is then no word of the statement, so it is kept, its colon read
// as a second clause, and the line dropped. The member who asked about
// Germany and Japan sees the Japan line and nothing for Germany, while
// "**Germany:** The article doesn't mention Germany." (18a) is shown.
func TestQA18cAbsenceHonestLabelOfMissingThing(t *testing.T) {
	qa17fShown(t, checker,
		"**Germany:** Not mentioned.",
		"- **Germany:** Not mentioned in the article.",
		"- **Germany:** The article doesn't say.",
		"**Russia's reaction:** Not mentioned in the article.",
	)
}
