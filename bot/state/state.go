// Package state holds the types of the bot's small shared stores — rate
// limits and their Decision, feedback votes, the answer cache's key — and
// the rate limiter's rules, over the GCRA buckets it declares (Buckets).
// The Redis stores themselves (buckets, answer cache, conversations,
// feedback, once) are in bot/redisstore.
package state

import (
	"errors"
	"fmt"
)

// ErrInvalid is wrapped by errors about bad arguments (an empty id, a
// non-positive TTL), as opposed to storage failures. It is the one such
// value the stores share: approved, guild, stats, session and quiz
// re-export it, so that the edge maps every store's bad input to one
// friendly message.
var ErrInvalid = errors.New("invalid argument")

func invalid(op, what string) error {
	return fmt.Errorf("state: %s: %s: %w", op, what, ErrInvalid)
}
