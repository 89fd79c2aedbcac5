package answer

import (
	"strings"
	"testing"
)

// QA 18h: b17e5d4 batches what one piece passes into one emit (judge),
// so that a list's lead-in and its first item, or a held statement of
// absence and the cited sentence that lets it be shown, reach the
// watcher together. But what the gate decides at the end of the stream
// — close's `for _, d := range g.read.Close() { g.show(d) }`, a counted
// list still held when the reply ends, as most replies that end on a
// list do — is shown outside judge, with g.batch nil: pass emits each
// line alone (and the held statements of absence each alone before it).
// The streamer edits the Discord message from its own goroutine while
// close runs, so an edit between two of these emits shows, over
// "✍️ writing…":
//   - "The Quad has four members [1]:" with nothing under it, or
//   - "The briefing doesn't say whether the office would provoke China."
//     alone, which reads as the bot refusing, before any cited sentence.
//
// Every prefix of the emits a watcher may render must be one the gate
// would have let an edit show: no lead-in last, no uncited statement of
// absence alone.
func TestQA18hGateCloseEmitsCountedListPieceByPiece(t *testing.T) {
	for _, tc := range []struct{ name, raw, bad string }{
		{
			// A member sees "Macron fears provoking China [1]. The Quad has
			// four members [2]:" over "writing…", its list not yet there.
			name: "lead-in alone",
			raw:  "Macron fears provoking China [1]. The Quad has four members [2]:\n- the U.S.\n- Japan\n- Australia\n- India",
		},
		{
			// A member sees "The briefing doesn't say whether the office
			// would provoke China." alone over "writing…": the statement
			// of absence the gate holds back until a cited sentence is
			// shown with it (TestGateStatementsOfAbsence) is emitted on
			// its own.
			name: "statement of absence alone",
			raw:  "The briefing doesn't say whether the office would provoke China.\n\nTwo frameworks are named [2]:\n- the Quad\n- AUKUS",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, size := range []int{4, len(tc.raw)} {
				var shown []string
				g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
				for i := 0; i < len(tc.raw); i += size {
					g.write(tc.raw[i:min(i+size, len(tc.raw))])
				}
				v := g.close()
				if !strings.Contains(v.text, "- ") {
					t.Fatalf("control: the list is not in the final answer %q", v.text)
				}
				sofar := ""
				for k, s := range shown {
					sofar += s
					if k == len(shown)-1 {
						break // the whole answer
					}
					t.Logf("pieces of %d: after emit %d an edit may show %q", size, k, sofar)
					text := strings.TrimSpace(sofar)
					last := text[strings.LastIndexByte(text, '\n')+1:]
					switch {
					case strings.HasSuffix(strings.TrimRight(last, "*_ "), ":"):
						t.Errorf("pieces of %d: a watcher is sent the lead-in without its items: %q (emits %q)", size, sofar, shown)
					case !strings.Contains(sofar, "["):
						t.Errorf("pieces of %d: a watcher is sent a statement of absence with no cited sentence: %q (emits %q)", size, sofar, shown)
					}
				}
			}
		})
	}
}
