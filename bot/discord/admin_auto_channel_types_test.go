package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/guild"
)

// TestAdminAutoRefusedWhereTheBotCannotAnswer: "auto" answers each
// question in a thread opened from it, or in a forum's new post. A voice
// or stage channel (whose text chat has no threads), or a channel of
// another kind, took the rule all the same, and the moderator was told
// every question there would be answered while none ever was. Such a rule
// is refused, saying which channel and why, and nothing is saved; allow
// and deny still work there (members can mention the bot in a voice
// channel's chat).
func TestAdminAutoRefusedWhereTheBotCannotAnswer(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	const (
		voice     = "555000000000000051"
		stage     = "555000000000000052"
		directory = "555000000000000053"
		text      = "555000000000000054"
		news      = "555000000000000055"
		forum     = "555000000000000056"
		media     = "555000000000000057"
		thread    = "555000000000000058"
		unseen    = "555000000000000059" // no resolved data: the bot looks it up
	)
	kinds := map[string]discordgo.ChannelType{
		voice: discordgo.ChannelTypeGuildVoice, stage: discordgo.ChannelTypeGuildStageVoice, directory: discordgo.ChannelTypeGuildDirectory,
		text: discordgo.ChannelTypeGuildText, news: discordgo.ChannelTypeGuildNews, forum: discordgo.ChannelTypeGuildForum,
		media: discordgo.ChannelTypeGuildMedia, thread: discordgo.ChannelTypeGuildPublicThread,
	}
	res := &discordgo.ApplicationCommandInteractionDataResolved{Channels: map[string]*discordgo.Channel{}}
	for id, k := range kinds {
		res.Channels[id] = &discordgo.Channel{ID: id, GuildID: e.guild, Type: k, Name: "channel-" + id}
	}
	e.srv.AddChannel(&discordgo.Channel{ID: unseen, GuildID: e.guild, Type: discordgo.ChannelTypeGuildVoice, Name: "general-voice"})
	set := func(ch, rule string, res *discordgo.ApplicationCommandInteractionDataResolved, l discordgo.Locale) string {
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

	for _, c := range []struct {
		ch, want string
		res      *discordgo.ApplicationCommandInteractionDataResolved
	}{
		{voice, "<#" + voice + "> is a voice channel: I can't answer there automatically", res},
		{stage, "<#" + stage + "> is a stage channel: I can't answer there automatically", res},
		{directory, "<#" + directory + "> is not a text, announcement, forum or media channel: I can't answer there automatically", res},
		{unseen, "<#" + unseen + "> is a voice channel: I can't answer there automatically", nil},
	} {
		if got := set(c.ch, "auto", c.res, english); !strings.HasPrefix(got, c.want) {
			t.Errorf("auto on %s = %q, want it to start %q", c.ch, got, c.want)
		}
		if _, ok := stored()[c.ch]; ok {
			t.Errorf("auto on %s saved a rule", c.ch)
		}
	}
	// In the moderator's language.
	if got, want := set(voice, "auto", res, discordgo.German), tr(discordgo.German, msgAdminAutoVoice, "<#"+voice+">"); got != want {
		t.Errorf("German auto on a voice channel = %q, want %q", got, want)
	}
	if len(stored()) != 0 {
		t.Fatalf("refused rules saved: %v", stored())
	}

	// Where the bot answers automatically, auto is saved. A thread is
	// refused (TestAdminAutoRefusedOnAThread); deny on it is saved.
	for _, ch := range []string{text, news, forum, media} {
		if got := set(ch, "auto", res, english); !strings.HasPrefix(got, "Saved: I answer every question in <#"+ch+">") {
			t.Errorf("auto on a %v channel = %q", kinds[ch], got)
		}
	}
	// Allow and deny work in a voice channel's chat.
	if got := set(voice, "deny", res, english); !strings.HasPrefix(got, "Saved: I don't answer in <#"+voice+">") {
		t.Errorf("deny on a voice channel = %q", got)
	}
	if got := set(thread, "deny", res, english); !strings.HasPrefix(got, "Saved: I don't answer in <#"+thread+">") {
		t.Errorf("deny on a thread = %q", got)
	}
	if got := stored(); len(got) != 6 || got[voice] != guild.RuleDeny || got[thread] != guild.RuleDeny || got[forum] != guild.RuleAuto {
		t.Errorf("stored = %v", got)
	}
}
