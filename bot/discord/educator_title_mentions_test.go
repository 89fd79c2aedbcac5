package discord

import (
	"bytes"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/knowledge/search"
)

// A briefing title with mention syntax is defused in the quiz's head and
// the session's panel, as everywhere else a title is shown: both
// rendered it as mentions (no ping, allowed_mentions being empty).
func TestEducatorTitleMentionsDefused(t *testing.T) {
	t.Parallel()
	const title = "Mars <@123> @everyone <#9>"
	src := knowledge.Source{Name: "mars.md", Data: bytes.Replace(marsSource.Data, []byte("title: A first base on Mars"), []byte("title: "+title), 1)}
	c, err := knowledge.Build([]knowledge.Source{src})
	if err != nil {
		t.Fatal(err)
	}
	if c.Briefings[0].Title != title {
		t.Fatalf("title %q", c.Briefings[0].Title)
	}
	raw := func(s string) bool {
		return strings.Contains(s, "<@123>") || strings.Contains(s, "@everyone") || strings.Contains(s, "<#9>")
	}
	panel := renderPanel(english, session.Session{Title: "Q&A"}, c.Briefings[0], nil)
	if raw(panel) || !strings.Contains(panel, "Mars") {
		t.Errorf("panel shows the title's mentions: %q", panel)
	}

	x := search.WithExpander(search.NewLexiconExpander(lexicon.Default()))
	eng := answer.New(&answer.Knowledge{Version: c.Version, Briefings: c.Briefings, Chunks: c.Chunks, Retriever: search.New(c.Chunks, x)},
		answer.WithVocabulary(lexicon.Default()))
	e := startEducatorWith(t, setup{answerer: eng})
	if r := e.reply(e.slash(eduRole, "", "quiz", sub("start", intOpt("questions", 1)))); !strings.HasPrefix(r.Content, "Quiz posted") {
		t.Fatalf("/quiz start = %q", r.Content)
	}
	head, _ := e.postedQuiz(e.srv.GeneralChannel(e.guild))
	if head == nil || raw(head.Content) || !strings.Contains(head.Content, "Mars") {
		t.Errorf("quiz head shows the title's mentions: %+v", head)
	}
}
