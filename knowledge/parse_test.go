package knowledge

import (
	"errors"
	"strings"
	"testing"
)

const goodFront = "---\nid: test-brief\ntitle: A test\ndate: 2024-07-10\ndateline: Rome\nsource: ours\ntopics: one; two\n---\n"

func TestParse(t *testing.T) {
	b, err := Parse("x.md", []byte(goodFront+"\nFirst para\ncontinues here.\n\n\nSecond para.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "test-brief" || b.Title != "A test" || b.Date != "2024-07-10" || b.Dateline != "Rome" {
		t.Errorf("front matter: %+v", b)
	}
	if len(b.Topics) != 2 || b.Topics[1] != "two" {
		t.Errorf("topics: %q", b.Topics)
	}
	want := []string{"First para continues here.", "Second para."}
	if strings.Join(b.Paragraphs, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs: %q", b.Paragraphs)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"no front matter", "Hello\n", 1, "missing front matter"},
		{"unclosed", "---\nid: a\n", 1, "not closed"},
		{"bad line", "---\nid a\n---\nx\n", 2, "not 'key: value'"},
		{"unknown key", "---\ntittle: x\n---\nx\n", 2, `unknown front matter key "tittle"`},
		{"repeated key", "---\nid: a\nid: b\n---\nx\n", 3, "repeated (first on line 2)"},
		{"bad id", "---\nid: Not OK\n---\nx\n", 2, "lower-case"},
		{"bad date", "---\nid: a\ntitle: t\ndate: 10/07/2024\n---\nx\n", 4, "not YYYY-MM-DD"},
		{"missing title", "---\nid: a\ndate: 2024-01-01\n---\nx\n", 4, `lacks required key "title"`},
		{"empty body", goodFront + "\n \n", 8, "no body text"},
		{"invalid utf8", goodFront + "ok\n\xff\xfe\n", 10, "invalid UTF-8"},
		{"control char", goodFront + "a\x07b\n", 9, "control character"},
		{"too big", goodFront + strings.Repeat("a", MaxBriefingBytes), 0, "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.md", []byte(tt.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.Name != "f.md" || pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("got %q (line %d), want line %d containing %q", err, pe.Line, tt.line, tt.msg)
			}
		})
	}
}

func TestParseToleratesBOMAndCRLF(t *testing.T) {
	in := "\xef\xbb\xbf" + strings.ReplaceAll(goodFront+"\nPara one.\n\nPara two.\n", "\n", "\r\n")
	b, err := Parse("win.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Paragraphs) != 2 {
		t.Errorf("paragraphs = %q", b.Paragraphs)
	}
}
