package knowledge

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed briefings/*.md briefings/*.eval.jsonl
var embedded embed.FS

// Source is one briefing file's raw bytes, before parsing.
type Source struct {
	Name string // "embedded:x.md" or the path on disk
	Data []byte
}

// Corpus is everything the bot knows at one knowledge version.
type Corpus struct {
	Version   string     `json:"version"`
	Briefings []Briefing `json:"briefings"`
	Chunks    []Chunk    `json:"chunks"`
}

// formatVersion changes whenever parsing or chunking changes what a given
// file yields, so that caches keyed by Version are invalidated with it.
const formatVersion = "briefbot-knowledge-2"

// Sources returns the compiled-in briefings followed by the *.md files in
// dir (none when dir is empty), sorted by name within each group.
func Sources(dir string) ([]Source, error) {
	var out []Source
	names, err := fs.Glob(embedded, "briefings/*.md")
	if err != nil {
		return nil, fmt.Errorf("knowledge: list embedded briefings: %w", err)
	}
	for _, n := range names {
		data, err := embedded.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("knowledge: read embedded %s: %w", n, err)
		}
		out = append(out, Source{Name: "embedded:" + strings.TrimPrefix(n, "briefings/"), Data: data})
	}
	if dir == "" {
		return out, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("knowledge: KNOWLEDGE_DIR %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("knowledge: KNOWLEDGE_DIR %s is not a directory", dir)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, fmt.Errorf("knowledge: list %s: %w", dir, err)
	}
	slices.Sort(paths)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("knowledge: read %s: %w", p, err)
		}
		out = append(out, Source{Name: p, Data: data})
	}
	return out, nil
}

// Version is the content hash of a set of sources: the same files give the
// same version wherever and whenever they are read, and any edit gives a new
// one. File names do not count, only their bytes (and formatVersion).
func Version(srcs []Source) string {
	sums := make([]string, len(srcs))
	for i, s := range srcs {
		h := sha256.Sum256(s.Data)
		sums[i] = hex.EncodeToString(h[:])
	}
	slices.Sort(sums)
	h := sha256.New()
	h.Write([]byte(formatVersion))
	for _, s := range sums {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Build parses and chunks the sources. Every malformed file is reported (by
// name and line), not only the first; a briefing id used twice is an error,
// never a silent override.
func Build(srcs []Source) (Corpus, error) {
	c := Corpus{Version: Version(srcs)}
	var errs []error
	byID := map[string]string{}
	for _, s := range srcs {
		b, err := Parse(s.Name, s.Data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := byID[b.ID]; dup {
			errs = append(errs, &ParseError{Name: s.Name, Msg: fmt.Sprintf("briefing id %q is already used by %s", b.ID, prev)})
			continue
		}
		byID[b.ID] = s.Name
		c.Briefings = append(c.Briefings, b)
		c.Chunks = append(c.Chunks, ChunkBriefing(b)...)
	}
	if err := errors.Join(errs...); err != nil {
		return Corpus{}, fmt.Errorf("knowledge: %w", err)
	}
	return c, nil
}

// CheckSet returns the grounding-check questions kept beside a briefing:
// "<id>.eval.jsonl" in KNOWLEDGE_DIR, else the compiled-in one. The format
// is that of `bot eval`. ok is false when the briefing has none.
func CheckSet(dir, briefingID string) (name string, data []byte, ok bool, err error) {
	file := briefingID + ".eval.jsonl"
	if dir != "" {
		p := filepath.Join(dir, file)
		data, err := os.ReadFile(p)
		if err == nil {
			return p, data, true, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", nil, false, fmt.Errorf("knowledge: read %s: %w", p, err)
		}
	}
	data, err = embedded.ReadFile("briefings/" + file)
	if err != nil {
		return "", nil, false, nil
	}
	return "embedded:" + file, data, true, nil
}
