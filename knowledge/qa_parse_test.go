package knowledge

import (
	"strings"
	"testing"
)

// TestParseHeadingIsABlockOfItsOwn: a Markdown heading right above its
// text ("## Background" then "NATO was founded in 1949.") was joined to
// it, so the paragraph quoted and cited read "## Background NATO was
// founded in 1949." and its first sentence began with the heading. A
// heading line ends the paragraph before it and stands alone, as Markdown
// shows it; '#' without a space after it ("#1 priority") is text.
func TestParseHeadingIsABlockOfItsOwn(t *testing.T) {
	b, err := Parse("h.md", []byte(goodFront+"\n## Background\nNATO was founded in 1949.\nIt has 32 members.\n### Today\n#1 priority is Ukraine.\n#\n\nLast.\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"## Background", "NATO was founded in 1949. It has 32 members.", "### Today", "#1 priority is Ukraine.", "#", "Last."}
	if strings.Join(b.Paragraphs, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs = %q\nwant         %q", b.Paragraphs, want)
	}
}
