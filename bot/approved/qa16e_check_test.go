package approved

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
)

// An approved answer whose reference to a cited paragraph is followed by
// a comma and a wrong figure that equals another cited paragraph's label
// is accepted: "Per paragraph 3, 11 Asian partners…" (paragraph 3 lists
// four partners; "11" is read as "paragraphs 3, 11").
func TestQA16eApprovedFigureAfterReference(t *testing.T) {
	text := "Per paragraph 3, 11 Asian partners were invited to the NATO summit [2][1]."
	if _, _, err := Check(text, cites); err == nil {
		t.Errorf("%q accepted: no cited passage says 11 partners", text)
	}
	if _, _, err := Check("11 Asian partners were invited to the NATO summit [2][1].", cites); err == nil {
		t.Fatal("control accepted")
	}
}

// "Passage 2" is accepted as naming citation [2], then Check renumbers
// the markers in order of first use and leaves the reference: the saved
// answer reads "Passage 2 says … [1]" and has one source.
func TestQA16eApprovedPassageReferenceRenumbered(t *testing.T) {
	text := "Passage 2 says Japan, South Korea, Australia, and New Zealand have been invited to the NATO summit [2]."
	got, cs, err := Check(text, cites)
	if err != nil {
		t.Skipf("rejected: %v", err)
	}
	if strings.Contains(got, "Passage 2") && len(cs) == 1 && cs[0].N == 1 {
		t.Errorf("saved %q with sources %+v: 'Passage 2' names no source", got, []answer.Citation(cs))
	}
}
