package lexicon

import (
	"flag"
	"fmt"
	"strings"
	"testing"
)

var dump = flag.String("dump", "", "comma-separated words whose relations TestDump prints (go test -run Dump -dump office,french)")

// TestDump prints what Related returns for the words given with -dump, for
// whoever tunes the weights of query expansion.
func TestDump(t *testing.T) {
	if *dump == "" {
		t.Skip("no -dump words")
	}
	l := Default()
	for _, w := range strings.Split(*dump, ",") {
		fmt.Printf("%s (lemma %q, familiarity %.2f):\n", w, l.Lemma(w), l.Familiarity(w))
		for _, r := range l.Related(w) {
			fmt.Printf("    %-28s %.2f %s\n", r.Word, r.Weight, r.Kind)
		}
	}
}
