package cite

import "testing"

// A model answering a question of several parts writes one bold label a
// part, and says of a part the briefing lacks that it is not there: the
// label's colon is read as a second clause (absenceOther), and every such
// honest line is dropped — "**Timeline:** The article doesn't say when."
// is not shown, while "- **Germany** isn't mentioned." (no colon) is.
func TestQA18aAbsenceHonestUnderBoldLabel(t *testing.T) {
	qa17fShown(t, checker,
		"- **Germany:** The article doesn't mention Germany.",
		"- **Germany:** There's no mention of Germany in the article.",
		"**Timeline:** The article doesn't say when.",
		"- **Timeline:** No date is given.",
	)
}
