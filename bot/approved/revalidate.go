package approved

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
)

// Revalidate brings every guild's approvals to corpus after a (re)index;
// call it at start and after every reindex, since Lookup serves only
// entries on the current version.
//
//   - An entry whose cited chunks all have the text they had when approved
//     moves to corpus.Version and stays served.
//   - An entry with a cited chunk changed or gone is suspended, with a
//     reason naming the paragraphs, and returned so that moderators can be
//     told. Only entries suspended by this call are returned.
//   - A suspended entry has its re-read passages refreshed; if the text
//     went back to what was approved, the suspension lifts by itself.
//
// Each guild is updated atomically; the deadline applies per guild, so a
// large number of guilds does not starve the last ones.
func (s *Store) Revalidate(ctx context.Context, corpus knowledge.Corpus) ([]Entry, error) {
	return s.RevalidateWhile(ctx, corpus, nil)
}

// ErrSuperseded is returned by RevalidateWhile when the knowledge moved
// on from the corpus it was re-checking against.
var ErrSuperseded = errors.New("approved: revalidate: the knowledge changed meanwhile")

// RevalidateWhile is Revalidate for as long as current (nil: always)
// returns corpus.Version, the version being served. current is asked
// inside each guild's atomic update, so a re-check against knowledge that
// was replaced meanwhile (a retry that runs late) writes nothing after
// the newer knowledge's own re-check, and none of the callers need to
// hold a lock across the storage's calls to keep them in order: the
// newer re-check's write either comes after the stale one's (and
// overwrites it), or it comes first, and then the stale one's update
// (retried, since its guild changed under it) sees current moved on and
// stops with ErrSuperseded.
func (s *Store) RevalidateWhile(ctx context.Context, corpus knowledge.Corpus, current func() string) ([]Entry, error) {
	if corpus.Version == "" {
		return nil, fmt.Errorf("approved: revalidate: corpus has no version: %w", ErrInvalid)
	}
	chunks := make(map[string]knowledge.Chunk, len(corpus.Chunks))
	for _, c := range corpus.Chunks {
		chunks[c.ID] = c
	}
	guilds, err := s.st.Guilds(ctx)
	if err != nil {
		return nil, wrap("revalidate", err)
	}
	slices.Sort(guilds)
	var suspended []Entry
	for _, g := range guilds {
		got, err := s.revalidateGuild(ctx, g, corpus.Version, chunks, current)
		if errors.Is(err, ErrSuperseded) {
			return suspended, err
		}
		if err != nil {
			return suspended, wrap("revalidate "+g, err)
		}
		suspended = append(suspended, got...)
	}
	return suspended, nil
}

func (s *Store) revalidateGuild(ctx context.Context, guildID, version string, chunks map[string]knowledge.Chunk, current func() string) ([]Entry, error) {
	now := s.now().UTC()
	var suspended []Entry
	err := s.update(ctx, guildID, func(_ context.Context, all []Entry) ([]Entry, []string, error) {
		suspended = suspended[:0] // a retry starts over
		if current != nil && current() != version {
			return nil, nil, ErrSuperseded
		}
		var put []Entry
		for _, e := range all {
			if e.KnowledgeVersion == version && !e.Suspended {
				continue
			}
			if e.Suspended && e.Pending != nil && e.Pending.KnowledgeVersion == version {
				continue
			}
			p, changed := reread(e, version, chunks)
			switch {
			case len(changed) == 0:
				// Unchanged text: carried over, or back to what was
				// approved after a suspension.
				e.KnowledgeVersion, e.Answer.KnowledgeVersion = version, version
				e.Suspended, e.SuspendedAt, e.Reason, e.Pending = false, time.Time{}, "", nil
			case e.Suspended:
				e.Pending = p
				e.Reason = reason(changed)
			default:
				e.Suspended, e.SuspendedAt, e.Pending = true, now, p
				e.Reason = reason(changed)
				suspended = append(suspended, e)
			}
			put = append(put, e)
		}
		return put, nil, nil
	})
	if err != nil {
		return nil, err
	}
	return suspended, nil
}

// reread returns e's citations against chunks, and the cited paragraphs
// whose text differs from what was approved (or that are gone).
func reread(e Entry, version string, chunks map[string]knowledge.Chunk) (*Pending, []string) {
	p := &Pending{KnowledgeVersion: version}
	approved := map[string]string{}
	for _, c := range e.Chunks {
		approved[c.ChunkID] = c.Hash
	}
	var changed []string
	for _, c := range e.Answer.Citations {
		ch, ok := chunks[c.ChunkID]
		if !ok {
			p.Gone = append(p.Gone, c.ChunkID)
			changed = append(changed, describe(c)+" is gone")
			p.Citations = append(p.Citations, c)
			continue
		}
		h := hashText(ch.Text)
		if h != approved[c.ChunkID] {
			changed = append(changed, describe(c)+" changed")
		}
		p.Citations = append(p.Citations, answer.Citation{N: c.N, Briefing: ch.Title, Paragraph: ch.Paragraph, ChunkID: ch.ID, Quote: ch.Text})
		p.Chunks = append(p.Chunks, Cited{ChunkID: ch.ID, Hash: h})
	}
	return p, changed
}

func describe(c answer.Citation) string {
	return fmt.Sprintf("[%d] paragraph %d of %q (%s)", c.N, c.Paragraph, c.Briefing, c.ChunkID)
}

func reason(changed []string) string { return "cited " + strings.Join(changed, "; ") }
