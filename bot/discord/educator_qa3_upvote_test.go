package discord

import (
	"context"
	"strings"
	"testing"
)

// An Upvote button outlives its question's place in the queue: once the
// question is skipped, never to be answered, a press is not a vote that
// counts, and the member is told so instead of "Upvoted". (A vote for an
// answered question still counts, in the transcript's tally.)
func TestSessionUpvoteOnSkippedQuestionSaysSo(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Votes"), boolOpt("approve", true))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	skipped := e.inThread(thread, eduMember, moonQuestion)
	answered := e.inThread(thread, eduMember, "Who is in the Quad?")
	sq, aq := seqOf(t, skipped), seqOf(t, answered)

	// The educator skips the one and approves and posts the other.
	act := func(seq string, button int) {
		t.Helper()
		rv := e.reply(e.slash(eduRole, thread, "session", sub("next")))
		ids := buttonIDs(rv)
		if len(ids) != 3 || !strings.Contains(rv.Content, "question #"+seq) {
			t.Fatalf("review: %q %v", rv.Content, ids)
		}
		e.reply(e.press(rv, ids[button], eduRole))
	}
	act(sq, 2)
	act(aq, 0)
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); !strings.Contains(r.Content, "Posted question #"+aq) {
		t.Fatalf("next = %q", r.Content)
	}

	r = e.reply(e.press(skipped, buttonIDs(skipped)[0], eduMember2))
	if !ephemeral(r) || !strings.Contains(r.Content, "already been posted or skipped") {
		t.Errorf("upvote of the skipped question = %q", r.Content)
	}
	q, err := e.ed.Sessions.Question(ctx, thread, "q"+sq)
	if err != nil {
		t.Fatal(err)
	}
	if q.Votes != 1 {
		t.Errorf("the skipped question has %d votes, want its asker's 1", q.Votes)
	}
	// The answered one's vote counts, as it always did.
	if r := e.reply(e.press(answered, buttonIDs(answered)[0], eduMember2)); !strings.Contains(r.Content, "Upvoted — 2 votes") {
		t.Errorf("upvote of the answered question = %q", r.Content)
	}
	e.checkNoMentions()
}
