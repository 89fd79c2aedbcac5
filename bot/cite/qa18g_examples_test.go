package cite

import "testing"

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18g on examplesMissing (bdd6266): examples after "such as",
// "including", "e.g.", "namely" must each share a word with the cited
// passage. Each sentence below swaps one of the passage's examples for
// one it never gives — the very error the rule is for — and is shown
// with its marker; "such as cybersecurity, climate change mitigation and
// counter-terrorism [21]" is dropped.
func TestQA18gWrongExampleSwapShown(t *testing.T) {
	qa18gWrong(t, "an example the cited passage never gives",
		// (1. One swapped item of two words or more — "missile defence",
		// "arms control", "counter-terrorism operations", "arms sales" —
		// is left out, a limit: such an item may be the passage's in
		// other words, "global warming" for "climate change".)
		// 2. A list with no comma after it runs into the sentence's
		// predicate, which the model copied from the passage: the last
		// item "terrorism require nuanced approaches" shares "require"
		// with [16], or is over four words and never looked at.
		// [16] "Issues such as maritime territorial disputes, nuclear
		// proliferation, and economic coercion require nuanced approaches"
		"Issues such as maritime territorial disputes, nuclear proliferation and terrorism require nuanced approaches [16].",
		"Non-military areas such as cybersecurity, climate change mitigation and counter-terrorism offer opportunities for meaningful collaboration [21].",
		// 3. "for example", "for instance" open the same list, and "like"
		// a list of three or more (not "some members, like France, aren't
		// sure", which lists nothing).
		"Another option is non-military cooperation like cybersecurity, counter-terrorism and disaster response [21].",
		"Another option is non-military cooperation, for example cybersecurity, counter-terrorism and disaster response [21].",
		"Another option is non-military cooperation, for instance cybersecurity, counter-terrorism and disaster response [21].",
	)
}
