package redisstore

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/quiz"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// Redis killed and started again with its append-only file, as docker
// compose runs it: settings, approvals, sessions, quizzes, votes and
// conversations are all there afterwards, and the same client carries on
// by itself.
func TestRestartWithAOFKeepsEverything(t *testing.T) {
	srv := redistest.StartPersistent(t)
	ctx := context.Background()
	rdb, err := Connect(ctx, srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	db := New(rdb, Options{Prefix: srv.Prefix()})
	const guild, thread = "424242424242424242", "700000000000000001"

	if err := db.Guilds().Update(ctx, guild, map[string]string{"private": "1"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := approved.New(db.Approved()).Approve(ctx, guild, "Who is in the Quad?", quad, "", "77"); err != nil {
		t.Fatal(err)
	}
	sess := session.NewStore(db.Sessions(), session.Options{})
	if _, err := sess.Start(ctx, guild, thread, "Drill", "b", false, "edu"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := sess.Add(ctx, thread, "ann", "", "Who is in the Quad?"); err != nil {
		t.Fatal(err)
	}
	quizzes := quiz.NewStore(db.Quizzes(), quiz.StoreOptions{})
	qz, err := quizzes.Create(ctx, quiz.Quiz{GuildID: guild, ChannelID: "1", Questions: twoQuestions()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := quizzes.AnswerIn(ctx, guild, qz.ID, "ann", 0, 1); err != nil {
		t.Fatal(err)
	}
	if err := db.Feedback().Record(ctx, state.Vote{GuildID: guild, UserID: "bob", AnswerID: "a1", Up: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.Conversations().Append(ctx, "thread-1", []byte(`{"question":"q"}`), 6, time.Hour); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db, guild, thread)
	board, err := quizzes.Leaderboard(ctx, qz.ID)
	if err != nil {
		t.Fatal(err)
	}

	srv.Restart()
	// The client reconnects by itself.
	eventually(t, 5*time.Second, func() error { return rdb.Ping(ctx).Err() })

	if after := snapshot(t, db, guild, thread); !reflect.DeepEqual(before, after) {
		t.Errorf("after the restart:\n%+v\nwant\n%+v", after, before)
	}
	if got, err := quizzes.Leaderboard(ctx, qz.ID); err != nil || !reflect.DeepEqual(got, board) {
		t.Errorf("leaderboard after the restart: %+v, %v; want %+v", got, err, board)
	}
	if up, down, err := db.Feedback().Counts(ctx, guild); err != nil || up != 1 || down != 0 {
		t.Errorf("votes after the restart: %d up, %d down, %v", up, down, err)
	}
	if turns, err := db.Conversations().Load(ctx, "thread-1"); err != nil || len(turns) != 1 {
		t.Errorf("conversation after the restart: %d turns, %v", len(turns), err)
	}
}
