package knowledge

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed briefings/*.md briefings/*.eval.jsonl briefings/*.questions.jsonl
var embedded embed.FS

// Source is one briefing file's raw bytes, before parsing.
type Source struct {
	Name string // "embedded:x.md" or the path on disk
	Data []byte
	// Err says why the file could not be read (not a regular file, too
	// large, unreadable): Build leaves it out and reports it.
	Err error
	// The briefing's questions file (see QuestionsFile), when it has one:
	// its name, its bytes, or why it could not be read.
	QuestionsName string
	Questions     []byte
	QuestionsErr  error
}

// Corpus is everything the bot knows at one knowledge version.
type Corpus struct {
	Version   string     `json:"version"`
	Briefings []Briefing `json:"briefings"`
	Chunks    []Chunk    `json:"chunks"`
	// Problems are the briefing files left out, each with why (by line
	// where the file is malformed): one bad file does not stop the bot.
	Problems []ParseError `json:"problems,omitempty"`
}

// formatVersion changes whenever parsing or chunking changes what a given
// file yields, so that caches keyed by Version are invalidated with it.
const formatVersion = "briefbot-knowledge-7"

// Sources returns the compiled-in briefings followed by the briefing files
// in dir (none when dir is empty; see BriefingFile), sorted by name within
// each group.
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
		src := Source{Name: "embedded:" + strings.TrimPrefix(n, "briefings/"), Data: data}
		if q, err := embedded.ReadFile(QuestionsFile(n)); err == nil {
			src.QuestionsName, src.Questions = QuestionsFile(src.Name), q
		}
		out = append(out, src)
	}
	if dir == "" {
		return out, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, dirError(dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("KNOWLEDGE_DIR %s is not a directory: name the folder holding the briefings (*.md)", dir)
	}
	// Listed, not globbed: a folder named with [ or * is no pattern.
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, dirError(dir, err)
	}
	var paths []string
	for _, e := range entries {
		if n := e.Name(); BriefingFile(n) {
			paths = append(paths, filepath.Join(dir, n))
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		data, err := ReadBriefing(p)
		src := Source{Name: p, Data: data, Err: err}
		if qp := QuestionsFile(p); qp != p {
			q, err := readQuestions(qp)
			if q != nil || err != nil {
				src.QuestionsName, src.Questions, src.QuestionsErr = qp, q, err
			}
		}
		out = append(out, src)
	}
	return out, nil
}

// BriefingFile reports whether a file of KNOWLEDGE_DIR named name is read
// as a briefing: its name ends in ".md", in any case (NOTES.MD, as
// uploads take it), and it is not hidden (a Mac's "._x.md", an editor's
// ".#x.md" lock).
func BriefingFile(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".md") && !strings.HasPrefix(name, ".")
}

// dirError says why KNOWLEDGE_DIR dir cannot be read, naming the path
// once (an *fs.PathError would name it again) and what to do.
func dirError(dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &dirErr{fmt.Sprintf("KNOWLEDGE_DIR %s does not exist: create it, or leave KNOWLEDGE_DIR empty to answer from the compiled-in briefings only", dir), err}
	case errors.Is(err, fs.ErrPermission):
		return &dirErr{fmt.Sprintf("KNOWLEDGE_DIR %s cannot be read by the bot (uid %d): %v", dir, os.Getuid(), err), err}
	}
	return &dirErr{fmt.Sprintf("KNOWLEDGE_DIR %s: %v", dir, err), err}
}

// dirErr is dirError's: its own words, and the cause for errors.Is (a
// moderator is told "does not exist" of a folder that does not).
type dirErr struct {
	msg string
	err error
}

func (e *dirErr) Error() string { return e.msg }
func (e *dirErr) Unwrap() error { return e.err }

// ReadBriefing reads a briefing file: a regular file (a symlink to one is
// fine) of at most MaxBriefingBytes. A FIFO would block the read forever
// and a device such as /dev/zero never ends, so neither is opened.
func ReadBriefing(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := os.Readlink(path); lerr == nil {
			return nil, &NotFileError{fmt.Sprintf("is a link to %s, which does not exist: fix the link or remove it", target)}
		}
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &NotFileError{notFile(st.Mode())}
	}
	if st.Size() > MaxBriefingBytes {
		return nil, fmt.Errorf("%d bytes, more than the %d a briefing may have", st.Size(), MaxBriefingBytes)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The size can change between Stat and the read: the limit holds.
	data, err := io.ReadAll(io.LimitReader(f, MaxBriefingBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBriefingBytes {
		return nil, fmt.Errorf("more than the %d bytes a briefing may have", MaxBriefingBytes)
	}
	return data, nil
}

// readQuestions reads a briefing's questions file at path (as a briefing
// is read: a regular file, of bounded size): nil and no error when there
// is none.
func readQuestions(path string) ([]byte, error) {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err == nil && st.Mode().IsRegular() && st.Size() > MaxQuestionsBytes {
		return nil, fmt.Errorf("%d bytes, more than the %d a questions file may have", st.Size(), MaxQuestionsBytes)
	}
	return ReadBriefing(path)
}

// NotFileError is why an entry of KNOWLEDGE_DIR named like a briefing is
// no file to read: a folder, a named pipe, a link to nothing. Its message
// says what it is, in the operator's words.
type NotFileError struct{ Msg string }

func (e *NotFileError) Error() string { return e.Msg }

// notFile says what an entry of mode m is, for an operator.
func notFile(m fs.FileMode) string {
	switch t := m.Type(); {
	case t&fs.ModeDir != 0:
		return "is a folder, not a file: rename it, or move it out of the briefings folder"
	case t&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a file"
	case t&fs.ModeSocket != 0:
		return "is a socket, not a file"
	case t&fs.ModeDevice != 0:
		return "is a device, not a file"
	default:
		return fmt.Sprintf("is not a regular file (%s)", t)
	}
}

// Version is the content hash of a set of sources: the same files give the
// same version wherever and whenever they are read, and any edit gives a new
// one. A file's bytes count and so does its name, but not its folder: the
// names decide which of two files with one id is kept and which file a
// briefing is removed from, so a renamed file must not bring back the
// corpus cached for the old name, while processes reading the same files
// from different folders still agree (see Relocate).
func Version(srcs []Source) string {
	sums := make([]string, len(srcs))
	for i, s := range srcs {
		data := append([]byte(filepath.Base(s.Name)+"\x00"), s.Data...)
		if s.Err != nil {
			// An unreadable file is a problem the corpus reports: fixing it
			// must give a new version.
			data = []byte("unreadable\x00" + filepath.Base(s.Name) + "\x00" + s.Err.Error())
		}
		if s.QuestionsName != "" {
			// The questions change what is found, so they are part of the
			// version too.
			data = append(data, "\x00questions\x00"+filepath.Base(s.QuestionsName)+"\x00"...)
			data = append(data, s.Questions...)
			if s.QuestionsErr != nil {
				data = append(data, "\x00unreadable\x00"+s.QuestionsErr.Error()...)
			}
		}
		h := sha256.Sum256(data)
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

// Relocate returns c, read from the chunk store, with its briefings' and
// problems' file names made those of srcs, the sources of its version as
// this process reads them: another process (or `bot index` run elsewhere)
// may have built it from the same files in another folder, and a briefing
// is replaced in and removed from its file.
func (c Corpus) Relocate(srcs []Source) Corpus {
	local := make(map[string]string, len(srcs))
	for _, s := range srcs {
		local[filepath.Base(s.Name)] = s.Name
		if s.QuestionsName != "" {
			local[filepath.Base(s.QuestionsName)] = s.QuestionsName
		}
	}
	at := func(name string) string {
		if n, ok := local[filepath.Base(name)]; ok {
			return n
		}
		return name
	}
	c.Briefings = slices.Clone(c.Briefings)
	for i := range c.Briefings {
		c.Briefings[i].Origin = at(c.Briefings[i].Origin)
	}
	c.Problems = slices.Clone(c.Problems)
	for i := range c.Problems {
		c.Problems[i].Name = at(c.Problems[i].Name)
	}
	return c
}

// Build parses and chunks the sources. A file that cannot be read or is
// malformed, or whose briefing id another file already uses, is left out
// and listed in Corpus.Problems (by name and line), not only the first:
// one bad file does not take the others down. Build fails only when no
// briefing at all is usable.
func Build(srcs []Source) (Corpus, error) {
	c := Corpus{Version: Version(srcs)}
	byID := map[string]string{}
	for _, s := range srcs {
		if s.Err != nil {
			msg := "cannot be read: " + s.Err.Error()
			var nf *NotFileError
			if errors.As(s.Err, &nf) {
				msg = nf.Msg // what it is says why
			}
			c.Problems = append(c.Problems, ParseError{Name: s.Name, Msg: msg})
			continue
		}
		b, idLine, err := parse(s.Name, s.Data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				pe = &ParseError{Name: s.Name, Msg: err.Error()}
			}
			c.Problems = append(c.Problems, *pe)
			continue
		}
		if prev, dup := byID[b.ID]; dup {
			c.Problems = append(c.Problems, ParseError{Name: s.Name, Line: idLine, Msg: fmt.Sprintf("briefing id %q is already used by %s", b.ID, prev)})
			continue
		}
		byID[b.ID] = s.Name
		c.Briefings = append(c.Briefings, b)
		chunks := ChunkBriefing(b)
		switch {
		case s.QuestionsErr != nil:
			c.Problems = append(c.Problems, ParseError{Name: s.QuestionsName, Msg: "cannot be read: " + s.QuestionsErr.Error() + "; the briefing is searched without its questions"})
		case s.QuestionsName != "":
			if pe := attachQuestions(chunks, s.QuestionsName, s.Questions); pe != nil {
				c.Problems = append(c.Problems, *pe)
			}
		}
		c.Chunks = append(c.Chunks, chunks...)
	}
	if len(c.Briefings) == 0 && len(c.Problems) > 0 {
		return Corpus{}, fmt.Errorf("knowledge: no usable briefing: %w", c.ProblemsErr())
	}
	return c, nil
}

// ProblemsErr is Problems as one error, nil when there are none.
func (c Corpus) ProblemsErr() error {
	errs := make([]error, len(c.Problems))
	for i := range c.Problems {
		errs[i] = &c.Problems[i]
	}
	return errors.Join(errs...)
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
