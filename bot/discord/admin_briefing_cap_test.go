package discord

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/library"
)

// TestAdminBriefingAddRefusedAtTheCap: /admin briefing-add took briefings
// without end. At library.MaxAdded a new one is refused, in the
// moderator's language, with the limit and how to remove one; replacing
// one (the same id) still works there.
func TestAdminBriefingAddRefusedAtTheCap(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	briefing := func(id, text string) string {
		return fmt.Sprintf("---\nid: %s\ntitle: Briefing %s\ndate: 2025-01-02\n---\n\n%s\n", id, id, text)
	}
	for i := range library.MaxAdded {
		id := fmt.Sprintf("b%02d", i)
		if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(briefing(id, "Paragraph of "+id+".")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e := startAdmin(t, dir)

	m := e.addFile("moon.md", moon)
	want := fmt.Sprintf("Not added: The bot keeps at most %d briefings besides its built-in ones and has that many already; every file in its knowledge folder counts, those its operator put there included. Remove one with `/admin briefing-remove` first", library.MaxAdded)
	if !strings.HasPrefix(m.Content, want) {
		t.Errorf("a new briefing at the cap = %q, want it to start %q", m.Content, want)
	}
	if _, ok := e.lib.Corpus().Briefing("moon-base"); ok {
		t.Error("the refused briefing was added")
	}

	// A German moderator is told in German.
	url := e.srv.AddFile("moon.md", []byte(moon))
	const attID = "900000000000000002"
	i := e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, Member: moderator(manage), Locale: discordgo.German,
		Data: discordgo.ApplicationCommandInteractionData{
			Name: "admin",
			Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{
				attID: {ID: attID, Filename: "moon.md", URL: url, ProxyURL: url, Size: len(moon), ContentType: "text/markdown"},
			}},
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "briefing-add", Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{opt("file", discordgo.ApplicationCommandOptionAttachment, attID)}}},
		},
	})
	if got, want := e.reply(i).Content, tr(discordgo.German, msgAdminNotAdded, tr(discordgo.German, msgAdminTooMany, library.MaxAdded)); got != want {
		t.Errorf("German = %q, want %q", got, want)
	}

	// Replacing one at the cap.
	m = e.addFile("b07.md", briefing("b07", "The replaced paragraph."), opt("replace", discordgo.ApplicationCommandOptionBoolean, true))
	if !strings.HasPrefix(m.Content, "Added `b07`") {
		t.Errorf("replace at the cap = %q", m.Content)
	}
}
