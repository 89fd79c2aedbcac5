package cite

import "testing"

// qa17fP2 is the briefing's paragraph 20 (the Quad and AUKUS: "the UK",
// "the U.S."); qa17fPS a passage with "the EU", "AI" and a summit that
// "ends" a week of talks.
const (
	qa17fP2 = "One approach could be to enhance cooperation between NATO and existing Indo-Pacific security frameworks, such as the Quad (comprising the U.S., Japan, Australia, and India) or the AUKUS partnership between Australia, the UK, and the U.S. This could allow for increased coordination on shared security concerns without the perceived provocation of a formal NATO presence in the region."
	qa17fPS = "The EU sent observers. The summit, which ends a week of talks in Washington, drew leaders from 32 members. The AI guidelines were discussed."
)

var qa17fChecker = Checker{Passage: func(n int) (string, bool) {
	ps := []string{p11, p3, p1, qa17fP2, qa17fPS}
	if n < 1 || n > len(ps) {
		return "", false
	}
	return ps[n-1], true
}}

func qa17fNotShown(t *testing.T, c Checker, sentences ...string) {
	t.Helper()
	for _, s := range sentences {
		if r := c.Check(s); r.Shown() {
			t.Errorf("shown: %q (absent %v)", s, r.Absent)
		}
	}
}

func qa17fShown(t *testing.T, c Checker, sentences ...string) {
	t.Helper()
	for _, s := range sentences {
		if r := c.Check(s); !r.Shown() {
			t.Errorf("not shown: %q (missing %v)", s, r.Missing)
		}
	}
}

// Regression of 9b8bf07: "len([]rune(f)) < 3" now skips names too (it was
// "!name && len < 4"), so a name of two letters or an initialism ("UK",
// "EU", "AI", "U.S.") is never looked for: said missing while a passage
// has it, the false statement is shown. All were refused before.
func TestQA17fAbsenceTwoLetterNameSaidMissing(t *testing.T) {
	qa17fNotShown(t, qa17fChecker,
		"The article doesn't mention the UK.",
		"The UK isn't mentioned.",
		"There's no mention of the UK.",
		"The article doesn't mention the EU.",
		"The article doesn't mention AI.",
		"The article doesn't mention the U.S.",
		"The article doesn't mention the US.",
	)
}

// absenceFinite knows only auxiliaries: a proposition with a plain past
// verb ("invited", "expressed", "sent", "got") has no "was"/"did", so the
// passages' own facts, said not to be said, are still shown.
func TestQA17fAbsencePropositionWithoutAuxiliary(t *testing.T) {
	qa17fNotShown(t, qa17fChecker,
		"The article doesn't say NATO invited Japan.",
		"The article doesn't say Macron expressed concerns.",
		"The article doesn't say the EU sent observers.",
		"The article doesn't say Japan got invited.",
	)
}

// TestQA17fAbsenceWhetherOfStatedFact ("doesn't say whether Japan was
// invited", when a passage says it) was left out: what a question leaves
// open is the model's judgment of what the briefing covers, as its
// refusals are (README, statements of absence).

// Regression of 9b8bf07: words of three letters are now looked for, and
// everyday ones no passage needs ("key", "now", "top", "so far") refuse
// honest statements that were shown before.
func TestQA17fAbsenceHonestThreeLetterWords(t *testing.T) {
	qa17fShown(t, qa17fChecker,
		"The article doesn't say who the key partners are.",
		"The article doesn't say what China thinks now.",
		"The article doesn't say what China's reaction has been so far.",
		"The article doesn't say who the top leaders are.",
	)
}

// TestQA17fAbsenceUnnamedLeaders ("doesn't name the leaders" when the
// passages say "NATO leaders" and name none) was left out: "named" is
// read as "mentioned", which refuses that honest sentence and refuses
// "doesn't name the president" when a passage names him.
