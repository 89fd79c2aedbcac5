package discord

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/stats"
)

// /admin export of questions in other scripts: the file had no byte
// order mark, and a spreadsheet opened by double-click (Excel reads a
// .csv without one in the system's code page) showed 日本の首相は？ as
// mojibake. The file starts with UTF-8's BOM; after it, it is the same
// CSV, formulas defused, mentions left as text.
func TestAdminQAExportMarksUTF8(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	for _, q := range []string{"日本の首相は？", "Что такое НАТО?", "=HYPERLINK(\"http://x\",\"y\")", "@everyone <@&123456789012345678> **bold**"} {
		if err := e.stats.Record(ctx, stats.Event{GuildID: e.guild, ChannelID: "555000000000000001", UserID: "210000000000000001", Question: q, Refused: true}); err != nil {
			t.Fatal(err)
		}
	}
	x := e.reply(e.adminIn(discordgo.Japanese, "export", manage))
	if len(x.Attachments) != 1 {
		t.Fatalf("export = %+v", x)
	}
	data, ok := e.srv.Attachment(x.Attachments[0].URL)
	if !ok {
		t.Fatal("no file")
	}
	body, hasBOM := bytes.CutPrefix(data, []byte("\uFEFF"))
	if !hasBOM {
		t.Errorf("no UTF-8 byte order mark: %q", data[:min(len(data), 20)])
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || len(rows) == 0 || strings.Join(rows[0], ",") != "section,item,count,detail" {
		t.Fatalf("csv = %q, %v", rows, err)
	}
	items := map[string]bool{}
	for _, r := range rows {
		items[r[1]] = true
	}
	for _, want := range []string{"日本の首相は？", "Что такое НАТО?", "'=HYPERLINK(\"http://x\",\"y\")", "'@everyone <@&123456789012345678> **bold**"} {
		if !items[want] {
			t.Errorf("no item %q in %q", want, rows)
		}
	}
	e.checkNoMentions()
}
