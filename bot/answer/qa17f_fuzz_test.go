package answer

import (
	"strings"
	"testing"
)

// paired may add or take away only emphasis and spoiler delimiters:
// anything else changed after the checks would be shown unchecked.
// (Passes: kept as a guard.)
func FuzzQA17fPairedKeepsText(f *testing.F) {
	for _, s := range []string{"", "*", "****", "**75**th", "**马克龙**担心", "a*b_c||d", "\xff**\xfe", "***a** b*", "_x_ __y__ ||z"} {
		f.Add(s)
	}
	// A stray spoiler's bars are shown escaped (\|\|): backslashes may
	// be added too.
	strip := strings.NewReplacer("*", "", "_", "", "|", "", "\\", "")
	f.Fuzz(func(t *testing.T, s string) {
		got := paired(s)
		if strip.Replace(got) != strip.Replace(s) {
			t.Errorf("paired(%q) = %q: text changed", s, got)
		}
	})
}
