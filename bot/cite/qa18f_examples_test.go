package cite

import (
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// qa18fExamplesHonest fails for each honest sentence the gate does not
// show, and says whether examplesMissing alone is what dropped it.
func qa18fExamplesHonest(t *testing.T, sentences ...string) {
	t.Helper()
	c := qa6Checker(t, false)
	for _, s := range sentences {
		r := c.Check(s)
		if r.Shown() {
			continue
		}
		var support strings.Builder
		for _, n := range r.Cited {
			p, _ := c.Passage(n)
			support.WriteString(knowledge.Normalize(p) + " ")
		}
		ex := examplesMissing(r.Body, support.String())
		if len(ex) > 0 && !r.Vacuous && len(r.Bad) == 0 && slices.Equal(ex, r.Missing) {
			t.Errorf("honest sentence dropped by examplesMissing %q:\n\t%s", ex, s)
		} else {
			t.Errorf("honest sentence dropped, NOT by examplesMissing alone (reason %d, missing %q) — bad test case:\n\t%s", r.Reason, r.Missing, s)
		}
	}
}

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18f on examplesMissing (b5fab01).

// examplesRE takes everything from "such as"/"including" to the
// sentence's end as the list, and cuts it at commas. A list set off by
// commas — "Non-military areas, such as X and Y, look promising", "In
// areas such as X and Y, partners could work together" — has the
// sentence's own predicate after its closing comma, and that predicate
// (four words or fewer) is read as one more example; sharing no word
// with the passage, it is "missing". The member loses a plain, accurate
// summary of [20] or [21]. Commas around a "such as" phrase are the
// usual English punctuation for it.
func TestQA18fHonestExamplesPredicateAfterList(t *testing.T) {
	qa18fExamplesHonest(t,
		// [21] "Another option could be to focus on non-military aspects
		// of security cooperation, such as cybersecurity, climate change
		// mitigation, and disaster response. These areas offer
		// opportunities for meaningful collaboration…" — "look promising"
		// is taken for an example.
		"Non-military areas, such as cybersecurity and disaster response, look promising [21].",
		"In areas such as cybersecurity and disaster response, partners could work together [21].",
		"For issues such as cybersecurity and disaster response, partners can work together [21].",
		// [20] "One approach could be to enhance cooperation between NATO
		// and existing Indo-Pacific security frameworks, such as the Quad
		// … or the AUKUS partnership" — "could be strengthened" is taken
		// for a third framework.
		"Existing frameworks, such as the Quad and AUKUS, could be strengthened [20].",
	)
}

// Over-refusal: an example said in the usual other words for it —
// "global warming" for "climate change", "humanitarian relief" for
// "disaster response", "intelligence exchange" for "information sharing"
// — shares no word with the passage and drops the whole sentence, though
// the other items are the passage's own and the list is faithful. (A
// swapped item, "counter-terrorism" for "disaster response", is what the
// rule is for; a synonym is not a swap.)
func TestQA18fHonestExamplesParaphrasedItem(t *testing.T) {
	qa18fExamplesHonest(t,
		// [21] "such as cybersecurity, climate change mitigation, and
		// disaster response"
		"Another option is non-military cooperation such as cybersecurity, global warming and disaster response [21].",
		"Another option is non-military cooperation, such as cybersecurity, climate change and humanitarian relief [21].",
		// [22] "This could include information sharing, joint exercises
		// focused on non-traditional security threats, and coordination
		// on global challenges like climate change and pandemic response."
		"NATO could work with regional partners on issues such as intelligence exchange, joint exercises and pandemic response [22].",
	)
}
