package redisstore

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/quiz"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

func twoQuestions() []quiz.Question {
	q := quiz.Question{Text: "Who?", Options: []string{"a", "b", "c", "d"}, Correct: 1, Quote: "b did it."}
	return []quiz.Question{q, q}
}

func TestQuizzes(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			s := quiz.NewStore(be.db().Quizzes(), quiz.StoreOptions{})
			q, err := s.Create(ctx, quiz.Quiz{GuildID: "g", Questions: twoQuestions()})
			if err != nil {
				t.Fatal(err)
			}
			again := quiz.NewStore(be.restarted().Quizzes(), quiz.StoreOptions{}) // a restarted bot
			for i, step := range []struct {
				s            *quiz.Store
				user         string
				question     int
				option       int
				right, again bool
			}{
				{s, "ann", 0, 1, true, false},
				{again, "ann", 0, 2, true, true}, // the first answer counts
				{again, "bob", 0, 3, false, false},
				{s, "bob", 1, 1, true, false},
			} {
				r, err := step.s.AnswerIn(ctx, "g", q.ID, step.user, step.question, step.option)
				if err != nil || r.Correct != step.right || r.Repeat != step.again {
					t.Fatalf("step %d: %+v, %v", i, r, err)
				}
			}
			p := be.opts.Prefix + "quiz:{" + q.ID + "}:"
			for _, k := range []string{"data", "answers", "correct", "answered", "last"} {
				if ttl := be.rdb.PTTL(ctx, p+k).Val(); ttl <= 0 || ttl > quizTTL {
					t.Errorf("%s TTL = %s", p+k, ttl)
				}
			}
			if got := be.rdb.HGet(ctx, p+"answers", "ann\x000").Val(); got != "1" {
				t.Errorf("ann's answer to question 0 = %q, want 1", got)
			}
			board, _, err := again.CloseFirst(ctx, q.ID)
			if err != nil || fmt.Sprintf("%s %d %s %d", board[0].UserID, board[0].Correct, board[1].UserID, board[1].Answered) != "ann 1 bob 2" {
				t.Fatalf("Close = %+v, %v", board, err)
			}
			if _, err := s.AnswerIn(ctx, "g", q.ID, "cat", 0, 0); !errors.Is(err, quiz.ErrClosed) {
				t.Errorf("answer after close: %v", err)
			}
			if _, _, err := s.CloseFirst(ctx, q.ID); err != nil {
				t.Errorf("second close: %v", err)
			}
			for _, err := range []error{
				func() error { _, err := s.Get(ctx, "nope"); return err }(),
				func() error { _, err := s.Leaderboard(ctx, "nope"); return err }(),
				func() error { _, _, err := s.CloseFirst(ctx, "nope"); return err }(),
			} {
				if !errors.Is(err, quiz.ErrNotFound) {
					t.Errorf("unknown quiz: %v, want ErrNotFound", err)
				}
			}
		})
	}
}

func TestQuizzesRedisDown(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := quiz.NewStore(New(srv.Client(t), Options{Prefix: srv.Prefix(), Timeout: 300 * time.Millisecond}).Quizzes(), quiz.StoreOptions{})
	q, err := s.Create(ctx, quiz.Quiz{GuildID: "g", Questions: twoQuestions()})
	if err != nil {
		t.Fatal(err)
	}
	// Redis gone: an error within the deadline, never a hang.
	srv.Stop()
	start := time.Now()
	if _, err := s.AnswerIn(ctx, "g", q.ID, "u", 0, 0); err == nil {
		t.Error("answer with Redis down succeeded")
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("answer with Redis down took %s", time.Since(start))
	}
	// A restarted (empty, unpersisted) Redis: the store works again by
	// itself; the quiz is gone and said to be.
	srv.Restart()
	if _, err := s.Get(ctx, q.ID); !errors.Is(err, quiz.ErrNotFound) {
		t.Errorf("after restart: %v", err)
	}
	if _, err := s.Create(ctx, quiz.Quiz{Questions: twoQuestions()}); err != nil {
		t.Errorf("create after restart: %v", err)
	}
}
