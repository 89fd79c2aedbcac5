package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18i on framed (0538116): a "will" is let by when a word of
// frames comes earlier in its clause; the clause ends only at a stop,
// "which", "so", or ", and"/", but". A clause of reason — "because",
// "since", "given" — does not end it, though what it says is the
// writer's own statement, not the fear named before it.

// Wrong shown: [4] "They are particularly concerned that NATO's
// involvement COULD exacerbate tensions". "Asian countries are worried
// because NATO's involvement will exacerbate tensions" gives the fear a
// reason stated as fact: the member reads, cited to [4], that the
// article says tensions will rise — and that this is why Asia worries.
// The "will" is in the because-clause, not in the worry; "NATO's
// involvement will exacerbate tensions in the region [4]." is dropped.
// (Round 18g's "Because many Asian countries are reluctant…" was a hedge
// giving the reason; here an attitude word is followed by one.)
func TestQA18iWrongWillInClauseOfReasonAfterAttitude(t *testing.T) {
	qa18bWrong(t,
		"Many Asian countries are worried because NATO's involvement will exacerbate tensions in the region [4].",
		"Many Asian countries are concerned since NATO's involvement will exacerbate tensions in the region [4].",
		// "concerns" names the reason for the forecast, not its frame.
		"Given these concerns, NATO's involvement will exacerbate tensions in the region [4].",
	)
}
