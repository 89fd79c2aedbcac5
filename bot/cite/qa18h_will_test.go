package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18h on hardened/framed after 1e6e8b3: a "will" is let by when a
// word of frames comes earlier in its clause, unless ofTheText finds
// "article", "briefing", … within three words of that frame word.

// Over-refusal: ofTheText looks at the three words either side of the
// frame word, not at whose frame it is. An honest report of Macron's or
// the Asian countries' fear, opened or interrupted by the commonest
// source phrase of all ("According to the article, Macron fears…", "In
// the article, Macron worries…", "…, the article says, fear that…"), has
// "article" next to "fears" and is read as the article's own certainty:
// dropped as hardening "could". The same reports without the opener
// ("Macron fears a NATO office in Tokyo will provoke China [11].") are
// shown, and so is "The article notes that Macron fears…" (four words
// away). The member loses the answer to "why does France object?".
func TestQA18hHonestWillReportedThroughTheArticle(t *testing.T) {
	qa18bHonest(t,
		// [11] "Macron has expressed concerns that establishing a NATO
		// office in Tokyo could unnecessarily provoke China"
		"According to the article, Macron fears a NATO office in Tokyo will provoke China [11].",
		"In the article, Macron worries that an office in Tokyo will unnecessarily provoke China [11].",
		"The article reports Macron's concern that a NATO office in Tokyo will provoke China [11].",
		// [4] "They are particularly concerned that NATO's involvement
		// could exacerbate tensions"
		"Many Asian countries, the article says, fear that NATO's involvement will exacerbate tensions [4].",
	)
}

// Wrong shown: every word of attitudes is a frame wherever it stands,
// also in set phrases that report no one's view and put the "will" in
// the article's own voice — or harden it further: "Needless to say"
// (it goes without saying), "That said" (however), "As expected", "In
// view of" (because of). Each states as certain what [4] or [15] call a
// possibility; without the phrase, each is dropped.
func TestQA18hWrongWillUnderAttitudeWordInSetPhrase(t *testing.T) {
	qa18bWrong(t,
		// [4] "NATO's involvement could exacerbate tensions"
		"Needless to say, NATO's involvement will exacerbate tensions in the region [4].",
		"That said, NATO's involvement will exacerbate tensions in the region [4].",
		"As expected, NATO's involvement will exacerbate tensions in the region [4].",
		"In view of Asian scepticism, NATO's involvement will exacerbate tensions in the region [4].",
		// [15] "Attempting to overlay NATO's structures … risks disrupting
		// existing relationships" ("Overlaying … will disrupt existing
		// relationships [15]." is dropped).
		"Needless to say, overlaying NATO's structures onto this landscape will disrupt existing relationships [15].",
	)
}

// Wrong shown: 1e6e8b3 made "not", "n't", "doubt" frames ("It's not
// certain that…"), anywhere earlier in the clause. "There is no doubt
// that … will" is the strongest certainty there is, and a "not" that
// denies something else (", not diplomacy,", "do not trust NATO") frames
// nothing: the "will" is still the article's, said of what [4] calls a
// possibility. The member reads the article as sure tensions will rise.
func TestQA18hWrongWillUnderDoubtOrOtherDenial(t *testing.T) {
	qa18bWrong(t,
		"There is no doubt that NATO's involvement will exacerbate tensions in the region [4].",
		"NATO's involvement, not diplomacy, will exacerbate tensions in the region [4].",
		"Since Asian countries do not trust NATO, its involvement will exacerbate tensions in the region [4].",
	)
}

// Wrong shown: 1e6e8b3 lets a "will" after "and"/"but" take the frame of
// an earlier "will" in the sentence ("fear that X will A and will B").
// But the search passes commas, so a new clause with its own subject
// after ", and" / ", but" is put in the first clause's frame: "Many Asian
// countries fear they will be drawn into a confrontation, and NATO's
// involvement will exacerbate tensions" — the second clause is the
// article's own voice (as "…are wary of being drawn into a Cold
// War-style confrontation, and NATO's involvement will exacerbate
// tensions [4]." is, and is dropped). Shown, each states as certain what
// [4] and [11] call a possibility.
func TestQA18hWrongWillNewClauseTakesEarlierFrame(t *testing.T) {
	qa18bWrong(t,
		"Many Asian countries fear they will be drawn into a Cold War-style confrontation, and NATO's involvement will exacerbate tensions in the region [4].",
		"Macron says Europe will keep a balanced relationship with Beijing, but a NATO office in Tokyo will unnecessarily provoke China [11].",
	)
}
