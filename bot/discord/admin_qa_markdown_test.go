package discord

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestAdminRepliesShowDataAsWritten: three /admin replies showed data as
// Markdown. A refused approval listed the sentences its citations do not
// support as they were typed ("**opposes**" bold, "||Germany||" a
// spoiler); a suspension's reason names the briefing's title ("A *base*
// on the __Moon__" in italics and underlined), in the notice after a
// change and in /admin approved; and /admin briefings put the name of a
// file left out in backticks, so a name with a backtick broke out of its
// code span. Each now shows as written: text escaped, a name with
// backticks in a longer code span (or escaped, when a run of backticks
// would make a code block).
func TestAdminRepliesShowDataAsWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	left := "---\nid: left-out\ntitel: Typo\ndate: 2025-01-02\n---\n\nText.\n"
	for _, name := range []string{"we`ird.md", "`a``b.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(left), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e := startAdmin(t, dir)
	str := discordgo.ApplicationCommandOptionString

	list := e.reply(e.admin("briefings", manage)).Content
	for _, want := range []string{"\n• ``we`ird.md:3`` — ", "\n• " + escapeMarkdown("`a``b.md:3") + " — "} {
		if !strings.Contains(list, want) {
			t.Errorf("/admin briefings = %q, want a line with %q", list, want)
		}
	}

	bad := e.reply(e.admin("approve", manage, opt("question", str, franceQ),
		opt("text", str, "France **opposes** it because ||Germany|| asked in 1999 [1]."))).Content
	if !strings.HasPrefix(bad, "Not approved: The answer is not supported by its citations:") ||
		!strings.Contains(bad, `France \*\*opposes\*\* it because \|\|Germany\|\| asked in 1999`) || strings.Contains(bad, "**opposes**") {
		t.Errorf("refused approval = %q, want its sentence escaped", bad)
	}

	title := "A *base* on the __Moon__"
	moonMD := strings.Replace(moon, "title: A base on the Moon", "title: "+title, 1)
	if m := e.addFile("moon.md", moonMD); !strings.Contains(m.Content, "Added `moon-base`") {
		t.Fatalf("add = %q", m.Content)
	}
	if ok := e.reply(e.admin("approve", manage, opt("question", str, moonQ))); !strings.HasPrefix(ok.Content, "Approved #1 for") {
		t.Fatalf("approve = %q", ok.Content)
	}
	wantTitle := escapeMarkdown(`"` + title + `"`)
	m := e.addFile("moon.md", strings.Replace(moonMD, "2031", "2033", 1), opt("replace", discordgo.ApplicationCommandOptionBoolean, true)).Content
	if !strings.Contains(m, "#1 “") || !strings.Contains(m, wantTitle) || strings.Contains(m, title) {
		t.Errorf("replace reply = %q, want the suspension's reason with %q", m, wantTitle)
	}
	approved := e.reply(e.admin("approved", manage)).Content
	if !strings.Contains(approved, "⚠️ suspended: ") || !strings.Contains(approved, wantTitle) || strings.Contains(approved, title) {
		t.Errorf("/admin approved = %q, want the suspension's reason with %q", approved, wantTitle)
	}
}
