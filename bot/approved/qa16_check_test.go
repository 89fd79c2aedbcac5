package approved

import "testing"

// QA session 16: a moderator's approved answer is checked as a model's
// is, and takes the same holes of c841f13: a count met by a passage's
// list of something else ([2] lists four countries invited for the third
// year), and a name opening a sentence at WordNet familiarity 0.25
// ("Congress", in no passage) left unchecked. Both were refused before.
func TestQA16ApprovedCountAndOpenerHoles(t *testing.T) {
	for _, text := range []string{
		"Japan has been invited four times [2].",
		"Congress approved a NATO office in Tokyo [1].",
	} {
		if got, _, err := Check(text, cites); err == nil {
			t.Errorf("%q approved as %q: its figure or name is in no cited passage", text, got)
		}
	}
}
