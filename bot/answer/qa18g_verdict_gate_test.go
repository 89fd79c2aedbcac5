package answer

import (
	"strings"
	"testing"
)

// Round 18g on the verdict regexp (f312ee2) and chatter (29208a5), in
// the stream gate. gatePassages: [1] is the NATO briefing's paragraph 11
// (Macron).
//
// Over-refusal: the commonest qualified verdicts a chat model writes are
// not joined to their reason and are dropped.
//   - "No, not directly." / "No, not really." / "No, not at all.": the
//     regexp allows one qualifier after "no", so "no" + "not" + a second
//     qualifier never matches ("Not directly." alone does).
//   - "Not necessarily, according to the article.": it matches the
//     regexp, but is 42 bytes and maxVerdict is 40; the "according to
//     the article|briefing" form the regexp was widened for is mostly
//     over that.
//   - "Yes, definitely.": "definitely" is no qualifier — and, every word
//     of it being in chatWords, the dropped verdict is now not even
//     counted: the member is not told that the model's answer to their
//     yes/no question was left out, where a bare "Yes." would have been
//     shown.
//
// The member asked a yes/no question and sees only the reason, without
// the model's "no" (or "yes") that the reason was given for.
func TestQA18gHonestQualifiedVerdictDropped(t *testing.T) {
	reason := " Macron fears a NATO office in Tokyo could provoke China [1]."
	for _, verdict := range []string{
		"No, not directly.",
		"No, not really.",
		"No, not at all.",
		"Not necessarily, according to the article.",
		"Not explicitly, according to the briefing.",
		"Yes, definitely.",
	} {
		raw := verdict + reason
		var shown []string
		g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
		g.write(raw)
		v := g.close()
		if !strings.HasPrefix(v.text, verdict) {
			t.Errorf("verdict not shown with its reason: %q\n\tshown %q (left out, told to the member: %d)", raw, v.text, v.grounding.Uncited+v.grounding.Unchecked)
		}
	}
}
