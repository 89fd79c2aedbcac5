package discord

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// the educator who ran the session posts a wrap-up in its thread
// after /session end (they can: Manage Threads posts in a locked thread,
// and without it the thread stays open). Their messages are "not the
// queue's" (c8f8233), but the bot replies to them "This session has
// ended: messages here no longer join its queue." — the educator-own
// check runs only after the ended (and lost) checks.
func TestQA4EducatorWrapUpAfterEndGetsNoNotice(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Wrap-up")
	// The lock refused (no Manage Threads): the thread stays open.
	e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodPatch && r.Path == "/channels/"+thread {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"message": "Missing Permissions", "code": 50013})
		}
		return nil
	})
	e.reply(e.slash(eduManager, thread, "session", sub("end")))
	m := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild,
		Content: "That is all for today, the transcript is attached above for everyone",
		Author:  &discordgo.User{ID: eduManager, Username: "u" + eduManager}})
	time.Sleep(time.Second)
	if got := e.repliesTo(thread, m.ID); len(got) != 0 {
		t.Errorf("the bot replied to the educator's own wrap-up: %q", got)
	}
}

// the same in a session lost from the store: the educator's own
// announcement is replied "your question was not queued".
func TestQA4EducatorMessageInLostSessionGetsNoQuestionNotice(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Lost wrap-up")
	rdb := e.rds.Client(t)
	keys, err := rdb.Keys(ctx, e.rds.Prefix()+"session:*").Result()
	if err != nil || len(keys) == 0 {
		t.Fatalf("session keys: %v %v", keys, err)
	}
	if err := rdb.Del(ctx, keys...).Err(); err != nil {
		t.Fatal(err)
	}
	m := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild,
		Content: "Today we cover the NATO office in Tokyo and what Japan thinks of it",
		Author:  &discordgo.User{ID: eduManager, Username: "u" + eduManager}})
	time.Sleep(time.Second)
	if got := e.repliesTo(thread, m.ID); len(got) != 0 {
		t.Errorf("the bot replied to the educator's own announcement: %q", got)
	}
}
