package session

import "testing"

// QA 16b: an educator's honest nested list is refused with "introduces a
// list, but no item under it passes": the outer lead-in is Dangling for
// having a lead-in under it, though that one's item passes.
func TestQA16bCheckEditNestedList(t *testing.T) {
	text := "Macron's worries [1]:\n- About China [1]:\n  - provoking China [1]"
	if _, err := CheckEdit(draft(), text); err != nil {
		t.Errorf("an honest nested list refused: %v", err)
	}
}
