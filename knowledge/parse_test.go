package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
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
		{"empty title", "---\nid: a\ntitle:\ndate: 2024-01-01\n---\nx\n", 3, `title is empty`},
		{"blank quoted title", "---\nid: a\ntitle: '  '\ndate: 2024-01-01\n---\nx\n", 3, `title is empty`},
		{"empty body", goodFront + "\n \n", 8, "no body text"},
		{"headings only", goodFront + "# Title\n\n## Background\n", 8, "only headings"},
		{"invalid utf8", goodFront + "ok\n\xff\xfe\n", 10, "invalid UTF-8"},
		{"control char", goodFront + "a\x07b\n", 9, "control character"},
		{"escaped control char", "---\nid: a\ntitle: \"a\\x00b\"\ndate: 2024-01-01\n---\nx\n", 3, "title holds control character U+0000"},
		{"bidi override in the body", goodFront + "a \u202eb\n", 9, "bidi control character U+202E"},
		{"bidi override in the title", "---\nid: a\ntitle: a\u202eb\ndate: 2024-01-01\n---\nx\n", 3, "bidi control character U+202E"},
		{"escaped bidi override in the title", "---\nid: a\ntitle: \"a\\u202eb\"\ndate: 2024-01-01\n---\nx\n", 3, "title holds bidi control character U+202E"},
		{"escaped bidi isolate in a topic", "---\nid: a\ntitle: t\ndate: 2024-01-01\ntopics: [\"a\\u2066b\"]\n---\nx\n", 5, "a topic holds bidi control character U+2066"},
		{"escaped bidi embedding in topics", "---\nid: a\ntitle: t\ndate: 2024-01-01\ntopics: \"a\\u202ab\"\n---\nx\n", 5, "topics hold bidi control character U+202A"},
		{"escaped control char in a topic", "---\nid: a\ntitle: t\ndate: 2024-01-01\ntopics: [\"a\\x1bb\"]\n---\nx\n", 5, "control character U+001B"},
		{"too big", goodFront + strings.Repeat("a", MaxBriefingBytes), 0, "more than"},

		// The front matter is YAML: its errors name the line in the file,
		// one more than the library's (the opening '---' is line 1).
		{"yaml syntax, first front matter line", "---\ntitle: Breaking: news\nid: a\ndate: 2024-01-01\n---\nx\n", 2, "front matter is not valid YAML: mapping value is not allowed"},
		{"yaml unterminated quote", "---\nid: a\ntitle: \"open\ndate: 2024-01-01\n---\nx\n", 3, "front matter is not valid YAML"},
		{"yaml unclosed flow list", "---\nid: a\ntitle: t\ndate: 2024-01-01\ntopics: [a, b\n---\nx\n", 5, "front matter is not valid YAML"},
		{"yaml tab indentation", "---\nid: a\n\ttitle: t\ndate: 2024-01-01\n---\nx\n", 3, "front matter is not valid YAML"},
		{"yaml reserved character", "---\nid: a\ntitle: @here\ndate: 2024-01-01\n---\nx\n", 3, "front matter is not valid YAML"},
		{"not a mapping", "---\n- id: a\n- title: t\n---\nx\n", 2, "not 'key: value'"},
		{"two yaml documents", "---\nid: a\ntitle: t\ndate: 2024-01-01\n...\nid: b\n---\nx\n", 6, "more than one YAML document"},
		{"missing id", "---\ntitle: t\ndate: 2024-01-01\n---\nx\n", 4, `lacks required key "id"`},
		{"missing date", "---\nid: a\ntitle: \"t\"\n# date: 2024-01-01\n---\nx\n", 5, `lacks required key "date"`},
		{"empty front matter", "---\n---\nx\n", 2, `lacks required key "id"`},
		{"repeated quoted key", "---\nid: a\ntitle: t\ndate: 2024-01-01\n'title': u\n---\nx\n", 5, `"title" repeated (first on line 3)`},
		{"repeated list key", "---\nid: a\ntitle: t\ndate: 2024-01-01\ntopics: [a]\ntopics:\n  - b\n---\nx\n", 6, `"topics" repeated (first on line 5)`},
		{"unknown key after good ones", "---\nid: a\ntitle: t\ndate: 2024-01-01\nauthor: me\n---\nx\n", 5, `unknown front matter key "author"`},
		{"merge key is unknown", "---\nid: a\ntitle: t\ndate: 2024-01-01\n<<: {source: s}\n---\nx\n", 5, `unknown front matter key "<<"`},
		{"impossible date", "---\nid: a\ntitle: t\ndate: 2024-02-30\n---\nx\n", 4, `date "2024-02-30" is no day of the calendar`},
		{"date with time", "---\nid: a\ntitle: t\ndate: 2024-07-10T09:00:00Z\n---\nx\n", 4, "not YYYY-MM-DD"},
		{"quoted bad date", "---\nid: a\ntitle: t\ndate: \"July 2024\"\n---\nx\n", 4, `date "July 2024" is not YYYY-MM-DD`},
		{"quoted bad id", "---\nid: \"Not OK\"\n---\nx\n", 2, "lower-case"},
		{"flow map as title", "---\nid: a\ntitle: {en: Hello}\ndate: 2024-01-01\n---\nx\n", 3, "title must be a string, not a mapping"},
		{"block map as source", "---\nid: a\ntitle: t\ndate: 2024-01-01\nsource:\n  name: Reuters\n---\nx\n", 6, "source must be a string, not a mapping"},
		{"list as date", "---\nid: a\ntitle: t\ndate: [2024-01-01]\n---\nx\n", 4, "date must be a string, not a list"},
		{"map as topics", "---\nid: a\ntitle: t\ndate: 2024-01-01\ntopics: {a: b}\n---\nx\n", 5, "topics must be a string or a list of strings, not a mapping"},
		{"map as a topic", "---\nid: a\ntitle: t\ndate: 2024-01-01\ntopics:\n  - fine\n  - {a: b}\n---\nx\n", 7, "a topic must be a string, not a mapping"},
		{"nested list as a topic", "---\nid: a\ntitle: t\ndate: 2024-01-01\ntopics: [a, [b, c]]\n---\nx\n", 5, "a topic must be a string, not a list"},
		{"front matter too big", "---\ntitle: " + strings.Repeat("[", MaxFrontMatterBytes) + "\n---\nx\n", 1, "front matter is 16391 bytes, more than the 16384 allowed"},
		// Refused by size before the YAML parser, whose time is quadratic
		// in the nesting: parsed, this would take about an hour.
		{"deep nesting refused by size", "---\ntitle: " + strings.Repeat("[", 1<<20) + "\n---\nx\n", 1, "more than the 16384 allowed"},
		{"alias without anchor", "---\nid: a\ntitle: *t\ndate: 2024-01-01\n---\nx\n", 3, "names no anchor"},
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
			if want := fmt.Sprintf("f.md:%d: ", tt.line); tt.line > 0 && !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
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

// front wraps YAML front matter lines into a briefing with a body.
func front(yaml string) string { return "---\n" + yaml + "---\n\nBody.\n" }

func TestParseFrontMatterYAML(t *testing.T) {
	const base = "id: a\ndate: 2024-07-10\n"
	abc := []string{"alpha", "beta; still beta", "gamma"}
	tests := []struct {
		name, in string
		want     Briefing // front matter fields only; ID and Date are "a" and 2024-07-10 unless set
	}{
		{"plain", base + "title: NATO's push into Asia\n", Briefing{Title: "NATO's push into Asia"}},
		{"double-quoted title", base + `title: "x"` + "\n", Briefing{Title: "x"}},
		{"double-quoted title with escapes", base + `title: "NATO: \"global\" reach #1 \u00e9"` + "\n", Briefing{Title: `NATO: "global" reach #1 é`}},
		{"single-quoted title", base + "title: 'it''s here'\n", Briefing{Title: "it's here"}},
		{"quotes only around part stay", base + "title: The \"global\" NATO\n", Briefing{Title: `The "global" NATO`}},
		{"quoted date and id", "id: 'a'\ndate: \"2024-07-10\"\ntitle: t\n", Briefing{Title: "t"}},
		{"string topics", base + "title: t\ntopics: alpha; beta;; gamma ;\n", Briefing{Title: "t", Topics: []string{"alpha", "beta", "gamma"}}},
		{"flow list topics", base + "title: t\ntopics: [alpha, \"beta; still beta\", 'gamma']\n", Briefing{Title: "t", Topics: abc}},
		{"block list topics", base + "title: t\ntopics:\n  - alpha\n  - beta; still beta\n  -\n  - \"gamma \"\n", Briefing{Title: "t", Topics: abc}},
		{"block list topics, no indent", base + "title: t\ntopics:\n- alpha\n- beta; still beta\n- gamma\n", Briefing{Title: "t", Topics: abc}},
		{"empty topics list", base + "title: t\ntopics: []\n", Briefing{Title: "t"}},
		{"null values are empty", base + "title: t\ntitle_note:\ndateline: ~\ntopics:\n", Briefing{Title: "t"}},
		{"numbers and booleans as written", "id: 2024\ndate: 2024-07-10\ntitle: 1984\ndateline: yes\nsource: 1.50\n", Briefing{ID: "2024", Title: "1984", Dateline: "yes", Source: "1.50"}},
		{"comments", "# a note\n" + base + "title: t # not part of it\ndateline: Rome#1\n", Briefing{Title: "t", Dateline: "Rome#1"}},
		{"folded plain scalar", base + "title: NATO's push\n  into Asia\n", Briefing{Title: "NATO's push into Asia"}},
		{"folded block scalar", base + "title_note: >-\n  ours, not\n  the publisher's\ntitle: t\n", Briefing{Title: "t", TitleNote: "ours, not the publisher's"}},
		{"anchor and alias", base + "title: &t Same\nsource: *t\n", Briefing{Title: "Same", Source: "Same"}},
		{"tag", base + "title: !!str 5\n", Briefing{Title: "5"}},
		{"every key", base + "title: T\ntitle_note: N\ndateline: D\nsource: S\ntopics: [x]\n", Briefing{Title: "T", TitleNote: "N", Dateline: "D", Source: "S", Topics: []string{"x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Parse("f.md", []byte(front(tt.in)))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want.ID == "" {
				want.ID = "a"
			}
			want.Date, want.Origin, want.Paragraphs = "2024-07-10", "f.md", []string{"Body."}
			if !reflect.DeepEqual(b, want) {
				t.Errorf("got  %#v\nwant %#v", b, want)
			}
		})
	}
}

// String topics and both YAML list forms give the same topics.
func TestParseTopicsFormsAgree(t *testing.T) {
	forms := []string{
		"topics: NATO's summit; China (SCO, CICA); trade\n",
		"topics: [\"NATO's summit\", \"China (SCO, CICA)\", trade]\n",
		"topics:\n  - NATO's summit\n  - China (SCO, CICA)\n  - trade\n",
	}
	want := []string{"NATO's summit", "China (SCO, CICA)", "trade"}
	for _, f := range forms {
		b, err := Parse("f.md", []byte(front("id: a\ntitle: t\ndate: 2024-07-10\n"+f)))
		if err != nil {
			t.Fatalf("%q: %v", f, err)
		}
		if !reflect.DeepEqual(b.Topics, want) {
			t.Errorf("%q: topics = %q, want %q", f, b.Topics, want)
		}
	}
}

// The file name and the file's line lead the message, as an operator or a
// moderator reads it.
func TestParseErrorNamesFileAndLine(t *testing.T) {
	in := "---\nid: broken\ntitle: Breaking: news\ndate: 2025-01-02\n---\n\nText.\n"
	_, err := Parse("broken.md", []byte(in))
	want := "broken.md:3: front matter is not valid YAML: mapping value is not allowed in this context"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	// The front matter is cut out of the file before the YAML library sees
	// it; a BOM and CRLF line ends do not shift the line either.
	_, err = Parse("broken.md", []byte("\xef\xbb\xbf"+strings.ReplaceAll(in, "\n", "\r\n")))
	if err == nil || err.Error() != want {
		t.Errorf("BOM+CRLF: err = %v, want %s", err, want)
	}
}

// The embedded briefing parses to exactly what the line-based parser gave
// before the front matter became YAML: same fields, same paragraphs. (Its
// knowledge version hashes the file's bytes, so it does not move either.)
func TestEmbeddedBriefingParsesAsBefore(t *testing.T) {
	const name = "embedded:nato-indo-pacific-2024.md"
	srcs, err := Sources("")
	if err != nil {
		t.Fatal(err)
	}
	var b Briefing
	for _, s := range srcs {
		if s.Name == name {
			if b, err = Parse(s.Name, s.Data); err != nil {
				t.Fatal(err)
			}
		}
	}
	paras := b.Paragraphs
	b.Paragraphs = nil
	want := Briefing{
		ID:        "nato-indo-pacific-2024",
		Title:     "NATO's push into the Indo-Pacific meets scepticism in Asia",
		TitleNote: "The title is ours; the article as published carried none in this copy.",
		Date:      "2024-07-10",
		Dateline:  "Beijing",
		Source:    "News article datelined Beijing, 10 July 2024, written as NATO leaders met in Washington D.C. for the alliance's 75th anniversary summit. Text reproduced unchanged.",
		Topics: []string{
			"NATO's 75th anniversary summit in Washington",
			"why NATO looks to the Indo-Pacific",
			"Asian scepticism and a proposed NATO office in Tokyo",
			"China's opposition (Lin Jian, SCO, CICA)",
			"divisions inside NATO (France, the United States)",
			"the Indo-Pacific's security landscape (ASEAN, the Quad, AUKUS)",
			"economic ties with China",
			"alternatives such as non-military cooperation",
		},
		Origin: name,
	}
	if !reflect.DeepEqual(b, want) {
		t.Errorf("front matter:\ngot  %#v\nwant %#v", b, want)
	}
	sum := sha256.Sum256([]byte(strings.Join(paras, "\n")))
	if len(paras) != 23 || hex.EncodeToString(sum[:]) != "70ae6136de7202690da19e204429571bf0d9c6a859a07cbe5cd7f157c36ed0c1" {
		t.Errorf("paragraphs changed: %d, sha256 %x", len(paras), sum)
	}
}
