package discord

import (
	"regexp"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
)

// qa5Live is the rest of Discord's <…> syntax that renders as something
// other than the text written — the forms bot/cite's mention pattern
// already refuses in answers: a command mention ("</admin:1>", a
// clickable "/admin"), a custom emoji, a timestamp, a server guide link.
var qa5Live = regexp.MustCompile(`</[\w -]+:\d+>|<a?:\w+:\d+>|<t:-?\d+(:\w)?>|<id:\w+>`)

// titleText defuses "<@…>", "<#…>", "@everyone" and "@here" only: a
// briefing title holding a slash-command mention, a custom emoji or a
// timestamp is rendered as one in Sources, Show passages, /briefing and
// /admin briefings.
func TestQA5TitleOtherDiscordSyntaxDefused(t *testing.T) {
	const title = "Run </admin:1234567890> at <t:1700000000:R> <:pog:1234567890> <id:customize>"
	cites := []answer.Citation{{N: 1, Briefing: title, Paragraph: 2, ChunkID: "m#p2", Quote: "NATO met."}}
	br := knowledge.Briefing{ID: "m", Title: title, Date: "2025-01-06", Paragraphs: []string{"a", "NATO met."}}
	for name, got := range map[string]string{
		"sources line":     sourcesLine(english, cites),
		"show passages":    renderPassages(cites),
		"/admin briefings": renderAdminBriefings(english, knowledge.Corpus{Briefings: []knowledge.Briefing{br}, Version: "v1"}),
		"/briefing":        renderBriefings(discordgo.EnglishUS, &answer.Knowledge{Briefings: []knowledge.Briefing{br}}),
	} {
		if m := qa5Live.FindAllString(got, -1); len(m) > 0 {
			t.Errorf("%s renders %q live:\n%s", name, m, got)
		}
	}
}
