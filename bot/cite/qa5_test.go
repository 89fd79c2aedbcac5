package cite

import "testing"

// qa5Honest: sentences that say what their cited paragraph of the
// embedded briefing says; each is refused as Unsupported.
func qa5Honest(t *testing.T, cases []struct {
	para     int
	sentence string
}) {
	t.Helper()
	for _, c := range cases {
		if r := qa5Checker(t, c.para).Check(c.sentence); r.Reason != OK {
			t.Errorf("honest sentence refused (reason %d, missing %q, vacuous %v), cited to ¶%d: %s", r.Reason, r.Missing, r.Vacuous, c.para, c.sentence)
		}
	}
}

// the initialism check (88ef1b5) works one way only: "US" in an
// answer is met by "U.S." or "United States" in the passage, but "the
// United States" or "the United Kingdom" in an answer is not met by the
// passage's "U.S." or "UK" — the commonest way a model writes ¶20.
func TestQA5SpeltOutNameMetByInitialism(t *testing.T) {
	qa5Honest(t, []struct {
		para     int
		sentence string
	}{
		{20, "The Quad is made up of the United States, Japan, Australia and India [1]."},
		{20, "AUKUS is a partnership between Australia, the United Kingdom and the United States [1]."},
	})
}

// the demonym check (31e8ef2) misses two-word countries: "North
// Korean" and "South Korean" are not met by "North Korea's" or "South
// Korea" in the passage.
func TestQA5TwoWordCountryDemonym(t *testing.T) {
	qa5Honest(t, []struct {
		para     int
		sentence string
	}{
		{2, "The North Korean nuclear programme is one factor behind NATO’s focus on Asia [1]."},
		{17, "South Korean and Japanese firms have significant trade ties with China [1]."},
	})
}

// the advice check (68ee31c) reads "members should/must" as advice to
// the reader, but in a NATO briefing "members" are the alliance's:
// "NATO members must be mindful…" paraphrases ¶22's "the alliance must be
// mindful…" (which itself passes).
func TestQA5AllianceMembersAreNotTheReader(t *testing.T) {
	qa5Honest(t, []struct {
		para     int
		sentence string
	}{
		{22, "NATO members must be mindful of the region’s unique dynamics [1]."},
		{23, "The briefing argues NATO members should focus on areas where the alliance can add value [1]."},
	})
}
