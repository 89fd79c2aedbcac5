package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/guild"
)

// TestAdminAllowWarnsWhereTheBotCannotAnswer: "allow" on a channel the bot
// cannot see or post in made an allow-list of a channel it cannot read,
// and the bot went silent everywhere while the moderator was told
// "Saved: I answer in #x". Discord's resolved channel carries the
// moderator's permissions, not the bot's: the bot's own come from the
// gateway cache (its roles, @everyone, the channel's overwrites; a
// thread's from its parent; a forum or thread needs Send Messages in
// Threads). The rule is still saved, and the reply says plainly, in the
// moderator's language, that the bot cannot see or post there and answers
// nowhere else. Where it can, on other rules, and on a channel the cache
// does not know, nothing is added.
func TestAdminAllowWarnsWhereTheBotCannotAnswer(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	const (
		hidden  = "555000000000000061" // @everyone cannot view it, the bot's role is not let in
		muted   = "555000000000000062" // the bot's role may not send there
		open    = "555000000000000063" // no overwrites: @everyone's permissions
		thread  = "555000000000000064" // a thread of hidden: the parent's permissions
		let     = "555000000000000065" // @everyone cannot view it, the bot itself may
		forum   = "555000000000000066" // the bot may not send in threads there
		unknown = "555000000000000067" // not in the gateway cache
	)
	everyone := e.guild
	view, send, inThreads := int64(discordgo.PermissionViewChannel), int64(discordgo.PermissionSendMessages), int64(discordgo.PermissionSendMessagesInThreads)
	role := func(id string, perms int64) *discordgo.Role {
		return &discordgo.Role{ID: id, Name: "r" + id, Permissions: perms}
	}
	deny := func(id string, typ discordgo.PermissionOverwriteType, bits int64) *discordgo.PermissionOverwrite {
		return &discordgo.PermissionOverwrite{ID: id, Type: typ, Deny: bits}
	}
	allow := func(id string, typ discordgo.PermissionOverwriteType, bits int64) *discordgo.PermissionOverwrite {
		return &discordgo.PermissionOverwrite{ID: id, Type: typ, Allow: bits}
	}
	text := func(id string, ows ...*discordgo.PermissionOverwrite) *discordgo.Channel {
		return e.srv.AddChannel(&discordgo.Channel{ID: id, GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "c" + id, PermissionOverwrites: ows})
	}
	channels := []*discordgo.Channel{
		text(hidden, deny(everyone, discordgo.PermissionOverwriteTypeRole, view)),
		text(muted, deny(discordtest.DefaultBotRoleID, discordgo.PermissionOverwriteTypeRole, send)),
		text(open),
		text(let, deny(everyone, discordgo.PermissionOverwriteTypeRole, view), allow(discordtest.DefaultBotUserID, discordgo.PermissionOverwriteTypeMember, view)),
		e.srv.AddChannel(&discordgo.Channel{ID: forum, GuildID: e.guild, Type: discordgo.ChannelTypeGuildForum, Name: "forum",
			PermissionOverwrites: []*discordgo.PermissionOverwrite{deny(everyone, discordgo.PermissionOverwriteTypeRole, inThreads)}}),
	}
	threads := []*discordgo.Channel{e.srv.AddChannel(&discordgo.Channel{ID: thread, GuildID: e.guild, ParentID: hidden, Type: discordgo.ChannelTypeGuildPublicThread, Name: "t"})}
	e.srv.AddChannel(&discordgo.Channel{ID: unknown, GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "unknown"})
	e.srv.Dispatch("GUILD_CREATE", map[string]any{
		"id": e.guild, "name": "Guild " + e.guild, "unavailable": false, "owner_id": discordtest.DefaultUserID,
		"channels": channels, "threads": threads,
		"roles": []*discordgo.Role{role(everyone, view|send|inThreads), role(discordtest.DefaultBotRoleID, 0)},
		"members": []*discordgo.Member{{User: &discordgo.User{ID: discordtest.DefaultBotUserID, Username: discordtest.DefaultBotUsername, Bot: true},
			Roles: []string{discordtest.DefaultBotRoleID}}},
	})
	e.until("the guild's channels, roles and the bot's member in the cache", func() bool {
		_, err := e.bot.s.State.Member(e.guild, discordtest.DefaultBotUserID)
		return err == nil && e.bot.cachedChannel(thread) != nil && e.bot.cachedChannel(forum) != nil
	})

	set := func(ch, rule string, l discordgo.Locale) string {
		return e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
			GuildID: e.guild, Member: moderator(manage), Locale: l,
			Data: discordgo.ApplicationCommandInteractionData{
				Name: "admin",
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "channels", Type: discordgo.ApplicationCommandOptionSubCommand,
					Options: []*discordgo.ApplicationCommandInteractionDataOption{
						opt("channel", discordgo.ApplicationCommandOptionChannel, ch), opt("rule", discordgo.ApplicationCommandOptionString, rule)}}},
			},
		})).Content
	}
	stored := func(ch string) guild.Rule {
		s, err := e.guilds.Get(ctx, e.guild)
		if err != nil {
			t.Fatal(err)
		}
		return s.Channels[ch]
	}

	// The English text, word for word, once.
	got := set(hidden, "allow", english)
	want := "Saved: I answer in <#" + hidden + ">.\n⚠️ I can't see or post in <#" + hidden + ">: I lack View Channel or Send Messages there"
	if !strings.HasPrefix(got, want) || !strings.Contains(got, "with an allow-list I answer nowhere else") {
		t.Errorf("allow on a channel the bot cannot see = %q, want it to start %q and say it answers nowhere else", got, want)
	}
	if stored(hidden) != guild.RuleAllow {
		t.Errorf("allow on a channel the bot cannot see not saved: %v", stored(hidden))
	}

	for _, c := range []struct {
		ch, rule string
		l        discordgo.Locale
		warned   bool
	}{
		{muted, "allow", discordgo.German, true},
		{thread, "allow", discordgo.Japanese, true},
		{forum, "allow", discordgo.French, true},
		{muted, "allow", discordgo.SpanishES, true},
		{muted, "allow", discordgo.PortugueseBR, true},
		{muted, "allow", discordgo.ChineseCN, true},
		{open, "allow", discordgo.German, false},
		{let, "allow", english, false},
		{unknown, "allow", english, false},
		{hidden, "deny", english, false},
		// auto there answers nothing: said too.
		{muted, "auto", english, true},
		{muted, "auto", discordgo.Japanese, true},
		{open, "auto", english, false},
	} {
		got := set(c.ch, c.rule, c.l)
		unseen := map[string]msg{"allow": msgAdminAllowUnseen, "deny": msgAdminAllowUnseen, "auto": msgAdminAutoUnseen}[c.rule]
		warning := tr(c.l, unseen, "<#"+c.ch+">")
		if c.l != english && warning == tr(english, unseen, "<#"+c.ch+">") {
			t.Errorf("the warning has no %s text", c.l)
		}
		if strings.Contains(got, warning) != c.warned || strings.Contains(got, "⚠️") != c.warned {
			t.Errorf("%s on %s in %s = %q, want a warning: %v", c.rule, c.ch, c.l, got, c.warned)
		}
		if want := map[string]guild.Rule{"allow": guild.RuleAllow, "deny": guild.RuleDeny, "auto": guild.RuleAuto}[c.rule]; stored(c.ch) != want {
			t.Errorf("%s on %s: stored %v", c.rule, c.ch, stored(c.ch))
		}
	}
}
