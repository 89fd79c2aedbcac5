package guild

import (
	"fmt"

	"github.com/briefbot/briefbot/bot/state"
)

// ErrInvalid is state.ErrInvalid, so that the edge maps every store's bad
// input to one friendly message.
var ErrInvalid = state.ErrInvalid

func invalid(op, what string) error {
	return state.Invalid("guild: "+op, what)
}

// checkID accepts a snowflake: 1 to 20 decimal digits. Anything else (a
// mention "<#123>", a name) is a caller's mistake we say out loud rather
// than store a rule that never matches.
func checkID(op, what, id string) error {
	if id == "" {
		return invalid(op, "empty "+what+" id")
	}
	if len(id) > 20 {
		return invalid(op, fmt.Sprintf("%s id %.24q… is too long", what, id))
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return invalid(op, fmt.Sprintf("%s id %q is not numeric", what, id))
		}
	}
	return nil
}

func checkIDs(op, guildID, what, id string) error {
	if err := checkID(op, "guild", guildID); err != nil {
		return err
	}
	return checkID(op, what, id)
}
