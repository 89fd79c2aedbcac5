package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/stats"
)

// fixedReport is a question log that always gives one report.
type fixedReport stats.Report

func (f fixedReport) Report(context.Context, string, time.Time) (stats.Report, error) {
	return stats.Report(f), nil
}

// A server that asked more than the question log keeps: /admin stats
// all showed "Questions — all time" over the newest questions alone,
// with nothing to say older ones were dropped. Now it says from when it
// counts, in the moderator's language.
func TestAdminQAStatsSaysTheLogWasFull(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	from := time.Date(2026, 3, 4, 5, 6, 0, 0, time.UTC)
	e.statsHold.inner = fixedReport{GuildID: e.guild, Generated: time.Now().UTC(), Asked: stats.DefaultMaxEvents, Answered: stats.DefaultMaxEvents,
		Askers: 3, From: from}
	all := opt("period", discordgo.ApplicationCommandOptionString, "all")
	for _, l := range append([]discordgo.Locale{english}, locales...) {
		m := e.reply(e.adminIn(l, "stats", manage, all))
		if len(m.Embeds) != 1 {
			t.Fatalf("%s: stats = %+v", l, m)
		}
		want := tr(l, msgAdminStatsFrom, "2026-03-04 05:06 UTC")
		if !strings.Contains(m.Embeds[0].Description, want) {
			t.Errorf("%s: description = %q, want it to hold %q", l, m.Embeds[0].Description, want)
		}
		x := e.reply(e.adminIn(l, "export", manage, all))
		if !strings.Contains(x.Content, want) {
			t.Errorf("%s: export = %q, want it to hold %q", l, x.Content, want)
		}
	}
	// A whole period says nothing of it.
	e.statsHold.inner = fixedReport{GuildID: e.guild, Generated: time.Now().UTC(), Asked: 2, Answered: 2, Askers: 1}
	m := e.reply(e.admin("stats", manage, all))
	if strings.Contains(m.Embeds[0].Description, "UTC") {
		t.Errorf("whole period: %q", m.Embeds[0].Description)
	}
}
