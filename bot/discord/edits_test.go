package discord

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// edit dispatches the author's edit of message m to text.
func (h *harness) edit(m *discordgo.Message, text string) {
	e := *m
	e.Content = text
	at := time.Now()
	e.EditedTimestamp = &at
	h.srv.Dispatch("MESSAGE_UPDATE", &e)
}

// A member who edits their question while its answer is being written
// gets the edited question answered, in the same message, and nothing of
// the answer to the text they replaced: not its streamed sentences, not
// a "restarting" line.
func TestQuestionEditedWhileAnsweredIsAnsweredAsEdited(t *testing.T) {
	t.Parallel()
	const old = "France objects to the office [1]."
	g := newGated(newEngine(t), old)
	h := start(t, setup{answerer: g})
	q := h.mention("What did Frnace say about the office?")
	<-g.started
	h.until("the old answer streamed", func() bool {
		for _, m := range h.srv.ChannelMessages(q.ID) {
			if strings.Contains(m.Content, old) {
				return true
			}
		}
		return false
	})
	// Discord adding a link preview is no edit: nothing restarts.
	same := *q
	h.srv.Dispatch("MESSAGE_UPDATE", &same)
	h.edit(q, "<@"+discordtest.DefaultBotUserID+"> "+franceQ)
	select {
	case <-g.started:
	case <-time.After(wait):
		t.Fatalf("the edited question was not asked; requests: %+v", g.requests())
	}
	close(g.release)
	a := h.waitAnswerIn(q.ID, 0)
	if !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer = %q, want the edited question's", a.Content)
	}
	reqs := g.requests()
	if len(reqs) != 2 || reqs[1].Question != franceQ {
		t.Fatalf("questions asked = %+v, want the first and the edited one", reqs)
	}
	h.until("the answer alone in the thread", func() bool {
		n := 0
		for _, m := range h.srv.ChannelMessages(q.ID) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID {
				n++
				if strings.Contains(m.Content, old) || strings.Contains(m.Content, "restart") {
					t.Fatalf("stale text left in the thread: %q", m.Content)
				}
			}
		}
		return n == 1
	})
	// An edit once the answer is given changes nothing.
	h.edit(q, "<@"+discordtest.DefaultBotUserID+"> Who is in the Quad?")
	h.waitFinal(h.ask(franceQ, true)) // a later event, handled after the edit
	if n := len(g.requests()); n != 3 {
		t.Errorf("questions asked after an edit of an answered question: %d, want 3 (the /ask only)", n)
	}
}

// A member fixes a typo a moment after posting, while the bot still opens
// the thread or posts its placeholder (Discord slow): the edited question
// is the one answered, and the first never is.
func TestQuestionEditedBeforeItsPlaceholderIsAnsweredAsEdited(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t), "France objects to the office [1].")
	close(g.release)
	h := start(t, setup{answerer: g})
	entered, release := make(chan struct{}), make(chan struct{})
	// Released in any case before the bot shuts down: a failure below
	// must not leave the held request holding the shutdown.
	free := sync.OnceFunc(func() { close(release) })
	t.Cleanup(free)
	var once sync.Once
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") {
			once.Do(func() { close(entered); <-release })
		}
		return nil
	})
	q := h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> What did Frnace say about the office?", Mentions: []*discordgo.User{botUser()},
	})
	<-entered
	h.edit(q, "<@"+discordtest.DefaultBotUserID+"> "+franceQ)
	h.until("the edit read", func() bool {
		h.bot.flightsMu.Lock()
		defer h.bot.flightsMu.Unlock()
		f := h.bot.flights[q.ID]
		return f != nil && f.superseded.Load()
	})
	free()
	h.waitAnswerIn(q.ID, 0)
	h.until("the edited question answered", func() bool { return len(g.requests()) > 0 })
	for _, r := range g.requests() {
		if r.Question != franceQ {
			t.Errorf("asked %q; want only the edited question", r.Question)
		}
	}
}
