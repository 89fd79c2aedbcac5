package quiz

import (
	"context"
	"errors"
	"testing"
	"time"
)

// clock is a settable time for stores under test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestStoreAnswersAndLeaderboard(t *testing.T) {
	mem := newMem()
	ctx := context.Background()
	clk := &clock{time.Date(2024, 7, 11, 10, 0, 0, 0, time.UTC)}
	opts := StoreOptions{Now: clk.now}
	s := NewStore(mem, opts)
	qs, err := Generate(briefing(t), 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	q, err := s.Create(ctx, Quiz{GuildID: "g", ChannelID: "c", BriefingID: "nato-indo-pacific-2024", Questions: qs})
	if err != nil {
		t.Fatal(err)
	}
	wrong := func(i int) int { return (qs[i].Correct + 1) % Options }

	steps := []struct {
		user       string
		question   int
		option     int
		wantRight  bool
		wantRepeat bool
	}{
		{"ann", 0, qs[0].Correct, true, false},
		{"ann", 0, wrong(0), true, true}, // first answer counts
		{"bob", 0, wrong(0), false, false},
		{"bob", 0, qs[0].Correct, false, true}, // no second chance
		{"ann", 1, qs[1].Correct, true, false},
		{"bob", 1, qs[1].Correct, true, false},
		{"cat", 0, qs[0].Correct, true, false},
		{"cat", 1, qs[1].Correct, true, false},
		{"cat", 2, wrong(2), false, false},
		{"ann", 2, wrong(2), false, false},
	}
	for i, st := range steps {
		clk.t = clk.t.Add(time.Second)
		// Another store (a restarted bot) over the same storage.
		store := s
		if i%2 == 1 {
			store = NewStore(mem, opts)
		}
		r, err := store.AnswerIn(ctx, "g", q.ID, st.user, st.question, st.option)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if r.Correct != st.wantRight || r.Repeat != st.wantRepeat {
			t.Errorf("step %d (%s q%d): correct %v repeat %v, want %v %v", i, st.user, st.question, r.Correct, r.Repeat, st.wantRight, st.wantRepeat)
		}
		if r.Question.Quote != qs[st.question].Quote || r.Question.Paragraph != qs[st.question].Paragraph {
			t.Errorf("step %d: result lacks the citation", i)
		}
	}
	// ann and cat both have 2 right; cat finished first (step 8 < step 9).
	board, _, err := s.CloseFirst(ctx, q.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		user             string
		correct, answers int
	}{{"cat", 2, 3}, {"ann", 2, 3}, {"bob", 1, 2}}
	if len(board) != len(want) {
		t.Fatalf("leaderboard %+v", board)
	}
	for i, w := range want {
		if board[i].UserID != w.user || board[i].Correct != w.correct || board[i].Answered != w.answers {
			t.Errorf("place %d: %+v, want %+v", i+1, board[i], w)
		}
	}
	if _, err := s.AnswerIn(ctx, "g", q.ID, "dan", 0, 0); !errors.Is(err, ErrClosed) {
		t.Errorf("answer after close: %v", err)
	}
	if _, _, err := s.CloseFirst(ctx, q.ID); err != nil {
		t.Errorf("second close: %v", err)
	}
	got, err := NewStore(mem, opts).Get(ctx, q.ID)
	if err != nil || !got.Closed || len(got.Questions) != 3 {
		t.Errorf("get after close: %+v %v", got, err)
	}
}

func TestStoreErrors(t *testing.T) {
	ctx := context.Background()
	s := NewStore(newMem(), StoreOptions{})
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("get unknown: %v", err)
	}
	if _, err := s.AnswerIn(ctx, "g", "nope", "u", 0, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("answer unknown: %v", err)
	}
	if _, err := s.Create(ctx, Quiz{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("create empty: %v", err)
	}
	qs, _ := Generate(briefing(t), 1, 1)
	q, err := s.Create(ctx, Quiz{GuildID: "g", Questions: qs})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][2]int{{-1, 0}, {1, 0}, {0, 4}, {0, -1}} {
		if _, err := s.AnswerIn(ctx, "g", q.ID, "u", bad[0], bad[1]); !errors.Is(err, ErrInvalid) {
			t.Errorf("answer %v: %v", bad, err)
		}
	}
}

// AnswerIn answers a quiz of the member's guild only: another guild's is
// not found, and nothing is recorded there.
func TestAnswerInChecksTheGuild(t *testing.T) {
	ctx := context.Background()
	s := NewStore(newMem(), StoreOptions{})
	qs, _ := Generate(briefing(t), 1, 1)
	q, err := s.Create(ctx, Quiz{GuildID: "g1", Questions: qs})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.AnswerIn(ctx, "g2", q.ID, "u", 0, qs[0].Correct); !errors.Is(err, ErrNotFound) || r.Question.Quote != "" {
		t.Errorf("answer from another guild: %+v %v", r, err)
	}
	if _, err := s.AnswerIn(ctx, "", q.ID, "u", 0, 0); !errors.Is(err, ErrInvalid) {
		t.Errorf("answer with no guild: %v", err)
	}
	if board, err := s.Leaderboard(ctx, q.ID); err != nil || len(board) != 0 {
		t.Errorf("leaderboard after a refused answer: %+v %v", board, err)
	}
	if r, err := s.AnswerIn(ctx, "g1", q.ID, "u", 0, qs[0].Correct); err != nil || !r.Correct {
		t.Errorf("answer from the quiz's guild: %+v %v", r, err)
	}
}
