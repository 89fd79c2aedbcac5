package discord

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
)

// hostileBriefing is a briefing whose front matter, written by whoever
// uploaded it, is full of Markdown and mention syntax; its title has at
// least titleRunes characters (a .txt briefing's title is its first line,
// which may be a whole paragraph).
func hostileBriefing(n int, titleRunes int) knowledge.Briefing {
	title := fmt.Sprintf("**Report %d** <@&123456789012345678> @everyone ||hidden|| ", n)
	for len([]rune(title)) < titleRunes {
		title += "the *Quad* and __AUKUS__ "
	}
	return knowledge.Briefing{
		ID: fmt.Sprintf("b-%d", n), Title: strings.TrimSpace(title), Date: "2024-07-10",
		Dateline: "@here <#123456789012345678> _Beijing_",
		Topics: []string{
			"the ~~Quad~~ summit <@123456789012345678>",
			"||spoilers|| and `code` in a topic",
			"@everyone [a link](https://example.com) (NATO, SCO)",
			"why **Tokyo** matters",
		},
		Paragraphs: []string{"One.", "Two."},
	}
}

// /briefing shows a briefing's front matter as it is written, as it does
// its title: the topics and the dateline (and the example questions made
// of the topics) had their Markdown applied — a spoiler hid words, a
// strikethrough crossed them out, a masked link showed other text than
// its address — and mentions rendered as mentions, in every language.
func TestBriefingShowsFrontMatterAsWritten(t *testing.T) {
	t.Parallel()
	kb := &answer.Knowledge{Briefings: []knowledge.Briefing{hostileBriefing(1, 80)}}
	for _, loc := range append([]discordgo.Locale{english}, locales...) {
		out := renderBriefings(loc, kb)
		for _, bad := range []string{
			"<@&1", "<@1", "<#1", "@everyone", "@here",
			"||spoilers||", "||hidden||", "~~Quad~~", "[a link](", "`code`", " _Beijing_", "**Tokyo**",
		} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: /briefing shows %q as Markdown or a mention:\n%s", loc, bad, out)
			}
		}
	}
}

// bigKnowledge answers as the engine does but knows many briefings.
type bigKnowledge struct {
	*answer.Engine
	kb *answer.Knowledge
}

func (b bigKnowledge) Knowledge() *answer.Knowledge { return b.kb }

// boldMarks counts the unescaped "**" in s.
var boldMark = regexp.MustCompile(`(^|[^\\])\*\*`)

// /briefing with the 50 briefings a library may hold, whose titles are as
// long as a paragraph: every message Discord takes, in every language,
// and no message opens bold that another closes (a title cut in two
// showed its "**" as text and the rest of the message bold).
func TestBriefingFiftyLongTitles(t *testing.T) {
	t.Parallel()
	var bs []knowledge.Briefing
	for n := range 50 {
		bs = append(bs, hostileBriefing(n, 2500))
	}
	kb := &answer.Knowledge{Briefings: bs}
	h := start(t, setup{noRedis: true, answerer: bigKnowledge{newEngine(t), kb}})
	for _, loc := range append([]discordgo.Locale{english}, locales...) {
		want := len(splitContent(renderBriefings(loc, kb), contentBudget))
		i := h.srv.DispatchInteraction(&discordgo.Interaction{GuildID: h.guild, Locale: loc,
			Data: discordgo.ApplicationCommandInteractionData{Name: "briefing"}})
		parts := []string{callbackContent(t, h.waitCallback(i))}
		h.until("the /briefing follow-ups", func() bool { return len(h.srv.Followups(i.Token)) >= want-1 })
		for _, m := range h.srv.Followups(i.Token) {
			parts = append(parts, m.Content)
		}
		for n, p := range parts {
			if c := len(boldMark.FindAllString(p, -1)); c%2 != 0 {
				t.Errorf("%s: message %d of %d has %d bold marks: bold left open:\n%.300s…", loc, n+1, len(parts), c, p)
			}
		}
	}
	if strings.Contains(h.log.String(), "interaction failed") {
		t.Errorf("/briefing failed:\n%s", h.log)
	}
}
