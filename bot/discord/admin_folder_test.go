//go:build linux

package discord

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/library"
	"github.com/briefbot/briefbot/bot/state"
)

// nobody is the uid the folder tests run the bot's writes as under root.
const nobody = 65534

// withoutWritePermission makes dir readable but not writable (0555), as
// the folder Docker creates for a volume is for the bot's user, and runs f
// so that the mode applies. Root ignores file modes, so as root f runs
// under the effective uid of nobody; that uid is the whole process's, so
// callers must not run in parallel with other tests.
func withoutWritePermission(t *testing.T, dir string, f func()) {
	t.Helper()
	// The other user must reach dir (t.TempDir's parent is 0700), so that
	// the refusal comes from dir's own mode.
	if err := os.Chmod(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if os.Geteuid() != 0 {
		f()
		return
	}
	if err := syscall.Seteuid(nobody); err != nil {
		t.Skipf("running as root without the right to change uid (%v): no way to make the folder's mode apply", err)
	}
	defer func() {
		if err := syscall.Seteuid(0); err != nil {
			panic("cannot return to root: " + err.Error())
		}
	}()
	f()
}

// TestAdminBriefingFolderNotWritable is the first run with docker compose:
// KNOWLEDGE_DIR exists but the bot's user may not write to it. The
// moderator is told which folder and what to ask of the operator; the log
// has the cause.
//
// Not parallel: see withoutWritePermission.
func TestAdminBriefingFolderNotWritable(t *testing.T) {
	dir := t.TempDir()
	e := startAdmin(t, dir)
	wantText := "I can't write to the briefings folder (`" + dir + "`): permission denied. " +
		"The server's operator needs to make it writable by the bot's user."

	var add, rm string
	withoutWritePermission(t, dir, func() {
		add = e.addFile("moon.md", moon).Content
	})
	if add != "Not added: "+wantText {
		t.Errorf("add reply = %q\nwant        %q", add, "Not added: "+wantText)
	}
	line := logLine(e.log.String(), "briefing not added: cannot write to the briefings folder")
	for _, want := range []string{"level=WARN", " dir=" + dir + " ", " path=" + filepath.Join(dir, "moon-base.md") + " ", "permission denied"} {
		if !strings.Contains(line, want) {
			t.Errorf("log line lacks %q: %q", want, line)
		}
	}
	if list := e.reply(e.admin("briefings", manage)).Content; strings.Contains(list, "moon-base") {
		t.Errorf("listed after a failed add: %q", list)
	}

	// The operator fixes the folder: the same upload works.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if m := e.addFile("moon.md", moon); !strings.HasPrefix(m.Content, "Added `moon-base`") {
		t.Fatalf("add after the fix = %q", m.Content)
	}
	// Removing needs the folder's write permission too.
	withoutWritePermission(t, dir, func() {
		rm = e.reply(e.admin("briefing-remove", manage, opt("id", discordgo.ApplicationCommandOptionString, "moon-base"))).Content
	})
	if rm != "Not removed: "+wantText {
		t.Errorf("remove reply = %q", rm)
	}
	line = logLine(e.log.String(), "briefing not removed: cannot write to the briefings folder")
	if !strings.Contains(line, "level=WARN") || !strings.Contains(line, " path="+filepath.Join(dir, "moon-base.md")+" ") {
		t.Errorf("remove log line = %q", line)
	}
}

// TestAdminFolderErrText: what a moderator reads and what the log gets for
// each kind of failure; no raw error reaches the moderator.
func TestAdminFolderErrText(t *testing.T) {
	t.Parallel()
	folder := func(errno syscall.Errno) error {
		return &library.FolderError{Op: "write", Dir: "/knowledge", Path: "/knowledge/x.md",
			Err: &fs.PathError{Op: "createtemp", Path: "/knowledge/.upload-*", Err: errno}}
	}
	perm := "I can't write to the briefings folder (`/knowledge`): permission denied. The server's operator needs to make it writable by the bot's user."
	for _, c := range []struct {
		name   string
		err    error
		text   string
		logged string // "" = not logged
	}{
		{"EACCES", folder(syscall.EACCES), perm, "dir=/knowledge path=/knowledge/x.md"},
		{"EPERM", folder(syscall.EPERM), perm, "dir=/knowledge"},
		{"read-only mount", folder(syscall.EROFS), "I can't write to the briefings folder (`/knowledge`): it is on a read-only file system. The server's operator needs to mount it writable.", "read-only file system"},
		{"disk full", folder(syscall.ENOSPC), storageText, "no space left on device"},
		{"redis down", fmt.Errorf("guild: save: %w", errors.New("dial tcp 127.0.0.1:6379: connection refused")), storageText, "connection refused"},
		{"moderator's mistake", &state.InputError{Op: "library", Message: `a briefing with that id exists: "moon-base"`, Kind: library.ErrDuplicate}, `A briefing with that id exists: "moon-base"`, ""},
	} {
		var log syncBuffer
		a := &admin{b: &Bot{log: slog.New(slog.NewTextHandler(&log, nil))}}
		if got := a.failed(english, "briefing not added", c.err); got != c.text {
			t.Errorf("%s: text = %q, want %q", c.name, got, c.text)
		}
		switch got := log.String(); {
		case c.logged == "" && got != "":
			t.Errorf("%s: logged %q", c.name, got)
		case c.logged != "" && (!strings.Contains(got, "level=WARN") || !strings.Contains(got, c.logged)):
			t.Errorf("%s: log = %q, want a WARN with %q", c.name, got, c.logged)
		}
	}
}
