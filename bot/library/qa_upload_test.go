package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAddKeepsAnotherBriefingsFile: a new briefing is written to
// "<id>.md"; when the operator's own moon.md held another briefing
// (moon-base), uploading one with the id "moon" wrote over it, and
// moon-base was gone from disk and from the knowledge while the moderator
// was told the upload was added. Both are kept now.
func TestAddKeepsAnotherBriefingsFile(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	own := filepath.Join(dir, "moon.md")
	if err := os.WriteFile(own, []byte(moon), 0o644); err != nil { // id moon-base
		t.Fatal(err)
	}
	lib, _ := newLib(t, dir, st)
	up := "---\nid: moon\ntitle: Moon notes\ndate: 2025-01-02\n---\n\nThe rover found ice.\n"
	b, err := lib.Add(context.Background(), "notes.md", []byte(up), false)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(own); err != nil || string(data) != moon {
		t.Errorf("moon.md after the upload: %q, %v; want the operator's file as it was", data, err)
	}
	c := lib.Corpus()
	if _, ok := c.Briefing("moon-base"); !ok {
		t.Errorf("moon-base left the knowledge; problems: %v", c.Problems)
	}
	if got, ok := c.Briefing("moon"); !ok || got.Origin != b.Origin || b.Origin == own {
		t.Errorf("the upload: %+v in the knowledge %v, added at %s", got, ok, b.Origin)
	}
	// Removing the upload removes its own file, not the operator's.
	if _, err := lib.Remove(context.Background(), "moon"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(own); err != nil {
		t.Errorf("moon.md after removing moon: %v", err)
	}
}

// TestPlainTextErrorsNameTheUploadsLine: a .txt upload is parsed with the
// front matter the bot writes above it, and its errors named the line of
// that longer file: a bell character on line 4 of notes.txt was reported
// at notes.txt:10, a bad first line (the title) at line 3. They name the
// moderator's own line now.
func TestPlainTextErrorsNameTheUploadsLine(t *testing.T) {
	st := newStore(t)
	lib, _ := newLib(t, t.TempDir(), st)
	tests := []struct{ name, data, want string }{
		{"body", "Title\nok\n\nbad \x07 here\n", "notes.txt:4: control character U+0007"},
		{"body after blank lines", "\n\nTitle\n\nbad \x07 here\n", "notes.txt:5: control character U+0007"},
		{"title", "\x00\x01\x02\n\nbody\n", "notes.txt:1: title holds control character U+0000"},
		{"long first line is no title", strings.Repeat("word ", 50) + "\nbad \x07 here\n", "notes.txt:2: control character U+0007"},
		{"invalid UTF-8 with CRLF", "Title\r\n\r\nok\r\n\xff\r\n", "notes.txt:4: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lib.Add(context.Background(), "notes.txt", []byte(tt.data), false)
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

// TestPlainTextStartingWithDashes: a .txt file was taken to have front
// matter when it began with "---" at all, so a forwarded e-mail saved as
// text ("---------- Forwarded message ---------") or notes under a rule of
// dashes were refused: "missing front matter: the file must start with a
// line '---'", of a plain-text file. Only a first line of "---" opens
// front matter now, as the parser reads it.
func TestPlainTextStartingWithDashes(t *testing.T) {
	st := newStore(t)
	lib, _ := newLib(t, t.TempDir(), st)
	ctx := context.Background()
	b, err := lib.Add(ctx, "harbour.txt", []byte("---------- Forwarded message ---------\nFrom: the port authority\n\nThe harbour opened in 1901.\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "harbour" || len(b.Paragraphs) != 2 || b.Paragraphs[1] != "The harbour opened in 1901." {
		t.Errorf("added %+v", b)
	}
	// A .txt with front matter is still read as such, BOM and CRLF alike.
	b, err = lib.Add(ctx, "x.txt", []byte("\ufeff---\r\nid: moon-base\r\ntitle: A base on the Moon\r\ndate: 2025-01-02\r\n---\r\n\r\nText.\r\n"), false)
	if err != nil || b.ID != "moon-base" || b.Title != "A base on the Moon" {
		t.Errorf("front matter in a .txt: %+v, %v", b, err)
	}
}

// TestReplaceFileDeletedByHand: the operator deleted a briefing's file by
// hand and nothing has read the folder since. Replacing the briefing
// failed reading the old file and the moderator was told "the bot's
// storage may be unavailable. Please try again", every time, until a
// reindex; removing it already worked. The new version is written now.
func TestReplaceFileDeletedByHand(t *testing.T) {
	st := newStore(t)
	dir := t.TempDir()
	lib, _ := newLib(t, dir, st)
	ctx := context.Background()
	b, err := lib.Add(ctx, "moon.md", []byte(moon), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(b.Origin); err != nil {
		t.Fatal(err)
	}
	b, err = lib.Add(ctx, "moon.md", []byte(strings.Replace(moon, "twelve", "ten", 1)), true)
	if err != nil {
		t.Fatalf("replace: %v", err)
	}
	if got, ok := lib.Corpus().Briefing("moon-base"); !ok || !strings.Contains(got.Paragraphs[0], "ten astronauts") || got.Origin != b.Origin {
		t.Errorf("after replace: %+v, %v", got, ok)
	}
}

// TestUploadInUTF16: Windows' Notepad saved "Unicode" text as UTF-16. A
// .txt upload so saved was refused with "notes.txt:1: title holds control
// character U+0000", a .md one with "invalid UTF-8": neither says what to
// do. Both now say the file is UTF-16 and to save it as UTF-8.
func TestUploadInUTF16(t *testing.T) {
	st := newStore(t)
	lib, _ := newLib(t, t.TempDir(), st)
	utf16 := func(s string) []byte {
		out := []byte{0xff, 0xfe} // little-endian, as Notepad wrote it
		for _, r := range s {
			out = append(out, byte(r), byte(r>>8))
		}
		return out
	}
	for _, name := range []string{"notes.txt", "notes.md"} {
		_, err := lib.Add(context.Background(), name, utf16("Harbour report\n\nThe harbour opened in 1901.\n"), false)
		if want := name + ":1: the file is UTF-16: save it as UTF-8"; err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", name, err, want)
		}
	}
}
