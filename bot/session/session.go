// Package session keeps live Q&A sessions on a briefing in Redis: the
// session itself, a queue of members' questions (near-duplicates merged,
// upvotes, top-voted first), drafted answers an educator approves, edits
// or skips, and the transcript at the end. All state is in Redis, so a
// session survives a bot restart and is shared by several bot processes.
// The package knows nothing of Discord.
package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/knowledge"
)

// Store defaults.
const (
	DefaultPrefix  = "briefbot:"
	DefaultTimeout = time.Second
	// DefaultTTL keeps a session's keys a month after their last change.
	DefaultTTL = 30 * 24 * time.Hour
)

// Errors a caller can act on; every returned error wraps one of these or a
// Redis error.
var (
	ErrNotFound    = errors.New("no such session or question")
	ErrExists      = errors.New("a session already runs in this thread")
	ErrEnded       = errors.New("the session has ended")
	ErrInvalid     = errors.New("invalid argument")
	ErrState       = errors.New("not allowed in the question's state")
	ErrNotApproved = errors.New("the draft needs an educator's approval first")
	// ErrCitations is wrapped by edits whose markers do not check out.
	ErrCitations = errors.New("citations do not check")
)

// Options configures a Store; the zero value means the defaults.
type Options struct {
	Prefix  string
	Timeout time.Duration
	TTL     time.Duration
	Now     func() time.Time
	// Briefing looks up a briefing for transcripts (title and date);
	// knowledge.Corpus.Briefing fits. Nil: transcripts name the id only.
	Briefing func(id string) (knowledge.Briefing, bool)
}

// Session is one live Q&A session, in one thread.
type Session struct {
	GuildID    string    `json:"guild_id"`
	ThreadID   string    `json:"thread_id"`
	Title      string    `json:"title"`
	BriefingID string    `json:"briefing_id"`
	Approve    bool      `json:"approve"` // drafts need an educator's approval before posting
	EducatorID string    `json:"educator_id"`
	StartedAt  time.Time `json:"started_at"`
	EndedAt    time.Time `json:"ended_at,omitzero"`
}

// Ended reports whether the session has ended.
func (s Session) Ended() bool { return !s.EndedAt.IsZero() }

// Store keeps sessions in Redis. Per thread, under one hash tag (so a
// MULTI or script covers them in Redis Cluster): the session JSON, a hash
// of questions (JSON) by id, a set of "question NUL voter" pairs, a hash of
// vote counts, a sorted set of the questions still to answer scored by
// votes then age, and a counter for question ids.
type Store struct {
	rdb      redis.UniversalClient
	prefix   string
	timeout  time.Duration
	ttl      time.Duration
	now      func() time.Time
	briefing func(string) (knowledge.Briefing, bool)
}

// NewStore returns a Store.
func NewStore(rdb redis.UniversalClient, o Options) *Store {
	s := &Store{rdb: rdb, prefix: o.Prefix, timeout: o.Timeout, ttl: o.TTL, now: o.Now, briefing: o.Briefing}
	if s.prefix == "" {
		s.prefix = DefaultPrefix
	}
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	if s.ttl <= 0 {
		s.ttl = DefaultTTL
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

type keys struct{ session, questions, voters, votes, queue, seq string }

func (s *Store) keys(threadID string) keys {
	k := s.prefix + "session:{" + threadID + "}:"
	return keys{k + "meta", k + "questions", k + "voters", k + "votes", k + "queue", k + "seq"}
}

func (k keys) all() []string {
	return []string{k.session, k.questions, k.voters, k.votes, k.queue, k.seq}
}

// expire refreshes the TTL of every key of a session in p.
func (s *Store) expire(ctx context.Context, p redis.Pipeliner, k keys) {
	for _, key := range k.all() {
		p.PExpire(ctx, key, s.ttl)
	}
}

// Start opens a session in threadID; ErrExists if the thread has one (even
// an ended one: a thread holds one session's record).
func (s *Store) Start(ctx context.Context, guildID, threadID, title, briefingID string, approve bool, educatorID string) (Session, error) {
	if threadID == "" || briefingID == "" {
		return Session{}, fmt.Errorf("session: start: thread and briefing ids are required: %w", ErrInvalid)
	}
	sess := Session{GuildID: guildID, ThreadID: threadID, Title: title, BriefingID: briefingID,
		Approve: approve, EducatorID: educatorID, StartedAt: s.now().UTC()}
	data, err := json.Marshal(sess)
	if err != nil {
		return Session{}, fmt.Errorf("session: start: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	ok, err := s.rdb.SetNX(ctx, s.keys(threadID).session, data, s.ttl).Result()
	if err != nil {
		return Session{}, fmt.Errorf("session: start: %w", err)
	}
	if !ok {
		return Session{}, fmt.Errorf("session: start %s: %w", threadID, ErrExists)
	}
	return sess, nil
}

// Get returns the session in threadID, or ErrNotFound.
func (s *Store) Get(ctx context.Context, threadID string) (Session, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	return s.get(ctx, s.rdb, threadID)
}

func (s *Store) get(ctx context.Context, c redis.Cmdable, threadID string) (Session, error) {
	data, err := c.Get(ctx, s.keys(threadID).session).Bytes()
	if errors.Is(err, redis.Nil) {
		return Session{}, fmt.Errorf("session: get %s: %w", threadID, ErrNotFound)
	}
	if err != nil {
		return Session{}, fmt.Errorf("session: get %s: %w", threadID, err)
	}
	var sess Session
	if err := json.Unmarshal(data, &sess); err != nil {
		return Session{}, fmt.Errorf("session: get %s: decode: %w", threadID, err)
	}
	return sess, nil
}

// End ends the session: no more questions join it. Ending twice is
// harmless and keeps the first end time.
func (s *Store) End(ctx context.Context, threadID string) (Session, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	k := s.keys(threadID)
	var sess Session
	err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		var err error
		if sess, err = s.get(ctx, tx, threadID); err != nil {
			return err
		}
		if sess.Ended() {
			return nil
		}
		sess.EndedAt = s.now().UTC()
		data, err := json.Marshal(sess)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, k.session, data, s.ttl)
			s.expire(ctx, p, k)
			return nil
		})
		return err
	}, k.session)
	if err != nil {
		return Session{}, wrap("end", threadID, err)
	}
	return sess, nil
}

// wrap adds the operation to err unless it is already one of ours.
func wrap(op, threadID string, err error) error {
	for _, e := range []error{ErrNotFound, ErrExists, ErrEnded, ErrInvalid, ErrState, ErrNotApproved, ErrCitations} {
		if errors.Is(err, e) {
			return err
		}
	}
	return fmt.Errorf("session: %s %s: %w", op, threadID, err)
}
