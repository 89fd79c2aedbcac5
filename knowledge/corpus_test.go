package knowledge

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestEmbeddedBriefing(t *testing.T) {
	srcs, err := Sources("")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	b, ok := c.Briefing("nato-indo-pacific-2024")
	if !ok {
		t.Fatalf("first briefing missing; have %d", len(c.Briefings))
	}
	if len(b.Paragraphs) != 23 {
		t.Errorf("paragraphs = %d, want 23", len(b.Paragraphs))
	}
	if !strings.HasPrefix(b.Paragraphs[10], "France, for instance") {
		t.Errorf("paragraph 11 = %.40q", b.Paragraphs[10])
	}
	// The body is the seed article unchanged: compare with the shared copy
	// when it is beside the repository.
	if seed, err := os.ReadFile("../../shared/seeds/000_7af72a6d13299e5b.txt"); err == nil {
		var paras []string
		for _, p := range strings.Split(string(seed), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
		if strings.Join(paras, "\n") != strings.Join(b.Paragraphs, "\n") {
			t.Error("embedded briefing text differs from the seed article")
		}
	}
	for _, ch := range c.Chunks {
		if ch.BriefingID != b.ID || ch.Title != b.Title || ch.Date != b.Date {
			t.Errorf("chunk %s lacks briefing fields: %+v", ch.ID, ch)
		}
	}
	if c.Chunks[10].ID != "nato-indo-pacific-2024#p11" || c.Chunks[10].Paragraph != 11 {
		t.Errorf("chunk 11 = %s / %d", c.Chunks[10].ID, c.Chunks[10].Paragraph)
	}
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestKnowledgeDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "extra.md", goodFront+"\nExtra paragraph.\n")
	writeFile(t, dir, "notes.txt", "ignored: not a briefing")
	srcs, err := Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Briefing("test-brief"); !ok || len(c.Briefings) != 2 {
		t.Errorf("briefings = %d, want the embedded one and test-brief", len(c.Briefings))
	}
}

func TestKnowledgeDirErrors(t *testing.T) {
	if _, err := Sources(filepath.Join(t.TempDir(), "missing")); err == nil || !strings.Contains(err.Error(), "KNOWLEDGE_DIR") {
		t.Errorf("missing dir: err = %v", err)
	}
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o644)
	if _, err := Sources(file); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("file as dir: err = %v", err)
	}
	if os.Geteuid() != 0 { // root reads anything
		dir := t.TempDir()
		writeFile(t, dir, "locked.md", goodFront+"x\n")
		os.Chmod(filepath.Join(dir, "locked.md"), 0)
		srcs, err := Sources(dir)
		if err != nil || srcs[len(srcs)-1].Err == nil {
			t.Errorf("unreadable file: %v, want it listed with its error", err)
		}
	}
}

// TestSourcesSkipHiddenFiles: files whose names start with a dot are
// never briefings — macOS's "._x.md" beside each file copied from a Mac,
// Emacs's ".#x.md" lock (a link to nowhere) while x.md is being edited —
// and would otherwise be problems that make `bot index` refuse.
func TestSourcesSkipHiddenFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", goodFront+"\nA.\n")
	writeFile(t, dir, "._a.md", "\x00\x05\x16\x07Mac OS X        \x00\x02")
	if err := os.Symlink("root@host.4242:1700000000", filepath.Join(dir, ".#a.md")); err != nil {
		t.Fatal(err)
	}
	srcs, err := Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Problems) != 0 || len(c.Briefings) != 2 {
		t.Errorf("briefings %d, problems %v; want the embedded one and a.md's, no problem", len(c.Briefings), c.ProblemsErr())
	}
}

// One bad file does not take the good ones down: each is left out and
// listed by name and line; only a corpus with no usable briefing fails.
func TestBuildLeavesOutEveryBadFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", goodFront+"\nA.\n")
	writeFile(t, dir, "b.md", goodFront+"\nB.\n") // same id as a.md
	writeFile(t, dir, "c.md", "---\nid: c\n---\nx\n")
	writeFile(t, dir, "huge.md", goodFront+strings.Repeat("x", MaxBriefingBytes))
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs, err := Sources(dir) // would hang on the FIFO, or never end on /dev/zero
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Briefing("test-brief"); !ok || len(c.Briefings) != 2 {
		t.Errorf("briefings = %d, want the embedded one and a.md's", len(c.Briefings))
	}
	problems := c.ProblemsErr().Error()
	for _, want := range []string{
		`b.md:2: briefing id "test-brief" is already used by`, `c.md:3: front matter lacks required key "title"`,
		"huge.md: cannot be read: ", "zero.md: is a device, not a file", "pipe.md: is a named pipe (FIFO), not a file",
	} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems %q lack %q", problems, want)
		}
	}
	if len(c.Problems) != 5 {
		t.Errorf("%d problems, want 5", len(c.Problems))
	}
	// Fixing a bad file gives a new version, so caches rebuild.
	os.Remove(filepath.Join(dir, "pipe.md"))
	srcs2, _ := Sources(dir)
	if Version(srcs2) == c.Version {
		t.Error("removing a bad file kept the version")
	}
	// Nothing usable at all is an error.
	if _, err := Build([]Source{{Name: "c.md", Data: []byte("---\nid: c\n---\nx\n")}}); err == nil || !strings.Contains(err.Error(), "no usable briefing") {
		t.Errorf("Build of only a bad file: %v", err)
	}
}

func TestVersion(t *testing.T) {
	a := []Source{{Name: "/k/a", Data: []byte("one")}, {Name: "/k/b", Data: []byte("two")}}
	same := []Source{{Name: "/srv/b", Data: []byte("two")}, {Name: "/srv/a", Data: []byte("one")}}
	edited := []Source{{Name: "/k/a", Data: []byte("one!")}, {Name: "/k/b", Data: []byte("two")}}
	renamed := []Source{{Name: "/k/a", Data: []byte("one")}, {Name: "/k/c", Data: []byte("two")}}
	if Version(a) != Version(same) {
		t.Error("the same files in another folder, in another order, gave another version")
	}
	if Version(a) == Version(edited) {
		t.Error("an edited briefing kept the version")
	}
	if Version(a) == Version(renamed) {
		t.Error("a renamed briefing file kept the version")
	}
}

func TestChunkSplitsLongParagraphs(t *testing.T) {
	sentence := "This sentence is about forty characters long. "
	long := strings.Repeat(sentence, 60) // ~2,800 runes
	b := Briefing{ID: "b", Title: "T", Date: "2024-01-01", Paragraphs: []string{"Short one.", strings.TrimSpace(long)}}
	cs := ChunkBriefing(b)
	if cs[0].ID != "b#p1" || cs[0].Part != 0 {
		t.Errorf("first chunk %+v", cs[0])
	}
	if len(cs) < 4 || cs[1].ID != "b#p2.1" || cs[2].ID != "b#p2.2" {
		t.Fatalf("long paragraph chunks: %d, ids %s %s", len(cs), cs[1].ID, cs[2].ID)
	}
	var joined []string
	for _, c := range cs[1:] {
		if n := len([]rune(c.Text)); n > MaxChunkRunes {
			t.Errorf("%s has %d runes", c.ID, n)
		}
		if !strings.HasSuffix(c.Text, ".") || c.Paragraph != 2 {
			t.Errorf("%s not cut at a sentence end or wrong paragraph", c.ID)
		}
		joined = append(joined, c.Text)
	}
	if strings.Join(joined, " ") != strings.TrimSpace(long) {
		t.Error("split lost or changed text")
	}
}

// TestChunkBoundsTextWithoutSentenceEnds: a paragraph with no sentence
// end to split at (a pasted table, a list without full stops, text run
// together) is still cut into chunks of at most MaxChunkRunes, at spaces,
// and at runes only where a word is longer than a chunk; otherwise one
// chunk, quoted whole, could be as large as the file.
func TestChunkBoundsTextWithoutSentenceEnds(t *testing.T) {
	var rows []string
	for i := range 400 {
		rows = append(rows, fmt.Sprintf("| port %d | %d tonnes | grain |", i, i*7))
	}
	table := strings.Join(rows, " ")
	word := strings.Repeat("長", 3000)
	for _, p := range []string{table, "Lead sentence. " + table + " Closing sentence.", word} {
		cs := ChunkBriefing(Briefing{ID: "b", Title: "T", Date: "2024-01-01", Paragraphs: []string{p}})
		if len(cs) < 2 {
			t.Fatalf("%d runes in %d chunk(s)", len([]rune(p)), len(cs))
		}
		var joined []string
		for i, c := range cs {
			if n := len([]rune(c.Text)); n > MaxChunkRunes || n == 0 {
				t.Errorf("%s has %d runes", c.ID, n)
			}
			if c.Part != i+1 || c.Paragraph != 1 {
				t.Errorf("%s: part %d, paragraph %d", c.ID, c.Part, c.Paragraph)
			}
			joined = append(joined, c.Text)
		}
		sep := " "
		if p == word {
			sep = ""
		}
		if strings.Join(joined, sep) != p {
			t.Error("split lost or changed text")
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"They met in Washington D.C. for the summit. Then left.", []string{"They met in Washington D.C. for the summit.", "Then left."}},
		{"Allies like the U.S. This could help.", []string{"Allies like the U.S.", "This could help."}},
		{"He said “stop.” Then he left.", []string{"He said “stop.”", "Then he left."}},
		{"Version 2.5 is out. ok", []string{"Version 2.5 is out. ok"}},
	}
	for _, tt := range tests {
		if got := Sentences(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	if got := Normalize("  NATO’s  “global”\u00a0role – ﬁne  "); got != `nato's "global" role - fine` {
		t.Errorf("Normalize = %q", got)
	}
}

// A KNOWLEDGE_DIR that cannot be used is named once, with what to do; and
// a folder whose name holds a glob's special characters is read as a
// folder, not as a pattern (TestKnowledgeDirSaidOnce).
func TestKnowledgeDirSaidOnce(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	_, err := Sources(missing)
	if err == nil || strings.Count(err.Error(), missing) != 1 || !strings.Contains(err.Error(), "does not exist") ||
		strings.Contains(err.Error(), "stat ") || strings.HasPrefix(err.Error(), "knowledge:") {
		t.Errorf("missing dir: %v; want its path once and that it does not exist", err)
	}
	file := filepath.Join(t.TempDir(), "f")
	writeFile(t, filepath.Dir(file), "f", "")
	if _, err := Sources(file); err == nil || strings.Count(err.Error(), file) != 1 {
		t.Errorf("file as dir: %v", err)
	}
	odd := filepath.Join(t.TempDir(), "briefings [2024]")
	if err := os.Mkdir(odd, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, odd, "a.md", goodFront+"\nA paragraph.\n")
	srcs, err := Sources(odd)
	if err != nil || len(srcs) == 0 || srcs[len(srcs)-1].Name != filepath.Join(odd, "a.md") {
		t.Errorf("a folder named with [ ]: %v, last source %+v", err, srcs[len(srcs)-1].Name)
	}
}
