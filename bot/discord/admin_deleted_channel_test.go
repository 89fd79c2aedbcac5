package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/asking"
)

// TestAdminRuleGoesWithItsDeletedChannel: "allow" on a channel, then the
// channel deleted. Discord's picker offers no deleted channel, so the rule
// could never be cleared, and the allow-list it made kept the bot silent
// in every other channel for good ("I answer only in: #deleted-channel").
// A deleted channel's or thread's rule is cleared with it.
func TestAdminRuleGoesWithItsDeletedChannel(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	const gone, parent, thread, other = "555000000000000031", "555000000000000032", "555000000000000033", "555000000000000034"
	set := func(ch, rule string) {
		e.reply(e.admin("channels", manage,
			opt("channel", discordgo.ApplicationCommandOptionChannel, ch), opt("rule", discordgo.ApplicationCommandOptionString, rule)))
	}
	in := func(ch string) func(*discordgo.Interaction) {
		return func(i *discordgo.Interaction) { i.ChannelID = ch }
	}
	set(gone, "allow")
	set(thread, "deny")
	if m := e.reply(e.ask(franceQ, false, in(other))); m.Content != (&asking.Refusal{Reason: asking.ChannelClosed}).Error() {
		t.Fatalf("/ask outside the allow-list = %q", m.Content)
	}
	e.srv.Dispatch("CHANNEL_DELETE", &discordgo.Channel{ID: gone, GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "old-questions"})
	e.srv.Dispatch("THREAD_DELETE", &discordgo.Channel{ID: thread, GuildID: e.guild, ParentID: parent, Type: discordgo.ChannelTypeGuildPublicThread})
	e.until("the deleted channels' rules cleared", func() bool {
		s, err := e.guilds.Get(context.Background(), e.guild)
		return err == nil && len(s.Channels) == 0
	})
	if m := e.waitFinal(e.ask(franceQ, false, in(other))); !strings.Contains(m.Content, "Macron") {
		t.Errorf("/ask after the allowed channel was deleted = %q", m.Content)
	}
	// Deleting a channel without a rule, or another server's, leaves the
	// rules as they are.
	set(other, "deny")
	e.srv.Dispatch("CHANNEL_DELETE", &discordgo.Channel{ID: "555000000000000035", GuildID: e.guild, Type: discordgo.ChannelTypeGuildText})
	e.srv.Dispatch("CHANNEL_DELETE", &discordgo.Channel{ID: "555000000000000036", GuildID: "777000000000000777", Type: discordgo.ChannelTypeGuildText})
	e.reply(e.admin("limits", manage)) // the events above were read before this command's
	if s, err := e.guilds.Get(context.Background(), e.guild); err != nil || s.Channels[other] != "deny" || len(s.Channels) != 1 {
		t.Errorf("rules after deleting channels without one = %+v, %v", s.Channels, err)
	}
}
