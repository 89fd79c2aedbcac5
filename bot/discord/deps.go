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
	Vote(ctx context.Context, v asking.Vote) (asking.VoteOutcome, error)
	StartConversation(ctx context.Context, threadID, owner string)
	ContinueConversation(ctx context.Context, guildID, threadID, owner, answerID string) error
	// AnswerQuestion is the question an answer answered; the error is
	// asking.ErrAnswerGone when its record is gone.
	AnswerQuestion(ctx context.Context, guildID, answerID string) (string, error)
	// AnswerRecord is an answer's question and text, for a moderator's
	// Approve button; the error is asking.ErrAnswerGone when the record
	// is gone, another when the store could not be read.
	AnswerRecord(ctx context.Context, guildID, answerID string) (asking.AnswerRecord, error)
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

// IdentifyLeases spaces the IDENTIFYs of separate processes running
// shards of one bot (each with its own DISCORD_SHARD_IDS, all on one
// store): a lease per rate-limit bucket (shard id % max_concurrency),
// held by one owner at a time; *redisstore.IdentifyLeases is the real
// one. Every call must return soon (the store bounds it): a failing store
// leaves each process spacing only its own IDENTIFYs.
type IdentifyLeases interface {
	// AcquireIdentify takes bucket's lease for owner for ttl unless
	// another owner holds it: then ok is false and wait is how long that
	// lease still runs (zero when unknown).
	AcquireIdentify(ctx context.Context, bucket int, owner string, ttl time.Duration) (ok bool, wait time.Duration, err error)
	// ReleaseIdentify ends owner's lease ttl from now (the least time
	// before the bucket's next IDENTIFY), or takes it for that long when
	// it lapsed and nobody else took it.
	ReleaseIdentify(ctx context.Context, bucket int, owner string, ttl time.Duration) error
}

// GuildRetention forgets what the bot stored for a guild some time after
// it is removed from the guild, and keeps it again when the bot is there;
// *redisstore.Retention is the real one. Each returns how many of the
// guild's stored keys it changed.
type GuildRetention interface {
	Forget(ctx context.Context, guildID string) (int, error)
	Keep(ctx context.Context, guildID string) (int, error)
}

// Deps are the parts the bot uses. Questions is required; a nil Once
// turns de-duplication off, a nil Admin leaves /admin out and a nil
// Educator leaves /quiz and /session out. With Identify and sharding,
// the shards' IDENTIFYs are spaced across every process sharing it, not
// only within this one. A nil Retention keeps a removed guild's data.
type Deps struct {
	Questions Questions
	Once      Deduper
	Identify  IdentifyLeases
	Retention GuildRetention
	Admin     *AdminDeps
	Educator  *EducatorDeps
	Observer  Observer // metrics; nil for none
}
