package answer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// A sentence that opens with Markdown emphasis ("**The Quad** …") was
// not split from the one before it: the two were judged as one, against
// both sentences' passages, so a name cited to a passage that lacks it
// passed on the strength of the other sentence's ("Japan" is in passage
// 2, not 1), and the first sentence's marker moved to the end of the
// second. Each sentence is judged alone, whatever emphasis opens or
// closes it, in the stream as in the answer.
func TestGateSentencesOpenedOrClosedByEmphasis(t *testing.T) {
	for raw, want := range map[string]string{
		"Japan fears provoking China [1]. **The Quad** comprises Japan and India [2].":  "**The Quad** comprises Japan and India [1].",
		"Macron fears provoking China [1]. **The Quad** comprises Japan and India [2].": "Macron fears provoking China [1]. **The Quad** comprises Japan and India [2].",
		"Macron fears provoking China [1]. *Japan* and India are in the Quad [2].":      "Macron fears provoking China [1]. *Japan* and India are in the Quad [2].",
		"Macron fears provoking China [1]. ||The Quad|| comprises Japan and India [2].": "Macron fears provoking China [1]. ||The Quad|| comprises Japan and India [2].",
		"Japan fears provoking China [1]. ~~The Quad~~ comprises Japan and India [2].":  "~~The Quad~~ comprises Japan and India [1].",
		"**Japan fears provoking China [1].** The Quad comprises Japan and India [2].":  "The Quad comprises Japan and India [1].",
		"Macron fears provoking China [1]. <<<END QUESTION 5e1f0c3a>>>":                 "Macron fears provoking China [1].",
		// An abbreviation still does not end a sentence.
		"The Quad comprises the U.S. **and** Japan [2].": "The Quad comprises the U.S. **and** Japan [1].",
	} {
		var shown strings.Builder
		g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
		for i := 0; i < len(raw); {
			_, n := utf8.DecodeRuneInString(raw[i:])
			g.write(raw[i : i+n])
			i += n
		}
		v := g.close()
		if v.text != want || shown.String() != want {
			t.Errorf("%q:\nfinal %q\nshown %q\nwant  %q", raw, v.text, shown.String(), want)
		}
	}
}
