package answer

import (
	"cmp"
	"context"
	"slices"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
)

// search retrieves k passages: lexical, fused with the semantic ranking
// when there is one.
func (e *Engine) search(ctx context.Context, kb *Knowledge, query string, k int) search.Result {
	if kb.Semantic == nil {
		return kb.Retriever.Search(query, k)
	}
	res := kb.Retriever.Search(query, 2*k)
	sem, err := kb.Semantic.Rank(ctx, query, 2*k)
	if err != nil {
		e.log.Warn("semantic retrieval unavailable; lexical only", "err", err)
	} else {
		res.Hits = fuse(res.Hits, sem)
	}
	if len(res.Hits) > k {
		res.Hits = res.Hits[:k]
	}
	return res
}

// rrfK is reciprocal rank fusion's constant: 60, as in Cormack et al.,
// makes the fused order robust to either ranking's outliers.
const rrfK = 60

// fuse merges a lexical and a semantic ranking by reciprocal rank fusion;
// ties keep the lexical order.
func fuse(lexical []search.Hit, semantic []knowledge.Chunk) []search.Hit {
	score := map[string]float64{}
	byID := map[string]search.Hit{}
	var order []string
	for i, h := range lexical {
		score[h.Chunk.ID] += 1 / float64(rrfK+i+1)
		byID[h.Chunk.ID] = h
		order = append(order, h.Chunk.ID)
	}
	for i, c := range semantic {
		if _, ok := byID[c.ID]; !ok {
			byID[c.ID] = search.Hit{Chunk: c, Index: -1}
			order = append(order, c.ID)
		}
		score[c.ID] += 1 / float64(rrfK+i+1)
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(score[b], score[a]) })
	out := make([]search.Hit, len(order))
	for i, id := range order {
		h := byID[id]
		h.Score = score[id]
		out[i] = h
	}
	return out
}
