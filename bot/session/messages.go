package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A member's message that asked a question may be edited or deleted
// while the question waits. What a member expects:
//
//   - Deleted (Withdraw): their words leave the queue and are never
//     posted. A question that only they asked goes, its votes with it; one
//     that others asked too (near-duplicates merged into it) stays for
//     them, in the words of the next one's message, without the deleter
//     and their vote, and is drafted again (its words changed).
//   - Edited (Reword): the question now reads as edited and is drafted
//     again, as a new question is (an approval or an educator's edit was
//     of an answer to the old words, so it goes too). It keeps its number,
//     its place and its votes: an edit mostly mends a typo or a word, and
//     the members who upvoted it should not lose their votes for that.
//     An edit that makes it another question than the one others merged
//     into it asked (not a near-duplicate of it any more) does not carry
//     them along: the editor's message leaves that question, with their
//     vote, and its new words are queued as a question of their own (a
//     near-duplicate of another question joins that one, as any new
//     question does). An edited question is not merged into another
//     waiting question it now resembles: that would move votes between
//     questions and renumber one; the educator can skip one of the two.
//
// A question posted or skipped is left as it is: a posted answer is in
// the thread for everyone already, and a deletion cannot unpublish it
// (the member's own message is gone; the bot's post quoting it stays,
// and so does the transcript's line); a skipped question is never posted.

// MessageResult says what a member's edit or deletion of a message did.
type MessageResult struct {
	// Found is true when the message asked a question of the session.
	Found bool
	// Question is the question as it is now; when Removed, as it was.
	Question Question
	// Removed: the question was taken out of the session.
	Removed bool
	// Changed: the question's queue entry changed (removed, reworded, an
	// asker gone): the panel's counts or next question may differ.
	Changed bool
	// Redraft: its words changed; it has no draft and should be drafted
	// again.
	Redraft bool
	// Requeue is, after Reword, the edited message's words when they left
	// the question (see above): to be queued as a new question
	// (AddMessage) for the message's author.
	Requeue string
}

// errUnchanged stops an update that has nothing to write.
var errUnchanged = errors.New("unchanged")

// Withdraw handles the deletion of message messageID in threadID's
// session (see above). A message that asked no question, or one whose
// question is posted or skipped, changes nothing. It is allowed after
// the session ended too: a deleted question must not reach a
// transcript asked for again.
func (s *Store) Withdraw(ctx context.Context, threadID, messageID string) (MessageResult, error) {
	var res MessageResult
	q, ok, err := s.st.UpdateByMessage(ctx, threadID, messageID, func(_ Session, q *Question) (bool, bool, error) {
		res = MessageResult{}
		if !q.Status.waiting() {
			return false, false, errUnchanged
		}
		i := slices.IndexFunc(q.Asks, func(a Ask) bool { return a.Message == messageID })
		if i < 0 {
			return false, false, errUnchanged
		}
		res.Changed = true
		if dropAsk(q, i) {
			res.Removed = true
			return false, true, nil
		}
		res.Redraft = i == 0
		return true, false, nil
	})
	return s.messageResult("withdraw", threadID, q, ok, err, res)
}

// Reword handles the edit of message messageID in threadID's session to
// text (see above). A message that asked no question, one whose question
// is posted or skipped, an edit that leaves the words as they were, or
// one to words that are no question (too long) change nothing.
func (s *Store) Reword(ctx context.Context, threadID, messageID, text string) (MessageResult, error) {
	text = strings.TrimSpace(text)
	if text == "" || len([]rune(text)) > maxQuestionRunes {
		return MessageResult{}, fmt.Errorf("session: reword: need a question of 1-%d characters: %w", maxQuestionRunes, ErrInvalid)
	}
	sig := signature(text)
	var res MessageResult
	q, ok, err := s.st.UpdateByMessage(ctx, threadID, messageID, func(sess Session, q *Question) (bool, bool, error) {
		res = MessageResult{}
		if !q.Status.waiting() || sess.Ended() {
			return false, false, errUnchanged
		}
		i := slices.IndexFunc(q.Asks, func(a Ask) bool { return a.Message == messageID })
		if i < 0 || q.Asks[i].Text == text {
			return false, false, errUnchanged
		}
		res.Changed = true
		user := q.Asks[i].User
		alone := !slices.ContainsFunc(q.Asks, func(a Ask) bool { return a.User != user })
		same := sig.same(signature(q.Text))
		switch {
		case i == 0 && (alone || same):
			q.Asks = slices.Clone(q.Asks)
			q.Asks[0].Text = text
			q.Text = text
			res.Redraft = true
			resetDraft(q)
			return true, false, nil
		case i > 0 && same:
			q.Asks = slices.Clone(q.Asks)
			q.Asks[i].Text = text
			return true, false, nil
		}
		res.Requeue = text
		res.Redraft = i == 0
		// Others asked it: dropAsk leaves it to them.
		dropAsk(q, i)
		return true, false, nil
	})
	return s.messageResult("reword", threadID, q, ok, err, res)
}

func (s *Store) messageResult(op, threadID string, q Question, ok bool, err error, res MessageResult) (MessageResult, error) {
	if errors.Is(err, errUnchanged) {
		return MessageResult{Found: true, Question: q}, nil
	}
	if err != nil {
		return MessageResult{}, wrap(op, threadID, err)
	}
	res.Found, res.Question = ok, q
	if !ok {
		return MessageResult{}, nil
	}
	return res, nil
}

// dropAsk takes q's ask i away: its user stops being an asker unless
// another of their messages asked it too; if it was the first, the next
// one's words become the question's, and its draft goes. It reports
// whether no ask is left (the question should go).
func dropAsk(q *Question, i int) (empty bool) {
	gone := q.Asks[i]
	q.Asks = slices.Delete(slices.Clone(q.Asks), i, i+1)
	if len(q.Asks) == 0 {
		return true
	}
	if !slices.ContainsFunc(q.Asks, func(a Ask) bool { return a.User == gone.User }) {
		q.Askers = slices.DeleteFunc(slices.Clone(q.Askers), func(u string) bool { return u == gone.User })
	}
	if i == 0 {
		first := q.Asks[0]
		q.Text = first.Text
		// The first asker is the one whose words the question is (the
		// member limit counts it as theirs; the draft is asked as them).
		q.Askers = append([]string{first.User}, slices.DeleteFunc(slices.Clone(q.Askers), func(u string) bool { return u == first.User })...)
		resetDraft(q)
	}
	return false
}

// resetDraft drops a question's draft, with its approval or edit: they
// answered other words.
func resetDraft(q *Question) {
	q.Draft, q.Edited, q.Status = nil, false, StatusQueued
}
