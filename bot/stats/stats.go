// Package stats keeps a per-guild log of the questions members ask and
// turns it into the moderators' report: how many were asked, answered and
// refused, the votes, the top questions, the questions the briefings did
// not cover, the busiest channels.
//
// Each guild's log is capped at Options.MaxEvents (the oldest go first)
// and kept by a Log (redisstore.Stats: a Redis sorted set per guild).
package stats

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/state"
)

// Defaults for Options.
const (
	DefaultMaxEvents = 50_000
	// MaxQuestionRunes bounds a stored question; the report shows
	// questions, not essays, and the cap bounds the log's memory.
	MaxQuestionRunes = 300
)

// Options configures a Store. The zero value means the defaults.
type Options struct {
	MaxEvents int // events kept per guild; default DefaultMaxEvents
}

// Event is one question asked. It holds no interaction token or other
// credential; Record also masks anything in the question that looks like
// one, since members do paste keys by mistake.
type Event struct {
	GuildID   string `json:"guild_id"`
	ChannelID string `json:"channel_id"`
	UserID    string `json:"user_id"`
	Question  string `json:"question"`
	Refused   bool   `json:"refused"`
	// Mode says how the answer was written: "llm", "extractive",
	// "approved" (the answering core's modes, kept as text so that stats
	// depend on no answering code).
	Mode             string    `json:"mode,omitempty"`
	KnowledgeVersion string    `json:"knowledge_version,omitempty"`
	At               time.Time `json:"at"`
}

// Log keeps each guild's events; redisstore.Stats is the real one.
type Log interface {
	// Append adds e to its guild's log (a DM's when GuildID is empty) and
	// drops the oldest events beyond keep, atomically. Two equal events
	// are two events.
	Append(ctx context.Context, e Event, keep int) error
	// Events returns guildID's events at or after since (all for a zero
	// since), oldest first.
	Events(ctx context.Context, guildID string, since time.Time) ([]Event, error)
}

// Feedback is the votes store the report reads; redisstore.Feedback is
// one.
type Feedback interface {
	Counts(ctx context.Context, guildID string) (up, down int, err error)
	List(ctx context.Context, guildID string, since time.Time) ([]state.Vote, error)
}

// Store records events and builds reports.
type Store struct {
	log       Log
	fb        Feedback
	maxEvents int
	now       func() time.Time
}

// New returns a Store over log; fb may be nil, and the report then has
// no votes.
func New(log Log, fb Feedback, o Options) *Store {
	s := &Store{log: log, fb: fb, maxEvents: o.MaxEvents, now: time.Now}
	if s.maxEvents <= 0 {
		s.maxEvents = DefaultMaxEvents
	}
	return s
}

// Record appends e to its guild's log, dropping the oldest events beyond
// MaxEvents in the same step. A zero At means now.
func (s *Store) Record(ctx context.Context, e Event) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	e.At = e.At.UTC()
	e.Question = clip(redact(e.Question), MaxQuestionRunes)
	if err := s.log.Append(ctx, e, s.maxEvents); err != nil {
		return fmt.Errorf("stats: record: %w", err)
	}
	return nil
}

// secretRE matches what looks like a credential: OpenAI-style keys, and
// Discord bot tokens (three base64url parts joined by dots).
var secretRE = regexp.MustCompile(`\bsk-[A-Za-z0-9_-]{16,}|\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}`)

func redact(q string) string {
	// Either kind of secret holds "sk-" or two dots; most questions hold
	// neither, and need no regexp scan.
	if !strings.Contains(q, "sk-") && strings.Count(q, ".") < 2 {
		return q
	}
	return secretRE.ReplaceAllString(q, "[redacted]")
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
