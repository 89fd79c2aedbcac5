package state

import (
	"errors"
	"testing"
)

func TestInputError(t *testing.T) {
	errOwn := errors.New("own kind")
	for _, c := range []struct {
		err       error
		kind      error
		text, msg string
	}{
		{Invalid("guild: set limit", "at most 600 a minute"), ErrInvalid, "guild: set limit: at most 600 a minute", "At most 600 a minute"},
		{&InputError{Op: "session: edit", Message: "élan missing", Kind: errOwn}, errOwn, "session: edit: élan missing", "Élan missing"},
	} {
		var ie *InputError
		if !errors.Is(c.err, c.kind) || !errors.As(c.err, &ie) {
			t.Fatalf("%v: not an *InputError of its kind", c.err)
		}
		if c.err.Error() != c.text || ie.UserMessage() != c.msg {
			t.Errorf("Error %q, UserMessage %q; want %q, %q", c.err.Error(), ie.UserMessage(), c.text, c.msg)
		}
	}
}
