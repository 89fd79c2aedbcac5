package discord

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
)

// Kind is a kind of failure a user is told about. Internals never reach a
// user: every error is shown as the short text of its kind.
type Kind int

// The user-facing kinds.
const (
	KindInternal      Kind = iota // anything unexpected
	KindEmptyQuestion             // nothing to answer
	KindRateLimited               // the user or guild asked too much; RetryAfter says how long to wait
	KindBusy                      // every answer slot taken for too long
	KindRestarting                // the bot is shutting down
	KindUnknown                   // a command or button the bot no longer has
	KindExpired                   // a button whose answer is gone
)

// UserError is an error with a kind the user is told about.
type UserError struct {
	Kind       Kind
	RetryAfter time.Duration // for KindRateLimited
	Scope      string        // "user" or "guild", for KindRateLimited
	Err        error         // the cause, for logs
}

func (e *UserError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Text(), e.Err)
	}
	return e.Text()
}

func (e *UserError) Unwrap() error { return e.Err }

// RestartText is what an answer cut by a shutdown says.
const RestartText = "The bot is restarting — please ask again in a moment."

// Text is the message shown to the user.
func (e *UserError) Text() string {
	switch e.Kind {
	case KindEmptyQuestion:
		return "Please ask a question, for example: `/ask question: What is the briefing about?`"
	case KindRateLimited:
		secs := int(math.Ceil(e.RetryAfter.Seconds()))
		if e.Scope == "guild" {
			return fmt.Sprintf("This server is asking a lot right now — please try again in %d s.", max(secs, 1))
		}
		return fmt.Sprintf("You're asking quickly — please try again in %d s.", max(secs, 1))
	case KindBusy:
		return "I'm answering a lot of questions right now — please ask again in a minute."
	case KindRestarting:
		return RestartText
	case KindUnknown:
		return "I don't know that command or button any more — try `/help`."
	case KindExpired:
		return "That answer is too old for this button — ask again to get a fresh one."
	default:
		return "Something went wrong on my side while answering. Please try again."
	}
}

// userText maps any error to the text a user sees.
func userText(err error) string {
	var ue *UserError
	if errors.As(err, &ue) {
		return ue.Text()
	}
	if errors.Is(err, answer.ErrEmptyQuestion) {
		return (&UserError{Kind: KindEmptyQuestion}).Text()
	}
	return (&UserError{Kind: KindInternal}).Text()
}
