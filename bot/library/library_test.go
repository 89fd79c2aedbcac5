package library

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/knowledge/store"
)

var _ Store = (*store.Store)(nil)

const moon = "---\nid: moon-base\ntitle: A base on the Moon\ndate: 2025-01-02\n---\n\nThe lunar base will house twelve astronauts from 2031.\n"

type swaps struct {
	mu   sync.Mutex
	last knowledge.Corpus
	n    int
}

func (s *swaps) swap(c knowledge.Corpus) { s.mu.Lock(); s.last, s.n = c, s.n+1; s.mu.Unlock() }
func (s *swaps) get() (knowledge.Corpus, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last, s.n
}

// newStore is a chunk store on a redis-server of the test's own.
func newStore(t *testing.T) *store.Store {
	t.Helper()
	rs := redistest.Start(t)
	return store.New(redisstore.New(rs.Client(t), redisstore.Options{Prefix: rs.Prefix()}).Knowledge())
}

func newLib(t *testing.T, dir string, st *store.Store) (*Library, *swaps) {
	t.Helper()
	srcs, err := knowledge.Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	sw := &swaps{}
	return New(dir, st, c, sw.swap, nil), sw
}

func TestAddRemoveSurvivesRestart(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	lib, sw := newLib(t, dir, st)
	ctx := context.Background()
	old := lib.Corpus().Version

	b, err := lib.Add(ctx, "moon.md", []byte(moon), false)
	if err != nil {
		t.Fatal(err)
	}
	c, n := sw.get()
	if n != 1 || c.Version == old || len(c.Briefings) != 2 || b.ID != "moon-base" {
		t.Fatalf("after add: swaps %d, version %s (was %s), briefings %d", n, c.Version, old, len(c.Briefings))
	}
	if cur, _ := st.Current(ctx); cur != c.Version {
		t.Errorf("store current = %s, want %s", cur, c.Version)
	}
	// A restart reads the same knowledge from disk.
	lib2, _ := newLib(t, dir, st)
	if _, ok := lib2.Corpus().Briefing("moon-base"); !ok {
		t.Error("the added briefing did not survive a restart")
	}
	_, err = lib.Add(ctx, "again.md", []byte(moon), false)
	var ie *state.InputError
	if !errors.Is(err, ErrDuplicate) || !errors.As(err, &ie) || !strings.HasPrefix(ie.UserMessage(), `A briefing with that id exists: "moon-base"`) {
		t.Errorf("duplicate id: %v, want ErrDuplicate with a message for the moderator", err)
	}
	if _, err := lib.Add(ctx, "again.md", []byte(strings.Replace(moon, "twelve", "ten", 1)), true); err != nil {
		t.Errorf("replace: %v", err)
	}
	if _, err := lib.Remove(ctx, "moon-base"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "moon-base.md")); !os.IsNotExist(err) {
		t.Error("file still on disk")
	}
	if c, _ := sw.get(); len(c.Briefings) != 1 || c.Version != old {
		t.Errorf("after remove: %d briefings, version %s, want the original %s", len(c.Briefings), c.Version, old)
	}
}

func TestAddRejects(t *testing.T) {
	st := newStore(t)
	lib, sw := newLib(t, t.TempDir(), st)
	ctx := context.Background()
	tests := []struct {
		name, file, data string
		want             string
	}{
		{"bad front matter", "x.md", "---\nid: x\ntitle: T\ndate: 2024-13-01\n---\nbody\n", "x.md:4: date"},
		{"no front matter in md", "x.md", "just text\n", "x.md:1: missing front matter"},
		{"wrong extension", "x.pdf", "---\n", "must end in .md or .txt"},
		{"embedded id", "x.md", "---\nid: nato-indo-pacific-2024\ntitle: T\ndate: 2024-01-01\n---\nbody\n", "exists"},
		{"binary", "x.txt", "\x00\x01\x02", "x.txt:1: title holds control character U+0000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lib.Add(ctx, tt.file, []byte(tt.data), true)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := lib.Add(ctx, "big.md", make([]byte, MaxUploadBytes+1), false); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
	if _, err := lib.Remove(ctx, "nato-indo-pacific-2024"); !errors.Is(err, ErrEmbedded) {
		t.Errorf("remove embedded: %v", err)
	}
	if _, err := lib.Remove(ctx, "nope"); !errors.Is(err, ErrUnknown) {
		t.Errorf("remove unknown: %v", err)
	}
	if _, n := sw.get(); n != 0 {
		t.Errorf("a rejected change swapped the knowledge %d times", n)
	}
	ro, _ := newLib(t, "", st)
	if _, err := ro.Add(ctx, "moon.md", []byte(moon), false); !errors.Is(err, ErrNoDir) {
		t.Errorf("without KNOWLEDGE_DIR: %v", err)
	}
}

func TestPlainTextUpload(t *testing.T) {
	lib, _ := newLib(t, t.TempDir(), newStore(t))
	b, err := lib.Add(context.Background(), "Harbour Report 2025.txt", []byte("Harbour report\n\nThe harbour handles container ships.\n\nIt opened in 1901.\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "harbour-report-2025" || b.Title != "Harbour report" || len(b.Paragraphs) != 2 {
		t.Errorf("briefing from text: %+v", b)
	}
}

func TestFollowOtherProcess(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	a, _ := newLib(t, dir, st)
	b, swB := newLib(t, dir, st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go b.Follow(ctx, 20*time.Millisecond)
	if _, err := a.Add(ctx, "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if c, n := swB.get(); n > 0 && c.Version == a.Corpus().Version {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("the other process did not pick up the new version")
}

// TestFollowFromAnotherFolder: a process whose KNOWLEDGE_DIR is mounted
// at another path than the one that added a briefing reads the new
// version from the store, and knows the briefing by its own file: its
// removal deletes that file, and the briefing is gone.
func TestFollowFromAnotherFolder(t *testing.T) {
	st := newStore(t)
	dirA, dirB := t.TempDir(), t.TempDir()
	a, _ := newLib(t, dirA, st)
	b, swB := newLib(t, dirB, st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go b.Follow(ctx, 20*time.Millisecond)
	added, err := a.Add(ctx, "moon.md", []byte(moon), false)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(added.Origin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dirB, filepath.Base(added.Origin)), data, 0o644); err != nil { // the shared volume
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for c, _ := swB.get(); c.Version != a.Corpus().Version; c, _ = swB.get() {
		if time.Now().After(deadline) {
			t.Fatal("the other process did not pick up the new version")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if got, _ := b.Corpus().Briefing("moon-base"); got.Origin != filepath.Join(dirB, "moon-base.md") {
		t.Errorf("the other process knows the briefing by %s, not its own file", got.Origin)
	}
	if _, err := b.Remove(context.Background(), "moon-base"); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Corpus().Briefing("moon-base"); ok {
		t.Error("removed, but the briefing is still known")
	}
	if _, err := os.Stat(filepath.Join(dirA, "moon-base.md")); err != nil {
		t.Errorf("the first process's file: %v", err)
	}
}

// gatedStore holds Follow's read of a corpus until released, so that a
// change made here meanwhile can be put between the read and the swap.
type gatedStore struct {
	*store.Store
	once    sync.Once
	reading chan struct{} // receives when the first Get starts
	release chan struct{}
}

func (g *gatedStore) Get(ctx context.Context, version string) (knowledge.Corpus, error) {
	g.once.Do(func() {
		g.reading <- struct{}{}
		<-g.release
	})
	return g.Store.Get(ctx, version)
}

// TestFollowDoesNotUndoALocalChange: a briefing removed here while Follow
// was reading another process's version (made before the removal) stays
// removed; Follow does not swap the older corpus back in.
func TestFollowDoesNotUndoALocalChange(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	a, _ := newLib(t, dir, st)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := a.Add(ctx, "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	g := &gatedStore{Store: st, reading: make(chan struct{}), release: make(chan struct{})}
	b, _ := newLib(t, dir, nil)
	b.store = g
	var mu sync.Mutex
	var served []bool // whether each corpus b swapped in has moon-base
	b.swap = func(c knowledge.Corpus) {
		_, ok := c.Briefing("moon-base")
		mu.Lock()
		served = append(served, ok)
		mu.Unlock()
	}
	done := make(chan struct{})
	go func() { b.Follow(ctx, 10*time.Millisecond); close(done) }()
	// a adds another briefing; b sees it current and fetches it…
	if _, err := a.Add(ctx, "mars.txt", []byte("Rover news\n\nThe rover drilled its tenth sample.\n"), false); err != nil {
		t.Fatal(err)
	}
	<-g.reading
	// …while a moderator removes the first one through b.
	if _, err := b.Remove(ctx, "moon-base"); err != nil {
		t.Fatal(err)
	}
	close(g.release)
	time.Sleep(50 * time.Millisecond)
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if len(served) == 0 || served[0] {
		t.Fatalf("the removal did not swap: %v", served)
	}
	if slices.Contains(served, true) {
		t.Errorf("the removed briefing came back (corpora swapped in with it: %v): Follow swapped in the corpus it read before the removal", served)
	}
	if _, ok := b.Corpus().Briefing("moon-base"); ok {
		t.Error("the removed briefing is back")
	}
}

// TestFolderError: a read, write or removal the folder refuses names the folder
// and keeps the cause, and leaves the knowledge as it was.
func TestFolderError(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	lib, _ := newLib(t, dir, st)
	ctx := context.Background()
	if _, err := lib.Add(ctx, "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	before := lib.Corpus().Version
	// The folder goes away (a volume unmounted). Root ignores file modes,
	// so this provokes the error whoever runs the test; the Discord tests
	// check a folder without write permission.
	gone := dir + "-gone"
	if err := os.Rename(dir, gone); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(gone) })

	_, err := lib.Add(ctx, "mars.txt", []byte("Rover news\n\nThe rover drilled its tenth sample.\n"), false)
	var fe *FolderError
	// A new briefing: the folder is read first, to count its files.
	if !errors.As(err, &fe) || fe.Op != "read" || fe.Dir != dir || fe.Path != dir || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("add: %#v", err)
	}
	// Removing: the folder is what is gone, not the file (a file gone
	// from a folder still there is removed all the same).
	_, err = lib.Remove(ctx, "moon-base")
	if !errors.As(err, &fe) || fe.Op != "read" || fe.Dir != dir || fe.Path != dir || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("remove: %#v", err)
	}
	if want := "library: read " + dir + ": "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("remove error = %v, want it to start with %q", err, want)
	}
	if got := lib.Corpus().Version; got != before {
		t.Errorf("knowledge changed: %s → %s", before, got)
	}
}

// A plain-text upload's first line is its title, whatever YAML would make
// of it unquoted.
func TestPlainTextTitles(t *testing.T) {
	for _, title := range []string{"Breaking: news", "@here look", "- item", "'quoted'", `a "b" \ c #d`, "100% sure", "émoji 🎉"} {
		data, _ := withFrontMatter("note.txt", []byte(title+"\n\nThe body paragraph.\n"), time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
		b, err := knowledge.Parse("note.txt", data)
		if err != nil || b.Title != title || b.Source != "uploaded as note.txt" || len(b.Paragraphs) != 1 {
			t.Errorf("%q: %+v, %v", title, b, err)
		}
	}
}

// TestReplaceFileNamedOtherThanItsID is an operator's file in
// KNOWLEDGE_DIR whose name is not its id (notes.md holding moon-base), a
// moderator then uploading a new version with replace: the new version is
// the one answered from, no second file with the id is left behind (to be
// listed as a problem, and to come back when the briefing is removed),
// whichever way the names sort.
func TestReplaceFileNamedOtherThanItsID(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	newer := strings.Replace(moon, "twelve", "ten", 1)
	for _, name := range []string{"a-notes.md", "notes.md"} { // before and after moon-base.md
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, name), []byte(moon), 0o644); err != nil {
				t.Fatal(err)
			}
			lib, _ := newLib(t, dir, st)
			if _, err := lib.Add(ctx, "moon.md", []byte(newer), true); err != nil {
				t.Fatalf("replace: %v", err)
			}
			c := lib.Corpus()
			b, ok := c.Briefing("moon-base")
			if !ok || !strings.Contains(strings.Join(b.Paragraphs, " "), "ten astronauts") {
				t.Errorf("after replace: %+v, %v", b.Paragraphs, ok)
			}
			if len(c.Problems) != 0 {
				t.Errorf("problems after replace: %+v", c.Problems)
			}
			if _, err := lib.Remove(ctx, "moon-base"); err != nil {
				t.Fatal(err)
			}
			if b, ok := lib.Corpus().Briefing("moon-base"); ok {
				t.Errorf("removed, yet answered from %s", b.Origin)
			}
		})
	}
}

// A briefing whose file is already gone (the operator deleted it by hand,
// or another bot process sharing KNOWLEDGE_DIR removed it moments ago) is
// removed: the knowledge is read again without it, rather than the
// moderator being told that the folder failed, again at every try.
func TestRemoveFileAlreadyGone(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	lib, _ := newLib(t, dir, st)
	ctx := context.Background()
	if _, err := lib.Add(ctx, "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "moon-base.md")); err != nil {
		t.Fatal(err)
	}
	if b, err := lib.Remove(ctx, "moon-base"); err != nil || b.ID != "moon-base" {
		t.Errorf("remove = %+v, %v", b, err)
	}
	if _, ok := lib.Corpus().Briefing("moon-base"); ok {
		t.Error("still answered from after its removal")
	}
}

// A briefing's file swapped for a named pipe by hand: removing it read
// the pipe to check the briefing's id, and blocked for ever — and every
// moderator's action behind the library's lock. It is read as the
// folder is (a FIFO is not opened), and the removal goes through.
func TestRemoveFileSwappedForAPipe(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	lib, _ := newLib(t, dir, st)
	ctx := context.Background()
	if _, err := lib.Add(ctx, "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "moon-base.md")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := lib.Remove(ctx, "moon-base")
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("remove = %v", err)
		}
	case <-time.After(10 * time.Second):
		// Unblock the reader so the test ends: open the pipe for writing.
		if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("remove blocked on the named pipe")
	}
}
