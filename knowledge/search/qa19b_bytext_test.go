package search

import "testing"

// ByText must treat the Hits a caller kept the same way whether or not
// the corpus has questions. bot/answer's search (retrieve.go) asks for 2k
// hits, replaces Hits with the fusion of the lexical and semantic
// rankings and cuts them to k; the coverage decision (coverage.go) then
// calls ByText. On a corpus with no questions file ByText returns the
// caller's k fused hits; on one with questions it throws them away and
// returns the 2k lexical hits of the original search — twice the
// passages the decision was fitted on (answersKind, stanceApart,
// attributeApart look through every hit), so whether a near-topic
// question is refused changes just because a questions file exists,
// independently of what the questions say. Here a caller keeps one hit:
// without questions ByText gives one back, with questions it gives four.
func TestQA19bByTextKeepsTheCallersCut(t *testing.T) {
	chunks := briefingChunks(t)
	withQ := New(chunks)
	plainChunks := briefingChunks(t)
	for i := range plainChunks {
		plainChunks[i].Questions = nil
	}
	plain := New(plainChunks)
	const q = "why does france oppose a nato office in tokyo"
	for _, tc := range []struct {
		name string
		ix   *Index
	}{{"without questions", plain}, {"with questions", withQ}} {
		res := tc.ix.Search(q, 4)
		if len(res.Hits) < 4 {
			t.Fatalf("%s: %d hits, the test needs 4", tc.name, len(res.Hits))
		}
		res.Hits = res.Hits[:1] // the caller keeps its best one
		if got := len(res.ByText().Hits); got > 1 {
			t.Errorf("%s: ByText gives %d hits after the caller kept 1: it brings back passages the caller dropped", tc.name, got)
		}
	}
}
