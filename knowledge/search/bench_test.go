package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

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
