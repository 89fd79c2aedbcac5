package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"
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
