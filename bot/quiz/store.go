package quiz

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Store defaults.
const (
	DefaultPrefix  = "briefbot:"
	DefaultTimeout = time.Second
	// DefaultTTL keeps a quiz well past its end for a late leaderboard,
	// without letting Redis grow forever.
	DefaultTTL = 30 * 24 * time.Hour
)

// Errors a caller can act on.
var (
	ErrNotFound = errors.New("quiz not found")
	ErrClosed   = errors.New("quiz is closed")
	ErrInvalid  = errors.New("invalid argument")
)

// StoreOptions configures a Store; the zero value means the defaults.
type StoreOptions struct {
	Prefix  string        // key prefix, default DefaultPrefix
	Timeout time.Duration // per call, default DefaultTimeout
	TTL     time.Duration // of a quiz's keys, refreshed on every write; default DefaultTTL
	Now     func() time.Time
}

// Quiz is one quiz as stored.
type Quiz struct {
	ID         string     `json:"id"`
	GuildID    string     `json:"guild_id"`
	ChannelID  string     `json:"channel_id"`
	BriefingID string     `json:"briefing_id"`
	CreatorID  string     `json:"creator_id"`
	Questions  []Question `json:"questions"`
	CreatedAt  time.Time  `json:"created_at"`
	Closed     bool       `json:"closed"`
}

// Result is what a member learns after answering.
type Result struct {
	Correct bool
	// Repeat is true when the member had answered this question before:
	// the first answer counts, and Chosen is that first answer.
	Repeat   bool
	Chosen   int
	Question Question // with its correct option and citation
}

// Entry is one line of a leaderboard.
type Entry struct {
	UserID   string
	Correct  int
	Answered int
	// LastAt is when the member gave their last answer: for a member who
	// answered every question, their completion time.
	LastAt time.Time
}

// Store keeps quizzes and answers in Redis, so a quiz survives a restart
// and several bot processes share it. Per quiz (one hash tag, so a MULTI
// or script covers it in Redis Cluster): the quiz as JSON, a hash of
// answers by member and question, and hashes of each member's correct and
// answered counts and last answer time.
type Store struct {
	rdb     redis.UniversalClient
	prefix  string
	timeout time.Duration
	ttl     time.Duration
	now     func() time.Time
}

// NewStore returns a Store.
func NewStore(rdb redis.UniversalClient, o StoreOptions) *Store {
	s := &Store{rdb: rdb, prefix: o.Prefix, timeout: o.Timeout, ttl: o.TTL, now: o.Now}
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

type keys struct{ quiz, answers, correct, answered, last string }

func (s *Store) keys(id string) keys {
	k := s.prefix + "quiz:{" + id + "}:"
	return keys{k + "data", k + "answers", k + "correct", k + "answered", k + "last"}
}

func (k keys) all() []string { return []string{k.quiz, k.answers, k.correct, k.answered, k.last} }

// Create stores a new quiz and returns it with its id and creation time.
func (s *Store) Create(ctx context.Context, q Quiz) (Quiz, error) {
	if len(q.Questions) == 0 {
		return Quiz{}, fmt.Errorf("quiz: create: no questions: %w", ErrInvalid)
	}
	id := make([]byte, 8)
	rand.Read(id)
	q.ID = hex.EncodeToString(id)
	q.CreatedAt = s.now().UTC()
	q.Closed = false
	data, err := json.Marshal(q)
	if err != nil {
		return Quiz{}, fmt.Errorf("quiz: create: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := s.rdb.Set(ctx, s.keys(q.ID).quiz, data, s.ttl).Err(); err != nil {
		return Quiz{}, fmt.Errorf("quiz: create: %w", err)
	}
	return q, nil
}

// Get returns the quiz with the given id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (Quiz, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	return s.get(ctx, id)
}

func (s *Store) get(ctx context.Context, id string) (Quiz, error) {
	data, err := s.rdb.Get(ctx, s.keys(id).quiz).Bytes()
	if errors.Is(err, redis.Nil) {
		return Quiz{}, fmt.Errorf("quiz: get %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Quiz{}, fmt.Errorf("quiz: get %s: %w", id, err)
	}
	var q Quiz
	if err := json.Unmarshal(data, &q); err != nil {
		return Quiz{}, fmt.Errorf("quiz: get %s: decode: %w", id, err)
	}
	return q, nil
}

// answerScript records a member's first answer to a question and updates
// their counts in one step, so two clicks at once count once, and nothing
// is recorded after the quiz closed (the closed flag is in the quiz JSON,
// read here, so closing and answering cannot interleave).
//
// KEYS: quiz, answers, correct, answered, last.
// ARGV: field (user NUL question), user, option, correct (0/1), now ms, ttl ms.
// Returns {-1} when the quiz is gone or closed, {0, first option} when the
// member had answered already, {1} when recorded.
var answerScript = redis.NewScript(`
local data = redis.call('GET', KEYS[1])
if not data or cjson.decode(data).closed then return {-1} end
local prev = redis.call('HGET', KEYS[2], ARGV[1])
if prev then return {0, tonumber(prev)} end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('HINCRBY', KEYS[3], ARGV[2], tonumber(ARGV[4]))
redis.call('HINCRBY', KEYS[4], ARGV[2], 1)
redis.call('HSET', KEYS[5], ARGV[2], ARGV[5])
for i = 1, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
return {1}
`)

// Answer records userID's choice of option (0-based) on question (0-based).
// The first answer counts: a repeat returns the first answer's Result with
// Repeat set. It returns ErrClosed once the quiz is closed.
func (s *Store) Answer(ctx context.Context, quizID, userID string, question, option int) (Result, error) {
	if userID == "" {
		return Result{}, fmt.Errorf("quiz: answer: empty user id: %w", ErrInvalid)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	q, err := s.get(ctx, quizID)
	if err != nil {
		return Result{}, err
	}
	if q.Closed {
		return Result{}, fmt.Errorf("quiz: answer %s: %w", quizID, ErrClosed)
	}
	if question < 0 || question >= len(q.Questions) || option < 0 || option >= len(q.Questions[question].Options) {
		return Result{}, fmt.Errorf("quiz: answer %s: question %d option %d out of range: %w", quizID, question, option, ErrInvalid)
	}
	qq := q.Questions[question]
	right := 0
	if option == qq.Correct {
		right = 1
	}
	k := s.keys(quizID)
	res, err := answerScript.Run(ctx, s.rdb, k.all(),
		userID+"\x00"+strconv.Itoa(question), userID, option, right, s.now().UnixMilli(), s.ttl.Milliseconds()).Int64Slice()
	if err != nil {
		return Result{}, fmt.Errorf("quiz: answer %s: %w", quizID, err)
	}
	switch {
	case len(res) == 0 || res[0] < 0:
		return Result{}, fmt.Errorf("quiz: answer %s: %w", quizID, ErrClosed)
	case res[0] == 0 && len(res) > 1:
		first := int(res[1])
		return Result{Correct: first == qq.Correct, Repeat: true, Chosen: first, Question: qq}, nil
	}
	return Result{Correct: right == 1, Chosen: option, Question: qq}, nil
}

// Leaderboard ranks members by correct answers, then by who reached their
// last answer first, then by id for a stable order.
func (s *Store) Leaderboard(ctx context.Context, quizID string) ([]Entry, error) {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	k := s.keys(quizID)
	var correct, answered, last *redis.MapStringStringCmd
	var exists *redis.IntCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		exists = p.Exists(ctx, k.quiz)
		correct = p.HGetAll(ctx, k.correct)
		answered = p.HGetAll(ctx, k.answered)
		last = p.HGetAll(ctx, k.last)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("quiz: leaderboard %s: %w", quizID, err)
	}
	if exists.Val() == 0 {
		return nil, fmt.Errorf("quiz: leaderboard %s: %w", quizID, ErrNotFound)
	}
	var out []Entry
	for user, n := range answered.Val() {
		e := Entry{UserID: user}
		e.Answered, _ = strconv.Atoi(n)
		e.Correct, _ = strconv.Atoi(correct.Val()[user])
		ms, _ := strconv.ParseInt(last.Val()[user], 10, 64)
		e.LastAt = time.UnixMilli(ms).UTC()
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry) int {
		if a.Correct != b.Correct {
			return b.Correct - a.Correct
		}
		if c := a.LastAt.Compare(b.LastAt); c != 0 {
			return c
		}
		if a.UserID < b.UserID {
			return -1
		}
		return 1
	})
	return out, nil
}

// Close closes the quiz to answers and returns its final leaderboard.
// Closing twice is harmless.
func (s *Store) Close(ctx context.Context, quizID string) ([]Entry, error) {
	cctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	k := s.keys(quizID)
	// WATCH so an answer recorded between our read and write is not lost
	// and the JSON is not overwritten by a stale copy.
	err := s.rdb.Watch(cctx, func(tx *redis.Tx) error {
		q, err := s.get(cctx, quizID)
		if err != nil {
			return err
		}
		if q.Closed {
			return nil
		}
		q.Closed = true
		data, err := json.Marshal(q)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(cctx, func(p redis.Pipeliner) error {
			p.Set(cctx, k.quiz, data, s.ttl)
			return nil
		})
		return err
	}, k.quiz)
	if errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("quiz: close %s: %w", quizID, err)
	}
	return s.Leaderboard(ctx, quizID)
}
