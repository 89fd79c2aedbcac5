package discord

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/knowledge/search"
)

// marsSource is a second briefing, on nothing the first one mentions
// (the answering core's scope tests use it too).
var marsSource = knowledge.Source{Name: "mars.md", Data: func() []byte {
	b, err := os.ReadFile("../../knowledge/testdata/mars-base.md")
	if err != nil {
		panic(err)
	}
	return b
}()}

// twoBriefingEngine is the real answering core on the embedded briefing
// and the Mars one.
func twoBriefingEngine(t *testing.T) *answer.Engine {
	t.Helper()
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(append(srcs, marsSource))
	if err != nil {
		t.Fatal(err)
	}
	x := search.WithExpander(search.NewLexiconExpander(lexicon.Default()))
	kb := &answer.Knowledge{
		Version: c.Version, Briefings: c.Briefings, Chunks: c.Chunks,
		Retriever:    search.New(c.Chunks, x),
		NewRetriever: func(cs []knowledge.Chunk) answer.Retriever { return search.New(cs, x) },
	}
	return answer.New(kb, answer.WithVocabulary(lexicon.Default()))
}

// A session on one briefing of two drafts its questions from that
// briefing alone: a question the other briefing answers is not answered,
// nor cited, from it; one its own briefing answers is.
func TestSessionDraftsFromItsBriefingOnly(t *testing.T) {
	t.Parallel()
	const (
		marsQ     = "Which crater was chosen for the Mars base?"
		marsTitle = "A first base on Mars"
		natoID    = "nato-indo-pacific-2024"
	)
	eng := twoBriefingEngine(t)
	// Asked of every briefing, the Mars question is answered from Mars.
	if a, err := eng.Ask(context.Background(), answer.Request{Question: marsQ}, nil); err != nil || a.Refused || a.Citations[0].Briefing != marsTitle {
		t.Fatalf("unscoped: %+v, %v", a, err)
	}
	e := startEducatorWith(t, setup{answerer: eng})
	r := e.reply(e.slash(eduManager, "", "session", sub("start", strOpt("title", "NATO in Asia"), strOpt("briefing", natoID), boolOpt("approve", true))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	if sess, err := e.ed.Sessions.Get(context.Background(), thread); err != nil || sess.BriefingID != natoID {
		t.Fatalf("session: %+v, %v", sess, err)
	}
	draft := func(seq string) answer.Answer {
		t.Helper()
		var q session.Question
		e.until("question #"+seq+"'s draft", func() bool {
			var err error
			q, err = e.ed.Sessions.Question(context.Background(), thread, "q"+seq)
			return err == nil && q.Draft != nil
		})
		return *q.Draft
	}
	mars := draft(seqOf(t, e.inThread(thread, eduMember, marsQ)))
	if !mars.Refused || strings.Contains(mars.Text, "Jezero") || strings.Contains(mars.Text, marsTitle) {
		t.Errorf("the Mars question in the NATO session: refused %v, %q", mars.Refused, mars.Text)
	}
	for _, c := range mars.Citations {
		if c.Briefing == marsTitle {
			t.Errorf("the NATO session's draft cites the Mars briefing: %+v", c)
		}
	}
	nato := draft(seqOf(t, e.inThread(thread, eduMember2, franceQ)))
	if nato.Refused || len(nato.Citations) == 0 || !strings.Contains(nato.Text, "Macron") {
		t.Errorf("the NATO question in the NATO session: %+v", nato)
	}
	for _, c := range nato.Citations {
		if c.Briefing == marsTitle {
			t.Errorf("the NATO session's draft cites the Mars briefing: %+v", c)
		}
	}
	// The review the educator sees is that draft.
	if rv := e.reply(e.slash(eduManager, thread, "session", sub("next"))); strings.Contains(rv.Content, "Jezero") {
		t.Errorf("review shows the Mars answer: %q", rv.Content)
	}
	e.checkNoMentions()
}
