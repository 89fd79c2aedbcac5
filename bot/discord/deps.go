package discord

import (
	"context"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
)

// The interfaces below are what the Discord adapter needs from the rest of
// the bot, declared here (the consumer) so that this package can be tested
// with fakes; main wires the real parts in.

// Questions is the question service every question goes through;
// *asking.Service is the real one. The adapter parses, acknowledges,
// calls it and renders.
type Questions interface {
	Admit(ctx context.Context, q asking.Question) (asking.Ticket, error)
	// Screen and Limit are Admit in two steps, for an interaction, which
	// is acknowledged between them.
	Screen(ctx context.Context, q asking.Question) (asking.Ticket, error)
	Limit(ctx context.Context, t asking.Ticket) error
	Answer(ctx context.Context, t asking.Ticket, onDelta func(string)) (asking.Result, error)
	Vote(ctx context.Context, v asking.Vote) error
	StartConversation(ctx context.Context, threadID, owner string)
	ContinueConversation(ctx context.Context, threadID, owner, answerID string) error
	AnswerQuestion(ctx context.Context, answerID string) (string, bool)
	// AnswerRecord is an answer's question and text, for a moderator's
	// Approve button; ok is false when the record is gone.
	AnswerRecord(ctx context.Context, answerID string) (asking.AnswerRecord, bool)
	IsConversation(ctx context.Context, channelID string) bool
	AutoAnswers(ctx context.Context, guildID, channelID string, findParent func(context.Context) string) bool
	// Hold takes an answer slot for work that is not a member's question
	// (a grounding check, a moderator's approval).
	Hold(ctx context.Context) (release func(), err error)
	Knowledge() *answer.Knowledge
}

// Deduper reports whether an event id is seen for the first time, so that
// an event the gateway delivers twice is handled once.
type Deduper interface {
	First(ctx context.Context, id string, ttl time.Duration) (bool, error)
}

// Deps are the parts the bot uses. Questions is required; a nil Once
// turns de-duplication off, a nil Admin leaves /admin out and a nil
// Educator leaves /quiz and /session out.
type Deps struct {
	Questions Questions
	Once      Deduper
	Admin     *AdminDeps
	Educator  *EducatorDeps
	Observer  Observer // metrics; nil for none
}
