package answer

import "testing"

// A "~~" inside a code block (dropped as code) still flips g.struck, and
// every honest sentence after the block is dropped as struck out.
func TestQA17dStrikeInCodeBlockHidesRest(t *testing.T) {
	raw := "Macron fears provoking China [1].\n\n```\na ~~ b\n```\n\nJapan was invited [2]."
	streamGate(t, raw, len(raw), "Macron fears provoking China [1].\n\nJapan was invited [2].")
}

// A "~~~" fence closed by a longer "~~~~" fence (valid Markdown) flips
// g.struck once (odd count) and once not (even): the strike stays open
// and the rest of the answer vanishes.
func TestQA17dTildeFenceLongerCloserHidesRest(t *testing.T) {
	raw := "Macron fears provoking China [1].\n\n~~~\ncode\n~~~~\n\nJapan was invited [2]."
	streamGate(t, raw, len(raw), "Macron fears provoking China [1].\n\nJapan was invited [2].")
}
