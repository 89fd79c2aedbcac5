package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18g on hardened (bdd6266, 8add39f): "will" of what a cited
// paragraph says only "could", "risks" or "will likely" do.

// framed lets a "will" by when any word of attitudes (or any hedge that
// is not weak) comes earlier in its clause. "according", "says", "view"
// are attitudes — meant for "Macron says the office will…" — but the
// commonest of all openers, "According to the article, …", "The article
// says …", "In the article's view, …", reports no one's fear: it puts the
// certainty in the ARTICLE's mouth, which said "could". And a hedge that
// is the reason for the forecast ("Because many Asian countries are
// reluctant …, its involvement will…") is no frame either. Each is shown
// with its marker; "NATO's involvement will exacerbate tensions [4]",
// the same claim without the opener, is dropped.
func TestQA18gWrongWillFramedByTheArticleItself(t *testing.T) {
	qa18bWrong(t,
		// [4] "NATO's involvement could exacerbate tensions": the member
		// reads that the article predicts higher tensions as a fact.
		"According to the article, NATO's involvement will exacerbate tensions in the region [4].",
		"The article says NATO's involvement will exacerbate tensions in the region [4].",
		"In the article's view, NATO's involvement will exacerbate tensions [4].",
		// [11] "establishing a NATO office in Tokyo could unnecessarily
		// provoke China" — Macron's concern, now the article's certainty.
		"The article says a NATO office in Tokyo will unnecessarily provoke China [11].",
		// [23] "NATO's role in Asia will likely remain limited" — the
		// article's own "likely" dropped, under "According to the briefing".
		"According to the briefing, NATO's role in Asia will remain limited by external resistance and internal divisions [23].",
		// "reluctant" (a hedge) gives the reason, not anyone's fear.
		"Because many Asian countries are reluctant to align with NATO, its involvement will exacerbate tensions [4].",
	)
}

// hardened skips only willFillers and -ly adverbs between "will" and its
// verb. Any other word there — "almost certainly", "soon", "only serve
// to", a comma pair ", inevitably," — becomes the "verb", matches nothing
// in the passage, and the sentence is shown. "will almost certainly" is
// STRONGER than the plain "will" that is dropped: the member reads the
// article as all but sure of what it calls a possibility.
func TestQA18gWrongWillAdverbBeforeVerb(t *testing.T) {
	qa18bWrong(t,
		// [4] "could exacerbate tensions"
		"NATO's involvement will almost certainly exacerbate tensions in the region [4].",
		"NATO's involvement will soon exacerbate tensions in the region [4].",
		"NATO's involvement will only serve to exacerbate tensions in the region [4].",
		"NATO's involvement will, inevitably, exacerbate tensions [4].",
		// [11] "could unnecessarily provoke China"
		"A NATO office in Tokyo will almost certainly provoke China [11].",
		// [23] "will likely remain limited"
		"NATO's role in Asia will almost certainly remain limited by external resistance and internal divisions [23].",
	)
}

// Over-refusal: framed stops at "and", so in a reported fear with two
// verbs each given its own "will" ("fear that X will A and will B"), the
// second "will" is read as the article's voice and the whole honest
// report is dropped as hardening "could … and undermine". The same
// report with one "will" ("will exacerbate tensions and undermine…") is
// shown; repeating the auxiliary is ordinary English. The member loses
// the main point of [4] / [11].
func TestQA18gHonestWillSecondVerbOfReportedFear(t *testing.T) {
	qa18bHonest(t,
		// [4] "They are particularly concerned that NATO's involvement
		// could exacerbate tensions and undermine the delicate balance of
		// power in the region."
		"Many Asian countries are concerned that NATO's involvement will exacerbate tensions and will undermine the delicate balance of power in the region [4].",
		"Many Asian countries fear NATO's involvement will exacerbate tensions and will undermine the balance of power [4].",
		"Many Asian countries are concerned that NATO's involvement will exacerbate tensions, and that it will undermine the balance of power [4].",
		// [11] "Macron has expressed concerns that establishing a NATO
		// office in Tokyo could unnecessarily provoke China and complicate
		// European efforts…"
		"Macron fears a NATO office in Tokyo will unnecessarily provoke China and will complicate European efforts to maintain a balanced relationship with Beijing [11].",
	)
}
