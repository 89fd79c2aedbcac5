package answer

import "testing"

// Bold-italic over two kept sentences: paired() re-pairs "*" but drops
// the "**" half, so both are shown italic only.
func TestQA17dBoldItalicLosesBold(t *testing.T) {
	raw := "***Macron fears provoking China [1]. Japan was invited [2].***"
	streamGate(t, raw, len(raw), "***Macron fears provoking China [1].*** ***Japan was invited [2].***")
}

// Bold around an inner italic sentence: the second sentence loses its
// bold ("**A. *B.***" shows "**A.** *B.*").
func TestQA17dNestedBoldItalicLosesBold(t *testing.T) {
	raw := "**Macron fears provoking China [1]. *Japan was invited [2].***"
	streamGate(t, raw, len(raw), "**Macron fears provoking China [1].** ***Japan was invited [2].***")
}
