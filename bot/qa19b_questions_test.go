package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// The 19a fix checks only the BASE name of -o against the name the bot
// reads, not its folder. `cd ~ && bot questions -o moon.questions.jsonl
// moon-base` (KNOWLEDGE_DIR elsewhere, as in the Docker setup) passes the
// check, spends the model calls, exits 0 and says "wrote
// moon.questions.jsonl: the questions of moon.md, read beside it" — but
// the file is not beside moon.md: the bot never reads it, the briefing is
// searched without questions, and nothing tells the operator so. The
// file should be refused (or the operator told where it belongs) unless
// it is in the briefing's folder.
func TestQA19bQuestionsCommandOutputInAnotherFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moonBrief), 0o644)
	elsewhere := t.TempDir()
	model, _ := questionsModel(t)
	env := map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel}
	file := filepath.Join(elsewhere, "moon.questions.jsonl")
	code, _, errs := runBot(t, env, "questions", "-n", "2", "-o", file, "moon-base")
	if code != exitOK {
		return // refusing is fine
	}
	got, _ := qa19aBuild(t, dir, "moon-base")
	if len(got[1]) == 0 && !strings.Contains(errs, dir) {
		t.Errorf("exit 0, wrote %s, which the bot never reads (¶1 questions %q), and stderr does not say it belongs in %s: %s", file, got[1], dir, lastLine(errs))
	}
}
