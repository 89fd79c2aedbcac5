// Package stats keeps a per-guild log of the questions members ask and
// turns it into the moderators' report: how many were asked, answered and
// refused, the votes, the top questions, the questions the briefings did
// not cover, the busiest channels.
//
// Each guild's log is one Redis sorted set scored by the time of the
// question, capped at Options.MaxEvents (the oldest go first). A sorted
// set rather than a stream because events carry their own time and
// several bot processes append concurrently: a stream's ids must grow,
// scores need not.
package stats

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/state"
)

// Defaults for Options.
const (
	DefaultPrefix    = "briefbot:"
	DefaultTimeout   = time.Second
	DefaultMaxEvents = 50_000
	// MaxQuestionRunes bounds a stored question; the report shows
	// questions, not essays, and the cap bounds the log's memory.
	MaxQuestionRunes = 300
)

// Options configures a Store. The zero value means the defaults.
type Options struct {
	Prefix    string        // starts every key; default DefaultPrefix
	Timeout   time.Duration // bounds each call; default DefaultTimeout
	MaxEvents int           // events kept per guild; default DefaultMaxEvents
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

// Feedback is the votes store the report reads; *state.Feedback is one.
type Feedback interface {
	Counts(ctx context.Context, guildID string) (up, down int, err error)
	List(ctx context.Context, guildID string, since time.Time) ([]state.Vote, error)
}

var _ Feedback = (*state.Feedback)(nil)

// Store records events and builds reports.
type Store struct {
	rdb       redis.UniversalClient
	fb        Feedback
	prefix    string
	timeout   time.Duration
	maxEvents int
	now       func() time.Time
}

// New returns a Store; fb may be nil, and the report then has no votes.
func New(rdb redis.UniversalClient, fb Feedback, o Options) *Store {
	s := &Store{rdb: rdb, fb: fb, prefix: o.Prefix, timeout: o.Timeout, maxEvents: o.MaxEvents, now: time.Now}
	if s.prefix == "" {
		s.prefix = DefaultPrefix
	}
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	if s.maxEvents <= 0 {
		s.maxEvents = DefaultMaxEvents
	}
	return s
}

func (s *Store) key(guildID string) string {
	if guildID == "" {
		guildID = "dm" // Discord guild ids are numbers, so this is not one
	}
	return s.prefix + "stats:{" + guildID + "}:events"
}

// stored is an Event as kept in Redis. The nonce keeps two identical
// events (same user, question and millisecond) from collapsing into one
// sorted-set member.
type stored struct {
	Event
	Nonce string `json:"n"`
}

// Record appends e to its guild's log, dropping the oldest events beyond
// MaxEvents in the same transaction. A zero At means now.
func (s *Store) Record(ctx context.Context, e Event) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	e.At = e.At.UTC()
	e.Question = clip(redact(e.Question), MaxQuestionRunes)
	var nonce [6]byte
	_, _ = rand.Read(nonce[:]) // crypto/rand.Read never fails
	data, err := json.Marshal(stored{Event: e, Nonce: hex.EncodeToString(nonce[:])})
	if err != nil {
		return fmt.Errorf("stats: record: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	key := s.key(e.GuildID)
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.ZAdd(ctx, key, redis.Z{Score: float64(e.At.UnixMilli()), Member: data})
		p.ZRemRangeByRank(ctx, key, 0, int64(-s.maxEvents-1))
		return nil
	})
	if err != nil {
		return fmt.Errorf("stats: record: %w", err)
	}
	return nil
}

// events returns guildID's events at or after since (all for a zero
// since), oldest first.
func (s *Store) events(ctx context.Context, guildID string, since time.Time) ([]Event, error) {
	min := "-inf"
	if !since.IsZero() {
		min = strconv.FormatInt(since.UnixMilli(), 10)
	}
	raw, err := s.rdb.ZRangeByScore(ctx, s.key(guildID), &redis.ZRangeBy{Min: min, Max: "+inf"}).Result()
	if err != nil {
		return nil, fmt.Errorf("stats: read events: %w", err)
	}
	out := make([]Event, 0, len(raw))
	for _, r := range raw {
		var st stored
		if err := json.Unmarshal([]byte(r), &st); err != nil {
			return nil, fmt.Errorf("stats: decode event: %w", err)
		}
		out = append(out, st.Event)
	}
	return out, nil
}

// secretRE matches what looks like a credential: OpenAI-style keys, and
// Discord bot tokens (three base64url parts joined by dots).
var secretRE = regexp.MustCompile(`\bsk-[A-Za-z0-9_-]{16,}|\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}`)

func redact(q string) string { return secretRE.ReplaceAllString(q, "[redacted]") }

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
