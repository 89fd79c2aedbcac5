package knowledge

import (
	"runtime"
	"strings"
	"testing"
)

// TestSentencesAbbreviationsCostTheirWord: each full stop followed by a
// capital asked whether the sentence so far ended in an abbreviation by
// copying the whole sentence, so a paragraph of many abbreviations and no
// sentence end ("Dr. Dr. …", a list of "U.S. …") cost the square of its
// length: 80 KB took 13 s, a 2 MB briefing (within the limit) hours of
// holding the library while a moderator's upload or a reindex waited.
// Measured in bytes allocated, not time: some 800 MB before, a few
// hundred KB now.
func TestSentencesAbbreviationsCostTheirWord(t *testing.T) {
	p := strings.Repeat("Dr. ", 20000) // 80 KB, one sentence
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s := Sentences(p)
	runtime.ReadMemStats(&after)
	if len(s) != 1 {
		t.Errorf("%d sentences, want 1", len(s))
	}
	if got, most := after.TotalAlloc-before.TotalAlloc, 20*uint64(len(p)); got > most {
		t.Errorf("Sentences allocated %d bytes on %d, want at most %d", got, len(p), most)
	}
	// What counts as an abbreviation is as before.
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"He met Dr. Smith. Then he left.", 2},
		{"Ask (\"Dr. Who\") Now.", 1},
		{"It rose in the U.S. The rest fell.", 2},
		// A word after a no-break space is a word: the byte after the
		// space's first byte was taken for its start, and "Dr." not seen.
		{"Ask\u00a0Dr. Smith now.", 1},
	} {
		if got := Sentences(tt.in); len(got) != tt.want {
			t.Errorf("Sentences(%q) = %q, want %d", tt.in, got, tt.want)
		}
	}
}
