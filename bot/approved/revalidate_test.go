package approved

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// lateStorage runs hook (once) inside the first Update, before its
// function reads the entries: another writer that gets in between a
// caller's decision to write and its atomic update.
type lateStorage struct {
	*memStorage
	once sync.Once
	hook func()
}

func (s *lateStorage) Update(ctx context.Context, guildID string, f func(context.Context, []Entry) ([]Entry, []string, error)) error {
	s.once.Do(s.hook)
	return s.memStorage.Update(ctx, guildID, f)
}

// A re-check against knowledge replaced meanwhile (a retry that runs
// late) writes nothing once the newer knowledge is served: the check of
// what is current is inside each guild's atomic update, so no caller
// needs a lock across the storage's calls to keep re-checks in order.
func TestRevalidateWhileStopsWhenTheKnowledgeMovedOn(t *testing.T) {
	ctx := context.Background()
	mem := newMem()
	s := New(mem)
	const frQ = "Why does France oppose a NATO office in Tokyo?"
	if _, err := s.Approve(ctx, g, frQ, france, "", "77"); err != nil {
		t.Fatal(err)
	}
	texts := map[int]string{3: p3, 4: p4, 11: p11}
	var current atomic.Value
	current.Store("v2")
	cur := func() string { return current.Load().(string) }

	// The retry for v2 decided to run (v2 was current); before its update
	// reads the guild, v3 is swapped in and re-checked.
	late := &lateStorage{memStorage: mem}
	late.hook = func() {
		current.Store("v3")
		if _, err := New(mem).RevalidateWhile(ctx, corpus("v3", texts), cur); err != nil {
			t.Errorf("v3: %v", err)
		}
	}
	if _, err := New(late).RevalidateWhile(ctx, corpus("v2", texts), cur); !errors.Is(err, ErrSuperseded) {
		t.Errorf("late v2 re-check: err = %v, want ErrSuperseded", err)
	}
	if _, ok, _ := s.Lookup(ctx, g, frQ, "v3"); !ok {
		t.Error("the approval is not served on v3, the current knowledge: the late v2 re-check moved it back")
	}
}

// Re-checks of two knowledge versions racing, with no lock around them,
// leave the approvals on the one served last.
func TestRevalidateWhileRace(t *testing.T) {
	ctx := context.Background()
	s := New(newMem())
	const frQ = "Why does France oppose a NATO office in Tokyo?"
	if _, err := s.Approve(ctx, g, frQ, france, "", "77"); err != nil {
		t.Fatal(err)
	}
	texts := map[int]string{3: p3, 4: p4, 11: p11}
	var current atomic.Value
	cur := func() string { return current.Load().(string) }
	for i := range 50 {
		old, newer := "a"+string(rune('0'+i%10)), "b"+string(rune('0'+i%10))
		current.Store(old)
		var wg sync.WaitGroup
		wg.Go(func() { s.RevalidateWhile(ctx, corpus(old, texts), cur) })
		wg.Go(func() {
			current.Store(newer)
			if _, err := s.RevalidateWhile(ctx, corpus(newer, texts), cur); err != nil {
				t.Errorf("newer: %v", err)
			}
		})
		wg.Wait()
		if _, ok, _ := s.Lookup(ctx, g, frQ, newer); !ok {
			t.Fatalf("round %d: approval not on %s, the knowledge served", i, newer)
		}
	}
}
