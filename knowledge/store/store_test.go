package store

import (
	"context"
	"errors"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// memStorage is a Storage in memory; bot/redisstore tests the Redis one.
type memStorage struct {
	corpora map[string][]byte
	current string
	reads   int
	err     error
	putErr  error // writes only: Redis out of memory
}

func (m *memStorage) Corpus(_ context.Context, version string) ([]byte, bool, error) {
	m.reads++
	if m.err != nil {
		return nil, false, m.err
	}
	d, ok := m.corpora[version]
	return d, ok, nil
}

func (m *memStorage) Put(_ context.Context, version string, data []byte) error {
	if m.err != nil {
		return m.err
	}
	if m.putErr != nil {
		return m.putErr
	}
	if m.corpora == nil {
		m.corpora = map[string][]byte{}
	}
	m.corpora[version], m.current = data, version
	return nil
}

func (m *memStorage) Current(context.Context) (string, error) { return m.current, m.err }

const brief = "---\nid: b\ntitle: T\ndate: 2024-01-01\n---\n\nOne paragraph.\n\nAnother paragraph.\n"

func TestLoad(t *testing.T) {
	ctx := context.Background()
	srcs := []knowledge.Source{{Name: "b.md", Data: []byte(brief)}}
	st := &memStorage{}
	c1, origin, err := New(st).Load(ctx, srcs)
	if err != nil || origin != Built || len(c1.Chunks) != 2 {
		t.Fatalf("first load: origin %v, chunks %d, err %v", origin, len(c1.Chunks), err)
	}
	if cur, err := New(st).Current(ctx); err != nil || cur != c1.Version {
		t.Fatalf("current = %q, %v; want %s", cur, err, c1.Version)
	}
	// Another process finds the version stored, in one read.
	st.reads = 0
	c2, origin, err := New(st).Load(ctx, srcs)
	if err != nil || origin != FromCache || st.reads != 1 || c2.Chunks[1].ID != "b#p2" {
		t.Fatalf("second load: origin %v, reads %d, err %v", origin, st.reads, err)
	}
	// A corrupt entry, or one of another version, is absent and rebuilt.
	for _, bad := range []string{"{not json", `{"version":"other"}`} {
		st.corpora[c1.Version] = []byte(bad)
		if _, err := New(st).Get(ctx, c1.Version); !errors.Is(err, ErrNotFound) {
			t.Errorf("Get of %q: %v, want ErrNotFound", bad, err)
		}
		if c, origin, err := New(st).Load(ctx, srcs); err != nil || origin != Built || len(c.Chunks) != 2 {
			t.Errorf("Load over %q: origin %v, err %v", bad, origin, err)
		}
	}
}

func TestStorageDownStillBuilds(t *testing.T) {
	st := &memStorage{err: errors.New("down")}
	c, origin, err := New(st).Load(context.Background(), []knowledge.Source{{Name: "b.md", Data: []byte(brief)}})
	if err == nil || errors.Is(err, ErrNotFound) || err.Error() == "down" {
		t.Fatalf("want the storage error, wrapped; got %v", err)
	}
	if origin != Built || len(c.Chunks) != 2 {
		t.Errorf("the corpus should still be built from the files: origin %v, chunks %d", origin, len(c.Chunks))
	}
}

// TestLoadFollowsRenames: the cache serves what building the files would
// give. Which of two files with one id is kept, and where a briefing's
// file is (what /admin briefing-remove deletes), depend on the files'
// names, so renaming a file must not bring back the corpus cached for the
// old names.
func TestLoadFollowsRenames(t *testing.T) {
	ctx := context.Background()
	alpha := "---\nid: x\ntitle: Alpha\ndate: 2024-01-01\n---\n\nThe alpha text.\n"
	beta := "---\nid: x\ntitle: Beta\ndate: 2024-01-01\n---\n\nThe beta text.\n"
	st := &memStorage{}
	before := []knowledge.Source{{Name: "/k/a.md", Data: []byte(alpha)}, {Name: "/k/b.md", Data: []byte(beta)}}
	if c, _, err := New(st).Load(ctx, before); err != nil || c.Briefings[0].Title != "Alpha" {
		t.Fatalf("first load: %+v, %v", c.Briefings, err)
	}
	// a.md renamed c.md: b.md now comes first and is the one kept.
	after := []knowledge.Source{{Name: "/k/b.md", Data: []byte(beta)}, {Name: "/k/c.md", Data: []byte(alpha)}}
	want, err := knowledge.Build(after)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := New(st).Load(ctx, after)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version == "" || len(got.Briefings) != 1 || got.Briefings[0].Title != want.Briefings[0].Title ||
		got.Briefings[0].Origin != "/k/b.md" || len(got.Problems) != 1 || got.Problems[0].Name != "/k/c.md" {
		t.Errorf("after the rename, Load gave briefings %+v, problems %+v; building the files gives %+v, %+v",
			got.Briefings, got.Problems, want.Briefings, want.Problems)
	}
	// The same files in another folder (another process, or bot index
	// run from the host) share the version, and each reads its own paths.
	elsewhere := []knowledge.Source{{Name: "/srv/kd/b.md", Data: []byte(beta)}, {Name: "/srv/kd/c.md", Data: []byte(alpha)}}
	if knowledge.Version(elsewhere) != got.Version {
		t.Error("the same files in another folder gave another version")
	}
	st.reads = 0
	c, origin, err := New(st).Load(ctx, elsewhere)
	if err != nil || origin != FromCache || st.reads != 1 {
		t.Fatalf("load elsewhere: origin %v, reads %d, err %v", origin, st.reads, err)
	}
	if c.Briefings[0].Origin != "/srv/kd/b.md" || c.Problems[0].Name != "/srv/kd/c.md" {
		t.Errorf("loaded from the cache in another folder, the briefing's file is %s and the problem's %s; want this folder's",
			c.Briefings[0].Origin, c.Problems[0].Name)
	}
}

// A storage that comes back empty (Redis restarted without its data) gets
// the corpus this process serves written back at the next Current, which
// says so through OnRestore; so does one that failed when the corpus was
// built and now answers. Until the write works, Current fails
// (TestCurrentRestoresAnEmptyStorage).
func TestCurrentRestoresAnEmptyStorage(t *testing.T) {
	ctx := context.Background()
	srcs := []knowledge.Source{{Name: "b.md", Data: []byte(brief)}}
	st := &memStorage{}
	s := New(st)
	var restored []string
	s.OnRestore(func(v string) { restored = append(restored, v) })
	c, _, err := s.Load(ctx, srcs)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.Current(ctx); v != c.Version || err != nil || len(restored) != 0 {
		t.Fatalf("Current = %q, %v, restored %v", v, err, restored)
	}
	*st = memStorage{} // restarted empty
	if v, err := s.Current(ctx); v != c.Version || err != nil || st.current != c.Version || len(st.corpora[c.Version]) == 0 {
		t.Fatalf("after the storage lost everything: Current = %q, %v; stored current %q", v, err, st.current)
	}
	if len(restored) != 1 || restored[0] != c.Version {
		t.Errorf("restored %v, want %s once", restored, c.Version)
	}
	if got, err := New(st).Get(ctx, c.Version); err != nil || len(got.Chunks) != 2 {
		t.Errorf("the corpus written back: %v, %d chunks", err, len(got.Chunks))
	}

	// Down when the corpus was built, then back and empty.
	down := &memStorage{err: errors.New("down")}
	s = New(down)
	if _, _, err := s.Load(ctx, srcs); err == nil {
		t.Fatal("Load on a storage down succeeded")
	}
	if _, err := s.Current(ctx); err == nil {
		t.Error("Current on a storage down succeeded")
	}
	down.err, down.putErr = nil, errors.New("OOM command not allowed")
	if _, err := s.Current(ctx); err == nil {
		t.Error("Current succeeded though nothing could be written")
	}
	down.putErr = nil
	if v, err := s.Current(ctx); v != c.Version || err != nil || down.current != c.Version {
		t.Errorf("storage back: Current = %q, %v; stored %q", v, err, down.current)
	}
	// A process that never loaded anything writes nothing.
	empty := &memStorage{}
	if v, err := New(empty).Current(ctx); v != "" || err != nil || empty.corpora != nil {
		t.Errorf("a fresh Store wrote %q, %v", v, err)
	}
}
