package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// A malformed questions file costs only the questions — the briefing is
// still served — but logProblems (and the library's reindex) logs it as
// "briefing left out: …", the same words as a briefing really missing
// from the knowledge. An operator alerting or grepping on "briefing left
// out" is told a briefing is gone when it is not (and the message itself
// goes on to say "the briefing is searched without its questions").
func TestQA19aQuestionsProblemNotLoggedAsBriefingLeftOut(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moonBrief), 0o644)
	os.WriteFile(filepath.Join(dir, "moon.questions.jsonl"), []byte("{oops\n"), 0o644)
	srcs, err := knowledge.Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Briefing("moon-base"); !ok || len(c.Problems) != 1 {
		t.Fatalf("setup: briefing served %v, problems %v", ok, c.ProblemsErr())
	}
	var buf bytes.Buffer
	logProblems(slog.New(slog.NewTextHandler(&buf, nil)), c)
	if strings.Contains(buf.String(), "briefing left out") {
		t.Errorf("a questions file problem is logged as a briefing left out, though moon-base is served:\n%s", buf.String())
	}
}
