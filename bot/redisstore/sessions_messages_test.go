package redisstore

import (
	"context"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
)

// A member's deleted message takes its waiting question out of the
// queue, votes and all, or out of a question others asked too, which
// goes on in the next one's words; an edited one rewords its question
// and has it drafted again, keeping its votes. Before, the queue kept
// the old words, and a deleted question was posted all the same.
func TestSessionsMessageWithdrawReword(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			st := be.db().Sessions()
			s := session.NewStore(st, session.Options{})
			must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", false, "edu"))
			add := func(user, msg, text string) session.Question {
				t.Helper()
				q, _, err := s.AddMessage(ctx, "t", user, msg, text)
				if err != nil {
					t.Fatal(err)
				}
				return q
			}
			add("ann", "m1", "Why does France oppose a NATO office in Tokyo?")  // q1
			add("bob", "m2", "Who is in the Quad?")                             // q2
			add("cy", "m3", "Why does France oppose the NATO office in Tokyo?") // merged into q1
			if _, _, err := s.Upvote(ctx, "t", "q1", "x"); err != nil {
				t.Fatal(err)
			}
			must[session.Question](t)(s.SetDraft(ctx, "t", "q1", answer.Answer{Text: "d"}))
			must[session.Question](t)(s.Approve(ctx, "t", "q1"))
			p := be.opts.Prefix + "session:{t}:"

			// Deleting a message that asked nothing changes nothing.
			if r, err := s.Withdraw(ctx, "t", "chat"); err != nil || r.Found {
				t.Fatalf("withdraw of chat: %+v %v", r, err)
			}

			// q2, bob's alone, goes with its vote.
			r, err := s.Withdraw(ctx, "t", "m2")
			if err != nil || !r.Found || !r.Removed || r.Question.ID != "q2" {
				t.Fatalf("withdraw m2: %+v %v", r, err)
			}
			if _, err := s.Question(ctx, "t", "q2"); err == nil {
				t.Error("q2 is still stored")
			}
			if n := be.rdb.ZCard(ctx, p+"queue").Val(); n != 1 {
				t.Errorf("queue holds %d, want 1", n)
			}
			if be.rdb.HExists(ctx, p+"votes", "q2").Val() || be.rdb.SIsMember(ctx, p+"voters", "q2|bob").Val() ||
				be.rdb.HExists(ctx, p+"messages", "m2").Val() {
				t.Error("q2's votes, voters or index entry are left")
			}

			// ann deletes q1's first message: cy's words go on, without
			// ann's vote, to be drafted again.
			r, err = s.Withdraw(ctx, "t", "m1")
			if err != nil || r.Removed || !r.Redraft {
				t.Fatalf("withdraw m1: %+v %v", r, err)
			}
			q := must[session.Question](t)(s.Question(ctx, "t", "q1"))
			if q.Text != "Why does France oppose the NATO office in Tokyo?" || q.Votes != 2 || q.Draft != nil ||
				q.Status != session.StatusQueued || len(q.Askers) != 1 || q.Askers[0] != "cy" {
				t.Fatalf("q1 after m1's deletion: %+v", q)
			}
			if sc := be.rdb.ZScore(ctx, p+"queue", "q1").Val(); sc != queueScore(2, 1) {
				t.Errorf("q1's score %v, want %v", sc, queueScore(2, 1))
			}

			// cy mends a word: reworded in place, votes kept.
			r, err = s.Reword(ctx, "t", "m3", "Why does France oppose NATO's office in Tokyo?")
			if err != nil || !r.Redraft || r.Requeue != "" {
				t.Fatalf("reword m3: %+v %v", r, err)
			}
			q = must[session.Question](t)(s.Question(ctx, "t", "q1"))
			if q.Text != "Why does France oppose NATO's office in Tokyo?" || q.Votes != 2 {
				t.Fatalf("q1 reworded: %+v", q)
			}
			// A draft of the old words, finishing late, is not kept.
			q = must[session.Question](t)(s.SetDraftFor(ctx, "t", "q1", "Why does France oppose the NATO office in Tokyo?", answer.Answer{Text: "old"}))
			if q.Draft != nil {
				t.Fatal("a draft of the old words was kept")
			}

			// Posted, a question is left as it is.
			must[session.Question](t)(s.SetDraft(ctx, "t", "q1", answer.Answer{Text: "d"}))
			must[session.Question](t)(s.MarkPosted(ctx, "t", "q1"))
			if r, err := s.Withdraw(ctx, "t", "m3"); err != nil || r.Changed {
				t.Fatalf("withdraw of a posted question: %+v %v", r, err)
			}
			if q := must[session.Question](t)(s.Question(ctx, "t", "q1")); q.Status != session.StatusPosted {
				t.Fatalf("posted q1: %+v", q)
			}
			// Numbers are not given again.
			if q := add("dee", "m4", "Who is in the Quad?"); q.ID != "q3" {
				t.Fatalf("new question %s, want q3", q.ID)
			}
		})
	}
}

// An edit that makes a merged-into question another one leaves it to
// those who asked it, and hands back the new words to queue.
func TestSessionsMessageRewordSplits(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			s := session.NewStore(be.db().Sessions(), session.Options{})
			must[session.Session](t)(s.Start(ctx, "g", "t", "T", "b", false, "edu"))
			for _, a := range [][3]string{{"ann", "m1", "Why does France oppose a NATO office in Tokyo?"}, {"cy", "m3", "Why does France oppose the NATO office in Tokyo?"}} {
				if _, _, err := s.AddMessage(ctx, "t", a[0], a[1], a[2]); err != nil {
					t.Fatal(err)
				}
			}
			r, err := s.Reword(ctx, "t", "m1", "Who is in the Quad?")
			if err != nil || r.Requeue != "Who is in the Quad?" || !r.Redraft {
				t.Fatalf("reword: %+v %v", r, err)
			}
			q := must[session.Question](t)(s.Question(ctx, "t", "q1"))
			if q.Text != "Why does France oppose the NATO office in Tokyo?" || q.Votes != 1 || len(q.Askers) != 1 || q.Askers[0] != "cy" {
				t.Fatalf("q1 left to cy: %+v", q)
			}
			q, merged, err := s.AddMessage(ctx, "t", "ann", "m1", r.Requeue)
			if err != nil || merged || q.ID != "q2" {
				t.Fatalf("requeued: %+v %v %v", q, merged, err)
			}
			if r, err := s.Withdraw(ctx, "t", "m1"); err != nil || !r.Removed || r.Question.ID != "q2" {
				t.Fatalf("m1 now asks q2: %+v %v", r, err)
			}
		})
	}
}
