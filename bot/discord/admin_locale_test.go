package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// What members see of the moderators' features is in their language:
// the refusal of /admin, the Approve button under an answer and its
// refusal. The moderators' own form and replies are in the moderator's
// (TestGermanModeratorGetsGermanReplies and the tests after it).
func TestMembersSeeModeratorsRefusalsInTheirLanguage(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	fr := discordgo.French

	en := e.admin("channels", 0, opt("channel", discordgo.ApplicationCommandOptionChannel, "555000000000000001"),
		opt("rule", discordgo.ApplicationCommandOptionString, "deny"))
	fi := e.srv.DispatchInteraction(&discordgo.Interaction{GuildID: e.guild, Member: moderator(0), Locale: fr,
		Data: discordgo.ApplicationCommandInteractionData{Name: "admin", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "stats", Type: discordgo.ApplicationCommandOptionSubCommand}}}})
	if r := e.reply(fi); r.Content != "Seuls les modérateurs (avec la permission Gérer le serveur) peuvent utiliser `/admin`." {
		t.Errorf("French member's /admin = %q", r.Content)
	}
	if r := e.reply(en); r.Content != refusedText {
		t.Errorf("English member's /admin = %q", r.Content)
	}

	// A French member's answer: the Approve button is French.
	asked := e.ask(franceQ, false, inLocale(fr))
	ans := e.waitFinal(asked)
	if labels := buttonLabels(ans); len(labels) == 0 || labels[len(labels)-1] != "Approuver" {
		t.Errorf("French answer's buttons = %q, want Approuver last", labels)
	}
	press := func(perms int64) *discordgo.Interaction {
		return e.srv.DispatchInteraction(&discordgo.Interaction{
			GuildID: e.guild, ChannelID: ans.ChannelID, Type: discordgo.InteractionMessageComponent, Message: ans, Member: moderator(perms), Locale: fr,
			Data: discordgo.MessageComponentInteractionData{CustomID: prefixApprove + asked.ID, ComponentType: discordgo.ButtonComponent},
		})
	}
	if r := e.reply(press(discordgo.PermissionManageMessages)); !ephemeral(r) || !strings.HasPrefix(r.Content, "Seuls les modérateurs") ||
		!strings.HasSuffix(r.Content, "utilisez 👍 ou 👎.") {
		t.Errorf("French member's Approve = %q", r.Content)
	}
	// A French moderator's form is French, as their /admin replies are.
	if _, title, _ := e.approvalForm(press(manage)); !strings.HasPrefix(title, "Approuver : ") {
		t.Errorf("French moderator's form title = %q", title)
	}
	// An English member's answer keeps "Approve".
	if labels := buttonLabels(e.waitFinal(e.ask(franceQ, false))); len(labels) == 0 || labels[len(labels)-1] != "Approve" {
		t.Errorf("English answer's buttons = %q", labels)
	}
	e.checkNoMentions()
}
