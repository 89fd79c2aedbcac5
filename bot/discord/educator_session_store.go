package discord

import (
	"context"
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// A session store that does not answer (Redis down, or stalled past
// eduStoreTimeout) fails an educator's /session command or review
// button, and a member's upvote. Told as any unexpected failure, they
// read "something went wrong while answering": no one was answering.
// They are told what failed instead: their vote was not recorded, the
// session's storage could not be reached.

// storeError marks a failure of the session store itself, not one of
// its refusals (session.ErrEnded and the like, which sessionErr words).
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }

// storeFailed marks err, if any, as the session store's failure.
func storeFailed(err error) error {
	if err == nil {
		return nil
	}
	return &storeError{err}
}

// tellStoreDown tells the user, privately in their locale, that the
// session store failed them, if err says it did (text); other errors are
// returned as they are, for the router to tell.
func (e *educator) tellStoreDown(r *Reply, err error, text msg) error {
	var se *storeError
	if !errors.As(err, &se) {
		return err
	}
	e.b.logErr(r.I, "session store unavailable", err)
	r.mu.Lock()
	acked := r.acked
	r.mu.Unlock()
	if !acked {
		return r.Respond(tr(r.I.Locale, text), true, nil)
	}
	return r.Edit(tr(r.I.Locale, text), &[]discordgo.MessageComponent{})
}

// runSession handles /session start|next|end (runSessionCmd), telling
// the educator when the session store failed.
func (e *educator) runSession(ctx context.Context, r *Reply) error {
	return e.tellStoreDown(r, e.runSessionCmd(ctx, r), msgEduStoreDown)
}

// onSessionButton handles a session's buttons (onSessionButtonPress),
// telling the member whose upvote, or the educator whose review button,
// the session store failed.
func (e *educator) onSessionButton(ctx context.Context, r *Reply, id string) error {
	text := msgEduStoreDown
	if strings.HasPrefix(strings.TrimPrefix(id, prefixSession), "u:") {
		text = msgVoteNotRecorded
	}
	return e.tellStoreDown(r, e.onSessionButtonPress(ctx, r, id), text)
}

// onEdit handles the educator's edited answer (onEditSubmit), telling
// them when the session store failed.
func (e *educator) onEdit(ctx context.Context, r *Reply, data discordgo.ModalSubmitInteractionData) error {
	err := e.onEditSubmit(ctx, r, data)
	var se *storeError
	if text := modalValue(data, "text"); errors.As(err, &se) && strings.TrimSpace(text) != "" {
		r.mu.Lock()
		acked := r.acked
		r.mu.Unlock()
		if !acked {
			// What they typed is handed back, as any refused edit's is:
			// the form cannot be reopened with it.
			e.b.logErr(r.I, "session store unavailable", err)
			return e.refuseEditWith(r, tr(r.I.Locale, msgEduStoreDown), text)
		}
	}
	return e.tellStoreDown(r, err, msgEduStoreDown)
}
