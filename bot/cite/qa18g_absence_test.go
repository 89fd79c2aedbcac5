package cite

import (
	"slices"
	"testing"
)

// Paragraph numbers are the NATO briefing's (nato-indo-pacific-2024.md).

// Round 18g on absenceNeither (913e56a). The rule sits inside the branch
// for absencePassive, whose only way to match "X is mentioned" with no
// "not" is its "no … is mentioned" alternative. So "Neither Vietnam nor
// Indonesia is mentioned" is read as a statement of absence only when a
// "No," opens it ("No, neither…" — the form absence_test.go tests); the
// sentence the commit names, alone, is not a statement of absence, cites
// nothing, and is dropped (and counted as left out). Both names are in
// no paragraph; the member asking "Are Vietnam or Indonesia mentioned?"
// loses the true answer.
func TestQA18gHonestNeitherWithoutLeadingNo(t *testing.T) {
	qa17fShown(t, qa6Checker(t, false),
		"Neither Vietnam nor Indonesia is mentioned in the article.",
		"Neither Vietnam nor Indonesia is mentioned.",
		"Neither the Philippines nor Vietnam is mentioned in the article.",
		"Neither Germany nor Taiwan is mentioned in the article.",
		"Nope, neither Vietnam nor Indonesia is mentioned.",
	)
}

// The same path, the other way: the "no … is mentioned" alternative that
// carries "No, neither…" reads the verdict "No," as the "no" of "No date
// is given", so "No, Germany is mentioned in the article." — which says
// Germany IS in the article — is taken for "Germany is not mentioned",
// found true (no paragraph names Germany) and shown, without a marker.
// A model answering "Is Germany left out of the article?" with this
// hallucination is shown telling the member the article mentions
// Germany. (The true "No, India is mentioned" is dropped for the same
// reading.)
func TestQA18gWrongNoXIsMentionedReadAsAbsence(t *testing.T) {
	qa17fNotShown(t, qa6Checker(t, false),
		"No, Germany is mentioned in the article.",
		"No, Germany is mentioned.",
		"No — Germany is mentioned in the article.",
		"No, Vietnam is discussed in the article.",
	)
}

// Round 18g on namedSubject / describesNamed (948fa4e, bdd6266): a later
// "…, but they aren't named" is false when the claim opens with a name or
// with a description of a named person. Over-refusal: "they" is plural
// and says of the unnamed OBJECT of the claim ("other Asian nations",
// "many Asian nations"); a singular named subject (China, NATO) cannot be
// "they". And describesNamed takes any two capitalised words in a row in
// the cited paragraph for a person — "Cold War-style" in [4] — so a claim
// about "Many Asian countries" that says "perceive" (near "Cold War") is
// a false statement of absence. Each is true: [9], [2] and [4] name none
// of those nations.
func TestQA18gHonestLaterUnnamedOfTheObject(t *testing.T) {
	c := qa6Checker(t, false)
	for _, s := range []string{
		// [9] "Beijing has been actively working to strengthen its ties
		// with other Asian nations" — "Beijing has been working … [9], but
		// they aren't named." is shown; with "China" it is dropped.
		"China has been strengthening its ties with other Asian nations [9], but they are not named.",
		"China is working to strengthen its ties with other Asian nations [9], but the article doesn't name them.",
		// [2] "this expanded vision for NATO's role is meeting resistance
		// and scepticism from many Asian nations"
		"NATO's expanded vision is meeting resistance and scepticism from many Asian nations [2], but they aren't named.",
		// [4] "Many Asian countries are wary of being drawn into what they
		// perceive as a Cold War-style confrontation"
		"Many Asian countries perceive a Cold War-style confrontation between the West and China [4], but they are not named.",
	} {
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

// The other side: namedSubject reads the first word, describesNamed the
// first five. An opener in front of the subject — "According to the
// article, …", "As the article notes, …", the commonest way a model
// starts a sentence — pushes the description of a named person past
// both, and "…, but he isn't named" is shown of Macron [11] and
// Stoltenberg [2], both named in the very paragraph cited. (Without the
// opener, 18f's "The French President … [11], but isn't named" is
// dropped.)
func TestQA18gWrongLaterUnnamedAfterOpener(t *testing.T) {
	qa18gWrong(t, "says a person the cited paragraph names is not named",
		// [11] "French President Emmanuel Macron has expressed concerns…"
		"According to the article, the French President has expressed concerns that a NATO office in Tokyo could provoke China [11], but he isn't named.",
		// [2] "NATO Secretary General Jens Stoltenberg calls a “global”
		// security landscape"
		"As the article notes, NATO's Secretary General describes a global security landscape [2], but he isn't named.",
	)
}
