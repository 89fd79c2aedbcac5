package quiz

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

// Errors a caller can act on. ErrInvalid is state.ErrInvalid, the one
// bad-argument error every store shares.
var (
	ErrNotFound = errors.New("quiz not found")
	ErrClosed   = errors.New("quiz is closed")
	ErrInvalid  = state.ErrInvalid
)

// StoreOptions configures a Store; the zero value means the defaults.
type StoreOptions struct {
	Now func() time.Time // default time.Now
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
	// Messages are the ids of the quiz's messages in ChannelID, its head
	// first, then its questions in order, once they are posted (see
	// SetMessages): a closed quiz's buttons are retired through them,
	// without reading the channel's history. Empty for a quiz stored
	// before they were kept.
	Messages []string `json:"messages,omitempty"`
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

// Storage keeps quizzes and their answers; redisstore.Quizzes is the
// real one. Errors wrap ErrNotFound for a quiz not (or no longer) stored.
type Storage interface {
	// Create stores a new quiz.
	Create(ctx context.Context, q Quiz) error
	// Get returns a quiz.
	Get(ctx context.Context, id string) (Quiz, error)
	// Update runs f on the quiz and writes it back if f returns true,
	// unless the quiz changed meanwhile (then it fails).
	Update(ctx context.Context, id string, f func(*Quiz) bool) error
	// Record records userID's first answer to question, in one step with
	// their counts (correct or not, answered, at): two answers at once
	// count once. A member who had answered already gets repeat and their
	// first option, and nothing changes. It fails with ErrClosed once the
	// quiz is closed or gone.
	Record(ctx context.Context, quizID, userID string, question, option int, correct bool, at time.Time) (first int, repeat bool, err error)
	// Scores returns every member's counts, in any order.
	Scores(ctx context.Context, quizID string) ([]Entry, error)
}

// Store keeps quizzes and answers, so a quiz survives a restart and
// several bot processes share it.
type Store struct {
	st  Storage
	now func() time.Time
}

// NewStore returns a Store over st.
func NewStore(st Storage, o StoreOptions) *Store {
	s := &Store{st: st, now: o.Now}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

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
	if err := s.st.Create(ctx, q); err != nil {
		return Quiz{}, fmt.Errorf("quiz: create: %w", err)
	}
	return q, nil
}

// Get returns the quiz with the given id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (Quiz, error) { return s.st.Get(ctx, id) }

// AnswerIn records userID's choice of option (0-based) on question
// (0-based) of a quiz of guildID. The first answer counts: a repeat
// returns the first answer's Result with Repeat set. It returns ErrClosed
// once the quiz is closed, and ErrNotFound for a quiz of another guild,
// whose answer is not revealed: a button's custom id names the quiz, and
// a client can send any id it likes.
func (s *Store) AnswerIn(ctx context.Context, guildID, quizID, userID string, question, option int) (Result, error) {
	if guildID == "" || userID == "" {
		return Result{}, fmt.Errorf("quiz: answer: empty guild or user id: %w", ErrInvalid)
	}
	q, err := s.st.Get(ctx, quizID)
	if err != nil {
		return Result{}, err
	}
	if q.GuildID != guildID {
		return Result{}, fmt.Errorf("quiz: answer %s: not a quiz of guild %s: %w", quizID, guildID, ErrNotFound)
	}
	if q.Closed {
		return Result{}, fmt.Errorf("quiz: answer %s: %w", quizID, ErrClosed)
	}
	if question < 0 || question >= len(q.Questions) || option < 0 || option >= len(q.Questions[question].Options) {
		return Result{}, fmt.Errorf("quiz: answer %s: question %d option %d out of range: %w", quizID, question, option, ErrInvalid)
	}
	qq := q.Questions[question]
	first, repeat, err := s.st.Record(ctx, quizID, userID, question, option, option == qq.Correct, s.now())
	if err != nil {
		return Result{}, err
	}
	return Result{Correct: first == qq.Correct, Repeat: repeat, Chosen: first, Question: qq}, nil
}

// Leaderboard ranks members by correct answers, then by who reached their
// last answer first, then by id for a stable order.
func (s *Store) Leaderboard(ctx context.Context, quizID string) ([]Entry, error) {
	out, err := s.st.Scores(ctx, quizID)
	if err != nil {
		return nil, err
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

// SetMessages records the ids of a quiz's posted messages (its head
// first, then its questions in order).
func (s *Store) SetMessages(ctx context.Context, quizID string, ids []string) error {
	err := s.st.Update(ctx, quizID, func(q *Quiz) bool {
		q.Messages = slices.Clone(ids)
		return true
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("quiz: set messages of %s: %w", quizID, err)
	}
	return err
}

// CloseFirst closes the quiz to answers, returns its final leaderboard,
// and says whether this call closed the quiz:
// closed is false when it was closed already (by an earlier call, or by
// another at the same time), so that of several closing one quiz at once
// exactly one announces it.
func (s *Store) CloseFirst(ctx context.Context, quizID string) (entries []Entry, closed bool, err error) {
	err = s.st.Update(ctx, quizID, func(q *Quiz) bool {
		closed = !q.Closed
		q.Closed = true
		return closed
	})
	if errors.Is(err, ErrNotFound) {
		return nil, false, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("quiz: close %s: %w", quizID, err)
	}
	entries, err = s.Leaderboard(ctx, quizID)
	return entries, closed, err
}
