package answer

import "testing"

// A bold spanning two sentences, the second holding an italic word: the
// run-based pairing reads the second's "*…*…**" as an odd run and cuts
// the bold, where "***Japan* … [2].**" (bold with an italic in it) was
// shown before d55e518. Likewise an italic spanning two sentences whose
// first opens with a bold word loses that bold.
func TestQA17eSpanningEmphasisKeepsInner(t *testing.T) {
	for _, size := range []int{1, 7, 1 << 10} {
		streamGate(t, "**Macron fears China [1]. *Japan* is in the Quad [2].**", size,
			"**Macron fears China [1].** ***Japan* is in the Quad [2].**")
		streamGate(t, "*Macron fears China [1]. **Japan** is in the Quad [2].*", size,
			"*Macron fears China [1].* ***Japan** is in the Quad [2].*")
		streamGate(t, "***Macron** fears China [1]. Japan is in the Quad [2].*", size,
			"***Macron** fears China [1].* *Japan is in the Quad [2].*")
	}
}

// paired alone: the closing "**" of a bold opened in an earlier sentence
// goes when the sentence opens with an italic word.
func TestQA17ePairedItalicThenBoldClose(t *testing.T) {
	for in, want := range map[string]string{
		"*Japan* was invited [2].**": "***Japan* was invited [2].**",
		"_Japan_ was invited [2].__": "___Japan_ was invited [2].__",
	} {
		if got := paired(in); got != want {
			t.Errorf("paired(%q) = %q, want %q", in, got, want)
		}
	}
}
