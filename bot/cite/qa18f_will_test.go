package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18f on hardened (20cdf37): "will" of what a cited paragraph says
// only "could", "may", "risks" or "will likely" of.

// hardened skips an -ly adverb before the passage's verb and looks at the
// word before it for the modal. When the -ly adverb IS the hedge —
// "will likely remain", "as potentially destabilising" — the word before
// it is "will" or "as", no possible, and the sentence dropping the hedge
// is shown. The member reads a forecast the article hedged as settled.
func TestQA18fWrongWillDropsPassageLyHedge(t *testing.T) {
	qa18bWrong(t,
		// [23] "NATO's role in Asia will likely remain limited by both
		// external resistance and internal divisions" — the article's own
		// "likely" dropped: the member reads NATO's role in Asia is sure
		// to stay limited. The commonest summary of the last paragraph.
		"Ultimately, NATO's role in Asia will remain limited by both external resistance and internal divisions [23].",
		"NATO's role in Asia will remain limited by external resistance and internal divisions [23].",
		// [2] "who see the alliance's involvement as potentially
		// destabilising" — "potentially" is in possibles, but skipped as
		// an -ly adverb; the member reads destabilisation as a certainty.
		"NATO's involvement will destabilise the region [2].",
	)
}

// hardened takes only the word just before the passage's verb: the
// second verb of a coordinated possibility ("could exacerbate tensions
// and undermine…", "could unnecessarily provoke China and complicate…",
// "risks disrupting … and creating new tensions") has "and" before it,
// and "will" of it is shown. "will exacerbate tensions [4]" is dropped;
// "will undermine the delicate balance [4]" — the same "could" — is not.
func TestQA18fWrongWillOfCoordinatedPossibility(t *testing.T) {
	qa18bWrong(t,
		// [4] "NATO's involvement could exacerbate tensions and undermine
		// the delicate balance of power in the region" — the member reads
		// that NATO's involvement is certain to upset the balance of power.
		"NATO's involvement will undermine the delicate balance of power in the region [4].",
		// [11] Macron "has expressed concerns that establishing a NATO
		// office in Tokyo could unnecessarily provoke China and complicate
		// European efforts…" — stated as the article's fact, not Macron's
		// concern, and as certain.
		"Establishing a NATO office in Tokyo will complicate European efforts to maintain a balanced relationship with Beijing [11].",
		// [15] "risks disrupting existing relationships and creating new
		// tensions" ("will disrupt existing relationships [15]" is
		// dropped).
		"Attempting to overlay NATO's structures onto this landscape will create new tensions [15].",
	)
}

// hardened needs a word of content right after "will" (or after one -ly
// adverb). The passive ("will be exacerbated"), and the everyday adverbs
// "further" and "also" between, put a word it skips there; each sentence
// says as certain what the passage says only "could" happen — the same
// claim as "will exacerbate tensions [4]", which is dropped.
func TestQA18fWrongWillPassiveOrAdverb(t *testing.T) {
	qa18bWrong(t,
		// [4] "could exacerbate tensions"
		"Regional tensions will be exacerbated by NATO's involvement [4].",
		"NATO's involvement will further exacerbate tensions in the region [4].",
		// [4] "could … undermine the delicate balance of power"
		"NATO's involvement will also undermine the delicate balance of power in the region [4].",
		// [11] "could unnecessarily provoke China"
		"China will be unnecessarily provoked by a NATO office in Tokyo [11].",
	)
}

// hardened lets "will" by when any hedge or attitude word comes anywhere
// before it in the sentence — meant for "they fear it will…", but a
// hedge in another clause about something else ("are wary of a Cold
// War-style confrontation, and…", "opposes an office, which…") reports
// no one's view of what "will" happen: the second clause is the
// article's voice, stating the possibility as a fact.
func TestQA18fWrongWillAfterHedgeInOtherClause(t *testing.T) {
	qa18bWrong(t,
		// [4] "Many Asian countries are wary of being drawn into … a Cold
		// War-style confrontation … They are particularly concerned that
		// NATO's involvement could exacerbate tensions" — the member reads
		// the article asserting that tensions will rise.
		"Many Asian countries are wary of being drawn into a Cold War-style confrontation, and NATO's involvement will exacerbate tensions in the region [4].",
		// [11] "France … has been a vocal critic … could unnecessarily
		// provoke China" — a relative clause in the article's voice.
		"France opposes a NATO office in Tokyo, which will unnecessarily provoke China [11].",
	)
}

// Over-refusal: the sentence frames "will" as a possibility itself —
// "The risk is that…", "It's possible that…", "There's a chance that…",
// "The danger is that…" — which is exactly the passage's "could". None of
// "risk", "possible", "chance", "danger" is a hedge or an attitude, so
// each honest sentence is dropped as hardening "could exacerbate"; the
// member loses the main point of [4] (or sees "I can't find that").
func TestQA18fHonestWillUnderPossibilityFrame(t *testing.T) {
	qa18bHonest(t,
		// [4] "NATO's involvement could exacerbate tensions and undermine
		// the delicate balance of power in the region"
		"The risk is that NATO's involvement will exacerbate tensions in the region [4].",
		"The danger is that NATO's involvement will exacerbate tensions and undermine the balance of power [4].",
		"It's possible that NATO's involvement will exacerbate tensions in the region [4].",
		"There's a chance that NATO's involvement will exacerbate tensions in the region [4].",
	)
}

// Over-refusal: attitudes has "fear", "worry", "concern", "warn", "view",
// but not the other everyday words for a worry or an objection —
// "anxious", "uneasy", "suspect", "cautioned", "objection", "in Macron's
// assessment". "Many Asian countries fear that NATO's involvement will
// exacerbate tensions [4]" is shown; the same report with "are anxious
// that" is dropped as hardening the passage's "could".
func TestQA18fHonestWillReportedAttitudeWords(t *testing.T) {
	qa18bHonest(t,
		// [4] "They are particularly concerned that NATO's involvement
		// could exacerbate tensions"
		"Many Asian countries are anxious that NATO's involvement will exacerbate tensions in the region [4].",
		"Many Asian countries are uneasy that NATO's involvement will exacerbate tensions [4].",
		"Many Asian countries suspect that NATO's involvement will exacerbate tensions [4].",
		// [11] "Macron has expressed concerns that establishing a NATO
		// office in Tokyo could unnecessarily provoke China"
		"Macron cautioned that establishing a NATO office in Tokyo will unnecessarily provoke China [11].",
		"Macron's objection is that a NATO office in Tokyo will unnecessarily provoke China [11].",
		"In Macron's assessment, a NATO office in Tokyo will unnecessarily provoke China [11].",
	)
}
