package discord

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/briefbot/briefbot/bot/stats"
)

// /admin export when Discord fails the edit carrying the file with a 500:
// the edit is sent again, but the file's reader had been read by the
// first attempt, so the moderator got an empty briefbot-stats-7d.csv. The
// second attempt carries the whole file.
func TestAdminQAExportFileSurvivesARetry(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	if err := e.stats.Record(context.Background(), stats.Event{GuildID: e.guild, ChannelID: "555000000000000001",
		UserID: "210000000000000001", Question: "Why does France oppose a NATO office in Tokyo?"}); err != nil {
		t.Fatal(err)
	}
	e.srv.FailNext(http.MethodPatch, "/webhooks/", http.StatusInternalServerError)
	x := e.reply(e.admin("export", manage))
	if len(x.Attachments) != 1 {
		t.Fatalf("export = %+v", x)
	}
	data, ok := e.srv.Attachment(x.Attachments[0].URL)
	if !ok {
		t.Fatal("no file")
	}
	if !bytes.Contains(data, []byte("section,item,count,detail")) || !bytes.Contains(data, []byte("NATO office in Tokyo")) {
		t.Errorf("file after a retried edit = %q, want the whole CSV", data)
	}
}
