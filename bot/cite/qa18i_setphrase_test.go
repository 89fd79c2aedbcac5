package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18i on setPhrase (0538116): a frame word in a set phrase said in
// the article's own voice frames no "will". setPhrase knows five
// spellings — "needless to say", "that said", "as expected", "in view
// of", "no/little/without doubt" — each by the one or two words right
// before the frame word. The same phrases in their other everyday forms
// are read as someone's view again, and the "will" after them is let by.

// Wrong shown: each sentence below states as the article's certainty
// what [4] calls a possibility ("NATO's involvement could exacerbate
// tensions"); "NATO's involvement will exacerbate tensions in the region
// [4]." alone is dropped, and so are "Needless to say, …", "That said,
// …" and "There is no doubt that …" (TestQA18hWrongWill…). A member asking
// "will NATO make things worse in Asia?" reads, with a citation under
// it, that the article says it will — the reversal the rule exists for,
// behind an opener a model writes as readily as "That said".
func TestQA18iWrongWillUnderUnlistedSetPhrase(t *testing.T) {
	qa18bWrong(t,
		// "said" after "being"/"having", not "that": same phrase as "That
		// said", read as a report of what someone said.
		"That being said, NATO's involvement will exacerbate tensions in the region [4].",
		"Having said that, NATO's involvement will exacerbate tensions in the region [4].",
		// "say" after "to", but not "needless to": "suffice it to say",
		// "it is safe to say" assert, they report no one.
		"Suffice it to say, NATO's involvement will exacerbate tensions in the region [4].",
		"It is safe to say that NATO's involvement will exacerbate tensions in the region [4].",
		// "doubt" after "a", "one": "without a doubt" is "without doubt";
		// "no one doubts that" is "there is no doubt that".
		"Without a doubt, NATO's involvement will exacerbate tensions in the region [4].",
		"No one doubts that NATO's involvement will exacerbate tensions in the region [4].",
	)
}
