package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge"
)

// qa19aBuild reads dir as the bot does and returns the moon-base chunks'
// questions by paragraph, and the corpus problems.
func qa19aBuild(t *testing.T, dir, id string) (map[int][]string, error) {
	t.Helper()
	srcs, err := knowledge.Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int][]string{}
	for _, ch := range c.Chunks {
		if ch.BriefingID == id {
			got[ch.Paragraph] = append(got[ch.Paragraph], ch.Questions...)
		}
	}
	return got, c.ProblemsErr()
}

// `bot questions` checks nothing of what it writes against the limits the
// bot reads questions files with (knowledge.MaxQuestionsBytes, 1 MiB).
// A briefing of a few hundred paragraphs (far below MaxBriefingBytes, 2
// MiB) at the default 30 questions per paragraph makes a file over 1 MiB:
// the command reports success ("wrote …"), and the bot then refuses the
// WHOLE file, so the briefing is searched with no questions at all — the
// hours of model calls are wasted and nothing says so until the log is
// read.
func TestQA19aQuestionsCommandWritesAFileTheBotReads(t *testing.T) {
	dir := t.TempDir()
	var brief strings.Builder
	brief.WriteString("---\nid: long-report\ntitle: A long report\ndate: 2025-01-02\n---\n")
	const paragraphs = 250
	for i := 1; i <= paragraphs; i++ {
		fmt.Fprintf(&brief, "\nParagraph %d of the report says that item number %d was delivered on time.\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "long-report.md"), []byte(brief.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	model := llmtest.New(t)
	var n atomic.Int64
	model.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		var qs []string
		for range 10 {
			// A long but ordinary question (~150 characters).
			k := n.Add(1)
			qs = append(qs, fmt.Sprintf("Question %d: according to the report, was the delivery of this particular item on time or was it delayed for some reason that the author explains?", k))
		}
		return llmtest.Reply{Text: strings.Join(qs, "\n")}
	})
	env := map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel}
	file := filepath.Join(dir, "long-report.questions.jsonl")
	code, _, errs := runBot(t, env, "questions", "-o", file, "long-report")
	if code != exitOK {
		// Refusing to write what the bot would refuse is fine too.
		return
	}
	got, perr := qa19aBuild(t, dir, "long-report")
	if perr != nil || len(got[1]) == 0 {
		st, _ := os.Stat(file)
		t.Errorf("bot questions succeeded (stderr tail %q) writing %d bytes, but the bot refuses the file: %v; ¶1 has %d questions",
			lastLine(errs), st.Size(), perr, len(got[1]))
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// A reasoning model whose thinking uses up the 600 tokens doc2query
// allows (finish reason "length", the <think> block never closed) gives
// no question at all. doc2query.Write takes "no new question" for "the
// model has no more" and returns nil error, so `bot questions -all -o
// FILE` exits 0 and REPLACES a good questions file with an empty one:
// every paragraph's questions are lost, and the command says it wrote
// the file.
func TestQA19aQuestionsCommandNoQuestionsIsNoSuccess(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moonBrief), 0o644)
	file := filepath.Join(dir, "moon.questions.jsonl")
	good := fmt.Sprintf("{\"paragraph\":1,\"sha256\":%q,\"questions\":[\"How many people live there?\"]}\n{\"paragraph\":2,\"sha256\":%q,\"questions\":[\"Where was the generator made?\"]}\n",
		knowledge.ChunkHash("The lunar base will house twelve astronauts from 2031."), knowledge.ChunkHash("Its reactor was built in Finland."))
	os.WriteFile(file, []byte(good), 0o644)
	if got, err := qa19aBuild(t, dir, "moon-base"); err != nil || len(got[1]) != 1 || len(got[2]) != 1 {
		t.Fatalf("setup: questions %v, problems %v", got, err)
	}
	model := llmtest.New(t)
	model.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Text: "<think>The user wants questions. Let me read the paragraph carefully. It is about", FinishReason: "length"}
	})
	env := map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel}
	code, _, errs := runBot(t, env, "questions", "-all", "-n", "3", "-o", file, "moon-base")
	data, _ := os.ReadFile(file)
	if code == exitOK && string(data) != good {
		t.Errorf("exit 0 with no question from the model, and the questions file was replaced by %q (stderr %s)", data, errs)
	}
}

// -o is written wherever it points, with no check that it is a questions
// file: `bot questions -o knowledge/moon.md moon-base` (tab completion
// picks the briefing) atomically REPLACES THE BRIEFING with JSON lines.
// The briefing is gone from disk; the next reload leaves it out as
// malformed.
func TestQA19aQuestionsCommandDoesNotOverwriteTheBriefing(t *testing.T) {
	dir := t.TempDir()
	brief := filepath.Join(dir, "moon.md")
	os.WriteFile(brief, []byte(moonBrief), 0o644)
	model, _ := questionsModel(t)
	env := map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel}
	code, _, errs := runBot(t, env, "questions", "-n", "2", "-o", brief, "moon-base")
	if data, _ := os.ReadFile(brief); string(data) != moonBrief {
		t.Errorf("exit %d: the briefing file was overwritten by the questions:\n%s\nstderr %s", code, data, errs)
	}
}

// The command takes a briefing ID, but the questions file is read beside
// the briefing's FILE (<file>.questions.jsonl). For a briefing whose file
// is not named after its id (the operator's moon.md holds moon-base), the
// natural `-o dir/moon-base.questions.jsonl` exits 0 and tells the
// operator "it is read as the questions of the briefing file beside it
// named moon-base.md" — a file that does not exist: the questions are
// never used, and nothing says so.
func TestQA19aQuestionsCommandOutputNamedAfterTheID(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moonBrief), 0o644)
	model, _ := questionsModel(t)
	env := map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel}
	file := filepath.Join(dir, "moon-base.questions.jsonl")
	code, _, errs := runBot(t, env, "questions", "-n", "2", "-o", file, "moon-base")
	if code != exitOK {
		return // refusing is fine
	}
	got, _ := qa19aBuild(t, dir, "moon-base")
	if len(got[1]) == 0 && !strings.Contains(errs, "moon.questions.jsonl") {
		t.Errorf("exit 0, the questions file is never read (¶1 questions %q), and stderr does not say where it belongs: %s", got[1], lastLine(errs))
	}
}
