package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/state"
)

// TestAddStopsAtMaxAdded: moderators could add briefings without end,
// though every change rebuilds the whole knowledge and writes it to Redis
// as one value. At MaxAdded a new briefing is refused, saying the limit
// and what to do; replacing one still works, and so does adding once one
// is removed. The operator's own files in the folder count too.
func TestAddStopsAtMaxAdded(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	briefing := func(id, text string) string {
		return fmt.Sprintf("---\nid: %s\ntitle: Briefing %s\ndate: 2025-01-02\n---\n\n%s\n", id, id, text)
	}
	for i := range MaxAdded {
		id := fmt.Sprintf("b%02d", i)
		if err := os.WriteFile(filepath.Join(dir, id+".md"), []byte(briefing(id, "Paragraph of "+id+".")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, sw := newLib(t, dir, st)
	ctx := context.Background()
	if n := len(lib.Corpus().Briefings); n != MaxAdded+1 {
		t.Fatalf("%d briefings, want the %d added and the compiled-in one", n, MaxAdded)
	}

	_, err := lib.Add(ctx, "moon.md", []byte(moon), false)
	var ie *state.InputError
	if !errors.Is(err, ErrTooMany) || !errors.As(err, &ie) || !strings.Contains(ie.UserMessage(), fmt.Sprint(MaxAdded)) {
		t.Fatalf("a new briefing at the cap: %v, want ErrTooMany naming %d", err, MaxAdded)
	}
	if _, err := os.Stat(filepath.Join(dir, "moon-base.md")); !os.IsNotExist(err) {
		t.Error("the refused briefing was written")
	}
	if _, n := sw.get(); n != 0 {
		t.Errorf("a refused briefing swapped the knowledge %d times", n)
	}

	// Replacing one at the cap.
	b, err := lib.Add(ctx, "b07.md", []byte(briefing("b07", "A new paragraph.")), true)
	if err != nil {
		t.Fatalf("replace at the cap: %v", err)
	}
	if got, ok := lib.Corpus().Briefing("b07"); !ok || !strings.Contains(got.Paragraphs[0], "new paragraph") || b.ID != "b07" {
		t.Errorf("after replace: %+v", got)
	}
	// A duplicate without replace is still said to be one.
	if _, err := lib.Add(ctx, "b07.md", []byte(briefing("b07", "Again.")), false); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate at the cap: %v, want ErrDuplicate", err)
	}

	// Once one is removed, a new one fits.
	if _, err := lib.Remove(ctx, "b00"); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Add(ctx, "moon.md", []byte(moon), false); err != nil {
		t.Errorf("add after a removal: %v", err)
	}
}

// The cap counts the folder's files, not this process's knowledge: a
// second process sharing KNOWLEDGE_DIR, whose knowledge has not caught up
// with the first's addition, is refused too, and a file left out of the
// knowledge (malformed) still counts, since every change reads it again;
// a hidden file (a Mac's "._x.md"), which is never read, does not.
func TestAddCountsTheFolder(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	briefing := func(id string) []byte {
		return []byte(fmt.Sprintf("---\nid: %s\ntitle: Briefing %s\ndate: 2025-01-02\n---\n\nParagraph of %s.\n", id, id, id))
	}
	for i := range MaxAdded - 2 {
		id := fmt.Sprintf("b%02d", i)
		if err := os.WriteFile(filepath.Join(dir, id+".md"), briefing(id), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte("no front matter"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A Mac's resource file is no briefing, and not counted.
	if err := os.WriteFile(filepath.Join(dir, "._b00.md"), []byte{0, 5, 22, 7}, 0o644); err != nil {
		t.Fatal(err)
	}
	a, _ := newLib(t, dir, st)
	b, _ := newLib(t, dir, st)
	ctx := context.Background()
	if _, err := a.Add(ctx, "x.md", briefing("x"), false); err != nil {
		t.Fatalf("the last place: %v", err)
	}
	if _, err := b.Add(ctx, "y.md", briefing("y"), false); !errors.Is(err, ErrTooMany) {
		t.Errorf("a second process adding past the cap: %v, want ErrTooMany", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "y.md")); !os.IsNotExist(err) {
		t.Error("the refused briefing was written")
	}
}
