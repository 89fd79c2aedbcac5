package discord

import (
	"bytes"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/knowledge/search"
)

// A briefing typed by a title two briefings share is refused as
// ambiguous by /quiz start as by /session start (the list carries the
// id): /quiz start said it did not know the briefing, as if misspelt.
func TestEducatorSharedTitleRefused(t *testing.T) {
	t.Parallel()
	const title = "NATO's push into the Indo-Pacific meets scepticism in Asia"
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	twin := knowledge.Source{Name: "twin.md", Data: bytes.Replace(marsSource.Data, []byte("title: A first base on Mars"), []byte("title: "+title), 1)}
	c, err := knowledge.Build(append(srcs, twin))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Briefings) != 2 || c.Briefings[0].Title != c.Briefings[1].Title {
		t.Fatalf("briefings %+v, want two of one title", c.Briefings)
	}
	x := search.WithExpander(search.NewLexiconExpander(lexicon.Default()))
	eng := answer.New(&answer.Knowledge{Version: c.Version, Briefings: c.Briefings, Chunks: c.Chunks, Retriever: search.New(c.Chunks, x)},
		answer.WithVocabulary(lexicon.Default()))
	e := startEducatorWith(t, setup{answerer: eng})
	want := tr(english, msgEduAmbiguousBriefing)
	if r := e.reply(e.slash(eduRole, "", "quiz", sub("start", strOpt("briefing", strings.ToLower(title))))); r.Content != want {
		t.Errorf("/quiz start on a shared title = %q, want %q", r.Content, want)
	}
	if r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Q&A"), strOpt("briefing", title)))); r.Content != want {
		t.Errorf("/session start on a shared title = %q, want %q", r.Content, want)
	}
	// Its id is not ambiguous.
	if r := e.reply(e.slash(eduRole, "", "quiz", sub("start", strOpt("briefing", "mars-base-2031"), intOpt("questions", 1)))); !strings.HasPrefix(r.Content, "Quiz posted") {
		// Seen once in a CI run under load (not reproduced): the log says
		// which call failed.
		t.Errorf("/quiz start by id = %q; bot log:\n%s", r.Content, e.log)
	}
}
