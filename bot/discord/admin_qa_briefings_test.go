package discord

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
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
// which no retry fixes; they now say the folder does not exist, naming
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
	want := "The briefings folder (`" + dir + "`) does not exist. The server's operator needs to create it again (or mount it again); meanwhile the bot answers from the briefings it had read."
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

// TestShowPassagesOfAGiantParagraph: a briefing whose paragraph is one
// giant line (200 KB, within the 2 MB a file may have) is cited like any
// other. "Show passages" sent the whole paragraph, split: the member got
// a reply and over a hundred follow-ups, each a request to Discord. The
// passage is now cut, with the end marked, to a few messages.
func TestShowPassagesOfAGiantParagraph(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	giant := "The lunar base will house twelve astronauts from 2031, according to the space agency. " +
		strings.Repeat("Crews rotate every six months between the base and the orbiting station. ", 2700)
	if err := os.WriteFile(filepath.Join(dir, "moon.md"), []byte(strings.Replace(moon, "The lunar base will house twelve astronauts from 2031, according to the space agency.", giant, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	e := startAdmin(t, dir)
	m := e.waitFinal(e.ask(moonQ, false))
	if !strings.Contains(m.Content, "twelve") {
		t.Fatalf("answer = %q", m.Content)
	}
	src := e.click(m, buttonIDs(m)[0], discordtest.DefaultUserID)
	e.waitCallback(src)
	first := e.srv.Original(src.Token)
	if first == nil || !strings.Contains(first.Content, "> The lunar base will house twelve astronauts") {
		t.Fatalf("passages reply = %+v", first)
	}
	var fu []*discordgo.Message
	e.until("the cut passage's end", func() bool {
		fu = e.srv.Followups(src.Token)
		return len(fu) > 0 && strings.HasSuffix(fu[len(fu)-1].Content, "…")
	})
	if len(fu) > 2 {
		t.Errorf("%d follow-ups for one passage", len(fu))
	}
}
