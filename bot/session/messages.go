package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A member's message that asked a question is followed while the
// question waits: deleted, it no longer asks it (and its words are never
// posted); edited, the question is asked in its new words. A question
// posted or skipped is left as it is: what was posted was seen, and
// deleting a message cannot unpublish it. Each change that alters a
// question's words bumps its revision (Question.Rev), so that an
// educator's Approve, Edit or Skip of the words they saw cannot apply to
// words they did not.

// errLeft stops an update that has nothing to change, writing nothing.
var errLeft = errors.New("nothing to change")

// Withdraw follows the deletion of message messageID in threadID: the
// question it asked, if one waits, no longer counts it (see Unask). The
// message id is first remembered as deleted (Session.Deleted), so that
// its creation, if handled only now, is not queued (Add): either Add
// wrote before that, and the question is found here, or it reads the
// deletion. found reports whether a question had been asked by it, and q
// is that question as it is now.
func (s *Store) Withdraw(ctx context.Context, threadID, messageID string) (q Question, found bool, err error) {
	if messageID == "" {
		return Question{}, false, fmt.Errorf("session: withdraw: no message id: %w", ErrInvalid)
	}
	_, err = s.st.UpdateSession(ctx, threadID, func(sess *Session) bool {
		if sess.Ended() || slices.Contains(sess.Deleted, messageID) {
			return false // an ended session queues nothing
		}
		sess.Deleted = append(sess.Deleted, messageID)
		if n := len(sess.Deleted); n > maxDeleted {
			sess.Deleted = slices.Clone(sess.Deleted[n-maxDeleted:])
		}
		return true
	})
	if err != nil {
		return Question{}, false, wrap("withdraw", threadID, err)
	}
	return s.Unask(ctx, threadID, messageID)
}

// Unask takes message messageID's ask out of the waiting question it
// asked, without remembering the message as deleted (an edit that no
// longer asks a question, or asks another: Reword). If the question was
// in that message's words, it goes on in the next asker's, queued to be
// drafted again, at its place; with no asker left it is withdrawn (its
// words forgotten). A question that no longer waits is left as it is.
// found reports whether a question had been asked by the message.
func (s *Store) Unask(ctx context.Context, threadID, messageID string) (q Question, found bool, err error) {
	id, err := s.askedBy(ctx, threadID, messageID)
	if err != nil || id == "" {
		return Question{}, false, err
	}
	var left Question
	q, err = s.update(ctx, "unask", threadID, id, func(_ Session, q *Question) error {
		i := q.ask(messageID)
		if !q.Status.waiting() || i < 0 {
			left = *q
			return errLeft
		}
		gone := q.Asks[i]
		q.Asks = slices.Delete(q.Asks, i, i+1)
		if !slices.ContainsFunc(q.Asks, func(a Ask) bool { return a.User == gone.User }) {
			q.Askers = slices.DeleteFunc(q.Askers, func(u string) bool { return u == gone.User })
		}
		if q.From != messageID {
			return nil // their words were not the question's
		}
		q.Rev++
		q.Draft, q.Edited = nil, false
		if len(q.Asks) == 0 {
			// Askers merged before asks were kept may remain; their
			// words are unknown, and the deleted ones must not be posted.
			q.Status, q.Text, q.From, q.Askers = StatusWithdrawn, "", "", nil
			return nil
		}
		next := q.Asks[0]
		q.Status, q.Text, q.From = StatusQueued, next.Text, next.Message
		// The first asker is the one whose words it is: the draft is
		// taken from their rate limit, and counts among their questions.
		q.Askers = append([]string{next.User}, slices.DeleteFunc(q.Askers, func(u string) bool { return u == next.User })...)
		return nil
	})
	if errors.Is(err, errLeft) {
		return left, true, nil
	}
	if err != nil {
		return Question{}, true, err
	}
	return q, true, nil
}

// Rewording says what Reword did.
type Rewording int

// Reword's outcomes.
const (
	// NotFollowed: no waiting question was asked by the message, or it
	// asks what it asked (the edit changed nothing that counts).
	NotFollowed Rewording = iota
	// InPlace: the question is asked in the message's new words (or, the
	// message being a merged asker's, their ask is), at its place and
	// with its votes; if the words were the question's, it waits to be
	// drafted again, at a new revision.
	InPlace
	// Moved: the new words ask another question than other members
	// asked with it; the message left that question and its words were
	// queued as any message's are (Add).
	Moved
)

// Reword follows userID's edit of message messageID in threadID to text.
// A question asked by that message alone, or by it and others who ask
// the same (near-duplicates, as Add merges them), is asked in the new
// words; one that others asked with it and the new words no longer ask
// leaves the message's ask (Unask) and the words are added anew. q is the
// question the message now asks (for Moved, Add's result; merged as Add
// says).
func (s *Store) Reword(ctx context.Context, threadID, userID, messageID, text string) (q Question, how Rewording, merged bool, err error) {
	text = strings.TrimSpace(text)
	if text == "" || len([]rune(text)) > maxQuestionRunes {
		return Question{}, NotFollowed, false, fmt.Errorf("session: reword: need a question of 1-%d characters: %w", maxQuestionRunes, ErrInvalid)
	}
	id, err := s.askedBy(ctx, threadID, messageID)
	if err != nil || id == "" {
		return Question{}, NotFollowed, false, err
	}
	sig := signature(text)
	moved := false
	q, err = s.update(ctx, "reword", threadID, id, func(_ Session, q *Question) error {
		i := q.ask(messageID)
		if !q.Status.waiting() || i < 0 || q.Asks[i].Text == text {
			return errLeft
		}
		alone := len(q.Asks) == 1 && len(q.Askers) == 1
		if !alone && !sig.same(signature(q.Asks[i].Text)) {
			moved = true
			return errLeft
		}
		q.Asks[i].Text = text
		if q.From == messageID {
			q.Rev++
			q.Text, q.Draft, q.Edited, q.Status = text, nil, false, StatusQueued
		}
		return nil
	})
	switch {
	case errors.Is(err, errLeft) && moved:
		if _, _, err := s.Unask(ctx, threadID, messageID); err != nil {
			return Question{}, NotFollowed, false, err
		}
		q, merged, err = s.Add(ctx, threadID, userID, messageID, text)
		if err != nil {
			return Question{}, NotFollowed, false, err
		}
		return q, Moved, merged, nil
	case errors.Is(err, errLeft):
		return Question{}, NotFollowed, false, nil
	case err != nil:
		return Question{}, NotFollowed, false, err
	}
	return q, InPlace, false, nil
}

// askedBy is the id of the question message messageID asked, or "".
// Deletions and edits are rare next to questions, so the questions are
// read rather than kept indexed by message.
func (s *Store) askedBy(ctx context.Context, threadID, messageID string) (string, error) {
	qs, err := s.st.Questions(ctx, threadID)
	if err != nil {
		return "", wrap("find a message's question", threadID, err)
	}
	for i := range qs {
		if qs[i].ask(messageID) >= 0 {
			return qs[i].ID, nil
		}
	}
	return "", nil
}
