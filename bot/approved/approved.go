// Package approved keeps the answers moderators approved, per guild, and
// serves them for equal or near-equal questions on the same knowledge
// version, with no model call.
//
// An approval records the knowledge version and a hash of each cited
// chunk's text. After a re-index, Revalidate carries every approval whose
// cited chunks are unchanged over to the new version and suspends the
// others until a moderator reviews them: an approved answer is never
// served against passages nobody approved it with.
//
// Per guild, the approvals are changed atomically (Storage.Update; a
// Redis hash under WATCH in redisstore.Approved), so concurrent approvals,
// reviews and revalidations never lose each other's writes; a counter
// gives short ids a moderator can type. The guilds with approvals are
// listed, for Revalidate.
package approved

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/similar"
	"github.com/briefbot/briefbot/bot/state"
)

// Bounds.
const (
	// MaxEntries bounds a guild's approvals: Lookup reads them all on
	// every first question.
	MaxEntries = 500
	// Similarity is the content-word Jaccard at or above which a question
	// gets another's approved answer (with the same numbers and negations;
	// see similar.Near). High, because a wrong match serves a confident
	// answer to a different question: "NATO office in Tokyo" and "…in
	// Seoul" (4 of 6 words) do not match.
	Similarity = 0.8
)

// ErrNotFound is returned for an id the guild has no approval under.
var ErrNotFound = errors.New("approved: no such approved answer")

// Cited is one chunk an approved answer cites and a hash of its text when
// it was approved.
type Cited struct {
	ChunkID string `json:"chunk_id"`
	Hash    string `json:"hash"`
}

// Entry is one approved answer.
type Entry struct {
	ID               string        `json:"id"`
	GuildID          string        `json:"guild_id"`
	Question         string        `json:"question"`
	Answer           answer.Answer `json:"answer"` // checked text and the citations it uses
	KnowledgeVersion string        `json:"knowledge_version"`
	Chunks           []Cited       `json:"chunks"`
	By               string        `json:"by"` // the approving moderator's user id
	At               time.Time     `json:"at"`

	// Suspended entries are never served. Reason says which cited
	// paragraphs changed or went; Pending holds the answer's citations
	// against the newest knowledge, which Review adopts when it lifts the
	// suspension.
	Suspended   bool      `json:"suspended,omitempty"`
	SuspendedAt time.Time `json:"suspended_at,omitzero"`
	Reason      string    `json:"reason,omitempty"`
	Pending     *Pending  `json:"pending,omitempty"`
}

// Pending is a suspended entry's citations re-read from a newer knowledge
// version.
type Pending struct {
	KnowledgeVersion string            `json:"knowledge_version"`
	Citations        []answer.Citation `json:"citations"`
	Chunks           []Cited           `json:"chunks"`
	// Gone lists cited chunks no longer in the knowledge; such an entry
	// cannot be lifted, only removed.
	Gone []string `json:"gone,omitempty"`
}

// Storage keeps each guild's approvals; redisstore.Approved is the real
// one.
type Storage interface {
	// Entries returns guildID's entries, in any order.
	Entries(ctx context.Context, guildID string) ([]Entry, error)
	// Update runs f on guildID's entries and writes what it returns
	// (entries to put, by ID; ids to delete) only if nobody changed them
	// meanwhile, running f again on the new entries otherwise. An error
	// from f is returned as it is, and nothing is written. f's context is
	// the one for calls f makes (NextID).
	Update(ctx context.Context, guildID string, f func(ctx context.Context, all []Entry) (put []Entry, del []string, err error)) error
	// NextID returns a new approval id for guildID: "1", "2", …
	NextID(ctx context.Context, guildID string) (string, error)
	// AddGuild lists guildID among the guilds with approvals.
	AddGuild(ctx context.Context, guildID string) error
	// Guilds returns the guilds listed, in any order.
	Guilds(ctx context.Context) ([]string, error)
}

// Store keeps approved answers.
type Store struct {
	st  Storage
	now func() time.Time
}

// New returns a Store over st.
func New(st Storage) *Store { return &Store{st: st, now: time.Now} }

var _ answer.Approved = (*Store)(nil)

func hashText(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:16])
}

// Approve stores a as the approved answer to question in guildID, by the
// moderator whose id is by. With editedText non-empty, that text replaces
// a.Text; either way the text is checked against a.Citations (see Check)
// and a *CheckError names every unsupported sentence. An earlier approval
// of the same normalised question on the same knowledge version is
// replaced, keeping its id.
func (s *Store) Approve(ctx context.Context, guildID, question string, a answer.Answer, editedText, by string) (Entry, error) {
	switch {
	case guildID == "":
		return Entry{}, fmt.Errorf("approved: approve: empty guild id: %w", ErrInvalid)
	case similar.Key(question) == "":
		return Entry{}, fmt.Errorf("approved: approve: empty question: %w", ErrInvalid)
	case by == "":
		return Entry{}, fmt.Errorf("approved: approve: no approving moderator: %w", ErrInvalid)
	case a.Refused:
		return Entry{}, fmt.Errorf("approved: approve: a refusal has nothing to approve: %w", ErrInvalid)
	case a.KnowledgeVersion == "":
		return Entry{}, fmt.Errorf("approved: approve: answer has no knowledge version: %w", ErrInvalid)
	}
	text := a.Text
	if editedText != "" {
		text = editedText
	}
	text, cites, err := Check(text, a.Citations)
	if err != nil {
		return Entry{}, err
	}
	e := Entry{
		GuildID:          guildID,
		Question:         question,
		Answer:           answer.Answer{Text: text, Citations: cites, KnowledgeVersion: a.KnowledgeVersion},
		KnowledgeVersion: a.KnowledgeVersion,
		By:               by,
		At:               s.now().UTC(),
	}
	for _, c := range cites {
		e.Chunks = append(e.Chunks, Cited{ChunkID: c.ChunkID, Hash: hashText(c.Quote)})
	}

	// Outside the per-guild update: in Redis Cluster the list lives in
	// another slot. A guild listed with no approvals costs Revalidate one
	// empty read.
	if err := s.st.AddGuild(ctx, guildID); err != nil {
		return Entry{}, fmt.Errorf("approved: approve: %w", err)
	}
	key := similar.Key(question)
	err = s.update(ctx, guildID, func(ctx context.Context, all []Entry) ([]Entry, []string, error) {
		for _, old := range all {
			if old.KnowledgeVersion == e.KnowledgeVersion && similar.Key(old.Question) == key {
				e.ID = old.ID
			}
		}
		if e.ID == "" {
			if len(all) >= MaxEntries {
				return nil, nil, state.Invalid("approved: approve", fmt.Sprintf("this server has %d approved answers, the most the bot keeps: remove some with `/admin review approve: False` first", len(all)))
			}
			id, err := s.st.NextID(ctx, guildID)
			if err != nil {
				return nil, nil, err
			}
			e.ID = id
		}
		return []Entry{e}, nil, nil
	})
	if err != nil {
		return Entry{}, wrap("approve", err)
	}
	return e, nil
}

// Lookup returns the approved answer for question in guildID on
// knowledgeVersion: an entry with an equal normalised question, or else
// the nearest with content-word Jaccard ≥ Similarity (newest on a tie).
// Suspended entries and entries on another version are never served. The
// answer has Mode answer.ModeApproved.
func (s *Store) Lookup(ctx context.Context, guildID, question, knowledgeVersion string) (answer.Answer, bool, error) {
	if guildID == "" || knowledgeVersion == "" {
		return answer.Answer{}, false, nil
	}
	key, words := similar.Key(question), similar.Words(question)
	if key == "" {
		return answer.Answer{}, false, nil
	}
	all, err := s.entries(ctx, guildID)
	if err != nil {
		return answer.Answer{}, false, wrap("lookup", err)
	}
	var best *Entry
	bestScore := 0.0
	for i := range all {
		e := &all[i]
		if e.Suspended || e.KnowledgeVersion != knowledgeVersion {
			continue
		}
		ek, ew := similar.Key(e.Question), similar.Words(e.Question)
		if !similar.Near(key, words, ek, ew, Similarity) {
			continue
		}
		score := similar.Jaccard(words, ew)
		if ek == key {
			score = 2 // equal questions beat any near one
		}
		if best == nil || score > bestScore || score == bestScore && e.At.After(best.At) {
			best, bestScore = e, score
		}
	}
	if best == nil {
		return answer.Answer{}, false, nil
	}
	a := best.Answer
	a.Citations = slices.Clone(a.Citations)
	a.Mode = answer.ModeApproved
	a.KnowledgeVersion = knowledgeVersion
	a.Refused = false
	return a, true, nil
}

// List returns guildID's approvals, oldest id first.
func (s *Store) List(ctx context.Context, guildID string) ([]Entry, error) {
	all, err := s.entries(ctx, guildID)
	if err != nil {
		return nil, wrap("list", err)
	}
	return all, nil
}

// Review settles a suspended entry: approve lifts the suspension, adopting
// the re-read passages, provided the answer text still holds against them
// (otherwise a *CheckError says why, and the entry stays suspended);
// !approve deletes the entry. Lifting an entry that is not suspended
// changes nothing.
func (s *Store) Review(ctx context.Context, guildID, id string, approve bool) (Entry, error) {
	if !approve {
		e, err := s.Remove(ctx, guildID, id)
		return e, err
	}
	var out Entry
	err := s.update(ctx, guildID, func(_ context.Context, all []Entry) ([]Entry, []string, error) {
		i := slices.IndexFunc(all, func(e Entry) bool { return e.ID == id })
		if i < 0 {
			return nil, nil, ErrNotFound
		}
		e := all[i]
		if !e.Suspended {
			out = e
			return nil, nil, nil
		}
		p := e.Pending
		if p == nil {
			return nil, nil, fmt.Errorf("approved: review %s: suspended with no re-read passages; run Revalidate: %w", id, ErrInvalid)
		}
		if len(p.Gone) > 0 {
			return nil, nil, state.Invalid("approved: review "+id, fmt.Sprintf("the passage(s) it cites (%s) are gone from the briefings: remove it with `/admin review approve: False` and approve a new answer", strings.Join(p.Gone, ", ")))
		}
		text, cites, err := Check(e.Answer.Text, p.Citations)
		if err != nil {
			return nil, nil, err
		}
		e.Answer.Text, e.Answer.Citations, e.Answer.KnowledgeVersion = text, cites, p.KnowledgeVersion
		e.KnowledgeVersion, e.Chunks = p.KnowledgeVersion, p.Chunks
		e.Suspended, e.SuspendedAt, e.Reason, e.Pending = false, time.Time{}, "", nil
		out = e
		return []Entry{e}, nil, nil
	})
	if err != nil {
		return Entry{}, wrap("review", err)
	}
	return out, nil
}

// Remove deletes an approval, suspended or not, and returns it.
func (s *Store) Remove(ctx context.Context, guildID, id string) (Entry, error) {
	var out Entry
	err := s.update(ctx, guildID, func(_ context.Context, all []Entry) ([]Entry, []string, error) {
		i := slices.IndexFunc(all, func(e Entry) bool { return e.ID == id })
		if i < 0 {
			return nil, nil, ErrNotFound
		}
		out = all[i]
		return nil, []string{id}, nil
	})
	if err != nil {
		return Entry{}, wrap("remove", err)
	}
	return out, nil
}

// entries returns guildID's entries sorted by id (numerically).
func (s *Store) entries(ctx context.Context, guildID string) ([]Entry, error) {
	all, err := s.st.Entries(ctx, guildID)
	if err != nil {
		return nil, err
	}
	byID(all)
	return all, nil
}

// update is Storage.Update with f given the entries sorted by id.
func (s *Store) update(ctx context.Context, guildID string, f func(ctx context.Context, all []Entry) (put []Entry, del []string, err error)) error {
	return s.st.Update(ctx, guildID, func(ctx context.Context, all []Entry) ([]Entry, []string, error) {
		byID(all)
		return f(ctx, all)
	})
}

// byID sorts entries by id, numerically.
func byID(all []Entry) {
	slices.SortFunc(all, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(len(a.ID), len(b.ID)), cmp.Compare(a.ID, b.ID))
	})
}

// wrap adds the operation to storage errors; our own errors (already
// prefixed "approved:") pass unchanged.
func wrap(op string, err error) error {
	var ce *CheckError
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid) || errors.As(err, &ce) {
		return err
	}
	return fmt.Errorf("approved: %s: %w", op, err)
}
