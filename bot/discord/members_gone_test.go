package discord

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// The bot removed from the server while it writes an answer in a thread:
// GUILD_DELETE, then Discord refuses every call for that server with 403.
// The first refused edit ends the answer's writes: no further edits, no
// final one, no new message, nothing retried.
func TestMembersBotRemovedFromServerMidAnswer(t *testing.T) {
	t.Parallel()
	h := start(t, setup{answerer: trickle{inner: newEngine(t), n: 30, every: 20 * time.Millisecond}})
	q := h.mention(franceQ)
	h.until("the answer streaming", func() bool {
		for _, m := range h.srv.ChannelMessages(q.ID) {
			if m.Author != nil && m.Author.ID == h.srv.BotUserID() && strings.Contains(m.Content, "Piece") {
				return true
			}
		}
		return false
	})
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if strings.HasPrefix(r.Path, "/channels/") || strings.HasPrefix(r.Path, "/guilds/") {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": 50001, "message": "Missing Access"})
		}
		return nil
	})
	before := len(h.srv.Requests())
	h.srv.Dispatch("GUILD_DELETE", map[string]any{"id": h.guild})
	time.Sleep(30*20*time.Millisecond + 500*time.Millisecond) // the answer written, its final edit
	var after []discordtest.Request
	for _, r := range h.srv.Requests()[before:] {
		if strings.HasPrefix(r.Path, "/channels/") || strings.HasPrefix(r.Path, "/guilds/") {
			after = append(after, r)
		}
	}
	if len(after) != 1 || after[0].Status != http.StatusForbidden {
		t.Errorf("%d calls after the bot was removed, want the one refused edit%s", len(after), h.summary())
	}
	if strings.Contains(h.log.String(), "test-token") {
		t.Error("the log holds the bot's token")
	}
}

// A member whose DMs are closed to the bot (50007) after asking by DM:
// the refused answer is logged once, and their next DMs are not tried
// again and again.
func TestMembersDMsClosed(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	dm := h.srv.DispatchMessage(&discordgo.Message{Content: franceQ})
	h.waitAnswerIn(dm.ChannelID, 0)
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == "POST" && r.Path == "/channels/"+dm.ChannelID+"/messages" {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": 50007, "message": "Cannot send messages to this user"})
		}
		return nil
	})
	posts := func() int { return h.srv.Hits("POST", "/channels/"+dm.ChannelID+"/messages") }
	h.srv.DispatchMessage(&discordgo.Message{ChannelID: dm.ChannelID, Content: "and Japan?"})
	h.until("the refused post", func() bool { return posts() == 2 })
	// Until the bot has taken in the refusal (the server counts the post
	// as it arrives, before the bot reads the 403), a DM sent at once may
	// still be tried: members do not write that fast, tests do.
	h.until("the refusal taken in", func() bool { return h.bot.cannotPost(dm.ChannelID) })
	for k := range 2 {
		h.srv.DispatchMessage(&discordgo.Message{ChannelID: dm.ChannelID, Content: "and Japan? " + strconv.Itoa(k)})
	}
	h.waitFinal(h.ask(franceQ, true)) // later events, handled after them
	time.Sleep(200 * time.Millisecond)
	if n := posts(); n != 2 {
		t.Errorf("%d posts in the closed DM, want the answer and the one refused%s", n, h.summary())
	}
	if !strings.Contains(h.log.String(), "cannot post in the channel") {
		t.Errorf("log does not say the post was refused:\n%s", h.log.String())
	}
}

// Discord's global rate limit (429 with X-RateLimit-Global) on the
// thread a mention opens: the thread is opened once, after retry_after,
// and answered in.
func TestMembersGlobalRateLimitOnAMentionsThread(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	const retry = 300 * time.Millisecond
	once := make(chan struct{}, 1)
	once <- struct{}{}
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method != "POST" || !strings.HasSuffix(r.Path, "/threads") {
			return nil
		}
		select {
		case <-once:
		default:
			return nil
		}
		resp := discordtest.JSONResponse(http.StatusTooManyRequests, map[string]any{
			"message": "You are being rate limited.", "retry_after": retry.Seconds(), "global": true,
		})
		resp.Header.Set("Retry-After", "1")
		resp.Header.Set("X-RateLimit-Global", "true")
		resp.Header.Set("X-RateLimit-Scope", "global")
		return resp
	})
	q := h.mention(franceQ)
	if a := h.waitAnswerIn(q.ID, 0); !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer = %q", a.Content)
	}
	if n := h.srv.Hits("POST", "/channels/"+h.srv.GeneralChannel(h.guild)+"/messages/"+q.ID+"/threads"); n != 2 {
		t.Errorf("%d thread creations, want the limited one and one more%s", n, h.summary())
	}
	if n := len(h.srv.ChannelMessages(h.srv.GeneralChannel(h.guild))); n != 1 {
		t.Errorf("%d messages in the channel, want the question alone", n)
	}
}
