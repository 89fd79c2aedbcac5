package discord

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/knowledge"
)

// storageText is what a moderator is told of a failure they cannot act on.
const storageText = "That didn't work — the bot's storage may be unavailable. Please try again."

// adminErrText turns a store's error into a short line for a moderator.
func adminErrText(err error) string {
	var fe *library.FolderError
	if errors.As(err, &fe) {
		// Only the operator can fix the folder: say which and what is wrong,
		// in words they can act on (the raw error is in the log).
		switch {
		case errors.Is(err, fs.ErrPermission):
			return fmt.Sprintf("I can't write to the briefings folder (`%s`): permission denied. The server's operator needs to make it writable by the bot's user.", fe.Dir)
		case errors.Is(err, syscall.EROFS):
			return fmt.Sprintf("I can't write to the briefings folder (`%s`): it is on a read-only file system. The server's operator needs to mount it writable.", fe.Dir)
		}
		return storageText
	}
	var pe *knowledge.ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	var ce *approved.CheckError
	if errors.As(err, &ce) {
		var b strings.Builder
		b.WriteString("The answer is not supported by its citations:")
		for _, p := range ce.Problems {
			fmt.Fprintf(&b, "\n• “%s” — %s", truncateRunes(oneLine(p.Sentence), 200), p.Reason)
		}
		return b.String()
	}
	if errors.Is(err, approved.ErrNotFound) {
		return "There is no approved answer with that id."
	}
	if msg, ok := userMessage(err); ok {
		return truncateRunes(msg, 1500)
	}
	return storageText
}

// userMessage is the message an error carries for the person who caused
// it (a *state.InputError, say), if it carries one.
func userMessage(err error) (string, bool) {
	var ue interface{ UserMessage() string }
	if errors.As(err, &ue) {
		return ue.UserMessage(), true
	}
	return "", false
}

// failed returns the moderator's line for a failed /admin action and logs
// what the line does not say: the folder and cause of a briefings folder
// failure, and any failure shown as storageText. Mistakes the moderator can
// correct (a malformed file, a duplicate id) are not logged: the reply says
// it all.
func (a *admin) failed(what string, err error) string {
	text := adminErrText(err)
	var fe *library.FolderError
	switch {
	case errors.As(err, &fe):
		a.b.log.Warn(what+": cannot write to the briefings folder", "dir", fe.Dir, "path", fe.Path, "err", fe.Err)
	case text == storageText:
		a.b.log.Warn(what, "err", err)
	}
	return text
}
