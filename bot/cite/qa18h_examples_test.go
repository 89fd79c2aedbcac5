package cite

import "testing"

// Over-refusal: 1e6e8b3 cuts the last example of more than three words
// to its first word, for a list that runs into the sentence's predicate
// ("… and terrorism require nuanced approaches"). But examplesRE ends at
// the sentence's end: when the list closes the sentence, the last item
// is all that follows, and a paraphrase of the passage's example ("help
// after a disaster" for "disaster response", "relief for natural
// disasters") is judged by its first word alone, "help", "relief" —
// which [21] lacks. Before the cut the whole item was looked at, and its
// "disaster" met [21]. The honest answer to "what non-military options
// does the article mention?" is dropped.
func TestQA18hHonestLastExampleCutToFirstWord(t *testing.T) {
	c := qa6Checker(t, false)
	for _, s := range []string{
		// [21] "such as cybersecurity, climate change mitigation, and
		// disaster response"
		"The article gives examples of non-military cooperation, such as cybersecurity, climate change mitigation and help after a disaster [21].",
		"Another option is non-military cooperation, such as cybersecurity, climate change mitigation and relief for natural disasters [21].",
	} {
		if r := c.Check(s); !r.Shown() {
			t.Errorf("honest sentence dropped (missing %q):\n\t%s", r.Missing, s)
		}
	}
}
