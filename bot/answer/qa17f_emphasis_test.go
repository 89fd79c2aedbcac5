package answer

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/cite"
)

// A bold or italic figure with an ordinal suffix ("**75**th", "*10*th")
// closes inside a "word" (digit then letter), so pairRuns takes the
// closer for text, the opener for unclosed, and appends a stray "**" to
// an honest sentence: the member sees "…summit [1].**".
func TestQA17fOrdinalEmphasisStrayClose(t *testing.T) {
	for _, size := range []int{1, 7, 1 << 10} {
		streamGate(t, "NATO leaders gather in Washington D.C. for their **75**th anniversary summit [3].", size,
			"NATO leaders gather in Washington D.C. for their **75**th anniversary summit [1].")
		streamGate(t, "NATO leaders gather in Washington D.C. for their *75*th anniversary summit [3].", size,
			"NATO leaders gather in Washington D.C. for their *75*th anniversary summit [1].")
	}
}

// In Chinese and Japanese no space follows a bold word, so every closer
// is "inside a word": a whole, paired bold gets a stray "**" at the end.
func TestQA17fPairedCJKBold(t *testing.T) {
	for _, in := range []string{
		"**马克龙**担心中国[1]。",
		"马克龙担心**中国**[1]。",
		"**NATO**は日本を招待した[2]。",
		"**日本**は招待された[2]。",
	} {
		if got := paired(in); got != in {
			t.Errorf("paired(%q) = %q, want it unchanged", in, got)
		}
	}
}

// An odd "||" not at either end is removed after the checks ran on the
// sentence: "@||everyone" passes cite.HasUnsafe and is shown as
// "@everyone" (the renderer defuses it, but the gate's own answer text —
// v.text — holds a mention it claims never to pass).
func TestQA17fSpoilerRemovalMakesMention(t *testing.T) {
	var shown []string
	g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
	g.write("Macron fears China, @||everyone [1].")
	v := g.close()
	for _, s := range append(shown, v.text) {
		if cite.HasUnsafe(s) || strings.Contains(s, "@everyone") {
			t.Errorf("shown after the checks: %q", s)
		}
	}
}
