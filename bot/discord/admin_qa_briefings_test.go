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

// TestAdminBriefingFolderGone: the briefings folder is deleted (or
// unmounted) while the bot runs. /admin reindex and briefing-add told the
// moderator "the bot's storage may be unavailable. Please try again",
// which no retry fixes; they now say the folder cannot be read, naming
// it, and the log says why.
func TestAdminBriefingFolderGone(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "knowledge")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	e := startAdmin(t, dir)
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	want := "I can't read the briefings folder (`" + dir + "`). The server's operator needs to fix it; the bot's log says why."
	if ri := e.reply(e.admin("reindex", manage)).Content; ri != "Reindex failed: "+want {
		t.Errorf("reindex reply = %q\nwant             %q", ri, "Reindex failed: "+want)
	}
	if add := e.addFile("moon.md", moon).Content; add != "Not added: "+want {
		t.Errorf("add reply = %q", add)
	}
	if line := logLine(e.log.String(), "reindex failed"); !strings.Contains(line, "does not exist") {
		t.Errorf("log line = %q", line)
	}
	// The moderator's answers still come from what was known.
	if list := e.reply(e.admin("briefings", manage)).Content; !strings.Contains(list, "nato-indo-pacific-2024") {
		t.Errorf("list = %q", list)
	}
}
