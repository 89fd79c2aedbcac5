package answer

import (
	"testing"
)

// QA 16d: refusesInProse reads the first sentence only, but still finds
// its pattern anywhere in that sentence, so a marker-less answer whose
// first sentence answers and limits itself in the same breath is taken
// for a refusal — and, the refusal being final, cached for a day. Each
// reply below answers the question (from paragraphs 3, 5, 11, 17), as
// the replies of TestQA16cProseRefusalMisfiresOnAnAnswer do; the member
// should get the extractive answer, as for any reply with nothing
// checked to show, not "The briefing doesn't say".
func TestQA16dProseRefusalMisfiresOnFirstSentenceAnswers(t *testing.T) {
	for _, tc := range []struct{ name, q, reply string }{
		// "Does the article say X?" answered "it does not say X; it says Y".
		{"does-not-say-X-it-says-Y", "Does the article say Japan will join NATO?",
			"The article does not say Japan will join NATO; it says Japan was invited to the summit for the third consecutive year."},
		// The 16c case ("… provoke China. The briefing doesn't say more.") with a comma for the full stop.
		{"answer-then-no-more-same-sentence", franceQ,
			"Macron fears the office would provoke China, but the briefing doesn't say more about his reasons."},
		{"answer-then-no-more-semicolon", franceQ,
			"Macron fears the office would provoke China and complicate Europe's ties with Beijing; the article doesn't go into other reasons."},
		// "It doesn't say so explicitly, but …" / "The article is not specific, but …".
		{"it-doesnt-say-explicitly-but", "Is Japan a NATO partner?",
			"It doesn't say so explicitly, but Japan was invited to the NATO summit for the third consecutive year."},
		{"not-specific-but", "When did the NATO summit take place?",
			"The article is not specific, but it says NATO leaders gathered in Washington D.C. for the 75th anniversary summit."},
		{"does-not-state-directly-but", "Which NATO member opposes the Tokyo office?",
			"The article does not state it in those words, but France, through Macron, has been a vocal critic of the Tokyo office."},
		// "not named" describes the diplomat; the reply is what he said.
		{"diplomat-not-named", "What did the senior diplomat say about a NATO office?",
			"The article quotes a senior diplomat who is not named, who said there is no need for the tokenism of an office in Tokyo."},
		// A source word used as the answer's attribution.
		{"according-to-the-text", "Do Asian countries want to join NATO?",
			"According to the text, many Asian countries do not want to give up their strategic autonomy by aligning too closely with any one power bloc."},
		// A bold "Yes" ("Replies starting with Yes are not").
		{"bold-yes", "Was Japan invited to the NATO summit?",
			"**Yes**, Japan was invited for the third consecutive year, though the article doesn't say why."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := askReplying(t, tc.q, tc.reply)
			if a.Refused {
				t.Errorf("%q answered %q: refused (%q); want the extractive answer", tc.q, tc.reply, a.Text)
			}
		})
	}
}

// QA 16d: common English refusals the first-sentence patterns do not
// read: the reply is taken for a failed answer and replaced by the
// extractive quote under a notice that the model's answer was rejected —
// what 833eb0e set out to end. The last five were refusals before
// f4fe40b (its "not mentioned" and "no information about" alternatives
// were dropped or now need a source word): a regression.
func TestQA16dProseRefusalMissesCommonWordings(t *testing.T) {
	const q = "Did Macron discuss the NATO office in Tokyo with Germany's chancellor?"
	for _, reply := range []string{
		"There is nothing in the briefing about Germany.",
		"I couldn't find any information about Germany's chancellor in the briefing.",
		"Unfortunately, that information isn't provided in the briefing.",
		"The briefing has nothing on Germany.",
		"That isn't in the briefing.",
		"The briefing lacks any mention of Germany.",
		"**Answer:**\nThe briefing doesn't mention Germany.",
		// refused before f4fe40b
		"Not mentioned in the briefing.",
		"There is no information about Germany's chancellor.",
		"There's no mention of Germany.",
		"Germany is not mentioned here.",
		"No mention of Germany.",
	} {
		a := askReplying(t, q, reply)
		if !a.Refused {
			t.Errorf("%q: not refused; shown %q with notices %v", reply, a.Text, a.Notices)
		}
	}
}
