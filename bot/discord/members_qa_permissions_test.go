package discord

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// The bot may open threads in a channel but not post in them (Send
// Messages in Threads denied, Send Messages allowed): Discord opens the
// thread from the member's mention and refuses the post there with
// 50013. The member got an empty thread and no answer at all; they are
// answered in the channel instead, as where no thread can open.
func TestMembersQAThreadOpenedButNotPostableAnswersInTheChannel(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	general := h.srv.GeneralChannel(h.guild)
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && r.Path != "/channels/"+general+"/messages" {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": 50013, "message": "Missing Permissions"})
		}
		return nil
	})
	q := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild,
		Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()}})
	a := h.waitAnswerIn(general, 0)
	if !strings.Contains(a.Content, "Macron") || a.MessageReference == nil || a.MessageReference.MessageID != q.ID {
		t.Errorf("answer in the channel = %q (reply to %+v), want the answer replying to the question", a.Content, a.MessageReference)
	}
	// The thread it could not post in is not one of its conversations: it
	// would take every follow-up there, each refused again with a 403.
	if th := h.srv.Channel(q.ID); th == nil {
		t.Error("no thread was opened from the question")
	} else if h.deps.Questions.IsConversation(context.Background(), th.ID) {
		t.Errorf("the thread %s it may not post in is bound as a conversation", th.ID)
	}
}
