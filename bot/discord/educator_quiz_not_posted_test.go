package discord

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// /quiz start in a channel where Discord refuses the bot's post (it may
// not send messages there, or the thread is locked): the educator is told
// so and what to check, privately, instead of "Something went wrong", and
// nothing of the quiz is posted.
func TestEducatorQuizNotPostedSaysWhy(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	remove := e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/messages") && strings.HasPrefix(r.Path, "/channels/") {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": 50013, "message": "Missing Permissions"})
		}
		return nil
	})
	t.Cleanup(sync.OnceFunc(remove))
	r := e.reply(e.slash(eduManager, "", "quiz", sub("start", intOpt("questions", 2))))
	if want := tr(english, msgEduQuizNotPosted); !ephemeral(r) || r.Content != want {
		t.Errorf("quiz start refused by Discord = %q (ephemeral %v), want %q", r.Content, ephemeral(r), want)
	}
	// Its head refused, none of its questions was tried after it.
	posts := 0
	for _, req := range e.srv.Requests() {
		if req.Method == http.MethodPost && strings.HasPrefix(req.Path, "/channels/") && strings.HasSuffix(req.Path, "/messages") {
			posts++
		}
	}
	if posts != 1 {
		t.Errorf("%d posts tried in the channel, want the quiz's head alone", posts)
	}
}
