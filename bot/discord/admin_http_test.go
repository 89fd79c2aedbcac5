package discord

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// Over HTTP too: a response with a file (/admin export) is deferred in the
// HTTP body and the file arrives in the edit; a form's submit (the
// Approve form) is answered in the HTTP body.
func TestAdminFileAndFormOverHTTP(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	e.waitFinal(e.ask(franceQ, false)) // something to export

	export := e.srv.PostInteraction(e.endpoint, &discordgo.Interaction{
		GuildID: e.guild, Member: moderator(manage),
		Data: discordgo.ApplicationCommandInteractionData{Name: "admin",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "export", Type: discordgo.ApplicationCommandOptionSubCommand}}},
	})
	if export.Status != http.StatusOK {
		t.Fatalf("export over HTTP: %d %s", export.Status, export.Body)
	}
	x := e.reply(export.Interaction)
	if len(x.Attachments) != 1 || !strings.HasSuffix(x.Attachments[0].Filename, ".csv") {
		t.Fatalf("export over HTTP = %+v", x)
	}
	if data, ok := e.srv.Attachment(x.Attachments[0].URL); !ok || !strings.Contains(string(data), franceQ) {
		t.Errorf("csv over HTTP = %q", data)
	}

	asked := e.ask(franceQ, false)
	e.waitFinal(asked)
	rec, err := e.deps.Questions.AnswerRecord(t.Context(), e.guild, asked.ID)
	if err != nil {
		t.Fatal("no answer record")
	}
	submit := e.srv.PostInteraction(e.endpoint, &discordgo.Interaction{
		GuildID: e.guild, Type: discordgo.InteractionModalSubmit, Member: moderator(manage),
		Data: modalData{CustomID: prefixApproveModal + asked.ID, Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "text", Value: rec.Text}}}}},
	})
	if submit.Status != http.StatusOK {
		t.Fatalf("form submit over HTTP: %d %s", submit.Status, submit.Body)
	}
	if r := e.reply(submit.Interaction); !strings.HasPrefix(r.Content, "Approved #") {
		t.Errorf("form submit over HTTP = %q", r.Content)
	}
	for _, i := range []*discordgo.Interaction{export.Interaction, submit.Interaction} {
		if n := e.srv.Hits("POST", "/interactions/"+i.ID+"/"); n != 0 {
			t.Errorf("interaction %s also answered through the REST callback (%d)", i.ID, n)
		}
	}
}
