package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18i on framed's "and"/"but" rule (0538116): a second "will"
// after "and" takes the first one's frame ("fear that X will A and will
// B"), but not past a comma — there, "a clause of its own begins", unless
// "that" follows. A comma before "and will" with no new subject is no
// new clause: it is the same fear's second verb, punctuated as people
// (and models copying the passage's long clause) often do.

// Over-refusal: the honest reports below are dropped as hardening [4]'s
// and [11]'s "could … and undermine/complicate", while the same sentences
// without the comma are shown (TestQA18gHonestWillSecondVerbOfReportedFear)
// and so is ", and that it will…". The member asking why Asia or France
// objects loses the answer over a comma.
func TestQA18iHonestCommaAndWillSecondVerbOfReportedFear(t *testing.T) {
	qa18bHonest(t,
		"Many Asian countries fear NATO's involvement will exacerbate tensions, and will undermine the delicate balance of power in the region [4].",
		"Macron fears a NATO office in Tokyo will unnecessarily provoke China, and will complicate European efforts to maintain a balanced relationship with Beijing [11].",
	)
}
