package discord

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// A second "Close quiz" press answers Discord first (deferred), then
// names the members: a slow lookup of their names (up to 2 s) no longer
// makes the press miss Discord's 3 s and show "This interaction failed".
func TestQuizSecondCloseAcknowledgesBeforeNaming(t *testing.T) {
	t.Parallel()
	// Discord's 3 s, scaled down to the 2 s lookups' 1.5.
	e := startEducatorWith(t, setup{srvOpts: []discordtest.Option{discordtest.WithAckDeadline(1500 * time.Millisecond)}})
	general := e.srv.GeneralChannel(e.guild)
	_, qs := e.postQuiz("", 1)
	head, _ := e.postedQuiz(general)
	e.reply(e.press(qs[0], buttonIDs(qs[0])[0], eduMember))
	if r := e.reply(e.press(head, buttonIDs(head)[0], eduManager)); !strings.Contains(r.Content, "Quiz closed") {
		t.Fatalf("first close = %q", r.Content)
	}
	// A restart forgets the names; Discord is slow to give them again.
	e.newBot()
	gate := make(chan struct{})
	release := sync.OnceFunc(func() { close(gate) })
	t.Cleanup(release)
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodGet && strings.HasPrefix(r.Path, "/guilds/"+e.guild+"/members/") {
			<-gate
		}
		return nil
	})
	t.Cleanup(sync.OnceFunc(remove))
	second := e.reply(e.press(head, buttonIDs(head)[0], eduRole))
	if !ephemeral(second) || !strings.Contains(second.Content, "closed already") || !strings.Contains(second.Content, "🥇") {
		t.Errorf("second close (flags %b) = %q", second.Flags, second.Content)
	}
	release()
}

// /quiz close whose leaderboard Discord refuses to post: the educator
// gets it privately, as before, and the quiz's buttons are retired too
// (they were left live, answering "closed" to every press).
func TestQuizCloseBoardRefusedRetiresButtons(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	general := e.srv.GeneralChannel(e.guild)
	_, qs := e.postQuiz("", 2)
	head, _ := e.postedQuiz(general)
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodPost && r.Path == "/channels/"+general+"/messages" {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": 50013, "message": "Missing Permissions"})
		}
		return nil
	})
	t.Cleanup(sync.OnceFunc(remove))
	r := e.reply(e.slash(eduManager, "", "quiz", sub("close")))
	if !ephemeral(r) || !strings.Contains(r.Content, "Discord refused its leaderboard") {
		t.Fatalf("/quiz close, leaderboard refused = %q", r.Content)
	}
	e.until("the quiz's buttons retired", func() bool {
		h := e.srv.Message(general, head.ID)
		return retired(e, general, qs[0].ID) && retired(e, general, qs[1].ID) && h != nil && len(h.Components) == 0
	})
}
