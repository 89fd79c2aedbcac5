package discord

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// TestMentionAfterAPrivateRefusalIsToldToWait: a member refused on /ask
// (told privately) who then mentioned the bot got no reply at all: the
// refusal of /ask counted as the mention's "told already", though the
// channel never saw it. The mention is told to wait, as /ask says it,
// once: a second mention meanwhile gets nothing more.
func TestMentionAfterAPrivateRefusalIsToldToWait(t *testing.T) {
	t.Parallel()
	h := start(t, setup{limits: &limitsOne})
	h.waitFinal(h.ask(franceQ, true))
	refused := h.ask(franceQ, true)
	private := h.waitFinal(refused)
	if !strings.Contains(private.Content, "try again in") {
		t.Fatalf("/ask over the limit: %q", private.Content)
	}
	mention := func() *discordgo.Message {
		return h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ,
			Mentions: []*discordgo.User{botUser()}})
	}
	before := map[string]bool{} // the bot's messages of /ask
	for _, m := range h.srv.ChannelMessages(refused.ChannelID) {
		before[m.ID] = true
	}
	q := mention()
	var told []*discordgo.Message
	toldIn := func() []*discordgo.Message {
		var out []*discordgo.Message
		for _, m := range h.srv.ChannelMessages(q.ChannelID) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && !before[m.ID] {
				out = append(out, m)
			}
		}
		return out
	}
	h.until("the mention told to wait", func() bool { told = toldIn(); return len(told) > 0 })
	if !strings.Contains(told[0].Content, "try again in") || told[0].MessageReference == nil || told[0].MessageReference.MessageID != q.ID {
		t.Errorf("reply to the mention = %q (reference %+v), want the wait, replying to it", told[0].Content, told[0].MessageReference)
	}
	mention()
	time.Sleep(300 * time.Millisecond)
	if n := len(toldIn()); n != 1 {
		t.Errorf("the bot posted %d messages for two mentions over the limit, want the one wait", n)
	}
	h.checkNoMentions()
}
