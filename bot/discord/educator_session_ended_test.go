package discord

import (
	"net/http"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// A member who posts in the thread of a session that has ended (its lock
// refused, here) is told once that it has ended, not once per message;
// each member is told. They used to get silence.
func TestSessionEndedTellsEachMemberOnce(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Asia week")
	e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodPatch && r.Path == "/channels/"+thread {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"message": "Missing Permissions", "code": 50013})
		}
		return nil
	})
	e.reply(e.slash(eduManager, thread, "session", sub("end")))

	want := tr(english, msgSessionEndedNotQueued)
	if r := e.inThread(thread, eduMember, franceQ); r.Content != want {
		t.Errorf("first message after the end: %q, want %q", r.Content, want)
	}
	again := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: "Hello?",
		Author: &discordgo.User{ID: eduMember, Username: "u" + eduMember}})
	if r := e.inThread(thread, eduMember2, "Who is in the Quad?"); r.Content != want {
		t.Errorf("another member's message after the end: %q, want %q", r.Content, want)
	}
	time.Sleep(300 * time.Millisecond) // the repeat's handling, had it replied
	for _, m := range e.srv.ChannelMessages(thread) {
		if m.MessageReference != nil && m.MessageReference.MessageID == again.ID {
			t.Errorf("told again: %q", m.Content)
		}
	}
	e.checkNoMentions()
}
