package search

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// memoQueries are the questions TestPlanMemoIdentical asks: every word of
// the briefing alone, a typo of each, every sentence, random mixes of words
// and typos (so that words share terms and bigrams), and the benchmark
// mix.
func memoQueries(ix *Index) []string {
	var vocab []string
	seen := map[string]bool{}
	var queries []string
	for _, c := range ix.Chunks() {
		for _, w := range tokenize(c.Text) {
			if !seen[w] {
				seen[w] = true
				vocab = append(vocab, w)
			}
		}
		for s := range strings.SplitSeq(c.Text, ". ") {
			queries = append(queries, s)
		}
	}
	queries = append(queries, vocab...)
	// One edit per word, the kind taking turns: a letter dropped, two
	// swapped, one changed, one added.
	var typos []string
	for i, w := range vocab {
		if len(w) < minTypoLen || !isASCII(w) {
			continue
		}
		j := 1 + i%(len(w)-2)
		switch i % 4 {
		case 0:
			typos = append(typos, w[:j]+w[j+1:])
		case 1:
			typos = append(typos, w[:j]+w[j+1:j+2]+w[j:j+1]+w[j+2:])
		case 2:
			typos = append(typos, w[:j]+"q"+w[j+1:])
		case 3:
			typos = append(typos, w[:j]+"e"+w[j:])
		}
	}
	queries = append(queries, typos...)
	pool := append(slices.Clone(vocab), typos...)
	r := rand.New(rand.NewPCG(3, 4))
	for range 600 {
		var q []string
		for range 2 + r.IntN(8) {
			q = append(q, pool[r.IntN(len(pool))])
		}
		queries = append(queries, strings.Join(q, " "))
	}
	return append(queries, latencyQueries()...)
}

// sameResult describes how two results differ, to the bit, or returns "".
func sameResult(a, b Result) string {
	if len(a.Hits) != len(b.Hits) {
		return fmt.Sprintf("%d hits, want %d", len(a.Hits), len(b.Hits))
	}
	for i := range a.Hits {
		x, y := a.Hits[i], b.Hits[i]
		if x.Index != y.Index || x.Chunk.ID != y.Chunk.ID || math.Float64bits(x.Score) != math.Float64bits(y.Score) {
			return fmt.Sprintf("hit %d: %s %v, want %s %v", i, x.Chunk.ID, x.Score, y.Chunk.ID, y.Score)
		}
	}
	if len(a.terms) != len(b.terms) {
		return fmt.Sprintf("terms %v, want %v", a.terms, b.terms)
	}
	for i := range a.terms {
		if a.terms[i].id != b.terms[i].id || math.Float32bits(a.terms[i].weight) != math.Float32bits(b.terms[i].weight) {
			return fmt.Sprintf("terms %v, want %v", a.terms, b.terms)
		}
	}
	if len(a.Words) != len(b.Words) {
		return fmt.Sprintf("words %+v, want %+v", a.Words, b.Words)
	}
	for i := range a.Words {
		x, y := a.Words[i], b.Words[i]
		if x.Word != y.Word || x.Found != y.Found || x.Via != y.Via || x.Rare != y.Rare || math.Float64bits(x.Credit) != math.Float64bits(y.Credit) {
			return fmt.Sprintf("word %d: %+v, want %+v", i, x, y)
		}
	}
	return ""
}

// TestPlanMemoIdentical checks that memoising the work on query words
// changes no result: the same hits in the same order with the same scores to
// the bit (every chunk scored, not just the top few), the same query terms
// and weights, and the same WordMatch reports, whether the memo is cold,
// warm, or shared by concurrent searches.
func TestPlanMemoIdentical(t *testing.T) {
	memo := briefingIndex(t, lex())
	fresh := briefingIndex(t, lex())
	fresh.noMemo = true
	queries := memoQueries(memo)
	k := memo.Len()
	want := make([]Result, len(queries))
	for i, q := range queries {
		want[i] = fresh.Search(q, k)
	}
	check := func(pass string, i int, got Result) {
		if d := sameResult(got, want[i]); d != "" {
			t.Errorf("%s: %q: %s", pass, queries[i], d)
		}
	}
	for _, pass := range []string{"cold", "warm"} {
		for i, q := range queries {
			check(pass, i, memo.Search(q, k))
		}
	}
	// Concurrent searches on a fresh memo, each starting at a different
	// query, so that some make plans while others read them.
	shared := briefingIndex(t, lex())
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for j := range queries {
				i := (j + g*len(queries)/4) % len(queries)
				check("concurrent", i, shared.Search(queries[i], k))
			}
		})
	}
	wg.Wait()
	t.Logf("%d queries", len(queries))
}

// TestPlanMemoBounded: once the memo holds maxPlans words from outside the
// corpus it keeps no more of them (but still all corpus words), and searches
// stay the same.
func TestPlanMemoBounded(t *testing.T) {
	ix := briefingIndex(t, lex())
	fresh := briefingIndex(t, lex())
	fresh.noMemo = true
	ix.nPlans.Store(maxPlans)
	for _, q := range []string{"bureau", "memebers", "nato"} {
		if d := sameResult(ix.Search(q, 5), fresh.Search(q, 5)); d != "" {
			t.Errorf("%q: %s", q, d)
		}
	}
	for w, kept := range map[string]bool{"bureau": false, "memebers": false, "nato": true} {
		if _, ok := ix.plans.Load(w); ok != kept {
			t.Errorf("%q memoised: %v, want %v", w, ok, kept)
		}
	}
}
