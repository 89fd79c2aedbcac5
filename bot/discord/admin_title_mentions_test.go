package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// TestAdminApprovalsDefuseMentions: a suspended approval's reason quotes
// the cited briefing's title, and the moderators' lists quote the
// approved question; both were shown with their mention syntax live
// ("<@123>", "@everyone", "<#1>", "<@&5>"), rendered as mentions in the
// knowledge change's notice, /admin approved and the approve and review
// replies. Only the approving moderator is named as a mention, on purpose.
func TestAdminApprovalsDefuseMentions(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	str := discordgo.ApplicationCommandOptionString
	e.addFile("moon.md", strings.Replace(moon, "title: A base on the Moon", "title: A base on the Moon <@123> @everyone <#1>", 1))
	q := "How many astronauts will the lunar base house <@&5>?"
	live := func(where, s string) {
		t.Helper()
		s = strings.ReplaceAll(s, "<@"+discordtest.DefaultUserID+">", "") // the approving moderator
		if m := liveMention.FindAllString(s, -1); len(m) > 0 {
			t.Errorf("%s shows %q as mentions:\n%s", where, m, s)
		}
	}
	ok := e.reply(e.admin("approve", manage, opt("question", str, q)))
	if !strings.HasPrefix(ok.Content, "Approved #1") {
		t.Fatalf("approve = %q", ok.Content)
	}
	live("/admin approve", ok.Content)
	removed := e.reply(e.admin("briefing-remove", manage, opt("id", str, "moon-base")))
	if !strings.Contains(removed.Content, "#1 “") || !strings.Contains(removed.Content, "A base on the Moon") {
		t.Fatalf("remove = %q, want the suspended approval", removed.Content)
	}
	live("the knowledge change's notice", removed.Content)
	list := e.reply(e.admin("approved", manage))
	if !strings.Contains(list.Content, "A base on the Moon") {
		t.Fatalf("/admin approved = %q, want the suspension's reason", list.Content)
	}
	live("/admin approved", list.Content)
	dropped := e.reply(e.admin("review", manage, opt("id", str, "1"), opt("approve", discordgo.ApplicationCommandOptionBoolean, false)))
	live("/admin review", dropped.Content)
	e.checkNoMentions()
}
