package discord

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// the "told to wait" memory (toldToWait) is keyed by guild and
// member, not by channel, though it says "told in a channel": a member
// told in their thread, who then mentions the bot in another channel
// (#general) within the wait, gets no reply there at all — no answer, no
// thread, no wait — as if the bot ignored them.
func TestQA5ToldInThreadSilentInAnotherChannel(t *testing.T) {
	t.Parallel()
	h := start(t, setup{limits: &limitsOne})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	me := &discordgo.User{ID: discordtest.DefaultUserID, Username: discordtest.DefaultUsername}
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Author: me, Content: "Which countries make up the Quad?"})
	h.until("the wait told in the thread", func() bool {
		for _, m := range h.srv.ChannelMessages(q.ID) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "try again in") {
				return true
			}
		}
		return false
	})
	general := q.ChannelID
	if th := h.srv.Channel(q.ID); th != nil && th.ParentID != "" {
		general = th.ParentID
	}
	m2 := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: general, Author: me,
		Content: "<@" + discordtest.DefaultBotUserID + "> What is AUKUS?", Mentions: []*discordgo.User{botUser()}})
	time.Sleep(500 * time.Millisecond)
	for _, m := range h.srv.ChannelMessages(general) {
		if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && m.MessageReference != nil && m.MessageReference.MessageID == m2.ID {
			return
		}
	}
	if h.srv.Channel(m2.ID) != nil {
		return // a thread was opened for it
	}
	t.Errorf("a mention in #general by a member told to wait in their thread got no reply at all")
}

// a member at their limit who says "thanks!" in the thread the bot
// opened for their question asks nothing (unlimited, it is answered
// "You're welcome!" as small talk, with no retrieval), yet is told in
// public "You're asking quickly — please try again in 60 s.": chat is
// limited and the wait announced before it is known to be chat.
func TestQA5ThanksInThreadWhileLimited(t *testing.T) {
	t.Parallel()
	h := start(t, setup{limits: &limitsOne})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Author: &discordgo.User{ID: discordtest.DefaultUserID, Username: discordtest.DefaultUsername}, Content: "thanks!"})
	time.Sleep(500 * time.Millisecond)
	for _, m := range h.srv.ChannelMessages(q.ID) {
		if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "try again in") {
			t.Errorf("'thanks!' in the thread was told to wait: %q", m.Content)
		}
	}
}
