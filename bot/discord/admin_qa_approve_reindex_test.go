package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
)

// askThen is an Asker that runs then after each answer is written, before
// it is returned: the knowledge changing while a moderator approves.
type askThen struct {
	inner Asker
	then  func()
}

func (a askThen) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	ans, err := a.inner.Ask(ctx, req, onDelta)
	a.then()
	return ans, err
}

// A moderator approves an answer while another adds a briefing: the
// fresh answer was written on the knowledge before the add, and the add's
// re-check of the approvals ran before the approval was saved. The
// approval was saved on the old knowledge version, listed as served, and
// never served (answers are served on the current version only) until
// the next change of the briefings.
func TestAdminQAApproveWhileBriefingAdded(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	adm := &admin{b: e.bot, d: *e.deps.Admin}
	adm.d.Asker = askThen{inner: e.asker, then: func() {
		if _, err := e.lib.Add(ctx, "moon.md", []byte(moon), false); err != nil {
			t.Errorf("add: %v", err)
		}
	}}
	r := &Reply{b: e.bot, I: &discordgo.Interaction{GuildID: e.guild, Member: moderator(manage), Locale: discordgo.EnglishUS}}
	got := adm.approveText(ctx, r, franceQ, "", nil)
	if !strings.HasPrefix(got, "Approved") {
		t.Fatalf("approve = %q", got)
	}
	current := e.lib.Corpus().Version
	es, err := e.approvals.List(ctx, e.guild)
	if err != nil || len(es) != 1 {
		t.Fatalf("approvals = %+v, %v", es, err)
	}
	if es[0].KnowledgeVersion != current || es[0].Suspended {
		t.Errorf("approval on knowledge %s (suspended %v); the served one is %s", es[0].KnowledgeVersion, es[0].Suspended, current)
	}
	if _, ok, err := e.approvals.Lookup(ctx, e.guild, franceQ, current); err != nil || !ok {
		t.Errorf("the approved answer is not served: %v, %v", ok, err)
	}
}
