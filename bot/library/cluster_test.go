package library

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/knowledge/store"
)

func TestMain(m *testing.M) {
	code := m.Run()
	redistest.StopSharedCluster()
	os.Exit(code)
}

// followInterval is how often the processes of TestFollowOnCluster look
// for a new version (bot run: every 5 s).
const followInterval = 100 * time.Millisecond

// Two processes, each with its own client to a real Redis Cluster and one
// KNOWLEDGE_DIR between them (a shared volume): a briefing added in one is
// served by the other within one Follow interval, plus reading the files
// and one GET; here within followInterval + 2 s on a busy CI machine.
func TestFollowOnCluster(t *testing.T) {
	cl := redistest.SharedCluster(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	process := func() *store.Store {
		rdb, err := redisstore.Connect(ctx, cl.Spec())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rdb.Close() })
		return store.New(redisstore.New(rdb, redisstore.Options{Prefix: cl.Prefix()}).Knowledge())
	}
	dir := t.TempDir()
	a, _ := newLib(t, dir, process())
	b, swB := newLib(t, dir, process())
	go b.Follow(ctx, followInterval)

	begin := time.Now()
	if _, err := a.Add(ctx, "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	want := a.Corpus().Version
	bound := followInterval + 2*time.Second
	for {
		if c, n := swB.get(); n > 0 && c.Version == want {
			break
		}
		if time.Since(begin) > bound {
			t.Fatalf("the other process did not serve version %s within %s", want, bound)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("the other process served the new version %s after the add", time.Since(begin).Round(time.Millisecond))
	if _, ok := b.Corpus().Briefing("moon-base"); !ok || a.StoreErr() != nil || b.StoreErr() != nil {
		t.Errorf("other process: briefing %v, store errors %v %v", ok, a.StoreErr(), b.StoreErr())
	}
	// Both agree on the current version, as a third process would read it.
	if cur, err := process().Current(ctx); err != nil || cur != want {
		t.Errorf("current = %q, %v; want %s", cur, err, want)
	}
}

// flakyStore is a Store that fails while down is set.
type flakyStore struct {
	mu   sync.Mutex
	down bool
	cur  string
	kept map[string]knowledge.Corpus
}

var errDown = errors.New("redis: connection refused")

func (f *flakyStore) set(down bool) { f.mu.Lock(); f.down = down; f.mu.Unlock() }

func (f *flakyStore) Get(_ context.Context, v string) (knowledge.Corpus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return knowledge.Corpus{}, errDown
	}
	c, ok := f.kept[v]
	if !ok {
		return c, store.ErrNotFound
	}
	return c, nil
}

func (f *flakyStore) Put(_ context.Context, c knowledge.Corpus) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return errDown
	}
	if f.kept == nil {
		f.kept = map[string]knowledge.Corpus{}
	}
	f.kept[c.Version], f.cur = c, c.Version
	return nil
}

func (f *flakyStore) Current(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return "", errDown
	}
	return f.cur, nil
}

// StoreErr says when the chunk store fails and when it is back, and the
// log says each once.
func TestStoreErr(t *testing.T) {
	st := &flakyStore{}
	var logs bytes.Buffer
	var lmu sync.Mutex
	log := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		lmu.Lock()
		defer lmu.Unlock()
		return logs.Write(p)
	}), nil))
	logged := func() string { lmu.Lock(); defer lmu.Unlock(); return logs.String() }
	dir := t.TempDir()
	lib := New(dir, st, knowledge.Corpus{}, func(knowledge.Corpus) {}, log)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	lib.NoteStoreErr(errDown) // as the app does when loading failed
	if lib.StoreErr() == nil {
		t.Fatal("NoteStoreErr not reported")
	}
	if _, err := lib.Add(ctx, "moon.md", []byte(moon), false); err != nil || lib.StoreErr() != nil {
		t.Fatalf("add with the store up: %v, StoreErr %v", err, lib.StoreErr())
	}
	st.set(true)
	if _, err := lib.Remove(ctx, "moon-base"); err != nil {
		t.Fatal(err) // the files are the truth: served anyway
	}
	if !errors.Is(lib.StoreErr(), errDown) || !strings.Contains(logged(), "knowledge indexed but not shared: shared chunk store unavailable") {
		t.Fatalf("after a failed put: StoreErr %v, log:\n%s", lib.StoreErr(), logged())
	}
	go lib.Follow(ctx, 10*time.Millisecond)
	time.Sleep(100 * time.Millisecond)
	st.set(false)
	deadline := time.Now().Add(5 * time.Second)
	for lib.StoreErr() != nil {
		if time.Now().After(deadline) {
			t.Fatal("Follow did not see the store back")
		}
		time.Sleep(5 * time.Millisecond)
	}
	for !strings.Contains(logged(), "shared chunk store available again") {
		if time.Now().After(deadline) {
			t.Fatalf("recovery not logged:\n%s", logged())
		}
		time.Sleep(5 * time.Millisecond)
	}
	// Down again while following: said once, however many checks fail.
	st.set(true)
	for !strings.Contains(logged(), StoreUnavailable) {
		if time.Now().After(deadline) {
			t.Fatalf("Follow did not say the store failed:\n%s", logged())
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	cancel()
	// Once after the add (NoteStoreErr said it was down), once after Follow.
	if n := strings.Count(logged(), "available again"); n != 2 {
		t.Errorf("recovery logged %d times, want 2:\n%s", n, logged())
	}
	if n := strings.Count(logged(), StoreUnavailable); n != 1 || !errors.Is(lib.StoreErr(), errDown) {
		t.Errorf("failure while following logged %d times, want 1; StoreErr %v:\n%s", n, lib.StoreErr(), logged())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
