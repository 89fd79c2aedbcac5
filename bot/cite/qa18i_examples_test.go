package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18i on examplesMissing's last-item rule (0538116): the last
// example, when over three words, is cut to its first word only when at
// most four words come before the list ("Issues such as" — a list
// opening the sentence, running into its verb); otherwise it is kept
// whole ("… and help after a disaster" — a list ending the sentence). The
// count of words before the list stands in for where the list ends, and
// gets it wrong both ways.

// Wrong shown: a list opening the sentence under a subject of five words
// or more runs into the verb as in round 18g's case, but is not cut:
// its last "item", "counter-terrorism offer opportunities for meaningful
// collaboration", is over four words and never looked at. [21] gives
// cybersecurity, climate change mitigation and DISASTER RESPONSE; the
// member is told, cited, that it names counter-terrorism / terrorism.
// With "Non-military areas such as …" (four words) the same sentence is
// dropped.
func TestQA18iWrongExampleSwapUnderLongerSubject(t *testing.T) {
	qa18gWrong(t, "an example the cited passage never gives",
		"Non-military areas of security cooperation such as cybersecurity, climate change mitigation and counter-terrorism offer opportunities for meaningful collaboration [21].",
		// [16] "Issues such as maritime territorial disputes, nuclear
		// proliferation, and economic coercion require nuanced approaches"
		"Security issues in the region such as maritime territorial disputes, nuclear proliferation and terrorism require nuanced approaches [16].",
	)
}

// Over-refusal: a list ENDING a short sentence — a bullet or a fragment,
// as models write list items and headings ("- Non-military cooperation,
// including …") — has four words or fewer before it and its last item is
// cut to its first word: "help after a disaster" is judged as "help",
// which [21] lacks, and the honest item is dropped. The same list after
// "The article gives examples of non-military cooperation, such as" is
// shown (TestQA18hHonestLastExampleCutToFirstWord).
func TestQA18iHonestShortSentenceLastExampleCut(t *testing.T) {
	qa18fExamplesHonest(t,
		"Non-military cooperation, including cybersecurity, climate change mitigation and help after a disaster [21].",
		"Non-military cooperation, such as cybersecurity, climate change mitigation and relief for natural disasters [21].",
	)
}
