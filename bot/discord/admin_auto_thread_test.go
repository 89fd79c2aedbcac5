package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/guild"
)

// TestAdminAutoRefusedOnAThread: auto answers a channel's new messages,
// each in a thread of its own, and a forum's new posts; a message in an
// existing thread is never answered unasked, and a forum post's first
// message has come and gone by the time a moderator picks the post. Auto
// on a thread (public, private, announcement, or a forum post) was saved
// and the moderator told "I answer every question in" it, then nothing
// was answered there. It is refused, naming the thread and pointing to
// its parent channel or forum, and nothing is saved; allow and deny on a
// thread still work.
func TestAdminAutoRefusedOnAThread(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	general := e.srv.GeneralChannel(e.guild)
	forum := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, Type: discordgo.ChannelTypeGuildForum, Name: "help"})
	news := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, Type: discordgo.ChannelTypeGuildNews, Name: "news"})
	meta := &discordgo.ThreadMetadata{AutoArchiveDuration: 1440}
	public := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, ParentID: general, Type: discordgo.ChannelTypeGuildPublicThread, Name: "chat", ThreadMetadata: meta})
	private := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, ParentID: general, Type: discordgo.ChannelTypeGuildPrivateThread, Name: "mods", ThreadMetadata: meta})
	newsThread := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, ParentID: news.ID, Type: discordgo.ChannelTypeGuildNewsThread, Name: "launch", ThreadMetadata: meta})
	post := e.srv.AddChannel(&discordgo.Channel{GuildID: e.guild, ParentID: forum.ID, Type: discordgo.ChannelTypeGuildPublicThread, Name: "How do I start?", ThreadMetadata: meta})
	threads := []*discordgo.Channel{public, private, newsThread, post}
	res := &discordgo.ApplicationCommandInteractionDataResolved{Channels: map[string]*discordgo.Channel{}}
	for _, th := range threads {
		res.Channels[th.ID] = th
	}
	set := func(ch, rule string, l discordgo.Locale) string {
		return e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
			GuildID: e.guild, Member: moderator(manage), Locale: l,
			Data: discordgo.ApplicationCommandInteractionData{
				Name: "admin", Resolved: res,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "channels", Type: discordgo.ApplicationCommandOptionSubCommand,
					Options: []*discordgo.ApplicationCommandInteractionDataOption{
						opt("channel", discordgo.ApplicationCommandOptionChannel, ch), opt("rule", discordgo.ApplicationCommandOptionString, rule)}}},
			},
		})).Content
	}
	stored := func() map[string]guild.Rule {
		s, err := e.guilds.Get(ctx, e.guild)
		if err != nil {
			t.Fatal(err)
		}
		return s.Channels
	}

	for _, th := range threads {
		got := set(th.ID, "auto", english)
		if want := "<#" + th.ID + "> is a thread: I can't answer there automatically"; !strings.HasPrefix(got, want) {
			t.Errorf("auto on a %v (%s) = %q, want it to start %q", th.Type, th.Name, got, want)
		}
		if !strings.Contains(got, "parent channel or forum") {
			t.Errorf("auto on %s does not point to the parent: %q", th.Name, got)
		}
	}
	for _, l := range locales {
		if got, want := set(post.ID, "auto", l), tr(l, msgAdminAutoThread, "<#"+post.ID+">"); got != want {
			t.Errorf("%s auto on a forum post = %q, want %q", l, got, want)
		}
	}
	if got := stored(); len(got) != 0 {
		t.Fatalf("refused rules saved: %v", got)
	}

	// Allow and deny on a thread are saved as before.
	if got := set(public.ID, "deny", english); !strings.HasPrefix(got, "Saved: I don't answer in <#"+public.ID+">") {
		t.Errorf("deny on a thread = %q", got)
	}
	if got := set(post.ID, "allow", english); !strings.HasPrefix(got, "Saved: I answer in <#"+post.ID+">") {
		t.Errorf("allow on a forum post = %q", got)
	}
	if got := stored(); len(got) != 2 || got[public.ID] != guild.RuleDeny || got[post.ID] != guild.RuleAllow {
		t.Errorf("stored = %v", got)
	}
}
