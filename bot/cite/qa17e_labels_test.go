package cite

import "testing"

// A label's word is no longer excused as an inflected word, so every
// honest plural label not in the passages drops its sentence: "**Risks:**",
// "**Reactions:**", "Options:", "Updates:" — all shown before d55e518.
func TestQA17eHonestPluralLabelKept(t *testing.T) {
	for _, s := range []string{
		"**Reactions:** France is a vocal critic of the pivot [1].",
		"**Objections:** Macron fears provoking China [1].",
		"**Risks:** An office could provoke China [1].",
		"Options: Japan, South Korea, Australia and New Zealand were invited [2].",
		"Invitees: Japan, South Korea, Australia and New Zealand [2].",
		"Updates: Japan was invited for the third year [2].",
		"Reasons: Macron fears provoking China [1].",
	} {
		if r := checker.Check(s); !r.Shown() {
			t.Errorf("not shown: %q (reason %v, missing %v)", s, r.Reason, r.Missing)
		}
	}
}

// TestQA17eNameLabelOtherForms ("Nazis — …", "*Nazis:* …") was left
// out: a label's word is excused as a sentence's first word is (see
// qa17d_names_test.go).
