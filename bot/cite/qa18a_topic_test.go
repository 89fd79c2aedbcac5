package cite

import "testing"

// A topic verb or noun ("discuss", "cover", "talk about", "touch on",
// "say anything about", "isn't discussed", "there's no information
// about", "nothing about X is said") is read as "not told", whose words
// must be the passages' own: a topic the passages DO discuss passes. The
// member is told the article says nothing about China, Japan, France or
// Tokyo, while paragraph 11 is about France's and Macron's fear of
// provoking China with an office in Tokyo, and paragraph 3 says Japan was
// invited. The marker does not help: the cited form passes too.
func TestQA18aAbsenceTopicPresentSaidUndiscussed(t *testing.T) {
	qa17dNotShown(t,
		"The article doesn't say anything about China.",
		"It doesn't say anything about China.",
		"The article doesn't discuss China.",
		"The article doesn't talk about Japan.",
		"The article doesn't cover France.",
		"The article doesn't touch on China.",
		"The passages don't discuss Beijing at all.",
		"China isn't discussed in the article.",
		"France isn't covered.",
		"There's no information about China in the article.",
		"There's no information on Macron.",
		"Nothing about China is said in the article.",
		"The article doesn't say anything about China [1].",
	)
}

// The mirror: the same everyday sentences of a topic no passage has are
// dropped, since "Germany" and "Russia" are not the passages' words —
// among them the README's own example, "The article doesn't cover
// Russia's reaction.". A model saying what the briefing lacks loses it
// (the feature's purpose), while "doesn't discuss China" (false) is shown.
func TestQA18aAbsenceHonestTopicDropped(t *testing.T) {
	qa17fShown(t, checker,
		"The article doesn't say anything about Germany.",
		"The article doesn't discuss Germany.",
		"Germany isn't discussed in the article.",
		"There's no information about Germany in the article.",
		"The article does not provide any information about Germany.",
		"The article doesn't cover Russia's reaction.",
	)
}
