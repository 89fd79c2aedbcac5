package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

var benchQueries = []string{
	"Why does France oppose a NATO office in Tokyo?",
	"quad memebers",
	"what did the chinese spokesperson say about nato",
	"which non-military areas could nato cooperate on",
}

// lex is the production configuration: WordNet lemmas and relations.
func lex() Option { return WithExpander(NewLexiconExpander(lexicon.Default())) }

func BenchmarkSearchBriefing(b *testing.B) {
	ix := briefingIndex(b, lex())
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ix.Search(benchQueries[i%len(benchQueries)], 5)
	}
}

// latencyQueries is a realistic mix of questions to the briefing: the
// benchmark queries, then questions as members put them — paraphrases in
// words the briefing lacks, typos, casual chat.
func latencyQueries() []string {
	return append(slices.Clone(benchQueries),
		// Paraphrases.
		"is nato opening a bureau in japan's capital",
		"why is paris against the alliance setting up shop in tokyo",
		"what did beijing's foreign ministry say about the alliance",
		"how did china react to nato's plans for asia",
		"which countries are partners of nato in the pacific",
		"why are europeans wary of a pivot to asia",
		"what was decided at the washington summit",
		"who are the indo-pacific four",
		"does nato want asian countries as members",
		"what is the relationship between nato and japan like",
		"how does the war in ukraine link europe and asia",
		// Typos.
		"waht does macron thnik about the ofice",
		"nato expantion into asia",
		"chinese goverment respons to nato",
		"australlia and new zeeland cooperation",
		"cyber secuirty cooperation with partners",
		"anniversery summit in washingtn",
		// Chat.
		"yo so whats the deal w nato and japan lol",
		"ok but why r the french mad abt tokyo",
		"tl;dr pls, nato in asia?",
		"ngl china seems pretty annoyed, what did they say",
		"wait is the uk involved in any of this",
		"can u explain the quad thing rn",
		"who's the nato sec gen again",
		"what do ppl in the govt think about nukes",
	)
}

// BenchmarkSearchLatency measures each search on the briefing over
// latencyQueries in turn and reports the median and 99th percentile as well
// as the mean: the target is a p99, and a mean hides the slow queries.
func BenchmarkSearchLatency(b *testing.B) {
	ix := briefingIndex(b, lex())
	queries := latencyQueries()
	// Room for every iteration of a usual run, so that recording allocates
	// nothing inside the loop.
	durs := make([]time.Duration, 0, 1<<21)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		ix.Search(queries[i%len(queries)], 5)
		durs = append(durs, time.Since(start))
	}
	slices.Sort(durs)
	for _, p := range []struct {
		q    float64
		unit string
	}{{0.50, "p50-ns"}, {0.99, "p99-ns"}} {
		// Nearest rank: the smallest duration at least q of them reach.
		i := max(int(math.Ceil(p.q*float64(len(durs))))-1, 0)
		b.ReportMetric(float64(durs[i]), p.unit)
	}
}

// syntheticChunks makes n paragraph-sized chunks whose words follow a
// Zipf-like law over a vocabulary mixing the briefing's words with made-up
// ones, so postings lists have realistic skew.
func syntheticChunks(b testing.TB, n int) []knowledge.Chunk {
	b.Helper()
	srcs, _ := knowledge.Sources("")
	c, err := knowledge.Build(srcs)
	if err != nil {
		b.Fatal(err)
	}
	vocab := map[string]bool{}
	for _, ch := range c.Chunks {
		for _, w := range tokenize(ch.Text) {
			vocab[w] = true
		}
	}
	words := make([]string, 0, len(vocab)+20000)
	for w := range vocab {
		words = append(words, w)
	}
	for i := range 20000 {
		words = append(words, fmt.Sprintf("w%dx", i))
	}
	r := rand.New(rand.NewPCG(1, 2))
	z := rand.NewZipf(r, 1.1, 1, uint64(len(words)-1))
	out := make([]knowledge.Chunk, n)
	var sb strings.Builder
	for i := range out {
		sb.Reset()
		for range 80 {
			sb.WriteString(words[z.Uint64()])
			sb.WriteByte(' ')
		}
		out[i] = knowledge.Chunk{ID: fmt.Sprintf("syn#p%d", i+1), BriefingID: fmt.Sprintf("syn%d", i/50), Paragraph: i%50 + 1, Text: sb.String()}
	}
	return out
}

func BenchmarkSearch100k(b *testing.B) {
	ix := New(syntheticChunks(b, 100_000), lex())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ix.Search(benchQueries[i%len(benchQueries)], 5)
	}
}

func BenchmarkBuildBriefing(b *testing.B) {
	srcs, _ := knowledge.Sources("")
	c, _ := knowledge.Build(srcs)
	b.ReportAllocs()
	for b.Loop() {
		New(c.Chunks, lex())
	}
}

func BenchmarkBuild100k(b *testing.B) {
	chunks := syntheticChunks(b, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		New(chunks, lex())
	}
}
