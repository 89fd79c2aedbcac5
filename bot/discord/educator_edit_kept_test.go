package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// An edit refused for its citations is handed back to the educator with
// the reasons, as a file: the form reopens with the bot's draft, and the
// text they wrote (up to 4,000 characters) was lost.
func TestSessionRefusedEditIsHandedBack(t *testing.T) {
	t.Parallel()
	e, thread, seq := longDraftSession(t)
	written := "NATO leaders met in Washington for the 75th anniversary summit.\n\nThis second paragraph cites nothing either, and it was typed with care."
	r := e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: thread, Type: discordgo.InteractionModalSubmit, Member: e.member(eduManager),
		Data: modalData{CustomID: prefixSessionModal + thread + ":q" + seq,
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "text", Value: written}}}}},
	}))
	if !ephemeral(r) || !strings.Contains(r.Content, "That edit was not saved") || !strings.Contains(r.Content, "cites nothing") {
		t.Fatalf("refused edit (flags %b) = %q", r.Flags, r.Content)
	}
	if len(r.Attachments) != 1 {
		t.Fatalf("refused edit handed back %d files", len(r.Attachments))
	}
	got, ok := e.srv.Attachment(r.Attachments[0].URL)
	if !ok || string(got) != written {
		t.Errorf("handed back %q, want %q", got, written)
	}
	e.checkNoMentions()
}
