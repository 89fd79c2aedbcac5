package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSourcesSayWhatIsNotAFile: a folder named x.md was listed as
// "cannot be read: not a regular file (d---------)", Go's mode string,
// which tells an operator nothing; a link to a file since deleted, as
// "stat /path/x.md: no such file or directory". Each now says what the
// entry is and what to do.
func TestSourcesSayWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", goodFront+"\nA.\n")
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs, err := Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"folder.md":   "is a folder, not a file",
		"dangling.md": "is a link to " + filepath.Join(dir, "gone.txt") + ", which does not exist",
		"pipe.md":     "is a named pipe (FIFO), not a file",
	}
	for _, p := range c.Problems {
		name := filepath.Base(p.Name)
		if w, ok := want[name]; ok {
			if !strings.Contains(p.Msg, w) || strings.Contains(p.Msg, "---") {
				t.Errorf("%s: %q, want it to say %q", name, p.Msg, w)
			}
			delete(want, name)
		}
	}
	for name := range want {
		t.Errorf("%s not listed as a problem", name)
	}
}
