// Package library manages what the bot knows while it runs: moderators add
// and remove briefings, and every change is validated, written durably to
// KNOWLEDGE_DIR, indexed and swapped in without a restart. Other processes
// sharing the Redis notice the new knowledge version and reload.
package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge"
)

// Store is the chunk store (knowledge/store.Store).
type Store interface {
	Get(ctx context.Context, version string) (knowledge.Corpus, error)
	Put(ctx context.Context, c knowledge.Corpus) error
	Current(ctx context.Context) (string, error)
}

// Swapper makes a corpus the bot's knowledge (it builds the index).
type Swapper func(knowledge.Corpus)

// MaxUploadBytes bounds an uploaded briefing.
const MaxUploadBytes = knowledge.MaxBriefingBytes

// MaxAdded bounds the briefings in KNOWLEDGE_DIR (the added ones, the
// operator's own files included) that Add takes a new one beside: every
// change rebuilds the whole knowledge, writes it to Redis as one value
// and has every other process read it back, and 50 briefings at
// MaxUploadBytes are already some 100 MiB of text. Replacing a briefing
// (the same id) is always allowed. A constant, not a setting: what it
// protects (one Redis value, each process's memory) does not grow with a
// setting.
const MaxAdded = 50

// Errors a moderator can act on; wrapped with details.
var (
	ErrNoDir     = errors.New("library: KNOWLEDGE_DIR is not set, so briefings cannot be added or removed at run time")
	ErrEmbedded  = errors.New("library: a compiled-in briefing cannot be removed")
	ErrUnknown   = errors.New("library: no such briefing")
	ErrDuplicate = errors.New("library: a briefing with that id exists")
	ErrBadName   = errors.New("library: the file must end in .md or .txt")
	ErrTooLarge  = errors.New("library: the file is too large")
	ErrTooMany   = errors.New("library: too many briefings")
	ErrLinked    = errors.New("library: the briefing's file is a link")
)

// mistake is a moderator's mistake of kind (one of the errors above), with
// detail after the kind's text, as a *state.InputError whose message is
// for the moderator.
func mistake(kind error, detail string) error {
	return &state.InputError{Op: "library", Message: strings.TrimPrefix(kind.Error(), "library: ") + detail, Kind: kind}
}

// FolderError is a failed write or removal of a file in KNOWLEDGE_DIR. The
// folder is at fault, not the briefing, and only the server's operator can
// fix it (a folder the bot's user may not write to, a full disk…), so it
// names the folder; errors.Is(err, fs.ErrPermission) tells a permission
// problem.
type FolderError struct {
	Op   string // "write", "remove", or "read" (the folder, counting its files)
	Dir  string // KNOWLEDGE_DIR, as configured
	Path string // the briefing's file
	Err  error  // the cause, from package os
}

func (e *FolderError) Error() string {
	return fmt.Sprintf("library: %s %s: %v", e.Op, e.Path, e.Err)
}

func (e *FolderError) Unwrap() error { return e.Err }

// Library holds the current corpus and changes it. Safe for concurrent use.
type Library struct {
	dir   string
	store Store
	swap  Swapper
	log   *slog.Logger

	mu     sync.Mutex // serialises changes
	corpus knowledge.Corpus

	smu      sync.Mutex // guards storeErr alone, so health checks never wait for a reindex
	storeErr error      // the chunk store's last failure; nil once it answered

	// questioner, when set, writes an added briefing's questions file in
	// the background, within bg's context; pending counts those writes.
	questioner Questioner
	bg         context.Context
	pending    sync.WaitGroup
}

// Questioner writes a paragraph's reader questions with a model
// (bot/doc2query): searched as a field of their own, they find the
// paragraph for questions in other words than its own.
type Questioner interface {
	Questions(ctx context.Context, title string, c knowledge.Chunk) ([]string, error)
}

// WriteQuestions has every briefing added from now on given its questions
// file, written by q in the background (ctx bounds it: the process's
// life). Without it an added briefing has none, and is searched by its
// text alone.
func (l *Library) WriteQuestions(ctx context.Context, q Questioner) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.questioner, l.bg = q, ctx
}

// Wait waits for the questions files being written (WriteQuestions).
func (l *Library) Wait() { l.pending.Wait() }

// New returns a library over dir (may be empty: then read-only) whose
// current corpus is c.
func New(dir string, st Store, c knowledge.Corpus, swap Swapper, log *slog.Logger) *Library {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Library{dir: dir, store: st, swap: swap, log: log, corpus: c}
}

// Corpus returns the current corpus.
func (l *Library) Corpus() knowledge.Corpus {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.corpus
}

// StoreErr returns why the shared chunk store failed the last time the
// library used it (writing a new version, or Follow asking for the
// current one), or nil when it answered. While it is not nil, knowledge
// changes made here do not reach the other bot processes, and theirs do
// not reach this one: each answers from its own files.
func (l *Library) StoreErr() error {
	l.smu.Lock()
	defer l.smu.Unlock()
	return l.storeErr
}

// NoteStoreErr records the outcome of a use of the chunk store made
// outside the library (loading the knowledge at start), as StoreErr
// reports it until the library uses the store again.
func (l *Library) NoteStoreErr(err error) {
	l.smu.Lock()
	defer l.smu.Unlock()
	l.storeErr = err
}

// storeResult records err as the store's state, says in the log when the
// store is back, and reports whether it has just failed (the caller
// says so in its own words).
func (l *Library) storeResult(err error) (failed bool) {
	l.smu.Lock()
	was := l.storeErr
	l.storeErr = err
	l.smu.Unlock()
	if err == nil && was != nil {
		l.log.Info("shared chunk store available again: knowledge changes are shared with the other bot processes")
	}
	return err != nil && was == nil
}

// StoreUnavailable is the warning logged when the shared chunk store fails.
const StoreUnavailable = "shared chunk store unavailable: answering from the briefing files; knowledge changes are not shared with other bot processes until Redis answers again"

// Writable reports whether briefings can be added and removed.
func (l *Library) Writable() bool { return l.dir != "" }

// Add validates an uploaded file and, when it is sound, stores it under
// KNOWLEDGE_DIR and makes it known at once. A .txt file may lack front
// matter: its first line becomes the title and its name the id. replace
// allows overwriting an added briefing with the same id.
func (l *Library) Add(ctx context.Context, filename string, data []byte, replace bool) (_ knowledge.Briefing, err error) {
	if l.dir == "" {
		return knowledge.Briefing{}, mistake(ErrNoDir, "")
	}
	if len(data) > MaxUploadBytes {
		return knowledge.Briefing{}, mistake(ErrTooLarge, fmt.Sprintf(" (%d bytes, at most %d)", len(data), MaxUploadBytes))
	}
	ext := strings.ToLower(filepath.Ext(filename))
	if ext != ".md" && ext != ".txt" {
		return knowledge.Briefing{}, mistake(ErrBadName, "")
	}
	name := filepath.Base(filename)
	// Front matter opens with a line of "---" alone, as the parser reads
	// it: a .txt under a rule of dashes ("---------- Forwarded message")
	// is plain text.
	first, _, _ := strings.Cut(strings.TrimPrefix(string(data), "\ufeff"), "\n")
	// A UTF-16 file is left to the parser, which says what it is.
	if ext == ".txt" && strings.TrimSpace(first) != "---" && !knowledge.UTF16(data) {
		n := len(data)
		var lineOf func(int) int
		data, lineOf = withFrontMatter(name, data, time.Now())
		defer func() {
			// The parser counts the lines of the file the bot wrote: name
			// the moderator's own.
			var pe *knowledge.ParseError
			if errors.As(err, &pe) && pe.Name == name {
				pe.Line = lineOf(pe.Line)
			}
		}()
		if len(data) > MaxUploadBytes {
			// Said here, of the moderator's own file: the parser would
			// name a size they never uploaded.
			return knowledge.Briefing{}, mistake(ErrTooLarge, fmt.Sprintf(" (%d bytes, and the id, title and date the bot writes at the top of a .txt file take %d more; at most %d in all)",
				n, len(data)-n, MaxUploadBytes))
		}
	}
	b, err := knowledge.Parse(name, data)
	if err != nil {
		return knowledge.Briefing{}, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	path := filepath.Join(l.dir, b.ID+".md")
	var old []byte // the replaced file, put back if the new version is refused
	prev, ok, err := l.briefingLocked(ctx, b.ID, replace)
	if err != nil {
		return knowledge.Briefing{}, err
	}
	if ok {
		if !replace || strings.HasPrefix(prev.Origin, "embedded:") {
			return knowledge.Briefing{}, mistake(ErrDuplicate, fmt.Sprintf(": %q (%s)", b.ID, prev.Title))
		}
		// The new version goes in the old one's file, whatever its name
		// (an operator's notes.md may hold moon-base): a second file with
		// the id would be left out, or outlive the briefing's removal.
		path = prev.Origin
		if err := notLink(path); err != nil {
			return knowledge.Briefing{}, err
		}
		if old, err = os.ReadFile(path); errors.Is(err, fs.ErrNotExist) {
			// Deleted by hand since the folder was last read: nothing to
			// put back, and the new version goes where it was.
			old = nil
		} else if err != nil {
			return knowledge.Briefing{}, &FolderError{Op: "write", Dir: l.dir, Path: path, Err: err}
		}
	} else if n, err := l.filesLocked(); err != nil {
		return knowledge.Briefing{}, &FolderError{Op: "read", Dir: l.dir, Path: l.dir, Err: err}
	} else if n >= MaxAdded {
		return knowledge.Briefing{}, mistake(ErrTooMany, fmt.Sprintf(": %d in the folder already, at most %d; remove one first, or replace one (the same id)", n, MaxAdded))
	} else if path, err = freePath(l.dir, b.ID); err != nil {
		return knowledge.Briefing{}, &FolderError{Op: "write", Dir: l.dir, Path: filepath.Join(l.dir, b.ID+".md"), Err: err}
	}
	if err := WriteAtomic(path, data); err != nil {
		return knowledge.Briefing{}, &FolderError{Op: "write", Dir: l.dir, Path: path, Err: err}
	}
	err = l.reindexLocked(ctx)
	if got, ok := l.corpus.Briefing(b.ID); err == nil && (!ok || got.Origin != path) {
		// Left out (another file on disk has its id): say why.
		err = &knowledge.ParseError{Name: name, Msg: "left out of the knowledge"}
		for _, p := range l.corpus.Problems {
			if p.Name == path {
				err = &knowledge.ParseError{Name: name, Line: p.Line, Msg: p.Msg}
			}
		}
	}
	if err != nil {
		// Leave the disk as the knowledge was.
		if old != nil {
			WriteAtomic(path, old)
		} else {
			os.Remove(path)
		}
		if rerr := l.reindexLocked(ctx); rerr != nil {
			l.log.Warn("knowledge not re-read after a refused upload", "err", rerr)
		}
		return knowledge.Briefing{}, err
	}
	b.Origin = path
	if l.questioner != nil {
		l.pending.Add(1)
		go func() {
			defer l.pending.Done()
			l.writeQuestions(b)
		}()
	}
	return b, nil
}

// writeQuestions asks the questioner for the paragraphs of b, just added,
// that have no questions yet (the questions file may hold some for
// paragraphs a replaced version shares), and writes its questions file,
// then reads the knowledge again. It stops, writing nothing, when a
// paragraph gets none, when b is replaced or removed meanwhile (here or,
// on disk, by another process), or when ctx ends (shutdown).
func (l *Library) writeQuestions(b knowledge.Briefing) {
	l.mu.Lock()
	q, ctx := l.questioner, l.bg
	chunks := l.chunksLocked(b)
	l.mu.Unlock()
	asked := 0
	for i, c := range chunks {
		if len(c.Questions) > 0 {
			continue
		}
		if !l.current(b) {
			l.log.Info("briefing changed while its questions were written; they are not", "briefing", b.ID)
			return
		}
		qs, err := q.Questions(ctx, b.Title, c)
		if err == nil && len(qs) == 0 {
			err = errors.New("the model gave no usable question")
		}
		if err != nil {
			if ctx.Err() == nil {
				l.log.Warn("added briefing's questions not written; it is searched by its text alone (bot questions writes them)",
					"briefing", b.ID, "paragraph", c.Paragraph, "err", err)
			}
			return
		}
		chunks[i].Questions = qs
		asked++
	}
	if asked == 0 || ctx.Err() != nil {
		return
	}
	data, err := knowledge.EncodeQuestions(chunks)
	if err == nil && len(data) > knowledge.MaxQuestionsBytes {
		err = fmt.Errorf("%d bytes, more than the %d a questions file may have", len(data), knowledge.MaxQuestionsBytes)
	}
	if err != nil {
		l.log.Warn("added briefing's questions not written", "briefing", b.ID, "err", err)
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.chunksLocked(b) == nil || !onDisk(b) {
		l.log.Info("briefing changed while its questions were written; they are not", "briefing", b.ID)
		return
	}
	path := knowledge.QuestionsFile(b.Origin)
	if err := WriteAtomic(path, data); err != nil {
		l.log.Warn("added briefing's questions not written", "briefing", b.ID, "file", path, "err", err)
		return
	}
	if err := l.reindexLocked(ctx); err != nil {
		l.log.Warn("questions written, knowledge not re-read", "briefing", b.ID, "err", err)
		return
	}
	l.log.Info("added briefing's questions written", "briefing", b.ID, "file", path, "paragraphs", asked)
}

// chunksLocked returns the current knowledge's chunks of b, with the
// questions they have, or nil when b is no longer the briefing served
// under its id (replaced, removed).
func (l *Library) chunksLocked(b knowledge.Briefing) []knowledge.Chunk {
	cur, ok := l.corpus.Briefing(b.ID)
	if !ok || cur.Origin != b.Origin || cur.Title != b.Title || !slices.Equal(cur.Paragraphs, b.Paragraphs) {
		return nil
	}
	var out []knowledge.Chunk
	for _, c := range l.corpus.Chunks {
		if c.BriefingID == b.ID {
			out = append(out, c)
		}
	}
	return out
}

// current reports whether b is still the briefing served under its id.
func (l *Library) current(b knowledge.Briefing) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.chunksLocked(b) != nil
}

// onDisk reports whether b's file still holds b: another process sharing
// the folder may have replaced it (and written its questions) before this
// one read the folder again.
func onDisk(b knowledge.Briefing) bool {
	data, err := knowledge.ReadBriefing(b.Origin)
	if err != nil {
		return false
	}
	got, err := knowledge.Parse(filepath.Base(b.Origin), data)
	return err == nil && got.ID == b.ID && got.Title == b.Title && slices.Equal(got.Paragraphs, b.Paragraphs)
}

// freePath is where a new briefing with the given id is written: "<id>.md",
// unless a file of that name is there already (the operator's moon.md
// may hold moon-base, or a draft left out as malformed), which is kept as
// it is: then "<id>-2.md", "<id>-3.md" and so on.
func freePath(dir, id string) (string, error) {
	for i := 1; i <= 2*MaxAdded+1; i++ {
		name := id + ".md"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.md", id, i)
		}
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		} else if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("no free file name for %q", id)
}

// filesLocked counts the briefing files in KNOWLEDGE_DIR. The folder, not
// the knowledge: another process sharing the folder may have added one
// this process has not read yet (its knowledge follows Redis, and not at
// all while Redis is down), and a file left out of the knowledge (a
// malformed one, a second file with an id) is still one to read on every
// change. Two processes adding at the same moment can still pass the cap
// by one each; the folder has no lock across processes.
func (l *Library) filesLocked() (int, error) {
	entries, err := os.ReadDir(l.dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		// As knowledge.Sources reads them: NOTES.MD is one, hidden files
		// (a Mac's "._x.md") are not.
		if !e.IsDir() && knowledge.BriefingFile(e.Name()) {
			n++
		}
	}
	return n, nil
}

// Remove deletes an added briefing from disk and from the knowledge.
func (l *Library) Remove(ctx context.Context, id string) (knowledge.Briefing, error) {
	if l.dir == "" {
		return knowledge.Briefing{}, mistake(ErrNoDir, "")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok, err := l.briefingLocked(ctx, id, true)
	if err != nil {
		return knowledge.Briefing{}, err
	}
	if !ok {
		return knowledge.Briefing{}, mistake(ErrUnknown, fmt.Sprintf(": %q", id))
	}
	if strings.HasPrefix(b.Origin, "embedded:") {
		return knowledge.Briefing{}, mistake(ErrEmbedded, fmt.Sprintf(": %q", id))
	}
	if err := os.Remove(b.Origin); err != nil {
		// A file already gone from a folder still there (deleted by hand,
		// or by another process sharing the folder) is removed all the
		// same: the knowledge is read again without it.
		if _, serr := os.Stat(l.dir); serr != nil {
			// The folder itself (gone, unmounted): that is what to fix.
			return knowledge.Briefing{}, &FolderError{Op: "read", Dir: l.dir, Path: l.dir, Err: serr}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return knowledge.Briefing{}, &FolderError{Op: "remove", Dir: l.dir, Path: b.Origin, Err: err}
		}
	}
	// Its questions go with it: they were written for its paragraphs,
	// and would otherwise wait for the next file of its name. Left
	// behind, they would do no harm (their hashes match nothing), so a
	// failure here is only logged.
	if q := knowledge.QuestionsFile(b.Origin); q != b.Origin {
		if err := os.Remove(q); err != nil && !errors.Is(err, fs.ErrNotExist) {
			l.log.Warn("briefing removed, its questions file not", "file", q, "err", err)
		}
	}
	return b, l.reindexLocked(ctx)
}

// briefingLocked looks up the briefing id about to be removed or replaced.
// With check set, its file is read again first: an operator may have
// edited it by hand since the folder was last read (given it another
// id, broken it), and removing or overwriting it would then take another
// briefing with it. When the file no longer holds id, the folder is read
// again and id looked up in what it holds now.
func (l *Library) briefingLocked(ctx context.Context, id string, check bool) (knowledge.Briefing, bool, error) {
	b, ok := l.corpus.Briefing(id)
	if !ok || !check || strings.HasPrefix(b.Origin, "embedded:") || holds(b.Origin, id) {
		return b, ok, nil
	}
	l.log.Info("a briefing's file changed since the folder was last read: reading it again", "id", id, "file", b.Origin)
	if err := l.reindexLocked(ctx); err != nil {
		return knowledge.Briefing{}, false, err
	}
	b, ok = l.corpus.Briefing(id)
	return b, ok, nil
}

// holds reports whether the file at path still holds briefing id. A file
// gone, or one that cannot be read, is left to the removal or the write,
// which say so (a file already gone is removed all the same).
func holds(path, id string) bool {
	// Read as the folder is: a FIFO swapped in would block the read, and
	// every moderator's action behind the library's lock, for ever.
	data, err := knowledge.ReadBriefing(path)
	if err != nil {
		return true
	}
	b, err := knowledge.Parse(path, data)
	return err == nil && b.ID == id
}

// notLink refuses to replace a briefing whose file is a symbolic link:
// writing the new version would put a file of the bot's in the link's
// place and leave the file it points to (the operator's, often outside
// the folder) as it was, and writing through the link would change a file
// outside KNOWLEDGE_DIR. The operator decides where the new version goes.
func notLink(path string) error {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	target, err := os.Readlink(path)
	if err != nil {
		target = "another file"
	}
	return mistake(ErrLinked, fmt.Sprintf(": %s is a link to %s, which the bot does not write through. Have the server's operator replace that file, or remove the briefing (the link alone goes) and add it again", filepath.Base(path), target))
}

// Reindex reads the briefings again (files may have been edited by hand),
// writes the chunk store and swaps the knowledge in.
func (l *Library) Reindex(ctx context.Context) (knowledge.Corpus, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	err := l.reindexLocked(ctx)
	return l.corpus, err
}

func (l *Library) reindexLocked(ctx context.Context) error {
	srcs, err := knowledge.Sources(l.dir)
	if err != nil {
		// The folder itself (gone, unreadable): the operator's to fix.
		return &FolderError{Op: "read", Dir: l.dir, Path: l.dir, Err: err}
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		return err
	}
	// The files are the truth: serve the new knowledge anyway, and say
	// that other processes will not see it until Redis is back.
	err = l.store.Put(ctx, c)
	if err != nil {
		l.log.Warn("knowledge indexed but not shared: shared chunk store unavailable", "version", c.Version, "err", err)
	}
	l.storeResult(err)
	l.corpus = c
	l.swap(c)
	l.log.Info("knowledge changed", "version", c.Version, "briefings", len(c.Briefings), "chunks", len(c.Chunks))
	for _, p := range c.Problems {
		l.log.Warn(p.Effect()+": "+p.Msg, "file", p.Name, "line", p.Line)
	}
	return nil
}

// Follow reloads the knowledge whenever another process makes a new
// version current, checking every interval until ctx ends. A version
// another process puts is served here within one interval, plus reading
// the files and one GET of the corpus (bounded by the store's deadline),
// provided this process reads the same files (the same KNOWLEDGE_DIR);
// it also keeps StoreErr up to date.
func (l *Library) Follow(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur, err := l.store.Current(ctx)
		if ctx.Err() != nil {
			return
		}
		if l.storeResult(err) {
			l.log.Warn(StoreUnavailable, "err", err)
		}
		was := l.Corpus().Version
		if err != nil || cur == "" || cur == was {
			continue
		}
		srcs, err := knowledge.Sources(l.dir)
		if err != nil {
			l.log.Warn("knowledge changed elsewhere but the files cannot be read", "err", err)
			continue
		}
		if knowledge.Version(srcs) != cur {
			continue // another process sees other files; ours stay as they are
		}
		c, err := l.store.Get(ctx, cur) // one round trip, no parsing
		if err != nil {
			continue
		}
		c = c.Relocate(srcs)
		l.mu.Lock()
		if l.corpus.Version != was {
			// Changed here meanwhile (a moderator's add or removal): what
			// was read may be older than that; the next look decides.
			l.mu.Unlock()
			continue
		}
		l.corpus = c
		l.swap(c)
		l.mu.Unlock()
		l.log.Info("knowledge reloaded after another process changed it", "version", c.Version)
	}
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

// withFrontMatter turns a plain text file into a briefing: the id from the
// file name, the title from the first line, today's date. lineOf maps a
// line of the briefing returned to the line of data it comes from (0 for
// a line the bot wrote).
func withFrontMatter(name string, data []byte, now time.Time) (briefing []byte, lineOf func(int) int) {
	id := strings.Trim(slugRE.ReplaceAllString(strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name))), "-"), "-")
	if len(id) > 64 {
		id = strings.Trim(id[:64], "-")
	}
	if id == "" {
		// A name with no Latin letter or digit (月面基地.txt): an id of its
		// own, the same for the same name, so that two such files are two
		// briefings and a second upload of one can replace it.
		sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))))
		id = "briefing-" + hex.EncodeToString(sum[:4])
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	trimmed := strings.TrimLeft(text, "\r\n ")
	titleLine := 1 + strings.Count(text[:len(text)-len(trimmed)], "\n")
	title, body, _ := strings.Cut(trimmed, "\n")
	title = strings.TrimSpace(strings.TrimLeft(title, "# "))
	if len([]rune(title)) > 200 || title == "" {
		title, body = strings.TrimSuffix(name, filepath.Ext(name)), text
		titleLine = 0 // the body is the whole file
	}
	// Quoted, so that a first line like "Breaking: news" or "@here" stays
	// a title in YAML (strconv's quoting is valid YAML double quoting).
	front := fmt.Sprintf("---\nid: %s\ntitle: %s\ndate: %s\nsource: %s\n---\n\n",
		id, strconv.Quote(title), now.Format(time.DateOnly), strconv.Quote("uploaded as "+name))
	frontLines := strings.Count(front, "\n") // the body's first line is the next
	lineOf = func(line int) int {
		switch {
		case line > frontLines:
			return line - frontLines + titleLine
		case line == 3: // the title's
			return titleLine
		}
		return 0
	}
	return []byte(front + body), lineOf
}

// WriteAtomic writes through a temporary file and a rename, so a crash never
// leaves half a file on disk: a briefing, or its questions file (`bot
// questions -o`). The file is readable by all (0644), as briefings are
// read by the bot's user, who may not be the writer.
func WriteAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
