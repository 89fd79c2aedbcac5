package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplaceThroughALinkIsRefused: an operator's moon.md is a symbolic
// link to a file they keep elsewhere (a checkout, a shared folder). A
// replace put a regular file in the link's place and left the target as
// it was, so the operator's copy and the bot's silently parted. The bot
// writes no file outside its folder and keeps the link: the replace is
// refused, saying where the link points, and nothing changes.
func TestReplaceThroughALinkIsRefused(t *testing.T) {
	st := newStore(t)
	dir, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "moon.md")
	if err := os.WriteFile(target, []byte(moon), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "moon.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	lib, _ := newLib(t, dir, st)
	before := lib.Corpus().Version
	_, err := lib.Add(context.Background(), "moon.md", []byte(strings.Replace(moon, "twelve", "ten", 1)), true)
	if !errors.Is(err, ErrLinked) || !strings.Contains(err.Error(), target) {
		t.Errorf("replace through a link: %v, want ErrLinked naming %s", err, target)
	}
	if fi, lerr := os.Lstat(link); lerr != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is no longer a link: %v, %v", fi, lerr)
	}
	if data, _ := os.ReadFile(target); string(data) != moon {
		t.Errorf("target changed: %q", data)
	}
	if lib.Corpus().Version != before {
		t.Error("knowledge changed")
	}
}

// TestRemoveChecksTheFileStillHoldsTheBriefing: the operator changed a
// file's id by hand (moon-base → mars-base) and did not reindex. Removing
// moon-base deleted the file, and with it mars-base; replacing moon-base
// overwrote mars-base. The file is read again first: holding another id,
// the folder is read again and the briefing looked up afresh.
func TestRemoveChecksTheFileStillHoldsTheBriefing(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	mars := strings.Replace(moon, "id: moon-base", "id: mars-base", 1)
	for _, replace := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "notes.md")
		if err := os.WriteFile(path, []byte(moon), 0o644); err != nil {
			t.Fatal(err)
		}
		lib, _ := newLib(t, dir, st)
		if err := os.WriteFile(path, []byte(mars), 0o644); err != nil { // edited by hand
			t.Fatal(err)
		}
		if replace {
			newer := strings.Replace(moon, "twelve", "ten", 1)
			b, err := lib.Add(ctx, "moon.md", []byte(newer), true)
			if err != nil {
				t.Fatalf("replace: %v", err)
			}
			if b.Origin == path {
				t.Errorf("replaced into %s, which holds mars-base", path)
			}
		} else if _, err := lib.Remove(ctx, "moon-base"); !errors.Is(err, ErrUnknown) {
			t.Errorf("remove: %v, want ErrUnknown (no file holds moon-base)", err)
		}
		if data, _ := os.ReadFile(path); string(data) != mars {
			t.Errorf("replace=%v: mars-base's file is %q", replace, data)
		}
		if _, ok := lib.Corpus().Briefing("mars-base"); !ok {
			t.Errorf("replace=%v: mars-base not known", replace)
		}
	}
}
