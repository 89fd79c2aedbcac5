package knowledge

import (
	"path/filepath"
	"testing"
)

// TestSourcesReadUpperCaseExtensions: a briefing saved as NOTES.MD (as
// Windows tools and some cameras-and-scanners name files) was silently
// not read from KNOWLEDGE_DIR, while /admin briefing-add took the same
// file. The folder now reads the extension in any case, as uploads do;
// hidden files stay unread and other extensions stay ignored.
func TestSourcesReadUpperCaseExtensions(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "NOTES.MD", "---\nid: notes\ntitle: Notes\ndate: 2025-01-02\n---\n\nA.\n")
	writeFile(t, dir, "moon.Md", "---\nid: moon\ntitle: Moon\ndate: 2025-01-02\n---\n\nB.\n")
	writeFile(t, dir, "._NOTES.MD", "\x00\x05\x16\x07")
	writeFile(t, dir, "notes.mdx", "not a briefing")
	srcs, err := Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range srcs {
		if filepath.Dir(s.Name) == dir {
			names = append(names, filepath.Base(s.Name))
		}
	}
	if len(names) != 2 || names[0] != "NOTES.MD" || names[1] != "moon.Md" {
		t.Errorf("read from the folder: %q, want NOTES.MD and moon.Md", names)
	}
	c, err := Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"notes", "moon"} {
		if _, ok := c.Briefing(id); !ok {
			t.Errorf("briefing %q not known", id)
		}
	}
	for _, n := range []string{"a.md", "A.MD", "a.mD"} {
		if !BriefingFile(n) {
			t.Errorf("BriefingFile(%q) = false", n)
		}
	}
	for _, n := range []string{".a.md", "a.txt", "a.md.bak", ".md"} {
		if BriefingFile(n) {
			t.Errorf("BriefingFile(%q) = true", n)
		}
	}
}
