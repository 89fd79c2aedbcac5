package answer

import "testing"

// End to end: "doesn't mention the UK" while passage 2 names "the UK"
// (and "the U.S."): a name of two letters is no longer looked for
// (9b8bf07), so the false statement of absence is shown after a cited
// sentence.
func TestQA17fGateTwoLetterNameSaidMissing(t *testing.T) {
	for _, size := range []int{1, 1 << 10} {
		streamGate(t, "The Quad comprises the U.S., Japan, Australia, and India [2]. The article doesn't mention the UK.", size,
			"The Quad comprises the U.S., Japan, Australia, and India [1].")
	}
}
