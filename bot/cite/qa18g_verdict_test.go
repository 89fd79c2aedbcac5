package cite

import (
	"strings"
	"testing"
)

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18g on the verdict regexp (f312ee2): a verdict with a qualifier
// is joined to the next sentence and shown with its marker. The joined
// sentence is checked, but nothing of the qualifier is: some qualifiers
// are claims about the text — how often ("twice", "a few times") or how
// ("by name", "explicitly") — and ride into the answer unchecked on a
// true sentence's marker.
func TestQA18gWrongVerdictQualifierSmuggledClaim(t *testing.T) {
	c := qa6Checker(t, false)
	for _, text := range []string{
		// "Is Macron mentioned more than once?" — [11] is the only
		// paragraph naming him, once.
		"Yes, twice. French President Emmanuel Macron has expressed concerns that establishing a NATO office in Tokyo could unnecessarily provoke China [11].",
		// "Is Lin Jian quoted a lot?" — he is named once, in [8].
		"Yes, a few times. Lin Jian urged NATO to get rid of its Cold War mentality [8].",
		// "Is the diplomat who called the office tokenism named?" — [5]:
		// "speaking on condition of anonymity". The member reads that the
		// article names the diplomat.
		"Yes, by name. A senior diplomat from an Indo-Pacific nation called a NATO office in Tokyo tokenism [5].",
		// "Does the article say NATO is opening an office in Tokyo?" — it
		// reports only Macron's concern about establishing one.
		"Yes, explicitly. Macron has expressed concerns that establishing a NATO office in Tokyo could unnecessarily provoke China [11].",
	} {
		verdict, _, _ := strings.Cut(text, ".")
		for _, r := range c.CheckText(text) {
			if r.Shown() && strings.HasPrefix(r.Body, verdict) {
				t.Errorf("qualified verdict shown unchecked with its reason's marker: %q", r.Body)
			}
		}
	}
}
