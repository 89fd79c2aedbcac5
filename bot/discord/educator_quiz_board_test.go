package discord

import (
	"net/http"
	"strings"
	"testing"
)

// A quiz's leaderboard that Discord refuses to post (a 403, a 5xx) when
// the quiz is closed: closed, the quiz is not announced again, so the
// leaderboard is not lost — the educator who closed it gets it privately,
// and a later press of its Close button shows it again.
func TestQuizLeaderboardNotPostedIsHandedToTheEducator(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	general := e.srv.GeneralChannel(e.guild)
	_, qs := e.postQuiz("", 1)
	head, _ := e.postedQuiz(general)
	e.reply(e.press(qs[0], buttonIDs(qs[0])[0], eduMember))
	e.srv.FailNext("POST", "/channels/"+general+"/messages", http.StatusForbidden)
	first := e.reply(e.slash(eduManager, "", "quiz", sub("close")))
	if !ephemeral(first) || !strings.HasPrefix(first.Content, "Quiz closed, but Discord refused its leaderboard in <#"+general+">.") ||
		!strings.Contains(first.Content, "leaderboard**") {
		t.Errorf("/quiz close with the post refused = %q", first.Content)
	}
	again := e.reply(e.press(head, buttonIDs(head)[0], eduManager))
	if !ephemeral(again) || !strings.HasPrefix(again.Content, "That quiz is closed already. Its leaderboard, for you alone:\n") ||
		!strings.Contains(again.Content, "leaderboard**") {
		t.Errorf("Close pressed again = %q", again.Content)
	}
	if n := publicBoards(e, general); n != 0 {
		t.Errorf("%d leaderboards posted for everyone, want none (the post was refused)", n)
	}
	e.checkNoMentions()
}
