package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// Without the Message Content intent, a member's message that does not
// mention the bot by name arrives empty. A reply to the bot's answer with
// its ping turned off addressed the bot: the member is told how to ask
// (once), rather than nothing; a follow-up in the bot's thread, which may
// be chat, gets nothing, and no thread is opened for it.
func TestMembersWithoutMessageContent(t *testing.T) {
	t.Parallel()
	h := start(t, setup{cfg: Config{NoMessageContent: true}})
	q := h.mention(franceQ)
	a := h.waitAnswerIn(q.ID, 0)
	before := len(h.srv.ChannelMessages(q.ID))
	// A follow-up in the thread: empty.
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Content: ""})
	// A reply to the answer, ping off: empty too.
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Content: "",
		MessageReference: &discordgo.MessageReference{MessageID: a.ID, ChannelID: q.ID}, ReferencedMessage: a})
	var told *discordgo.Message
	h.until("the member told how to ask", func() bool {
		ms := h.srv.ChannelMessages(q.ID)
		for _, m := range ms[before:] {
			if m.Author != nil && m.Author.ID == h.srv.BotUserID() {
				told = m
				return true
			}
		}
		return false
	})
	if !strings.Contains(told.Content, "/ask") {
		t.Errorf("the member was told %q, want how to ask", told.Content)
	}
	h.waitFinal(h.ask(franceQ, true)) // later events, handled after them
	n := 0
	for _, m := range h.srv.ChannelMessages(q.ID)[before:] {
		if m.Author != nil && m.Author.ID == h.srv.BotUserID() {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d messages of the bot after the empty ones, want the one telling how to ask", n)
	}
}
