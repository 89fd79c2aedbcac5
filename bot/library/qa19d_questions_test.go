package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// moon3 is moon-base with three paragraphs.
const moon3 = "---\nid: moon-base\ntitle: A base on the Moon\ndate: 2025-01-02\n---\n\n" +
	"The lunar base will house twelve astronauts from 2031.\n\n" +
	"Its reactor was built in Finland.\n\n" +
	"Supplies arrive every ninety days.\n"

// qa19dQuestioner counts the paragraphs it is asked about; the first call
// waits on hold (when set); onCall, when set, runs on every call.
type qa19dQuestioner struct {
	calls  atomic.Int32
	hold   chan struct{}
	once   sync.Once
	prefix string
	onCall func(n int32, c knowledge.Chunk)
}

func (f *qa19dQuestioner) Questions(ctx context.Context, title string, c knowledge.Chunk) ([]string, error) {
	n := f.calls.Add(1)
	if f.hold != nil && n == 1 {
		<-f.hold
	}
	if f.onCall != nil {
		f.onCall(n, c)
	}
	return []string{f.prefix + "what does paragraph " + c.Text + " mean?"}, nil
}

// TestQA19dRemovedBriefingKeepsTheModelBusy: a briefing removed (or
// replaced) while its questions are being written still has every one of
// its paragraphs sent to the model — 3 calls each through the real
// Questioner (30 questions, 10 a call) — and only at the very end is the
// result thrown away. Nothing cancels the job: a moderator who uploads a
// 200-paragraph briefing, spots a typo and replaces it three times pays
// for four full runs at once, which also contend for the same rate limit
// and make the one that matters fail. Removal/replacement should stop the
// running job (a per-briefing context cancelled by Add/Remove).
func TestQA19dRemovedBriefingKeepsTheModelBusy(t *testing.T) {
	dir := t.TempDir()
	lib, _ := newLib(t, dir, newStore(t))
	q := &qa19dQuestioner{hold: make(chan struct{})}
	lib.WriteQuestions(context.Background(), q)
	if _, err := lib.Add(context.Background(), "moon.md", []byte(moon3), false); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Remove(context.Background(), "moon-base"); err != nil {
		t.Fatal(err)
	}
	close(q.hold)
	lib.Wait()
	if n := q.calls.Load(); n > 1 {
		t.Errorf("the model was asked about %d paragraphs of a briefing removed after the first call; want the job stopped at removal", n)
	}
}

// TestQA19dStaleCheckOverwritesNewerQuestions: writeQuestions decides
// whether the briefing "changed meanwhile" from the library's in-memory
// corpus, not from the file on disk (unlike briefingLocked, which reads
// the file again for exactly this reason). Another bot process sharing
// KNOWLEDGE_DIR (shards; or any process while Redis is down, when Follow
// cannot tell it) replaces the briefing and writes the new text's
// questions; this process's job, started for the old text, then finishes,
// still sees the old text in memory, and overwrites the newer questions
// file with questions for text the file no longer holds. The new
// version's questions are lost (its hashes no longer match anything in the
// file) and the briefing is searched by its words alone until someone
// notices.
func TestQA19dStaleCheckOverwritesNewerQuestions(t *testing.T) {
	dir := t.TempDir()
	st := newStore(t)
	a, _ := newLib(t, dir, st)
	qa := &qa19dQuestioner{hold: make(chan struct{}), prefix: "OLD "}
	a.WriteQuestions(context.Background(), qa)
	if _, err := a.Add(context.Background(), "moon.md", []byte(moon3), false); err != nil {
		t.Fatal(err)
	}
	// The other process, reading the same folder.
	b, _ := newLib(t, dir, st)
	b.WriteQuestions(context.Background(), &qa19dQuestioner{prefix: "NEW "})
	v2 := strings.Replace(moon3, "Finland", "Sweden", 1)
	if _, err := b.Add(context.Background(), "moon.md", []byte(v2), true); err != nil {
		t.Fatal(err)
	}
	b.Wait()
	path := filepath.Join(dir, "moon-base.questions.jsonl")
	if data, err := os.ReadFile(path); err != nil || !strings.Contains(string(data), "Sweden") {
		t.Fatalf("the other process did not write its questions: %q, %v", data, err)
	}
	close(qa.hold)
	a.Wait()
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "NEW ") || strings.Contains(string(data), "OLD ") {
		t.Errorf("questions file for the new text overwritten with the old text's questions:\n%s", data)
	}
}

// TestQA19dReplaceDropsTheQuestionsTheFileHad: replacing a briefing (a
// typo fixed in one paragraph) has the library write its questions file
// afresh from the model for every paragraph, discarding the questions the
// file already held for the paragraphs that did not change — questions an
// operator reviewed or wrote by hand, or produced with `bot questions`,
// which keeps what the file has and only adds (doc2query.Write's "have").
// The commit says the library writes them "as bot questions does"; it does
// not: curated questions for untouched paragraphs are silently replaced.
func TestQA19dReplaceDropsTheQuestionsTheFileHad(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "moon-base.md"), []byte(moon3), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := knowledge.Parse("moon-base.md", []byte(moon3))
	if err != nil {
		t.Fatal(err)
	}
	chunks := knowledge.ChunkBriefing(b)
	chunks[0].Questions = []string{"How many people staff the outpost (operator's own)?"}
	data, err := knowledge.EncodeQuestions(chunks)
	if err != nil {
		t.Fatal(err)
	}
	qfile := filepath.Join(dir, "moon-base.questions.jsonl")
	if err := os.WriteFile(qfile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	lib, _ := newLib(t, dir, newStore(t))
	lib.WriteQuestions(context.Background(), &qa19dQuestioner{})
	// Only the third paragraph changes.
	v2 := strings.Replace(moon3, "ninety", "sixty", 1)
	if _, err := lib.Add(context.Background(), "moon.md", []byte(v2), true); err != nil {
		t.Fatal(err)
	}
	lib.Wait()
	got, _ := os.ReadFile(qfile)
	if !strings.Contains(string(got), "operator's own") {
		t.Errorf("the unchanged first paragraph lost the question its file held:\n%s", got)
	}
}

// TestQA19dStopAfterTheModelStillWritesAndMarksTheStoreDown: app.close
// cancels the questions context and promises "nothing is written after".
// But writeQuestions never looks at the context once the model has
// answered: cancelled between the last answer and the write, it writes
// the file and re-reads the knowledge with the cancelled context, so the
// chunk store's Put fails with "context canceled". The library then
// records the shared store as unavailable (StoreErr, health) and logs
// "knowledge indexed but not shared", and the new version never reaches
// Redis: other processes reading the same folder see files whose version
// is not the current one and skip it (Follow) until the next change.
func TestQA19dStopAfterTheModelStillWritesAndMarksTheStoreDown(t *testing.T) {
	dir := t.TempDir()
	st := newStore(t)
	lib, _ := newLib(t, dir, st)
	ctx, stop := context.WithCancel(context.Background())
	q := &qa19dQuestioner{hold: make(chan struct{})}
	q.onCall = func(n int32, c knowledge.Chunk) {
		if n == 3 { // the last paragraph answered, then shutdown begins
			stop()
		}
	}
	lib.WriteQuestions(ctx, q)
	if _, err := lib.Add(context.Background(), "moon.md", []byte(moon3), false); err != nil {
		t.Fatal(err)
	}
	close(q.hold)
	lib.Wait()
	_, statErr := os.Stat(filepath.Join(dir, "moon-base.questions.jsonl"))
	if err := lib.StoreErr(); err != nil {
		t.Errorf("shutdown made the shared store look down: %v (questions file written after stop: %v)", err, statErr == nil)
	}
	if cur, err := st.Current(context.Background()); err != nil || cur != lib.Corpus().Version {
		t.Errorf("store current %q (%v), library serves %q: the written questions' version never reached the store", cur, err, lib.Corpus().Version)
	}
}
