package discord

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/quiz"
)

// A quiz answer button names its quiz in its custom id, which a client
// can forge: a press naming another guild's quiz is told the quiz is
// gone, learns nothing of its answer, and records nothing there.
func TestQuizAnswerOfAnotherGuildRevealsNothing(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	br := testKnowledge(t).Briefings[0]
	qs, err := quiz.Generate(br, 1, 7)
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, err := e.ed.Quizzes.Create(ctx, quiz.Quiz{GuildID: "300000000000000099", ChannelID: "500000000000000002",
		BriefingID: br.ID, CreatorID: "x", Questions: qs})
	if err != nil {
		t.Fatal(err)
	}
	// A quiz of this guild, for a message to press on.
	_, here := e.postQuiz("", 1)
	q := elsewhere.Questions[0]
	forged := fmt.Sprintf("%s%s:0:%d", prefixQuizAnswer, elsewhere.ID, q.Correct)
	r := e.reply(e.press(here[0], forged, eduMember))
	if !ephemeral(r) || !strings.Contains(r.Content, tr(english, msgQuizGone)) ||
		strings.Contains(r.Content, "Right") || strings.Contains(r.Content, q.Quote) {
		t.Errorf("a forged answer to another guild's quiz = %q", r.Content)
	}
	board, err := e.ed.Quizzes.Leaderboard(ctx, elsewhere.ID)
	if err != nil || len(board) != 0 {
		t.Errorf("the other guild's quiz recorded %+v (%v)", board, err)
	}
}
