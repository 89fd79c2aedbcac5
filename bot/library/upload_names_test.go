package library

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestPlainTextNamedInAnotherScript: a .txt file whose name has no Latin
// letter or digit (月面基地.txt, قمر.txt) got the id "briefing", so a
// second such upload was refused as a duplicate of the first, an
// unrelated briefing, and the moderator could not add it at all. Each
// name gets an id of its own, the same one on a second upload of the
// same name (so that replace works).
func TestPlainTextNamedInAnotherScript(t *testing.T) {
	lib, _ := newLib(t, t.TempDir(), newStore(t))
	ctx := context.Background()
	ids := map[string]string{}
	for _, name := range []string{"月面基地.txt", "中文.txt", "قمر.txt", "---.txt"} {
		b, err := lib.Add(ctx, name, []byte("Title\n\nThe body of "+name+".\n"), false)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if prev, dup := ids[b.ID]; dup {
			t.Errorf("%s and %s got the same id %q", prev, name, b.ID)
		}
		ids[b.ID] = name
		again, err := lib.Add(ctx, name, []byte("Title\n\nA new version of "+name+".\n"), true)
		if err != nil || again.ID != b.ID {
			t.Errorf("%s replaced: id %q, %v; want %q", name, again.ID, err, b.ID)
		}
	}
	if len(lib.Corpus().Briefings) != 5 {
		t.Errorf("briefings = %d, want the built-in one and 4", len(lib.Corpus().Briefings))
	}
}

// TestPlainTextWithinTheLimitIsNotRefusedForItsFrontMatter: a .txt file
// under the size limit got the front matter the bot writes for it added,
// went over, and was refused by the parser as "N bytes, more than the
// 2097152 allowed", N being a size the moderator never uploaded. The bot
// says the file is too large, with the room the front matter takes.
func TestPlainTextWithinTheLimitIsNotRefusedForItsFrontMatter(t *testing.T) {
	lib, _ := newLib(t, t.TempDir(), newStore(t))
	data := "Big\n\n" + strings.Repeat("word ", MaxUploadBytes/5)
	data = data[:MaxUploadBytes]
	_, err := lib.Add(context.Background(), "big.txt", []byte(data), false)
	if !errors.Is(err, ErrTooLarge) || strings.Contains(err.Error(), "big.txt: file is") {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	t.Log(err)
}
