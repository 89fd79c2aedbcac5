package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// QA round 18j on framed / ofTheText / reasons (8cd68b8).

// Wrong shown — a regression of the new ofTheText. Before 8cd68b8 a frame
// word was the article's own when a name of the text stood one OR TWO
// words before it ("The article explicitly says" was caught). Now only
// the one word before it counts, after skipping a fixed handful
// (",", "however", "also", "itself", "clearly", "further"); any other
// adverb or adjective between them — "explicitly", "repeatedly", "own" —
// and the article's own forecast is read as someone's reported fear, so
// its "will" is let by. [4] says NATO's involvement only COULD
// exacerbate tensions; "The article says NATO's involvement will
// exacerbate tensions [4]." is dropped, these are shown with the marker:
// the member reads, cited, that the article predicts higher tensions as
// a certainty.
func TestQA18jWrongWillArticleVoiceWithAdverb(t *testing.T) {
	qa18bWrong(t,
		"In the author's own view, NATO's involvement will exacerbate tensions in the region [4].",
		"The article explicitly says NATO's involvement will exacerbate tensions in the region [4].",
		"The briefing repeatedly warns that NATO's involvement will exacerbate tensions in the region [4].",
	)
}

// Over-refusal — a regression of the new reasons rule. "given", "since"
// now end a frame wherever they stand between the frame word and the
// "will", even INSIDE the reported fear, where they give the fear's own
// reason: "Many Asian countries fear that, given their wariness …,
// NATO's involvement will …" is still their fear, exactly as "Many Asian
// countries fear that NATO's involvement will exacerbate tensions [4]."
// (shown). The walk back from "will" meets "given" before it reaches
// "fear" and declares the forecast the writer's own: the honest report,
// every word of it from [4] / [11], is dropped as a hardened "could",
// and the member asking why Asia or France objects gets less of an
// answer.
func TestQA18jHonestReasonInsideReportedFear(t *testing.T) {
	qa18bHonest(t,
		"Many Asian countries fear that, given their wariness of a Cold War-style confrontation, NATO's involvement will exacerbate tensions in the region [4].",
		"Many Asian countries fear that, since they are wary of a Cold War-style confrontation, NATO's involvement will exacerbate tensions in the region [4].",
		"Macron fears that, given Europe's relationship with Beijing, a NATO office in Tokyo will unnecessarily provoke China [11].",
	)
}
