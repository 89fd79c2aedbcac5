package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestAdminSuspendedNoticeShowsQuestionsAsTyped: the list of approvals a
// knowledge change suspended showed each question as Markdown, so a
// member's "||lunar base||" became a spoiler and "**" bold in the
// moderator's notice, while /admin approved showed it as typed.
func TestAdminSuspendedNoticeShowsQuestionsAsTyped(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	str := discordgo.ApplicationCommandOptionString
	e.addFile("moon.md", moon)
	q := "How many **astronauts** will the ||lunar base|| house?"
	if m := e.reply(e.admin("approve", manage, opt("question", str, q))); !strings.HasPrefix(m.Content, "Approved #1") {
		t.Fatalf("approve = %q", m.Content)
	}
	m := e.reply(e.admin("briefing-remove", manage, opt("id", str, "moon-base")))
	if want := "• #1 “" + escapeMarkdown(q) + "” — "; !strings.Contains(m.Content, want) {
		t.Errorf("remove = %q, want a line with %q", m.Content, want)
	}
}
