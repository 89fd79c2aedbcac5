// Command gen compiles WordNet 3.0 (Debian's wordnet-base, under
// /usr/share/wordnet) into the compact table the lexicon package embeds.
//
// It runs only when the table is rebuilt (go generate ./knowledge/lexicon);
// building and testing the bot never needs WordNet installed. The work done
// here — sense probabilities and familiarity from the tag counts, weighting,
// pruning and capping — is what keeps the embedded table small and the
// run-time lookup a plain array read. The table is stored uncompressed, in
// fixed-width arrays with its hash tables built in, so that the lexicon reads
// it in place: decoding costs a validation pass, not a decompression and a
// rebuild, in every process that uses it.
//
// Usage:
//
//	go run ./internal/gen -wordnet /usr/share/wordnet -o table.bin
package main

import (
	"bytes"
	"flag"
	"log"
	"os"

	"github.com/briefbot/briefbot/knowledge/lexicon/internal/morph"
)

// Kinds, in the order of lexicon.Kind; keep the two in step.
const (
	kSynonym uint8 = iota + 1
	kAbbreviation
	kSpelling
	kInflection
	kDerived
	kPertainym
	kSimilar
	kHypernym
	kHyponym
	kCapital
)

// Weights by kind, multiplied into the sense probabilities. They rank a
// synonym above a derived form above a broader term, because that is the
// order in which they keep a paraphrase's meaning.
const (
	wDerived   = 0.8
	wPertainym = 1.0
	wSimilar   = 0.5
	wHypernym  = 0.4
	wHyponym   = 0.5 // divided by √(number of hyponyms)
	wCapital   = 0.6 // city → its country
	wCapitalOf = 0.4 // country → its capital
	// maxHyponyms: a synset with more hyponyms than this is too general for
	// its hyponyms to stand in for it (spokesperson → spokesman is fine,
	// person → every kind of person is not).
	maxHyponyms = 8
)

var (
	wnDir     = flag.String("wordnet", "/usr/share/wordnet", "WordNet dict directory (data.*, index.*, *.exc, cntlist.rev)")
	outFile   = flag.String("o", "table.bin", "output file")
	minWeight = flag.Float64("min-weight", 0.05, "drop relations weighing less")
	minSense  = flag.Float64("min-sense", 0.03, "ignore senses less probable than this")
	maxRel    = flag.Int("max", 12, "keep at most this many relations per word (spelling and inflection links come on top)")
)

func main() {
	log.SetFlags(0)
	flag.Parse()
	w := &wn{
		synsets: map[string]*synset{},
		index:   map[string]*[morph.NumPOS][]string{},
		counts:  map[string]int{},
	}
	for p := morph.Noun; p < morph.NumPOS; p++ {
		must(w.readData(p))
		must(w.readIndex(p))
		must(w.readExc(p))
	}
	must(w.readCounts())
	w.computeSenses()
	t := w.build()
	var raw bytes.Buffer
	must(t.encode(&raw))
	must(os.WriteFile(*outFile, raw.Bytes(), 0o644))
	log.Printf("gen: %d words, %d with relations, %d relations, %d exceptions, %d countries with a capital; %d bytes",
		len(t.words), t.keyed, t.nrel, len(t.exc), len(t.capitals), raw.Len())
}

func must(err error) {
	if err != nil {
		log.Fatal("gen: ", err)
	}
}
