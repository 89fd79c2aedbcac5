package discord

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/stats"
)

// Members' questions in /admin stats are shown as typed: a mention in one
// rendered as a mention in the embed (no ping, but a name where a question
// was).
func TestAdminStatsDefusesMentions(t *testing.T) {
	p, _ := stats.ParsePeriod("7d")
	rep := stats.Report{Asked: 2, Answered: 1, Refused: 1,
		Top:       []stats.Group{{Question: "<@123> why does France object?", Count: 1}},
		Uncovered: []stats.Group{{Question: "@everyone <#9> <@&5> moon?", Count: 1}},
	}
	em := statsEmbed(english, rep, p)
	var all strings.Builder
	for _, f := range em.Fields {
		all.WriteString(f.Value + "\n")
	}
	for _, raw := range []string{"<@123>", "@everyone", "<#9>", "<@&5>"} {
		if strings.Contains(all.String(), raw) {
			t.Errorf("stats show %q as written:\n%s", raw, all.String())
		}
	}
	if !strings.Contains(all.String(), "why does France object?") {
		t.Errorf("the question is gone:\n%s", all.String())
	}
}
