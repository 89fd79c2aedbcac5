package discord

import (
	"context"
	"maps"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/guild"
)

// TestAdminRuleGoesWithAChannelDeletedWhileOffline: CHANNEL_DELETE reaches
// only a bot that is connected, so the rule of a channel deleted while the
// bot was offline stayed for good (an "allow" on it kept the bot silent in
// every other channel). GUILD_CREATE, sent on every connection, lists the
// guild's channels and its active threads: a rule on a channel it does not
// list, which Discord says is gone, is cleared. An archived thread is not
// listed but still there, and an unavailable guild (an outage) lists
// nothing at all: their rules stay.
func TestAdminRuleGoesWithAChannelDeletedWhileOffline(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	const (
		gone       = "555000000000000041" // deleted while the bot was offline
		goneThread = "555000000000000042" // deleted too
		text       = "555000000000000043"
		active     = "555000000000000044" // an active thread of text
		archived   = "555000000000000045" // an archived thread of text: not listed
		outage     = "555000000000000046" // deleted; its rule goes with the second GUILD_CREATE
	)
	textCh := e.srv.AddChannel(&discordgo.Channel{ID: text, GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "questions"})
	activeTh := e.srv.AddChannel(&discordgo.Channel{ID: active, GuildID: e.guild, ParentID: text, Type: discordgo.ChannelTypeGuildPublicThread, Name: "live"})
	e.srv.AddChannel(&discordgo.Channel{ID: archived, GuildID: e.guild, ParentID: text, Type: discordgo.ChannelTypeGuildPublicThread, Name: "old",
		ThreadMetadata: &discordgo.ThreadMetadata{Archived: true}})
	rules := map[string]guild.Rule{gone: guild.RuleAllow, goneThread: guild.RuleDeny, text: guild.RuleAllow,
		active: guild.RuleDeny, archived: guild.RuleDeny, outage: guild.RuleDeny}
	for id, r := range rules {
		if err := e.guilds.SetChannel(ctx, e.guild, id, r); err != nil {
			t.Fatal(err)
		}
	}
	guildCreate := func(unavailable bool, channels, threads []*discordgo.Channel) {
		e.srv.Dispatch("GUILD_CREATE", map[string]any{
			"id": e.guild, "name": "Guild " + e.guild, "unavailable": unavailable,
			"channels": channels, "threads": threads, "members": []any{}, "roles": []any{},
		})
	}
	stored := func() map[string]guild.Rule {
		s, err := e.guilds.Get(ctx, e.guild)
		if err != nil {
			t.Fatal(err)
		}
		return s.Channels
	}

	// An outage first: the guild unavailable, its channels unknown. Even a
	// list that leaves channels out clears nothing then.
	guildCreate(true, []*discordgo.Channel{textCh}, nil)
	// Then the guild as it is: gone and goneThread no longer exist.
	outageCh := &discordgo.Channel{ID: outage, GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "outage"}
	guildCreate(false, []*discordgo.Channel{textCh, outageCh}, []*discordgo.Channel{activeTh})
	e.until("the rules of the channels deleted while offline cleared", func() bool {
		ch := stored()
		_, a := ch[gone]
		_, b := ch[goneThread]
		return !a && !b
	})
	want := map[string]guild.Rule{text: guild.RuleAllow, active: guild.RuleDeny, archived: guild.RuleDeny, outage: guild.RuleDeny}
	if got := stored(); !maps.Equal(got, want) {
		t.Errorf("rules after GUILD_CREATE = %v, want %v", got, want)
	}

	// outage is deleted while the bot is offline again, and the guild is
	// unavailable when it comes back: nothing is cleared until the guild
	// is available again.
	guildCreate(true, nil, nil)
	guildCreate(false, []*discordgo.Channel{textCh}, []*discordgo.Channel{activeTh})
	e.until("the rule of the channel deleted during the outage cleared", func() bool {
		_, ok := stored()[outage]
		return !ok
	})
	delete(want, outage)
	if got := stored(); !maps.Equal(got, want) {
		t.Errorf("rules after the second GUILD_CREATE = %v, want %v", got, want)
	}
	// The active thread, listed, was not looked up.
	if n := e.srv.Hits("GET", "/channels/"+active); n != 0 {
		t.Errorf("the listed thread was looked up %d times", n)
	}
}
