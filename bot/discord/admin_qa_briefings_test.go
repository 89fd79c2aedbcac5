package discord

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestAdminBriefingRemoveSaysAnotherFileHasTheID: the operator's folder
// holds two files with one id (a copy, listed as left out). Removing the
// briefing deleted the first, and the copy, no longer a duplicate, was
// answered from at once, with other text; the moderator read only
// "Removed `moon-base`". The reply now says which file it is still
// answered from.
func TestAdminBriefingRemoveSaysAnotherFileHasTheID(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moon), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "moon.old.md"), []byte(strings.Replace(moon, "twelve", "six", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	e := startAdmin(t, dir)
	rm := e.reply(e.admin("briefing-remove", manage, opt("id", discordgo.ApplicationCommandOptionString, "moon-base"))).Content
	if !strings.HasPrefix(rm, "Removed `moon-base`") || !strings.Contains(rm, "still answered from `moon.old.md`") {
		t.Errorf("remove reply = %q", rm)
	}
	// In the moderator's language too.
	if err := os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moon), 0o644); err != nil {
		t.Fatal(err)
	}
	e.reply(e.admin("reindex", manage))
	rm = e.reply(e.adminIn(discordgo.French, "briefing-remove", manage, opt("id", discordgo.ApplicationCommandOptionString, "moon-base"))).Content
	if !strings.HasPrefix(rm, "Retiré : `moon-base`") || !strings.Contains(rm, "`moon.old.md`") || strings.Contains(rm, "still answered") {
		t.Errorf("remove reply in French = %q", rm)
	}
	e.checkNoMentions()
}
