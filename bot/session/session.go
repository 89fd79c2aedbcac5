// Package session runs live Q&A sessions on a briefing: the session
// itself, a queue of members' questions (near-duplicates merged, upvotes,
// top-voted first), drafted answers an educator approves, edits or skips,
// and the transcript at the end. All state is in a Storage
// (redisstore.Sessions: Redis), so a session survives a bot restart and is
// shared by several bot processes. The package knows nothing of Discord.
package session

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge"
)

// Errors a caller can act on; every returned error wraps one of these or a
// storage error. ErrInvalid is state.ErrInvalid, the one bad-argument
// error every store shares.
var (
	ErrNotFound    = errors.New("no such session or question")
	ErrExists      = errors.New("a session already runs in this thread")
	ErrEnded       = errors.New("the session has ended")
	ErrInvalid     = state.ErrInvalid
	ErrState       = errors.New("not allowed in the question's state")
	ErrNotApproved = errors.New("the draft needs an educator's approval first")
	// ErrCitations is wrapped by edits whose markers do not check out.
	ErrCitations = errors.New("citations do not check")
	// ErrMemberFull and ErrQueueFull refuse a new question (Add) over
	// Options.MaxWaitingPerMember and Options.MaxWaiting; the error is a
	// *FullError, which says the limit.
	ErrMemberFull = errors.New("the member has the most questions waiting a member may have")
	ErrQueueFull  = errors.New("the session's queue is full")
	// ErrChanged refuses an action on a revision of a question that is
	// no longer its own: its asker edited or deleted their message since.
	ErrChanged = errors.New("the question changed since")
	// ErrDeleted refuses to queue a message already deleted, and
	// ErrAsked one already queued (its event handled twice).
	ErrDeleted = errors.New("the message was deleted")
	ErrAsked   = errors.New("the message asks a question already")
	// ErrNotAsked is Reword's answer for a message that asks no question
	// of the session: chat, or a message whose creation is not queued
	// yet (its edit handled first).
	ErrNotAsked = errors.New("the message asks no question")
)

// FullError is Add's refusal of a new question over a queue limit.
type FullError struct {
	Kind  error // ErrMemberFull or ErrQueueFull
	Limit int   // the questions that may wait
}

func (e *FullError) Error() string {
	return fmt.Sprintf("session: add: %v (%d waiting)", e.Kind, e.Limit)
}

func (e *FullError) Unwrap() error { return e.Kind }

// Queue limits by default (Options). Every queued question is drafted,
// by a model when one is configured, and every Add reads the session's
// questions under WATCH, so the queue must not grow without bound. Five
// waiting questions a member leaves room for a member's follow-ups
// (merged duplicates and upvotes are never refused) while no one member
// can fill the queue; 200 waiting is more than an educator answering a
// question a minute reaches in three hours, and bounds a session's drafts
// (200 model calls) and what each Add reads.
const (
	DefaultMaxWaitingPerMember = 5
	DefaultMaxWaiting          = 200
)

// Options configures a Store; the zero value means the defaults.
type Options struct {
	Now func() time.Time // default time.Now
	// Briefing looks up a briefing for transcripts (title and date);
	// knowledge.Corpus.Briefing fits. Nil: transcripts name the id only.
	Briefing func(id string) (knowledge.Briefing, bool)
	// MaxWaitingPerMember caps the waiting questions (queued, drafted or
	// approved) a member first asked; MaxWaiting caps a session's. Zero
	// means DefaultMaxWaitingPerMember and DefaultMaxWaiting.
	MaxWaitingPerMember int
	MaxWaiting          int
	// Log takes what fails without failing the call (a vote not taken
	// off); nil is slog.Default().
	Log *slog.Logger
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
	// PanelID is the message in the thread that presents the session and
	// shows its queue's counts; empty until SetPanel records it.
	PanelID string `json:"panel_id,omitempty"`
	// Deleted are the last messages deleted in the thread (maxDeleted of
	// them): Discord's events may be handled out of order, and a
	// message's creation handled after its deletion must not queue it
	// (Add); nor may a post Discord refused put back the words of a
	// message deleted while it was on its way (Unpost).
	Deleted []string `json:"deleted,omitempty"`
	// TranscriptPosted says the transcript is in the thread;
	// TranscriptClaim, when a /session end started posting it
	// (ClaimTranscript): two ends at once post one.
	TranscriptPosted bool      `json:"transcript_posted,omitempty"`
	TranscriptClaim  time.Time `json:"transcript_claim,omitzero"`
}

// maxDeleted bounds Session.Deleted: a creation handled after its
// deletion is a matter of seconds, and a moderator's bulk deletion takes
// at most 100 messages at a time; 250 ids are about 5 KB of the session's
// record.
const maxDeleted = 250

// Ended reports whether the session has ended.
func (s Session) Ended() bool { return !s.EndedAt.IsZero() }

// Storage keeps sessions, their questions, votes and queue;
// redisstore.Sessions is the real one. Every call is atomic, and every
// write keeps the session's data a month from then. A missing
// session or question is an error wrapping ErrNotFound.
type Storage interface {
	// Create stores sess in its thread, unless the thread has a session:
	// then created is false.
	Create(ctx context.Context, sess Session) (created bool, err error)
	// Get returns threadID's session.
	Get(ctx context.Context, threadID string) (Session, error)
	// UpdateSession runs f on threadID's session and, if f returns true,
	// writes it back unless it changed meanwhile (then it fails). It
	// returns the session as f left it.
	UpdateSession(ctx context.Context, threadID string, f func(*Session) bool) (Session, error)
	// AddQuestion runs f on threadID's session, its questions in order of
	// arrival and the next question number, and stores the question f
	// returns: queued, when new (f sets its ID and Seq), or else in place,
	// with userID's vote either way. If the session or its questions
	// changed meanwhile, f runs again. The question returned has its
	// votes.
	AddQuestion(ctx context.Context, threadID, userID string, f func(sess Session, all []Question, next int64) (q Question, isNew bool, err error)) (Question, error)
	// Vote adds userID's vote to the question numbered seq, once per
	// user, re-ranking it if it waits; added is false for a repeat. It
	// fails with ErrEnded once the session has ended, with ErrState for a
	// skipped question (never to be answered: a vote would count for
	// nothing), and with ErrNotFound for a withdrawn one.
	Vote(ctx context.Context, threadID, questionID string, seq int64, userID string) (votes int, added bool, err error)
	// Unvote takes userIDs' votes off the question numbered seq (askers
	// who left it), re-ranking it if it waits, and returns its votes.
	Unvote(ctx context.Context, threadID, questionID string, seq int64, userIDs []string) (int, error)
	// Next returns the waiting question with the most votes, the oldest
	// among equals; ok is false when none waits.
	Next(ctx context.Context, threadID string) (q Question, ok bool, err error)
	// Question returns one question with its votes.
	Question(ctx context.Context, threadID, questionID string) (Question, error)
	// Questions returns every question in order of arrival, with votes.
	Questions(ctx context.Context, threadID string) ([]Question, error)
	// UpdateQuestion runs f on the session and one of its questions and
	// writes the question back, unless it changed meanwhile (then f runs
	// again): in the queue if f says it is waiting, out of it if not, so
	// that the queue holds exactly the waiting questions. A waiting
	// question already queued keeps its place; one not queued (a posted
	// question put back) is queued by its votes and arrival, as a vote
	// ranks it. An error from f is returned as it is, and nothing is
	// written.
	UpdateQuestion(ctx context.Context, threadID, questionID string, f func(Session, *Question) (waiting bool, err error)) (Question, error)
}

// Store runs sessions over a Storage.
type Store struct {
	st         Storage
	now        func() time.Time
	briefing   func(string) (knowledge.Briefing, bool)
	maxMember  int
	maxWaiting int
	log        *slog.Logger
}

// NewStore returns a Store over st.
func NewStore(st Storage, o Options) *Store {
	s := &Store{st: st, now: o.Now, briefing: o.Briefing, maxMember: o.MaxWaitingPerMember, maxWaiting: o.MaxWaiting, log: o.Log}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.maxMember <= 0 {
		s.maxMember = DefaultMaxWaitingPerMember
	}
	if s.maxWaiting <= 0 {
		s.maxWaiting = DefaultMaxWaiting
	}
	return s
}

// Start opens a session in threadID; ErrExists if the thread has one (even
// an ended one: a thread holds one session's record).
func (s *Store) Start(ctx context.Context, guildID, threadID, title, briefingID string, approve bool, educatorID string) (Session, error) {
	if threadID == "" || briefingID == "" {
		return Session{}, fmt.Errorf("session: start: thread and briefing ids are required: %w", ErrInvalid)
	}
	sess := Session{GuildID: guildID, ThreadID: threadID, Title: title, BriefingID: briefingID,
		Approve: approve, EducatorID: educatorID, StartedAt: s.now().UTC()}
	ok, err := s.st.Create(ctx, sess)
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
	return s.st.Get(ctx, threadID)
}

// End ends the session: no more questions join it. Ending twice is
// harmless and keeps the first end time; first reports whether this call
// ended it (of two educators ending it at once, exactly one did).
func (s *Store) End(ctx context.Context, threadID string) (sess Session, first bool, err error) {
	sess, err = s.st.UpdateSession(ctx, threadID, func(sess *Session) bool {
		// Run again if the session changed meanwhile: the last run says.
		if first = !sess.Ended(); !first {
			return false
		}
		sess.EndedAt = s.now().UTC()
		return true
	})
	if err != nil {
		return Session{}, false, wrap("end", threadID, err)
	}
	return sess, first, nil
}

// transcriptClaimFor is how long a claim to post the transcript stands:
// a post takes seconds; a process that died with the claim leaves it to
// the next /session end after this.
const transcriptClaimFor = 2 * time.Minute

// ClaimTranscript reports whether the caller is to post the session's
// transcript in its thread: not if it is there already, nor while
// another caller is posting it. A caller that claimed it says how the
// post went (TranscriptPosted).
func (s *Store) ClaimTranscript(ctx context.Context, threadID string) (bool, error) {
	claimed := false
	_, err := s.st.UpdateSession(ctx, threadID, func(sess *Session) bool {
		now := s.now().UTC()
		claimed = !sess.TranscriptPosted && (sess.TranscriptClaim.IsZero() || now.Sub(sess.TranscriptClaim) >= transcriptClaimFor)
		if claimed {
			sess.TranscriptClaim = now
		}
		return claimed
	})
	if err != nil {
		return false, wrap("claim the transcript", threadID, err)
	}
	return claimed, nil
}

// TranscriptPosted ends a claim (ClaimTranscript): posted, the transcript
// is not posted again; not, the next /session end may try.
func (s *Store) TranscriptPosted(ctx context.Context, threadID string, posted bool) error {
	_, err := s.st.UpdateSession(ctx, threadID, func(sess *Session) bool {
		sess.TranscriptPosted = sess.TranscriptPosted || posted
		sess.TranscriptClaim = time.Time{}
		return true
	})
	if err != nil {
		return wrap("transcript posted", threadID, err)
	}
	return nil
}

// SetPanel records the id of the session's panel message.
func (s *Store) SetPanel(ctx context.Context, threadID, messageID string) (Session, error) {
	sess, err := s.st.UpdateSession(ctx, threadID, func(sess *Session) bool {
		if sess.PanelID == messageID {
			return false
		}
		sess.PanelID = messageID
		return true
	})
	if err != nil {
		return Session{}, wrap("set panel", threadID, err)
	}
	return sess, nil
}

// wrap adds the operation to err unless it is already one of ours.
func wrap(op, threadID string, err error) error {
	for _, e := range []error{ErrNotFound, ErrExists, ErrEnded, ErrInvalid, ErrState, ErrNotApproved, ErrCitations, ErrMemberFull, ErrQueueFull, ErrChanged, ErrDeleted, ErrAsked} {
		if errors.Is(err, e) {
			return err
		}
	}
	return fmt.Errorf("session: %s %s: %w", op, threadID, err)
}
