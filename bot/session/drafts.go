package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/cite"
	"github.com/briefbot/briefbot/bot/state"
)

// maxAnswerRunes bounds an educator's edit: what the Edit form's text
// field holds (4,000 characters in Discord's modals), so that whatever
// the form takes can be saved. A posted answer longer than a Discord
// message is split over several.
const maxAnswerRunes = 4000

// update changes one question atomically (Storage.UpdateQuestion), so two
// educators (or two bot processes) acting at once cannot both post or both
// edit from the same state. A question that stops waiting leaves the
// queue in the same step, and one that waits again (Unpost) rejoins it.
//
// Deletions the session has recorded (Session.Deleted) are applied to
// the question first, in the same step, and written even if f then
// refuses: Withdraw records a deletion before it takes the message's
// ask out of its question, and a post, an approval or a draft between
// the two (or after Redis failed between them) must not go on with the
// deleted words. f sees the question without them (at a new revision,
// if they were its words, which refuses the action made on the old).
func (s *Store) update(ctx context.Context, op, threadID, questionID string, f func(Session, *Question) error) (Question, error) {
	var ferr error
	q, err := s.st.UpdateQuestion(ctx, threadID, questionID, func(sess Session, q *Question) (bool, error) {
		q.left = nil
		dropped := q.dropAsks(deletedIn(sess))
		ferr = f(sess, q)
		if errors.Is(ferr, errLeft) && dropped {
			ferr = nil // f had nothing to change, the deletions had
		}
		if ferr != nil && !dropped {
			return false, ferr
		}
		// f changes nothing when it refuses: what is written is the
		// deletions' work alone.
		return q.Status.waiting(), nil
	})
	if err == nil {
		q.Votes = s.unvote(ctx, threadID, q)
		err = ferr
	}
	if err != nil {
		return Question{}, wrap(op, threadID, err)
	}
	return q, nil
}

// unvote takes the votes of the askers who left q (Question.left), once
// it is written: they no longer ask it. It returns q's votes. A
// withdrawn question's votes count for nothing, and are left. A vote
// that cannot be taken (Redis failing) is left too, and logged: the
// question's change is made, and a vote too many is the lesser harm
// than telling a member their message was not taken when it was.
func (s *Store) unvote(ctx context.Context, threadID string, q Question) int {
	if len(q.left) == 0 || q.Status == StatusWithdrawn {
		return q.Votes
	}
	n, err := s.st.Unvote(ctx, threadID, q.ID, q.Seq, q.left)
	if err != nil {
		s.log.Warn("cannot take the votes of askers who left a session question", "thread", threadID, "question", q.ID, "err", err)
		return q.Votes
	}
	return n
}

// deletedIn reports whether a message is among sess's recorded deletions.
func deletedIn(sess Session) func(messageID string) bool {
	return func(id string) bool { return slices.Contains(sess.Deleted, id) }
}

// endedErr refuses an educator's action (approve, edit, skip, post) on a
// question of a session that has ended: its transcript is out and its
// thread locked, so nothing done now would ever be posted, and a
// transcript asked for again must say what the session did.
func endedErr(op string, sess Session) error {
	if sess.Ended() {
		return fmt.Errorf("session: %s: %w", op, ErrEnded)
	}
	return nil
}

func stateErr(op string, q *Question) error {
	return fmt.Errorf("session: %s: question %s is %s: %w", op, q.ID, q.Status, ErrState)
}

// revErr refuses an action on revision rev of a question now at another:
// its asker edited or deleted their message since it was drafted or
// shown.
func revErr(op string, q *Question, rev int) error {
	if q.Rev == rev {
		return nil
	}
	return fmt.Errorf("session: %s: question %s is at revision %d, not %d: %w", op, q.ID, q.Rev, rev, ErrChanged)
}

// errHasDraft stops SetDraft's update, writing nothing: the question has
// a draft already.
var errHasDraft = errors.New("the question has a draft")

// SetDraft stores the bot's drafted answer for a waiting question that
// has none, and returns the question. One that has a draft keeps it, and
// its approval or edit, and is returned as it is: a draft started when
// the question arrived may finish after /session next drafted it and an
// educator approved or edited that draft, and must not overwrite it. The
// check and the write are one atomic step (Storage.UpdateQuestion), so
// nothing can land between them. A question that no longer waits is
// ErrState; one whose words changed since the draft was asked for (rev,
// its revision then) is ErrChanged: the draft answers other words.
func (s *Store) SetDraft(ctx context.Context, threadID, questionID string, rev int, a answer.Answer) (Question, error) {
	var kept Question
	q, err := s.update(ctx, "set draft", threadID, questionID, func(_ Session, q *Question) error {
		if err := revErr("set draft", q, rev); err != nil {
			return err
		}
		if !q.Status.waiting() {
			return stateErr("set draft", q)
		}
		if q.Draft != nil {
			kept = *q
			return errHasDraft
		}
		q.Draft, q.Edited, q.Status = &a, false, StatusDrafted
		return nil
	})
	if errors.Is(err, errHasDraft) {
		return kept, nil
	}
	return q, err
}

// Approve approves a question's draft as it is. Approve, Edit, Skip and
// MarkPosted are ErrEnded once the session has ended. Approve, Edit and
// Skip name the revision of the question the educator saw (rev), and are
// ErrChanged on another.
func (s *Store) Approve(ctx context.Context, threadID, questionID string, rev int) (Question, error) {
	return s.update(ctx, "approve", threadID, questionID, func(sess Session, q *Question) error {
		if err := endedErr("approve", sess); err != nil {
			return err
		}
		if err := revErr("approve", q, rev); err != nil {
			return err
		}
		if q.Status != StatusDrafted && q.Status != StatusApproved {
			return stateErr("approve", q)
		}
		q.Status = StatusApproved
		return nil
	})
}

// Edit replaces a draft's text with the educator's and approves it. The
// new text's citations are checked again (see CheckEdit); an edit that
// fails the check changes nothing and returns an error wrapping
// ErrCitations that says what is wrong.
func (s *Store) Edit(ctx context.Context, threadID, questionID string, rev int, newText string) (Question, error) {
	return s.update(ctx, "edit", threadID, questionID, func(sess Session, q *Question) error {
		if err := endedErr("edit", sess); err != nil {
			return err
		}
		if err := revErr("edit", q, rev); err != nil {
			return err
		}
		if (q.Status != StatusDrafted && q.Status != StatusApproved) || q.Draft == nil {
			return stateErr("edit", q)
		}
		a, err := CheckEdit(*q.Draft, newText)
		if err != nil {
			return err
		}
		// A new revision: another educator reviewing the old draft must
		// not approve this one unseen.
		q.Draft, q.Edited, q.Status = &a, true, StatusApproved
		q.Rev++
		return nil
	})
}

// Skip takes a waiting question out of the queue unanswered.
func (s *Store) Skip(ctx context.Context, threadID, questionID string, rev int) (Question, error) {
	return s.update(ctx, "skip", threadID, questionID, func(sess Session, q *Question) error {
		if err := endedErr("skip", sess); err != nil {
			return err
		}
		if err := revErr("skip", q, rev); err != nil {
			return err
		}
		if !q.Status.waiting() {
			return stateErr("skip", q)
		}
		q.Status = StatusSkipped
		return nil
	})
}

// MarkPosted records that the question's answer was posted. In a session
// with approval on, only an approved draft may be posted
// (ErrNotApproved); otherwise a draft is enough. Posting twice is
// ErrState, so of two processes racing to post exactly one wins.
func (s *Store) MarkPosted(ctx context.Context, threadID, questionID string) (Question, error) {
	return s.update(ctx, "mark posted", threadID, questionID, func(sess Session, q *Question) error {
		if err := endedErr("mark posted", sess); err != nil {
			return err
		}
		switch {
		case q.Status == StatusDrafted && sess.Approve:
			return fmt.Errorf("session: mark posted: question %s: %w", q.ID, ErrNotApproved)
		case q.Status != StatusDrafted && q.Status != StatusApproved:
			return stateErr("mark posted", q)
		}
		q.Status, q.PostedAt = StatusPosted, s.now().UTC()
		return nil
	})
}

// Unpost undoes MarkPosted for a question whose answer never reached the
// thread: MarkPosted comes first, so that of two educators racing to post
// exactly one posts, and Discord may then refuse the post (the thread
// locked by a moderator, the bot's permission to post there withdrawn).
// Left posted, the question would be out of the queue, unanswered, and
// listed as answered in the transcript. It waits again, with its draft,
// as it was before the post: approved in a session with approval on (it
// had to be approved to be posted), drafted otherwise; back in the queue
// at its place by votes, so that /session next offers it again. Only a
// posted question can be unposted (ErrState). Unlike MarkPosted it is
// allowed once the session has ended: a co-educator's end may lock the
// thread between the post and Discord's refusal, and the transcript must
// not then claim the question was answered.
func (s *Store) Unpost(ctx context.Context, threadID, questionID string) (Question, error) {
	return s.update(ctx, "unpost", threadID, questionID, func(sess Session, q *Question) error {
		if q.Status != StatusPosted {
			return stateErr("unpost", q)
		}
		q.Status = StatusDrafted
		if sess.Approve {
			q.Status = StatusApproved
		}
		q.PostedAt = time.Time{}
		// Its asker's edit made while the post was on its way was kept
		// aside (Reword): the question was not posted after all, and is
		// asked in the words they now stand by, drafted again.
		if i := q.ask(q.From); i >= 0 && q.Asks[i].Text != q.Text {
			q.Rev++
			q.Text, q.Draft, q.Edited, q.Status = q.Asks[i].Text, nil, false, StatusQueued
		}
		// (A message deleted meanwhile is dropped by update, first.)
		return nil
	})
}

// CheckEdit checks an educator's new text against the draft's citations
// with the checker that checks model answers and approved answers (cite),
// and returns the edited answer: every sentence cites the draft's
// citations by [n] (a refusal may cite nothing), every marker points to
// one of them, every figure and name of a sentence occurs in the quotes it
// cites, and nothing is a link, a mention or code. Citations no longer
// referred to are dropped and the rest renumbered in order of first use;
// quotes stay the briefing's own words.
func CheckEdit(draft answer.Answer, newText string) (answer.Answer, error) {
	text := cite.Contained(strings.TrimSpace(newText))
	if text == "" || len([]rune(text)) > maxAnswerRunes {
		return answer.Answer{}, state.Invalid("session: edit", fmt.Sprintf("the answer must have 1-%d characters", maxAnswerRunes))
	}
	check := cite.Checker{Passage: func(n int) (string, bool) {
		if n < 1 || n > len(draft.Citations) {
			return "", false
		}
		return draft.Citations[n-1].Quote, true
	}, Paragraph: func(n int) int { return draft.Citations[n-1].Paragraph }}
	refusal := draft.Refused && !cite.HasMarker(text)
	var problems []string
	rs := check.CheckText(text)
	if !refusal && !slices.ContainsFunc(rs, func(r cite.Result) bool { return !r.Absent && r.Body != "" }) {
		// Statements of what the briefing does not say are shown beside
		// an answer, never as one (as the stream gate holds them).
		problems = append(problems, "the answer cites no passage; every answer needs at least one [n] marker")
	}
	for _, r := range rs {
		denial, isDenial := cite.Denial(r.Missing)
		for _, n := range r.Bad {
			problems = append(problems, fmt.Sprintf("[%d] points to no citation (the draft has %d)", n, len(draft.Citations)))
		}
		switch {
		case r.Reason == cite.Unsafe:
			problems = append(problems, fmt.Sprintf("%q holds a link, a mention or code", r.Body))
		case refusal:
		case len(r.Cited) == 0 && len(r.Bad) == 0 && !r.Lead && !r.Absent:
			problems = append(problems, fmt.Sprintf("%q cites nothing; every sentence needs an [n] marker", r.Body))
		case slices.Contains(r.Missing, cite.FalseAbsence):
			problems = append(problems, fmt.Sprintf("%q says the briefing does not say something its passages do say (or says more than what is missing)", r.Body))
		case isDenial:
			problems = append(problems, fmt.Sprintf("%q goes against its passage, which says %s", r.Body, denial))
		case len(r.Missing) > 0:
			problems = append(problems, fmt.Sprintf("%s is not in the passages %q cites", strings.Join(r.Missing, ", "), r.Body))
		case r.Vacuous:
			problems = append(problems, fmt.Sprintf("%q says nothing its citation can support: write what the passage says", r.Body))
		case r.Dangling:
			problems = append(problems, fmt.Sprintf("%q introduces a list, but no item under it passes", r.Body))
		}
	}
	if len(problems) > 0 {
		return answer.Answer{}, &state.InputError{Op: "session: edit", Message: strings.Join(problems, "; "), Kind: ErrCitations}
	}
	text, old := cite.Renumber(text)
	cites := make([]answer.Citation, len(old))
	for k, n := range old {
		cites[k] = draft.Citations[n-1]
		cites[k].N = k + 1
	}
	a := draft
	a.Text = text
	a.Citations = cites
	a.Refused = draft.Refused && len(cites) == 0
	return a, nil
}
