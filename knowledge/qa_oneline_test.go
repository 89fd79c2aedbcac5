package knowledge

import (
	"strings"
	"testing"
)

// TestParseFlattensBlockScalars: a title written as a YAML block scalar
// ("title: |" and two lines) was kept with its line break, so /session's
// briefing choices and an answer's Sources line showed it over two lines
// (or broke the line's Markdown) while /admin briefings flattened it. The
// one-line fields (title, title_note, dateline, source) and every topic
// are one line from the parser on, whatever the YAML form.
func TestParseFlattensBlockScalars(t *testing.T) {
	src := "---\nid: moon\ntitle: |\n  A base\n  on the Moon\ntitle_note: >-\n  ours,\n\n  not the paper's\n" +
		"date: 2025-01-02\ndateline: |\n  Houston\n  Texas\nsource: |\n  Agency\n  release\n" +
		"topics:\n  - |\n    lunar\n    base\n  - crew\n---\n\nText.\n"
	b, err := Parse("m.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for field, got := range map[string]string{"title": b.Title, "title_note": b.TitleNote, "dateline": b.Dateline, "source": b.Source, "topics": strings.Join(b.Topics, "|")} {
		if strings.ContainsAny(got, "\n\r\t") || strings.Contains(got, "  ") {
			t.Errorf("%s = %q, want one line", field, got)
		}
	}
	if b.Title != "A base on the Moon" || b.Dateline != "Houston Texas" || strings.Join(b.Topics, "|") != "lunar base|crew" {
		t.Errorf("title %q, dateline %q, topics %q", b.Title, b.Dateline, b.Topics)
	}
	// A string of topics separated by ';' across lines too.
	b, err = Parse("m.md", []byte("---\nid: moon\ntitle: T\ndate: 2025-01-02\ntopics: |\n  lunar\n  base; crew\n---\n\nText.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(b.Topics, "|") != "lunar base|crew" {
		t.Errorf("topics %q", b.Topics)
	}
}
