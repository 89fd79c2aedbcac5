package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18i on ofTheText (0538116): a frame word is the article's own —
// its "will" the article's certainty, checked against "could" — only
// when one of nine nouns ("article", "briefing", "author", "piece",
// "writer", "text", "report", "passage", "paragraph") is at exactly
// words[h+2] or words[h+3] after "according", or at words[h-1] or
// words[h-2] before any other frame word. A word more between them, or
// another name for the text, and the frame is read as someone's fear:
// the "will" is let by.

// Wrong shown: every sentence puts in the article's mouth, as a
// certainty, what [4] says only "could" happen; "According to the
// article, NATO's involvement will exacerbate tensions [4]." and "The
// article says …" are dropped (TestQA18gWrongWillFramedByTheArticleItself),
// these are shown with their marker. The member reads the article as
// predicting higher tensions.
func TestQA18iWrongWillArticleNamedOtherwise(t *testing.T) {
	qa18bWrong(t,
		// "briefing" four words after "according" ("the NATO briefing").
		"According to the NATO briefing, NATO's involvement will exacerbate tensions in the region [4].",
		"According to the Indo-Pacific briefing, NATO's involvement will exacerbate tensions in the region [4].",
		// Names of the text not among the nine.
		"According to the document, NATO's involvement will exacerbate tensions in the region [4].",
		"According to the analysis, NATO's involvement will exacerbate tensions in the region [4].",
		"The authors say NATO's involvement will exacerbate tensions in the region [4].",
		// "briefing" three words before "says", past "however".
		"The briefing, however, says NATO's involvement will exacerbate tensions in the region [4].",
	)
}
