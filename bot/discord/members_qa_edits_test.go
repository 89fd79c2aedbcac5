package discord

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// A member edits their question twice in quick succession while it is
// answered: the second edit arrives while the bot is still putting the
// placeholder back for the first (Discord slow to take that edit). The
// question answered in the end is the one the member left, the second
// edit, not the first.
func TestMembersQAQuestionEditedTwiceQuickly(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t), "France objects to the office [1].")
	h := start(t, setup{answerer: g})
	q := h.mention("What did Frnace say about the office?")
	<-g.started
	entered, release := make(chan struct{}), make(chan struct{})
	// Released in any case before the bot shuts down: a failure below
	// must not leave the held edit holding the shutdown.
	free := sync.OnceFunc(func() { close(release) })
	t.Cleanup(free)
	var once sync.Once
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if c, _ := r.JSON["content"].(string); r.Method == "PATCH" && c == thinkingText {
			once.Do(func() { close(entered); <-release })
		}
		return nil
	})
	me := "<@" + discordtest.DefaultBotUserID + "> "
	h.edit(q, me+"What did France say about the office?")
	select {
	case <-entered:
	case <-time.After(wait):
		t.Fatal("the first edit did not put the placeholder back")
	}
	h.edit(q, me+franceQ)
	time.Sleep(300 * time.Millisecond) // the second edit read while the placeholder is held
	free()
	close(g.release)
	a := h.waitAnswerIn(q.ID, 0)
	h.until("the answer settled", func() bool { return len(g.requests()) >= 2 })
	time.Sleep(200 * time.Millisecond)
	reqs := g.requests()
	if last := reqs[len(reqs)-1].Question; last != franceQ {
		t.Errorf("questions asked = %q, want the second edit (%q) answered last", questions(reqs), franceQ)
	}
	if !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer = %q, want the second edit's", a.Content)
	}
}

// questions are the questions of reqs, in order.
func questions(reqs []answer.Request) []string {
	qs := make([]string, len(reqs))
	for i, r := range reqs {
		qs[i] = r.Question
	}
	return qs
}
