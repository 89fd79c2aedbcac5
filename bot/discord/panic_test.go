package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/bwmarrin/discordgo"
)

// panicking answers as inner does, except that a question holding
// "kaboom" panics: a bug that one member's input reaches.
type panicking struct{ inner *answer.Engine }

func (p panicking) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	if strings.Contains(req.Question, "kaboom") {
		panic("a bug reached by " + req.Question)
	}
	return p.inner.Ask(ctx, req, onDelta)
}

func (p panicking) Knowledge() *answer.Knowledge { return p.inner.Knowledge() }

// TestPanicInOneQuestionLeavesTheBotUp: a panic while answering one
// member (an /ask, a mention) is logged with its stack, the /ask's asker
// is told something went wrong, and the bot goes on answering the others
// — discordgo recovers nothing, so the panic would otherwise end the
// process.
func TestPanicInOneQuestionLeavesTheBotUp(t *testing.T) {
	t.Parallel()
	h := start(t, setup{answerer: panicking{newEngine(t)}})

	bad := h.waitOriginal(h.ask("why does France kaboom the office?", false), func(m *discordgo.Message) bool {
		return m.Flags&discordgo.MessageFlagsLoading == 0 && m.Content != ""
	})
	if !strings.HasPrefix(bad.Content, "Something went wrong on my side") {
		t.Errorf("the panicking /ask shows %q", bad.Content)
	}
	h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> kaboom, why?", Mentions: []*discordgo.User{botUser()},
	})
	h.until("the panics logged", func() bool {
		return strings.Count(h.log.String(), "panic while handling") == 2
	})
	if log := h.log.String(); !strings.Contains(log, "panic while handling an interaction") || !strings.Contains(log, "panic while handling a message") ||
		!strings.Contains(log, "panic_test.go") {
		t.Errorf("log lacks the panics or their stack:\n%s", log)
	}
	if m := h.waitFinal(h.ask("Why does France oppose a NATO office in Tokyo?", false)); !strings.Contains(m.Content, "[1]") {
		t.Errorf("after the panics: %q", m.Content)
	}
}
