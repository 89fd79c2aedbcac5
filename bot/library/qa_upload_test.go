package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/knowledge/store"
)

// TestAddKeepsAnotherBriefingsFile: a new briefing is written to
// "<id>.md"; when the operator's own moon.md held another briefing
// (moon-base), uploading one with the id "moon" wrote over it, and
// moon-base was gone from disk and from the knowledge while the moderator
// was told the upload was added. Both are kept now.
func TestAddKeepsAnotherBriefingsFile(t *testing.T) {
	rs := redistest.Start(t)
	st := store.New(redisstore.New(rs.Client(t), redisstore.Options{Prefix: rs.Prefix()}).Knowledge())
	dir := t.TempDir()
	own := filepath.Join(dir, "moon.md")
	if err := os.WriteFile(own, []byte(moon), 0o644); err != nil { // id moon-base
		t.Fatal(err)
	}
	lib, _ := newLib(t, dir, st)
	up := "---\nid: moon\ntitle: Moon notes\ndate: 2025-01-02\n---\n\nThe rover found ice.\n"
	b, err := lib.Add(context.Background(), "notes.md", []byte(up), false)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(own); err != nil || string(data) != moon {
		t.Errorf("moon.md after the upload: %q, %v; want the operator's file as it was", data, err)
	}
	c := lib.Corpus()
	if _, ok := c.Briefing("moon-base"); !ok {
		t.Errorf("moon-base left the knowledge; problems: %v", c.Problems)
	}
	if got, ok := c.Briefing("moon"); !ok || got.Origin != b.Origin || b.Origin == own {
		t.Errorf("the upload: %+v in the knowledge %v, added at %s", got, ok, b.Origin)
	}
	// Removing the upload removes its own file, not the operator's.
	if _, err := lib.Remove(context.Background(), "moon"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(own); err != nil {
		t.Errorf("moon.md after removing moon: %v", err)
	}
}
