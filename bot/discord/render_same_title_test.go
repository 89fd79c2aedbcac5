package discord

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
)

// TestSourcesTellBriefingsOfOneTitleApart: two briefings may share a
// title (a weekly "Moon update"). The Sources line grouped citations by
// title, so "*Moon update*: [1] ¶1 · [2] ¶1" read as one briefing's, and
// Show passages headed both "*Moon update*". Citations are grouped by
// briefing, and a title two cited briefings share is followed by the id.
func TestSourcesTellBriefingsOfOneTitleApart(t *testing.T) {
	cites := []answer.Citation{
		{N: 1, Briefing: "Moon update", Paragraph: 1, ChunkID: "moon-2025-01#p1", Quote: "Twelve astronauts."},
		{N: 2, Briefing: "Moon update", Paragraph: 1, ChunkID: "moon-2025-02#p1", Quote: "Ten astronauts."},
		{N: 3, Briefing: "Moon update", Paragraph: 4, ChunkID: "moon-2025-01#p4.2", Quote: "From 2031."},
		{N: 4, Briefing: "Mars", Paragraph: 2, ChunkID: "mars#p2", Quote: "A rover."},
	}
	want := "-# Sources · *Moon update* (`moon-2025-01`): [1] ¶1 · [3] ¶4 — *Moon update* (`moon-2025-02`): [2] ¶1 — *Mars*: [4] ¶2"
	if got := sourcesLine(english, cites); got != want {
		t.Errorf("sources line\n got %q\nwant %q", got, want)
	}
	p := renderPassages(cites)
	for _, w := range []string{"**[1] ¶1** — *Moon update* (`moon-2025-01`)", "**[2] ¶1** — *Moon update* (`moon-2025-02`)", "**[4] ¶2** — *Mars*\n"} {
		if !strings.Contains(p, w) {
			t.Errorf("passages lack %q:\n%s", w, p)
		}
	}
	// One briefing, or titles that differ: no id.
	if got := sourcesLine(english, cites[3:]); got != "-# Sources · *Mars*: [4] ¶2" {
		t.Errorf("one briefing: %q", got)
	}
}

// TestSessionBriefingOfOneTitle: /session start picked a briefing by id
// or title and took the first match, so a title two briefings share
// (typed rather than picked from the list) opened the session on
// whichever came first, and a briefing titled like another's id could
// shadow it. An id wins; a shared title is refused as ambiguous; the
// list shows the id beside a shared title, and carries the id.
func TestSessionBriefingOfOneTitle(t *testing.T) {
	brs := []knowledge.Briefing{
		{ID: "moon-2025-01", Title: "Moon update", Date: "2025-01-06"},
		{ID: "mars", Title: "moon-2025-02", Date: "2025-01-07"},
		{ID: "moon-2025-02", Title: "Moon update", Date: "2025-02-03"},
	}
	for _, c := range []struct {
		typed, want string
		ambiguous   bool
	}{
		{"moon-2025-02", "moon-2025-02", false}, // the id, not mars's title
		{"Mars", "", false},                     // ids are matched exactly
		{"moon-2025-01", "moon-2025-01", false},
		{"moon update", "", true},
		{"MOON-2025-02", "mars", false}, // a title, case-insensitively, when no id matches
		{"", "moon-2025-02", false},     // the latest
	} {
		br, ok, ambiguous := findBriefing(brs, c.typed)
		if c.typed == "Mars" {
			if ok || ambiguous {
				t.Errorf("%q: %s, %v, %v", c.typed, br.ID, ok, ambiguous)
			}
			continue
		}
		if got := map[bool]string{true: br.ID}[ok]; got != c.want || ambiguous != c.ambiguous {
			t.Errorf("%q: got %q (ambiguous %v), want %q (ambiguous %v)", c.typed, got, ambiguous, c.want, c.ambiguous)
		}
	}
	choices := briefingChoiceList(brs, "update")
	if len(choices) != 2 {
		t.Fatalf("choices %v", choices)
	}
	for i, want := range []string{"2025-01-06 Moon update (moon-2025-01)", "2025-02-03 Moon update (moon-2025-02)"} {
		if choices[i].Name != want || choices[i].Value != brs[2*i].ID {
			t.Errorf("choice %d = %q → %v, want %q → %s", i, choices[i].Name, choices[i].Value, want, brs[2*i].ID)
		}
	}
	if c := briefingChoiceList(brs, "mars"); len(c) != 1 || c[0].Name != "2025-01-07 moon-2025-02" {
		t.Errorf("a title of its own: %v", c)
	}
}
