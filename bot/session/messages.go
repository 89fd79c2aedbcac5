package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// A member's message that asked a question is followed until the
// question is posted: deleted, it no longer asks it, and its words are
// never posted nor kept for the transcript; edited, while the question
// waits and the session runs, the question is asked in its new words. A
// posted question is left as it is: it was seen, and deleting a message
// cannot unpublish it. Each change of a question's words, or of its
// draft by an educator, bumps its revision (Question.Rev), so that an
// educator's Approve, Edit or Skip of what they saw cannot apply to what
// they did not.

// errLeft stops an update that has nothing to change, writing nothing.
var errLeft = errors.New("nothing to change")

// dropAsks takes the asks of messages gone (deleted, or edited into
// another question) out of a question not posted. If the question was in
// one of their words, it goes on in the next asker's — waiting to be
// drafted again if it waited — or, with no ask left, is withdrawn and its
// words forgotten. It reports whether anything changed.
func (q *Question) dropAsks(gone func(messageID string) bool) bool {
	if q.Status == StatusPosted || q.Status == StatusWithdrawn {
		return false
	}
	var left []Ask
	var users []string
	for _, a := range q.Asks {
		if gone(a.Message) {
			users = append(users, a.User)
			q.Gone = append(q.Gone, Gone{Message: a.Message, Reply: a.Reply})
		} else {
			left = append(left, a)
		}
	}
	if len(users) == 0 {
		return false
	}
	q.Asks = left
	for _, u := range users {
		if !slices.ContainsFunc(left, func(a Ask) bool { return a.User == u }) && slices.Contains(q.Askers, u) {
			q.Askers = slices.DeleteFunc(q.Askers, func(x string) bool { return x == u })
			q.left = append(q.left, u)
		}
	}
	if q.From == "" || !gone(q.From) {
		return true // their words were not the question's
	}
	q.Rev++
	q.Draft, q.Edited = nil, false
	if len(left) == 0 {
		// Askers merged before asks were kept may remain; their words
		// are unknown, and the deleted ones must not be posted.
		q.Status, q.Text, q.From, q.Askers = StatusWithdrawn, "", "", nil
		return true
	}
	next := left[0]
	q.Text, q.From = next.Text, next.Message
	if q.Status.waiting() {
		q.Status = StatusQueued
	}
	// The first asker is the one whose words it is: the draft is taken
	// from their rate limit, and counts among their questions.
	q.Askers = append([]string{next.User}, slices.DeleteFunc(q.Askers, func(u string) bool { return u == next.User })...)
	return true
}

// Withdraw follows the deletion of messages in threadID (one, or a
// moderator's bulk deletion): the questions they asked and that are not
// posted no longer count them (dropAsks). The message ids are first
// remembered as deleted (Session.Deleted), so that a creation handled
// only now is not queued (Add): either Add wrote before that, and its
// question is found here, or it reads the deletion. It returns the
// questions that changed, as they are now.
func (s *Store) Withdraw(ctx context.Context, threadID string, messageIDs ...string) ([]Question, error) {
	messageIDs = slices.DeleteFunc(slices.Clone(messageIDs), func(id string) bool { return id == "" })
	if len(messageIDs) == 0 {
		return nil, fmt.Errorf("session: withdraw: no message id: %w", ErrInvalid)
	}
	_, err := s.st.UpdateSession(ctx, threadID, func(sess *Session) bool {
		added := false
		for _, id := range messageIDs {
			if !slices.Contains(sess.Deleted, id) {
				sess.Deleted, added = append(sess.Deleted, id), true
			}
		}
		if n := len(sess.Deleted); n > maxDeleted {
			sess.Deleted = slices.Clone(sess.Deleted[n-maxDeleted:])
		}
		return added
	})
	if err != nil {
		return nil, wrap("withdraw", threadID, err)
	}
	return s.unask(ctx, "withdraw", threadID, messageIDs, time.Time{}, true)
}

// Unask takes message messageID's ask out of the question it asked, not
// remembering the message as deleted: an edit, made at edited, that no
// longer asks a question, or asks another (Reword). An edit older than
// the one the ask holds, handled late, changes nothing. found reports
// whether a question had been asked by it; q is that question as it is
// now.
func (s *Store) Unask(ctx context.Context, threadID, messageID string, edited time.Time) (q Question, found bool, err error) {
	qs, err := s.unask(ctx, "unask", threadID, []string{messageID}, edited, false)
	if err != nil || len(qs) == 0 {
		return Question{}, false, err
	}
	return qs[0], true, nil
}

// unask drops the asks of messageIDs from every question holding one
// (dropAsks), but those holding an edit made after edited, and returns
// the questions that changed; with dropped, also those that had them
// dropped already (a deletion, applied by a change of the question made
// after it was recorded), whose replies and panel are followed all the
// same.
func (s *Store) unask(ctx context.Context, op, threadID string, messageIDs []string, edited time.Time, dropped bool) ([]Question, error) {
	var newer []string // asks edited since: left as they are
	gone := func(id string) bool { return slices.Contains(messageIDs, id) && !slices.Contains(newer, id) }
	all, err := s.st.Questions(ctx, threadID)
	if err != nil {
		return nil, wrap(op, threadID, err)
	}
	var changed []Question
	for _, o := range all {
		if !slices.ContainsFunc(o.Asks, func(a Ask) bool { return gone(a.Message) }) {
			// Taken out already: by a change of it made after the
			// deletion was recorded (update), or by an earlier try of
			// this one. Named all the same (its votes were taken then).
			if dropped && slices.ContainsFunc(o.Gone, func(g Gone) bool { return slices.Contains(messageIDs, g.Message) }) {
				changed = append(changed, o)
			}
			continue
		}
		q, err := s.update(ctx, op, threadID, o.ID, func(_ Session, q *Question) error {
			if dropped && slices.ContainsFunc(q.Gone, func(g Gone) bool { return slices.Contains(messageIDs, g.Message) }) &&
				!slices.ContainsFunc(q.Asks, func(a Ask) bool { return slices.Contains(messageIDs, a.Message) }) {
				// Taken out meanwhile, by another change of it: named
				// all the same (written unchanged).
				return nil
			}
			newer = newer[:0]
			for _, a := range q.Asks {
				if gone(a.Message) && edited.Before(a.Edited) {
					newer = append(newer, a.Message)
				}
			}
			if !q.dropAsks(gone) {
				return errLeft
			}
			return nil
		})
		switch {
		case errors.Is(err, errLeft):
		case err != nil:
			return changed, err
		default:
			changed = append(changed, q)
		}
	}
	return changed, nil
}

// Rewording says what Reword did.
type Rewording int

// Reword's outcomes.
const (
	// NotFollowed: no waiting or skipped question was asked by the message (with
	// ErrNotAsked when none was ever), the session has ended, or the edit
	// changed nothing that counts.
	NotFollowed Rewording = iota
	// InPlace: the question is asked in the message's new words (or, the
	// message being a merged asker's, their ask is), at its place and
	// with its votes; if the words were the question's, it is at a new
	// revision and, waiting, waits to be drafted again.
	InPlace
	// Moved: the new words ask another question than was asked; the
	// message left that question and its words were queued as any
	// message's are (Add).
	Moved
)

// Reword follows userID's edit of message messageID in threadID to text,
// made at edited (Discord's edited_timestamp; an edit older than the one
// applied already, handled late, changes nothing).
// A waiting or skipped question that asks the same in the new words (as
// Add merges near-duplicates) is asked in them (a skipped one stays
// skipped: the transcript shows it in its asker's words as they are
// now); if they ask something else, the message leaves its question
// (Unask: its votes are for what it asked) and the words are added
// anew. q is the question the message now asks
// (for Moved, Add's result; merged as Add says).
func (s *Store) Reword(ctx context.Context, threadID, userID, messageID, text string, edited time.Time) (q Question, how Rewording, merged bool, err error) {
	text = strings.TrimSpace(text)
	if text == "" || len([]rune(text)) > maxQuestionRunes {
		return Question{}, NotFollowed, false, fmt.Errorf("session: reword: need a question of 1-%d characters: %w", maxQuestionRunes, ErrInvalid)
	}
	id, err := s.askedBy(ctx, threadID, messageID)
	if err != nil {
		return Question{}, NotFollowed, false, err
	}
	if id == "" {
		return Question{}, NotFollowed, false, fmt.Errorf("session: reword: message %s: %w", messageID, ErrNotAsked)
	}
	sig := signature(text)
	moved, kept := false, false
	q, err = s.update(ctx, "reword", threadID, id, func(sess Session, q *Question) error {
		i := q.ask(messageID)
		if sess.Ended() || i < 0 || q.Asks[i].Text == text || edited.Before(q.Asks[i].Edited) {
			return errLeft
		}
		if q.Status == StatusPosted && q.From == messageID {
			// Posted, or its post on its way: the edit is kept in the
			// ask, and applied should Discord refuse the post (Unpost).
			q.Asks[i].Text, q.Asks[i].Edited = text, edited
			kept = true
			return nil
		}
		if !q.Status.waiting() && q.Status != StatusSkipped {
			return errLeft
		}
		if !sig.same(signature(q.Asks[i].Text)) {
			moved = true
			return errLeft
		}
		q.Asks[i].Text, q.Asks[i].Edited = text, edited
		if q.From == messageID {
			q.Rev++
			q.Text = text
			// A skipped question stays skipped, in the new words: the
			// transcript lists it so, and must not keep the words its
			// asker edited out.
			if q.Status.waiting() {
				q.Draft, q.Edited, q.Status = nil, false, StatusQueued
			}
		}
		return nil
	})
	switch {
	case moved && (err == nil || errors.Is(err, errLeft)):
		if _, _, err := s.Unask(ctx, threadID, messageID, edited); err != nil {
			return Question{}, NotFollowed, false, err
		}
		q, merged, err = s.add(ctx, threadID, userID, messageID, text, edited)
		if errors.Is(err, ErrAsked) {
			// The same edit, handled twice at once, moved it already.
			return Question{}, NotFollowed, false, nil
		}
		if err != nil {
			return Question{}, NotFollowed, false, err
		}
		return q, Moved, merged, nil
	case errors.Is(err, errLeft) || err == nil && kept:
		return Question{}, NotFollowed, false, nil
	case err != nil:
		return Question{}, NotFollowed, false, err
	}
	return q, InPlace, false, nil
}

// SetReply records the bot's reply to message messageID, which asked a
// question (Ask.Reply): one quoting the question is edited when its
// words change, a plain one (quoting nothing) is not, and either is
// taken down when the message no longer asks it. found is false when the
// message asks nothing (any more).
func (s *Store) SetReply(ctx context.Context, threadID, messageID, replyID string, plain bool) (q Question, found bool, err error) {
	id, err := s.askedBy(ctx, threadID, messageID)
	if err != nil || id == "" {
		return Question{}, false, err
	}
	set := false
	q, err = s.update(ctx, "set reply", threadID, id, func(_ Session, q *Question) error {
		set = false
		i := q.ask(messageID)
		if i < 0 {
			return errLeft // taken out meanwhile (a deletion applied first)
		}
		q.Asks[i].Reply, set = replyID, true
		q.Asks[i].Plain = q.Asks[i].Plain || plain
		return nil
	})
	switch {
	case errors.Is(err, errLeft):
		return Question{}, false, nil
	case err != nil:
		return Question{}, false, err
	}
	return q, set, nil
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
