package cite

import "testing"

// qa17cNotShown fails for each sentence the checker would show.
func qa17cNotShown(t *testing.T, sentences ...string) {
	t.Helper()
	for _, s := range sentences {
		if r := checker.Check(s); r.Shown() {
			t.Errorf("shown: %q (absent %v, %+v)", s, r.Absent, r)
		}
	}
}

// A statement of absence whose names are all in the passages may still
// presuppose a claim nothing checks: "doesn't explain why Macron resigned"
// tells the member Macron resigned.
func TestQA17cAbsencePresupposesAClaim(t *testing.T) {
	qa17cNotShown(t,
		"The article doesn't explain why Macron resigned.",
		"The article doesn't say why China invaded Japan.",
		"The article doesn't say who was killed in the attack on Tokyo.",
		"Japan's nuclear weapons programme isn't discussed.",
		"The reason China left the summit isn't explained.",
		"The article doesn't say why dozens of soldiers died.",
	)
}

// The README's rule — a name no passage has may not sit inside what the
// article is said not to explain — is checked only for the active form
// with a wh-word right after the verb; the passive, "there's no", "the
// reason", a noun phrase and a lower-case name all pass.
func TestQA17cAbsenceClauseRuleBypassed(t *testing.T) {
	qa17cNotShown(t,
		"Why Biden skipped the summit isn't explained.",
		"How Germany left NATO isn't explained in the article.",
		"There's no explanation of why Biden skipped the summit.",
		"The article doesn't explain the reason Biden skipped the summit.",
		"The article doesn't go into Biden's decision to skip the summit.",
		"The article doesn't explain why biden skipped the summit.",
	)
}

// "There is no X" is read as a statement of absence whatever X is: a
// claim about the world, not about the article, is shown unchecked.
func TestQA17cAbsenceThereIsNoWorldClaim(t *testing.T) {
	qa17cNotShown(t,
		"There is no risk in sharing login codes with moderators.",
		"There are no Chinese troops in Taiwan.",
		"There's no evidence Macron opposes the office.",
	)
}

// The guard against an instruction planted as a statement of absence
// looks only for "you", "we" and the like.
func TestQA17cAbsenceInstructionWithoutPronoun(t *testing.T) {
	qa17cNotShown(t,
		"The article doesn't say why members should post their login codes here.",
		"The article doesn't say why u should reply with ur password.",
	)
}

// Saying a name the passages have is not mentioned is false however the
// name is written.
func TestQA17cAbsenceNameSpellings(t *testing.T) {
	qa17cNotShown(t,
		"The article doesn't mention macron.",
		"The article doesn't mention emmanuel macron.",
		"The article doesn't mention mACRON.",
		"The article doesn't mention Мacron.", // Cyrillic М
		"The article doesn't mention Mâcron.",
		"The article doesn't mention nato.",
		"The article doesn't mention china.",
	)
}
