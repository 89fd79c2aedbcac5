package discord

import (
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/knowledge"
)

// twinAnswerer answers every question from two briefings of one title,
// citing the first paragraph of each.
type twinAnswerer struct{ kb *answer.Knowledge }

func (t twinAnswerer) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	a := answer.Answer{Text: "Twelve astronauts [1]. Ten astronauts [2].", Mode: answer.ModeExtractive, KnowledgeVersion: t.kb.Version}
	for i, br := range t.kb.Briefings {
		a.Citations = append(a.Citations, answer.Citation{N: i + 1, Briefing: br.Title, Paragraph: 1, ChunkID: br.ID + "#p1", Quote: br.Paragraphs[0]})
	}
	if onDelta != nil {
		onDelta(a.Text)
	}
	return a, nil
}

func (t twinAnswerer) Knowledge() *answer.Knowledge { return t.kb }

// TestShowPassagesTellsBriefingsOfOneTitleApart: the Sources line names
// two cited briefings of one title with their ids, but Show passages,
// rebuilt from the button's references, had no chunk id to tell them by
// and headed both "*Moon update*". It labels them as Sources does.
func TestShowPassagesTellsBriefingsOfOneTitleApart(t *testing.T) {
	t.Parallel()
	kb := &answer.Knowledge{Version: "0123456789abcdef", Briefings: []knowledge.Briefing{
		{ID: "moon-2025-01", Title: "Moon update", Date: "2025-01-06", Paragraphs: []string{"Twelve astronauts."}},
		{ID: "moon-2025-02", Title: "Moon update", Date: "2025-02-03", Paragraphs: []string{"Ten astronauts."}},
	}}
	h := start(t, setup{answerer: twinAnswerer{kb}})
	m := h.waitFinal(h.ask("How many astronauts?", false))
	if !strings.Contains(m.Content, "*Moon update* (`moon-2025-01`): [1] ¶1 — *Moon update* (`moon-2025-02`): [2] ¶1") {
		t.Fatalf("sources line:\n%s", m.Content)
	}
	ids := buttonIDs(m)
	if len(ids) == 0 || !strings.HasPrefix(ids[0], prefixSources) {
		t.Fatalf("buttons = %v", ids)
	}
	src := h.click(m, ids[0], discordtest.DefaultUserID)
	h.waitCallback(src)
	p := h.srv.Original(src.Token).Content
	for _, w := range []string{"**[1] ¶1** — *Moon update* (`moon-2025-01`)\n> Twelve astronauts.", "**[2] ¶1** — *Moon update* (`moon-2025-02`)\n> Ten astronauts."} {
		if !strings.Contains(p, w) {
			t.Errorf("passages lack %q:\n%s", w, p)
		}
	}
}
