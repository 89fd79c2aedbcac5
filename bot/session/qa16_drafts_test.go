package session

import "testing"

// QA session 16: an educator's edited draft is checked as a model's
// answer is: a name opening a sentence at WordNet familiarity 0.25
// ("Congress", 0.35; in no quote) goes unchecked since c841f13.
func TestQA16CheckEditNameOpener(t *testing.T) {
	if a, err := CheckEdit(draft(), "Congress approved a NATO office in Tokyo [1]."); err == nil {
		t.Errorf("accepted as %q: Congress is in no quote", a.Text)
	}
}
