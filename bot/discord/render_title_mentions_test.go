package discord

import (
	"regexp"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/knowledge"
)

// liveMention is mention syntax Discord would render as a mention.
var liveMention = regexp.MustCompile(`<@!?&?\d+>|<#\d+>|@everyone|@here`)

// TestTitleMentionsDefused: a briefing's title is written by whoever
// added the briefing, and one holding "<@123>", "@everyone", "<#1>" or
// "<@&5>" was shown raw in Sources, Show passages and the moderators'
// lists: no ping (allowed_mentions is empty), but it rendered as a
// mention. Every place a title is rendered defuses it, as /briefing does.
func TestTitleMentionsDefused(t *testing.T) {
	const title = "Hi <@123> @everyone see <#1> and <@&5> @here"
	cites := []answer.Citation{{N: 1, Briefing: title, Paragraph: 2, ChunkID: "m#p2", Quote: "NATO met."}}
	br := knowledge.Briefing{ID: "m", Title: title, Date: "2025-01-06", Paragraphs: []string{"a", "NATO met."}}
	for name, got := range map[string]string{
		"sources line":      sourcesLine(english, cites),
		"show passages":     renderPassages(cites),
		"/admin briefings":  renderAdminBriefings(english, knowledge.Corpus{Briefings: []knowledge.Briefing{br}, Version: "v1"}),
		"/admin approved":   renderApprovedText(approved.Entry{Answer: answer.Answer{Text: "NATO met [1].", Citations: cites}}),
		"refusal of titles": renderAnswer(english, "", answer.Answer{Refused: true, Text: "The briefing doesn't say. It covers " + title + "."}),
	} {
		if m := liveMention.FindAllString(got, -1); len(m) > 0 {
			t.Errorf("%s shows %q as mentions:\n%s", name, m, got)
		}
		if !strings.Contains(got, "123") || !strings.Contains(got, "everyone") {
			t.Errorf("%s lost the title's words:\n%s", name, got)
		}
	}
}
