package answer

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
)

// A question scoped to one briefing (Request.Briefing: an educator's
// session is on one) is answered as if the knowledge held that briefing
// alone: a Knowledge cut down to it, with its own index over its chunks.
// Filtering the whole index's hits by briefing would not do: a word's
// weight depends on the chunks indexed (a word rare in the scoped briefing
// but common in another ranks differently), and a question's words would
// count as found in a briefing it is not asked of, so coverage decisions
// and refusals would differ from the briefing's own.
//
// Everything downstream — passages, the prompt's title, refusal, overview
// and small-talk texts, the no-model coverage decision — reads the cut
// Knowledge, so it names and cites that briefing only.

// scopedKnowledges are the cut-down knowledges of one Knowledge, built on
// the first question scoped to each briefing and kept while that
// Knowledge is the engine's: at most one per briefing it holds.
type scopedKnowledges struct {
	kb   *Knowledge
	byID sync.Map // briefing id → func() *Knowledge (sync.OnceValue: built once)
}

// scopedKnowledge returns kb cut down to the briefing with the given id;
// ok is false when kb holds no such briefing (removed since the question
// was scoped to it).
func (e *Engine) scopedKnowledge(kb *Knowledge, id string) (*Knowledge, bool) {
	set := e.scopedFor(kb)
	if set != nil {
		if build, ok := set.byID.Load(id); ok {
			return build.(func() *Knowledge)(), true
		}
	}
	i := slices.IndexFunc(kb.Briefings, func(b knowledge.Briefing) bool { return b.ID == id })
	if i < 0 {
		return nil, false
	}
	build := sync.OnceValue(func() *Knowledge { return cut(kb, kb.Briefings[i]) })
	if set == nil {
		// kb is no longer the engine's: built for this question alone, not
		// kept with knowledge already replaced.
		return build(), true
	}
	// Two first questions at once build it once: the loser of the race
	// waits for the winner's build.
	actual, _ := set.byID.LoadOrStore(id, build)
	return actual.(func() *Knowledge)(), true
}

// scopedFor returns the cut-down knowledges kept for kb, starting afresh
// when kb has replaced the knowledge they were cut from; nil when kb is
// not the engine's current knowledge.
func (e *Engine) scopedFor(kb *Knowledge) *scopedKnowledges {
	for {
		cur := e.scoped.Load()
		if cur != nil && cur.kb == kb {
			return cur
		}
		if e.kb.Load() != kb {
			return nil
		}
		next := &scopedKnowledges{kb: kb}
		if !e.scoped.CompareAndSwap(cur, next) {
			continue // another question's set, maybe for kb: look again
		}
		if e.kb.Load() != kb {
			// Replaced meanwhile (SetKnowledge dropped the sets before
			// this one was stored): not kept with knowledge gone.
			e.scoped.CompareAndSwap(next, nil)
			return nil
		}
		return next
	}
}

// cut returns kb holding only briefing b: its chunks (which are adjacent
// in kb.Chunks, in reading order), a retriever over them built as kb's
// was (Knowledge.NewRetriever), and kb's semantic ranking restricted to
// them.
func cut(kb *Knowledge, b knowledge.Briefing) *Knowledge {
	lo := slices.IndexFunc(kb.Chunks, func(c knowledge.Chunk) bool { return c.BriefingID == b.ID })
	hi := lo
	if lo < 0 {
		lo, hi = 0, 0 // a briefing with no paragraphs: nothing to search
	}
	for hi < len(kb.Chunks) && kb.Chunks[hi].BriefingID == b.ID {
		hi++
	}
	// Shared with kb, read only; capped so that nothing appends into kb's.
	chunks := kb.Chunks[lo:hi:hi]
	sub := &Knowledge{
		Version:   kb.Version,
		Briefings: []knowledge.Briefing{b},
		Chunks:    chunks,
		scope:     b.ID,
		root:      kb,
	}
	if kb.NewRetriever != nil {
		sub.Retriever = kb.NewRetriever(chunks)
	} else {
		// A Knowledge made without a factory (tools, tests) gets the plain
		// index: the same ranking, without related words.
		sub.Retriever = search.New(chunks)
	}
	if kb.Semantic != nil {
		sub.Semantic = scopedRanker{all: kb.Semantic, briefing: b.ID, n: len(kb.Chunks)}
	}
	return sub
}

// whole is the knowledge kb was cut from, or kb itself.
func (kb *Knowledge) whole() *Knowledge {
	if kb.root != nil {
		return kb.root
	}
	return kb
}

// scopedRanker ranks one briefing's chunks by meaning: the whole ranking,
// of every chunk, with the other briefings' left out. A chunk's similarity
// to the question does not depend on the other chunks, so this is the
// ranking an index of that briefing alone would give.
type scopedRanker struct {
	all      SemanticRanker
	briefing string
	n        int // chunks in the whole knowledge: all of them are ranked
}

func (r scopedRanker) Rank(ctx context.Context, query string, k int) ([]knowledge.Chunk, error) {
	ranked, err := r.all.Rank(ctx, query, r.n)
	if err != nil {
		return nil, err
	}
	var out []knowledge.Chunk
	for _, c := range ranked {
		if len(out) == k {
			break
		}
		if c.BriefingID == r.briefing {
			out = append(out, c)
		}
	}
	return out, nil
}

// citesOnly reports whether an answer cites at least one passage and only
// passages of kb (a cut-down knowledge's briefing): an approved answer to
// a scoped question is served only then. One citing nothing could name
// anything.
func citesOnly(kb *Knowledge, a Answer) bool {
	if len(a.Citations) == 0 {
		return false
	}
	for _, c := range a.Citations {
		if !slices.ContainsFunc(kb.Chunks, func(ch knowledge.Chunk) bool { return ch.ID == c.ChunkID }) {
			return false
		}
	}
	return true
}

// briefingGone is the answer to a question scoped to a briefing the
// knowledge no longer holds (a moderator removed it after the session on
// it started). It is refused rather than answered from every briefing: an
// answer from another briefing, cited, in a session on this one, is the
// very mistake scoping prevents; the refusal says why, so the educator can
// end the session or start one on another briefing.
func briefingGone(kb *Knowledge, id string) Answer {
	return Answer{
		Mode: ModeExtractive, Refused: true, KnowledgeVersion: kb.Version,
		Text: fmt.Sprintf("The briefing this question is about (%q) is no longer one I know, so I cannot answer from it.", id),
	}
}
