package library

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// TestFolderCountsUpperCaseExtensions: the cap on added briefings counts
// the files the knowledge reads, NOTES.MD among them, as uploads accept
// .MD too.
func TestFolderCountsUpperCaseExtensions(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"NOTES.MD", "moon.md", "._x.MD", "x.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(moon), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := New(dir, nil, knowledge.Corpus{}, func(knowledge.Corpus) {}, nil)
	if n, err := l.filesLocked(); err != nil || n != 2 {
		t.Errorf("files counted = %d, %v; want 2 (NOTES.MD and moon.md)", n, err)
	}
}
