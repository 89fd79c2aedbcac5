package discord

import (
	"fmt"
)

// Kind is a kind of failure a user is told about. Internals never reach a
// user: every error is shown as the short text of its kind.
type Kind int

// The user-facing kinds.
const (
	KindInternal   Kind = iota // anything unexpected
	KindRestarting             // the bot is shutting down
	KindUnknown                // a command or button the bot no longer has
	KindExpired                // a button whose answer is gone
)

// UserError is an error of the adapter's own with a kind the user is told
// about; questions not answered come as the question service's
// *asking.Refusal, which carries its own text.
type UserError struct {
	Kind Kind
	Err  error // the cause, for logs
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

// Text is the message shown to the user, in English; textIn (locale.go)
// gives it in the user's language.
func (e *UserError) Text() string { return e.textIn(english) }

// userText maps any error to the text a user sees, in English (moderators'
// commands); localText (locale.go) gives it in the user's language.
func userText(err error) string { return localText(english, err) }
