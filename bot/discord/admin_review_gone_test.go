package discord

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/redisstore"
)

// TestAdminApprovalMistakesAreNotStorageFailures: lifting the suspension
// of an approval whose briefing was removed, and approving one answer
// more than a server may keep, were told "the bot's storage may be
// unavailable. Please try again." Trying again never helps: the moderator
// is told what is wrong and what to do, in their language's frame.
func TestAdminApprovalMistakesAreNotStorageFailures(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	str := discordgo.ApplicationCommandOptionString
	e.addFile("moon.md", moon)
	if m := e.reply(e.admin("approve", manage, opt("question", str, moonQ))); !strings.HasPrefix(m.Content, "Approved #1") {
		t.Fatalf("approve = %q", m.Content)
	}
	e.reply(e.admin("briefing-remove", manage, opt("id", str, "moon-base")))
	for _, loc := range []discordgo.Locale{"", discordgo.German, discordgo.Japanese} {
		m := e.reply(e.adminIn(loc, "review", manage, opt("id", str, "1"), opt("approve", discordgo.ApplicationCommandOptionBoolean, true)))
		if strings.Contains(m.Content, tr(loc, msgAdminStorage)) || !strings.HasPrefix(m.Content, tr(loc, msgAdminNotChanged, "")) ||
			!strings.Contains(m.Content, "gone from the briefings") || !strings.Contains(m.Content, "/admin review") {
			t.Errorf("%q: lifting an approval whose paragraph is gone = %q", loc, m.Content)
		}
	}
	if m := e.reply(e.admin("review", manage, opt("id", str, "1"), opt("approve", discordgo.ApplicationCommandOptionBoolean, false))); !strings.HasPrefix(m.Content, "Removed approved answer #1") {
		t.Errorf("drop = %q", m.Content)
	}

	ctx := context.Background()
	a, err := e.asker.Ask(ctx, answer.Request{Question: franceQ}, nil)
	if err != nil || a.Refused {
		t.Fatalf("answer to approve: %+v %v", a, err)
	}
	// Filling the server is setup, not what is tested: through a store
	// with a long per-call timeout on the same Redis, since each approval
	// reads all before it and, 500 of them under -race beside the
	// package's parallel tests, one took longer than the default (CI,
	// session 18).
	rdb, err := redisstore.Connect(ctx, e.rds.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	fill := approved.New(redisstore.New(rdb, redisstore.Options{Prefix: e.rds.Prefix(), Timeout: time.Minute}).Approved())
	for i := range approved.MaxEntries {
		if _, err := fill.Approve(ctx, e.guild, fmt.Sprintf("%s (number %d)", franceQ, i), a, "", "210000000000000001"); err != nil {
			t.Fatal(err)
		}
	}
	m := e.reply(e.admin("approve", manage, opt("question", str, "Which countries make up the Quad?")))
	if strings.Contains(m.Content, tr(english, msgAdminStorage)) || !strings.HasPrefix(m.Content, "Not approved: ") ||
		!strings.Contains(m.Content, fmt.Sprint(approved.MaxEntries)) || !strings.Contains(m.Content, "/admin review") {
		t.Errorf("approving one more than the server may keep = %q", m.Content)
	}
}
