package state

import (
	"errors"
	"unicode"
	"unicode/utf8"
)

// ErrInvalid is matched (errors.Is) by every error about a bad argument
// (an empty id, a limit out of range), as opposed to a storage failure. It
// is the one such value the stores share: approved, guild, stats, session
// and quiz re-export it.
var ErrInvalid = errors.New("invalid argument")

// InputError is a mistake the person who made it can correct: a moderator's
// out-of-range limit, a malformed edit, a duplicate briefing. Its Message
// is written for them, so a surface shows it as it is; Kind is what
// errors.Is matches (ErrInvalid, or a package's own sentinel).
type InputError struct {
	Op      string // where, for logs: "guild: set limit"
	Message string // for the person: "at most 600 a minute"
	Kind    error
}

// Invalid returns an *InputError of kind ErrInvalid.
func Invalid(op, message string) error {
	return &InputError{Op: op, Message: message, Kind: ErrInvalid}
}

func (e *InputError) Error() string { return e.Op + ": " + e.Message }

func (e *InputError) Unwrap() error { return e.Kind }

// UserMessage is Message as a sentence start.
func (e *InputError) UserMessage() string {
	r, n := utf8.DecodeRuneInString(e.Message)
	return string(unicode.ToUpper(r)) + e.Message[n:]
}
