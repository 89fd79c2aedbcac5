package cite

import (
	"slices"
	"testing"
)

// qa18fLaterShown fails for each honest sentence the gate does not show,
// and says whether the later "but isn't named" clause (FalseAbsence
// alone) is what dropped it.
func qa18fLaterShown(t *testing.T, sentences ...string) {
	t.Helper()
	c := qa6Checker(t, false)
	for _, s := range sentences {
		r := c.Check(s)
		switch {
		case r.Shown():
		case slices.Equal(r.Missing, []string{FalseAbsence}):
			t.Errorf("honest sentence dropped as a false statement of absence:\n\t%s", s)
		default:
			t.Errorf("honest sentence dropped, NOT by the later clause alone (reason %d, missing %q) — bad test case:\n\t%s", r.Reason, r.Missing, s)
		}
	}
}

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).
// Round 18f on namedSubject (948fa4e): a later "but isn't named" is
// false only of a claim opening with a capitalised word that is no
// determiner. Whether the cited passage names the person is never
// looked at — only the first word's case.

// Over-refusal: the sources the briefing leaves unnamed, said unnamed, in
// a sentence that opens with a capitalised word that is no name —
// "Experts", "Western experts", "Chinese officials", "Speaking on
// condition of anonymity, …". Each is true (¶19 "some experts", ¶7
// "Chinese officials", ¶5 "a senior diplomat … speaking on condition of
// anonymity") and is dropped as a false statement of absence, as the
// "A senior diplomat …" and "Some experts …" forms were before 18e.
func TestQA18fHonestLaterUnnamedAfterCapitalisedDescription(t *testing.T) {
	qa18fLaterShown(t,
		// [19] "some experts argue that Western countries should focus on
		// strengthening existing regional security arrangements"
		"Experts argue that Western countries should focus on strengthening existing regional security arrangements [19], but they aren't named.",
		"Western experts argue that Western countries should strengthen existing regional security arrangements [19], but they are not named.",
		// [7] "Chinese officials have consistently criticized what they see
		// as NATO's attempts to expand its influence"
		"Chinese officials have consistently criticized NATO's attempts to expand its influence [7], but they are not named.",
		// [5] "A senior diplomat from an Indo-Pacific nation, speaking on
		// condition of anonymity, …"
		"Speaking on condition of anonymity, a senior diplomat called the office in Tokyo tokenism [5], but is not named.",
	)
}

// The other side: a claim about a person the cited passage DOES name,
// opened with a description ("A spokesperson for…", "The French
// President", "The NATO Secretary General"), then "but isn't named".
// namedSubject sees "A"/"The" and lets the later clause go as true; the
// member is told the article leaves unnamed a person it names in the very
// paragraph cited — Lin Jian [8], Emmanuel Macron [11], Jens Stoltenberg
// [2]. "Lin Jian urged … [8], but isn't named" is dropped.
func TestQA18fWrongLaterUnnamedOfNamedPerson(t *testing.T) {
	qa18bWrong(t,
		// [8] "Lin Jian, a spokesperson for the Chinese Foreign Ministry"
		"A spokesperson for the Chinese Foreign Ministry urged NATO to get rid of its Cold War mentality [8], but isn't named.",
		"The Chinese Foreign Ministry's spokesperson said NATO should not use China to justify its insertion into the Asia-Pacific [8], but is not named.",
		// [11] "French President Emmanuel Macron has expressed concerns…"
		"The French President has expressed concerns that a NATO office in Tokyo could provoke China [11], but isn't named.",
		// [2] "NATO Secretary General Jens Stoltenberg calls a “global”
		// security landscape"
		"The NATO Secretary General describes a \"global\" security landscape [2], though he isn't named.",
	)
}
