package discord

import (
	"context"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/state"
)

// The interfaces below are what the Discord adapter needs from the rest of
// the bot, declared here (the consumer) so that this package can be tested
// with fakes and main wires the real stores in. The state package's types
// satisfy them.

// Answerer answers questions from the briefings; *answer.Engine is the real
// one.
type Answerer interface {
	Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error)
	Knowledge() *answer.Knowledge
}

// Limiter takes one question from a user's and a guild's budgets.
type Limiter interface {
	Allow(ctx context.Context, guildID, userID string) (state.Decision, error)
}

// History keeps the recent turns of a conversation (a thread, a DM), and
// the record of each answer that feedback refers to.
type History interface {
	Append(ctx context.Context, convID string, turn []byte, keep int, ttl time.Duration) error
	Load(ctx context.Context, convID string) ([][]byte, error)
}

// Threads remembers which threads are the bot's conversations.
type Threads interface {
	Bind(ctx context.Context, threadID string, meta []byte, ttl time.Duration) error
	Lookup(ctx context.Context, threadID string) (meta []byte, ok bool, err error)
}

// FeedbackStore records 👍/👎 votes, one per user and answer.
type FeedbackStore interface {
	Record(ctx context.Context, v state.Vote) error
}

// Deduper reports whether an event id is seen for the first time, so that
// an event the gateway delivers twice is handled once.
type Deduper interface {
	First(ctx context.Context, id string, ttl time.Duration) (bool, error)
}

// Deps are the parts the bot uses. Answerer is required; a nil store turns
// its feature off (no limits, no history, no dedupe, no feedback storage).
type Deps struct {
	Answerer Answerer
	Limiter  Limiter
	History  History
	Threads  Threads
	Feedback FeedbackStore
	Once     Deduper
	// Channels and Asked serve the moderators (see admin.go): where the
	// bot answers, and the log behind /admin stats. Nil turns them off.
	Channels ChannelPolicy
	Asked    AskRecorder
}
