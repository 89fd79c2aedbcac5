package approved

import "testing"

// QA 16b: a moderator's honest nested list is refused since c919644: the
// outer lead-in, cited and passing alone, is followed by an inner lead-in
// (held by the Reader) and so is Dangling, reported as "no item under it
// passes" though both items under it pass.
func TestQA16bApprovedNestedListRefused(t *testing.T) {
	text := "Macron's concerns [1]:\n- About China [1]:\n  - provoking China [1]\n- About Europe [1]:\n  - complicating European efforts [1]"
	if _, _, err := Check(text, cites); err != nil {
		t.Errorf("an honest nested list refused: %v", err)
	}
}

// QA 16b: approved answers share the checker's count and opener holes:
// [2] lists Japan with three others, not four; [1] has no July and no
// Congress.
func TestQA16bApprovedCountAndOpenerHoles(t *testing.T) {
	for _, text := range []string{
		"Japan and four other countries were invited [2].",
		"July saw Macron object to a NATO office in Tokyo [1].",
		"Macron's critics [1]:\n- Congress opposed a NATO office in Tokyo [1].",
	} {
		if got, _, err := Check(text, cites); err == nil {
			t.Errorf("%q approved as %q: its figure or name is in no cited passage", text, got)
		}
	}
}
