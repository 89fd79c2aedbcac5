package discord

import (
	"os"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestAdminBriefingRemoveFolderGone: with KNOWLEDGE_DIR deleted (an unmounted
// volume, a folder removed by hand), /admin briefing-remove said "the
// bot's storage may be unavailable. Please try again.", which no retry
// fixes, and /admin reindex that the folder could not be read "the bot's
// log says why". Both now say the folder does not exist.
func TestAdminBriefingRemoveFolderGone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	e := startAdmin(t, dir)
	if m := e.addFile("moon.md", moon); !strings.HasPrefix(m.Content, "Added `moon-base`") {
		t.Fatalf("add = %q", m.Content)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	gone := "The briefings folder (`" + dir + "`) does not exist."
	rm := e.reply(e.admin("briefing-remove", manage, opt("id", discordgo.ApplicationCommandOptionString, "moon-base"))).Content
	if !strings.HasPrefix(rm, "Not removed: "+gone) || strings.Contains(rm, "storage") {
		t.Errorf("remove reply = %q, want it to begin %q", rm, "Not removed: "+gone)
	}
	re := e.reply(e.admin("reindex", manage)).Content
	if !strings.Contains(re, gone) {
		t.Errorf("reindex reply = %q, want it to say %q", re, gone)
	}
	if list := e.reply(e.admin("briefings", manage)).Content; !strings.Contains(list, "moon-base") {
		t.Errorf("the briefing is no longer listed, yet nothing was removed: %q", list)
	}
}
