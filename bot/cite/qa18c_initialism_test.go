package cite

import "testing"

// Over-refusal: spelledIn takes any consecutive words as an initialism's
// spelling, a compound's inner letter counting as the next initial — not
// a name's words, any words. With the NATO briefing's own paragraphs,
// honest answers about bodies they never name are dropped:
//   - the CCP: "China and complicate" (c, "and" skipped, c, the p in
//     "complicate");
//   - the IDF: "invited four" (i, the d in "invited", f);
//   - the SCO (Shanghai Cooperation Organisation, a body a NATO-and-China
//     briefing is often asked about): "security concerns" (s, c, the o in
//     "concerns");
//   - the ICC: "increased coordination";
//   - the ECB: "enhance cooperation between".
func TestQA18cAbsenceHonestInitialismSpeltByAccident(t *testing.T) {
	qa17fShown(t, checker,
		"The article doesn't mention the CCP.",
		"The article doesn't mention the IDF.",
	)
	qa17fShown(t, qa17fChecker,
		"The article doesn't mention the SCO.",
		"The article doesn't mention the ICC.",
		"The article doesn't mention the ECB.",
	)
}
