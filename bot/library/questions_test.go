package library

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// Removing a briefing removes its questions file too: written for its
// paragraphs, it would otherwise wait in the folder for the next file of
// its name.
func TestRemoveTakesTheQuestionsFile(t *testing.T) {
	dir := t.TempDir()
	lib, _ := newLib(t, dir, newStore(t))
	ctx := context.Background()
	if _, err := lib.Add(ctx, "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	questions := filepath.Join(dir, "moon-base.questions.jsonl")
	if err := os.WriteFile(questions, []byte(`{"paragraph":1,"sha256":"x","questions":["how many?"]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.questions.jsonl")
	os.WriteFile(other, nil, 0o644)
	if _, err := lib.Remove(ctx, "moon-base"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(questions); !os.IsNotExist(err) {
		t.Errorf("questions file still there after its briefing's removal: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another briefing's questions file went too: %v", err)
	}
}

// fakeQuestioner answers each paragraph with questions naming it, or
// err; hold, when set, is waited on before answering.
type fakeQuestioner struct {
	err  error
	hold chan struct{}
}

func (f fakeQuestioner) Questions(ctx context.Context, title string, c knowledge.Chunk) ([]string, error) {
	if f.hold != nil {
		<-f.hold
	}
	if f.err != nil {
		return nil, f.err
	}
	return []string{"who lives on the " + title + "?", fmt.Sprintf("what does paragraph %d say?", c.Paragraph)}, nil
}

// With a model, an added briefing gets its questions file in the
// background, and the knowledge is read again with it.
func TestAddWritesTheQuestionsFile(t *testing.T) {
	dir := t.TempDir()
	lib, sw := newLib(t, dir, newStore(t))
	lib.WriteQuestions(context.Background(), fakeQuestioner{})
	if _, err := lib.Add(context.Background(), "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	lib.Wait()
	data, err := os.ReadFile(filepath.Join(dir, "moon-base.questions.jsonl"))
	if err != nil || !strings.Contains(string(data), "what does paragraph 1 say?") {
		t.Fatalf("questions file %q, %v", data, err)
	}
	c, n := sw.get()
	var got []string
	for _, ch := range c.Chunks {
		if ch.BriefingID == "moon-base" {
			got = append(got, ch.Questions...)
		}
	}
	if n != 2 || len(got) != 2 || c.Version != lib.Corpus().Version {
		t.Errorf("swaps %d, moon-base questions %q: want the knowledge read again with them", n, got)
	}
}

// The model failing: no file, the briefing served all the same, and the
// log says so.
func TestAddQuestionsModelDown(t *testing.T) {
	dir := t.TempDir()
	var logs strings.Builder
	srcs, _ := knowledge.Sources(dir)
	c, _ := knowledge.Build(srcs)
	sw := &swaps{}
	lib := New(dir, newStore(t), c, sw.swap, slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil)))
	lib.WriteQuestions(context.Background(), fakeQuestioner{err: errors.New("model unreachable")})
	if _, err := lib.Add(context.Background(), "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	lib.Wait()
	if _, err := os.Stat(filepath.Join(dir, "moon-base.questions.jsonl")); !os.IsNotExist(err) {
		t.Errorf("questions file written though the model failed: %v", err)
	}
	if _, ok := lib.Corpus().Briefing("moon-base"); !ok {
		t.Error("briefing not served")
	}
	if !strings.Contains(logs.String(), "questions not written") || !strings.Contains(logs.String(), "model unreachable") {
		t.Errorf("log does not say why: %s", logs.String())
	}
}

// Removed while its questions were being written: no questions file is
// left behind for it.
func TestAddQuestionsOfARemovedBriefing(t *testing.T) {
	dir := t.TempDir()
	lib, _ := newLib(t, dir, newStore(t))
	hold := make(chan struct{})
	lib.WriteQuestions(context.Background(), fakeQuestioner{hold: hold})
	if _, err := lib.Add(context.Background(), "moon.md", []byte(moon), false); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Remove(context.Background(), "moon-base"); err != nil {
		t.Fatal(err)
	}
	close(hold)
	lib.Wait()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left in the folder: %v", entries)
	}
}

// syncWriter lets the library's background writes and the test share a
// builder.
type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
