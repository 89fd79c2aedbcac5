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
