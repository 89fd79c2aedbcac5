package discord

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/knowledge"
)

// storageText is msgAdminStorage's English: what a moderator is told of a
// failure they cannot act on.
const storageText = "That didn't work — the bot's storage may be unavailable. Please try again."

// adminErrText turns a store's error into a short line for a moderator, in
// l. What a parser or a store says of the moderator's input (a malformed
// file's line, a limit out of range, why a sentence lacks support) is
// shown as it says it, in English.
func adminErrText(l discordgo.Locale, err error) string {
	text, _ := adminErr(l, err)
	return text
}

// adminErr is adminErrText, and whether the line is msgAdminStorage's.
func adminErr(l discordgo.Locale, err error) (text string, storage bool) {
	var fe *library.FolderError
	if errors.As(err, &fe) {
		// Only the operator can fix the folder: say which and what is wrong,
		// in words they can act on (the raw error is in the log).
		switch {
		case fe.Path == fe.Dir && errors.Is(err, fs.ErrNotExist):
			return tr(l, msgAdminFolderMissing, fe.Dir), false
		case fe.Op == "read":
			return tr(l, msgAdminFolderUnreadable, fe.Dir), false
		case errors.Is(err, fs.ErrPermission):
			return tr(l, msgAdminFolderPermission, fe.Dir), false
		case errors.Is(err, syscall.EROFS):
			return tr(l, msgAdminFolderReadOnly, fe.Dir), false
		}
		return tr(l, msgAdminStorage), true
	}
	var pe *knowledge.ParseError
	if errors.As(err, &pe) {
		return pe.Error(), false
	}
	var ce *approved.CheckError
	if errors.As(err, &ce) {
		var b strings.Builder
		b.WriteString(tr(l, msgAdminUnsupported))
		for _, p := range ce.Problems {
			// The moderator's sentence as typed, and the checker's
			// reason, which quotes names from it, as written.
			fmt.Fprintf(&b, "\n• “%s” — %s", escapeMarkdown(truncateRunes(oneLine(p.Sentence), 200)), escapeMarkdown(p.Reason))
		}
		return b.String(), false
	}
	if errors.Is(err, approved.ErrNotFound) {
		return tr(l, msgAdminNoSuchApproval), false
	}
	if msg, ok := userMessage(err); ok {
		return truncateRunes(msg, 1500), false
	}
	return tr(l, msgAdminStorage), true
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

// failed returns the moderator's line, in l, for a failed /admin action
// and logs what the line does not say: the folder and cause of a briefings
// folder failure, and any failure shown as msgAdminStorage. Mistakes the moderator can
// correct (a malformed file, a duplicate id) are not logged: the reply says
// it all.
func (a *admin) failed(l discordgo.Locale, what string, err error) string {
	text, storage := adminErr(l, err)
	var fe *library.FolderError
	switch {
	case errors.As(err, &fe) && fe.Op == "read":
		a.b.log.Warn(what+": cannot read the briefings folder", "dir", fe.Dir, "err", fe.Err)
	case errors.As(err, &fe):
		a.b.log.Warn(what+": cannot write to the briefings folder", "dir", fe.Dir, "path", fe.Path, "err", fe.Err)
	case storage:
		a.b.log.Warn(what, "err", err)
	}
	return text
}
