package asking

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/state"
)

// Conversation history: the last turns a follow-up sees, and how long a
// quiet conversation is remembered.
const (
	historyKeep = 6
	// threadTTL is how long a quiet thread stays one of the bot's
	// conversations; its history is kept as long (historyTTL), since a
	// question there is answered as a follow-up of what the member sees
	// above it.
	threadTTL  = 30 * 24 * time.Hour
	historyTTL = threadTTL
	// dmHistoryTTL is how long a DM's history is kept: no thread above
	// it shows a member what it holds, so a member back after a week
	// starts afresh.
	dmHistoryTTL = 7 * 24 * time.Hour
	// recordTTL is how long an answer can be voted on with its question.
	recordTTL = 30 * 24 * time.Hour
)

// recordKey is where an answer's record lives in Conversations: a list of
// one, beside the conversations (the key is part of deployed data).
func recordKey(answerID string) string { return "answer:" + answerID }

// record is what a vote stores besides the vote itself, since a vote
// arrives long after the answer.
type record struct {
	Question string `json:"q"`
	Answer   string `json:"a"`
	Version  string `json:"v"`
	// Guild is the server the answer was given in ("" in DMs); nil in
	// records kept before it was.
	Guild *string `json:"g,omitempty"`
	// Chunks are the passages its citations [1], [2]… name, in order: a
	// moderator approving the answer approves it as it was shown (the
	// quotes are the knowledge version's own, not kept twice).
	Chunks []string `json:"c,omitempty"`
	// FollowUp says the question followed earlier ones in its
	// conversation ("why?", "and india?"): its answer is to the question
	// with them, not alone.
	FollowUp bool `json:"f,omitempty"`
}

func (s *Service) history(ctx context.Context, convID string) []answer.Turn {
	if convID == "" || s.d.Conversations == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	raw, err := s.d.Conversations.Load(ctx, convID)
	if err != nil {
		s.log.Warn("conversation history unavailable; answering without it", "err", err)
		return nil
	}
	var turns []answer.Turn
	for _, r := range raw {
		var t answer.Turn
		// A turn stored twice in a row (a thread continued from an answer
		// by two clicks at once, each finding no history yet) says nothing
		// more the second time, and would take another turn's place in
		// the prompt.
		if json.Unmarshal(r, &t) == nil && (len(turns) == 0 || turns[len(turns)-1] != t) {
			turns = append(turns, t)
		}
	}
	return turns
}

func (s *Service) appendHistory(ctx context.Context, convID string, ttl time.Duration, t answer.Turn) {
	if convID == "" || s.d.Conversations == nil {
		return
	}
	data, _ := json.Marshal(t)
	if err := s.d.Conversations.Append(ctx, convID, data, historyKeep, ttl); err != nil {
		s.log.Warn("conversation history not stored", "err", err)
	}
}

// saveRecord keeps what a later vote on answerID, or a moderator's
// approval of it, needs. Failures only cost the question text in that
// vote. A follow-up's passages are kept too: its Approve form is
// prefilled with the text the moderator read, whose markers name those
// passages; checked against a fresh answer's passages instead, it was
// refused as unsupported when approved unchanged. What is approved is
// that text for the question as asked (the form's title): the moderator
// judges whether it answers the question without the thread above it.
func (s *Service) saveRecord(ctx context.Context, guildID, answerID, question string, a answer.Answer, followUp bool) {
	if s.d.Conversations == nil || answerID == "" {
		return
	}
	rec := record{Question: question, Answer: a.Text, Version: a.KnowledgeVersion, Guild: &guildID, FollowUp: followUp}
	for _, c := range a.Citations {
		rec.Chunks = append(rec.Chunks, c.ChunkID)
	}
	data, _ := json.Marshal(rec)
	if err := s.d.Conversations.Append(ctx, recordKey(answerID), data, 1, recordTTL); err != nil {
		s.log.Warn("answer record not stored; a vote on it will lack the question", "err", err)
	}
}

// loadRecord is the record of answerID as given in guildID ("" in DMs);
// ok is false when there is none, it cannot be read, or it was given in
// another server.
func (s *Service) loadRecord(ctx context.Context, guildID, answerID string) (record, bool) {
	rec, err := s.readRecord(ctx, guildID, answerID)
	return rec, err == nil
}

// ErrAnswerGone says the store answered and holds no record of the
// answer: it expired (recordTTL) or was never kept. A store that could
// not be read gives another error.
var ErrAnswerGone = errors.New("asking: the answer's record is gone")

// readRecord is loadRecord telling a record that is gone (ErrAnswerGone)
// from a store that could not say. Another server's record is gone too:
// whatever answer id a button carries (Discord passes custom ids back as
// the client sends them), a member reads, votes on and continues only
// their own server's answers.
func (s *Service) readRecord(ctx context.Context, guildID, answerID string) (record, error) {
	if s.d.Conversations == nil {
		return record{}, errors.New("asking: no conversation store")
	}
	ctx, cancel := context.WithTimeout(ctx, 2*storeTimeout)
	defer cancel()
	items, err := s.d.Conversations.Load(ctx, recordKey(answerID))
	if err != nil {
		s.log.Warn("answer record unavailable", "err", err)
		return record{}, fmt.Errorf("asking: load answer record: %w", err)
	}
	if len(items) == 0 {
		return record{}, ErrAnswerGone
	}
	var rec record
	if json.Unmarshal(items[len(items)-1], &rec) != nil || rec.Guild != nil && *rec.Guild != guildID {
		return record{}, ErrAnswerGone
	}
	return rec, nil
}

// Vote is a member's 👍 or 👎 on an answer.
type Vote struct {
	GuildID, UserID, AnswerID string
	Up                        bool
	// Shown is the answer's text as the member sees it, used when the
	// answer's record is gone.
	Shown string
}

// VoteOutcome says what a member's click did to their vote on an answer,
// so that they can be told what is recorded.
type VoteOutcome int

const (
	// VoteRecorded: a first vote (or one whose earlier vote is no longer
	// known).
	VoteRecorded VoteOutcome = iota
	// VoteUnchanged: the same vote again; it was recorded already and
	// stays as cast.
	VoteUnchanged
	// VoteChanged: the other vote, which replaces the earlier one.
	VoteChanged
)

// Vote stores a vote (one per member and answer: a second replaces the
// first) with the question and answer it is about, and says what it
// changed. The same vote again is stored again as cast (its time kept),
// so that the votes store follows the member's last click even after
// two clicks raced. The error says the vote was not stored; without a
// votes store nothing is stored and Vote returns VoteRecorded, nil.
func (s *Service) Vote(ctx context.Context, v Vote) (VoteOutcome, error) {
	sv := state.Vote{GuildID: v.GuildID, UserID: v.UserID, AnswerID: v.AnswerID, Up: v.Up}
	if rec, ok := s.loadRecord(ctx, v.GuildID, v.AnswerID); ok {
		sv.Question, sv.Answer, sv.KnowledgeVersion = rec.Question, rec.Answer, rec.Version
	} else {
		sv.Answer = v.Shown
	}
	if sv.KnowledgeVersion == "" {
		if kb := s.Knowledge(); kb != nil {
			sv.KnowledgeVersion = kb.Version
		}
	}
	if s.d.Votes == nil {
		return VoteRecorded, nil
	}
	outcome := VoteRecorded
	prev, known := s.lastVote(ctx, v)
	switch {
	case known && prev.Up == v.Up:
		outcome, sv.At = VoteUnchanged, prev.At
	case known:
		outcome = VoteChanged
	}
	if sv.At.IsZero() {
		sv.At = time.Now().UTC()
	}
	rctx, cancel := context.WithTimeout(ctx, 2*storeTimeout)
	defer cancel()
	if err := s.d.Votes.Record(rctx, sv); err != nil {
		return outcome, err
	}
	return outcome, nil
}

// lastVote is the member's latest vote on the answer; known is false
// when there is none or it cannot be read (the click is then told as a
// first vote).
func (s *Service) lastVote(ctx context.Context, v Vote) (state.Vote, bool) {
	if v.UserID == "" {
		return state.Vote{}, false
	}
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	prev, ok, err := s.d.Votes.Last(ctx, v.GuildID, v.AnswerID, v.UserID)
	if err != nil {
		s.log.Warn("earlier vote unavailable", "err", err)
		return state.Vote{}, false
	}
	return prev, ok
}

// threadMeta is what a bound thread records.
type threadMeta struct {
	Owner   string    `json:"owner"`
	Started time.Time `json:"started"`
}

// StartConversation makes a thread one of the bot's conversations: later
// messages there are follow-ups that need no mention. A failure is logged
// and costs only that.
func (s *Service) StartConversation(ctx context.Context, threadID, owner string) {
	if s.d.Conversations == nil {
		return
	}
	if err := s.bind(ctx, threadID, owner); err != nil {
		s.log.Warn("thread not remembered; follow-ups there will need a mention", "thread", threadID, "err", err)
	}
}

func (s *Service) bind(ctx context.Context, threadID, owner string) error {
	meta, _ := json.Marshal(threadMeta{Owner: owner, Started: time.Now().UTC()})
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	return s.d.Conversations.Bind(ctx, threadID, meta, threadTTL)
}

// IsConversation reports whether a channel is one of the bot's
// conversation threads. With the store unavailable it says no: the bot
// then answers mentions only, rather than every message of every thread.
func (s *Service) IsConversation(ctx context.Context, channelID string) bool {
	if s.d.Conversations == nil {
		return false
	}
	// Nothing waits on it but the answer (an /ask asks once it is
	// acknowledged).
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	_, ok, err := s.d.Conversations.Lookup(ctx, channelID)
	if err != nil {
		s.log.Warn("thread lookup unavailable", "err", err)
		return false
	}
	return ok
}

// ContinueConversation makes a thread opened from an answer one of the
// bot's conversations, its history opened with that answer, so that
// questions there follow it. The error says the thread is not bound.
func (s *Service) ContinueConversation(ctx context.Context, guildID, threadID, owner, answerID string) error {
	if s.d.Conversations == nil {
		return errors.New("asking: no conversation store")
	}
	if err := s.bind(ctx, threadID, owner); err != nil {
		return fmt.Errorf("asking: bind thread: %w", err)
	}
	if hist := s.history(ctx, threadID); len(hist) > 0 {
		return nil // continued before: the history is already there
	}
	if rec, ok := s.loadRecord(ctx, guildID, answerID); ok {
		actx, cancel := context.WithTimeout(ctx, storeTimeout)
		defer cancel()
		s.appendHistory(actx, threadID, historyTTL, answer.Turn{Question: rec.Question, Answer: rec.Answer})
	}
	return nil
}

// HasHistory reports whether a conversation's history still holds turns:
// a thread's expires historyTTL after its last turn, a thread continued
// from an answer holding that answer from the first click. The error says
// the store could not be read (or there is none), not that it is empty.
func (s *Service) HasHistory(ctx context.Context, convID string) (bool, error) {
	if s.d.Conversations == nil {
		return false, errors.New("asking: no conversation store")
	}
	ctx, cancel := context.WithTimeout(ctx, storeTimeout)
	defer cancel()
	raw, err := s.d.Conversations.Load(ctx, convID)
	if err != nil {
		return false, fmt.Errorf("asking: load conversation history: %w", err)
	}
	return len(raw) > 0, nil
}

// AnswerQuestion is the question an answer answered, from its record.
// The error is ErrAnswerGone when the store holds no record of it any
// more (a thread from it would open without what it answered), another
// when the store could not be read.
func (s *Service) AnswerQuestion(ctx context.Context, guildID, answerID string) (question string, err error) {
	rec, err := s.readRecord(ctx, guildID, answerID)
	return rec.Question, err
}
