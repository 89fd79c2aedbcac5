package answer

import "testing"

// A strikethrough over three sentences: the first and last hold its
// delimiters and are dropped, but the middle one, struck out by the
// model as much as they are, holds none and is shown as said.
func TestQA17cStrikeMiddleSentenceShown(t *testing.T) {
	raw := "Macron fears provoking China [1].\n~~Germany backs the office [1]. Japan was invited [2]. Macron fears a NATO office in Tokyo [1].~~"
	streamGate(t, raw, len(raw), "Macron fears provoking China [1].")
}

// Bold over two sentences that both pass: each is shown with its half of
// the bold removed, so an honest answer loses its emphasis.
func TestQA17cBoldOverKeptSentencesLost(t *testing.T) {
	raw := "**Macron fears provoking China [1]. Japan was invited [2].**"
	// Each sentence is shown apart (the other might have been dropped):
	// each is bold, closed and opened again between them.
	streamGate(t, raw, len(raw), "**Macron fears provoking China [1].** **Japan was invited [2].**")
}
