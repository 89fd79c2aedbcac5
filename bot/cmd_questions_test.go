package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/search"
)

const moonBrief = "---\nid: moon-base\ntitle: A base on the Moon\ndate: 2025-01-02\n---\n\n" +
	"The lunar base will house twelve astronauts from 2031.\n\n" +
	"Its reactor was built in Finland.\n"

// questionsModel answers a questions prompt with its paragraph's own
// questions (after some reasoning, which must not become questions), and
// counts the prompts per paragraph.
func questionsModel(t *testing.T) (*llmtest.Server, map[string]int) {
	model := llmtest.New(t)
	asked := map[string]int{}
	model.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		user := req.Messages[len(req.Messages)-1].Content
		switch {
		case strings.Contains(user, "twelve astronauts"):
			asked["p1"]++
			return llmtest.Reply{Text: "<think>The paragraph is about crew size.\nMaybe ask about people.</think>\n1. How many people will live on the Moon?\n2. Who staffs the moon outpost?\n3. How big is the crew?"}
		case strings.Contains(user, "reactor"):
			asked["p2"]++
			return llmtest.Reply{Text: "Where does the power plant come from?\nWhich country made the nuclear generator?"}
		}
		return llmtest.Reply{Status: 400}
	})
	return model, asked
}

func TestQuestionsCommandWritesTheQuestionsFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moonBrief), 0o644)
	model, asked := questionsModel(t)
	env := map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel}
	file := filepath.Join(dir, "moon.questions.jsonl")

	code, out, errs := runBot(t, env, "questions", "-n", "3", "-o", file, "moon-base")
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errs)
	}
	// The operator is told each paragraph's count and where the file went.
	if !strings.Contains(errs, "paragraph 1: 3 questions (3 new)") || !strings.Contains(errs, "wrote "+file+": the questions of moon.md, read beside it") {
		t.Errorf("stderr %q", errs)
	}
	if asked["p1"] != 1 || asked["p2"] < 1 {
		t.Errorf("prompts per paragraph %v", asked)
	}
	// The file is read back as the briefing's questions, and search finds
	// the paragraph by words only its questions have.
	srcs, err := knowledge.Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil || len(c.Problems) > 0 {
		t.Fatalf("build: %v %v", err, c.ProblemsErr())
	}
	got := map[int][]string{}
	for _, ch := range c.Chunks {
		if ch.BriefingID == "moon-base" {
			got[ch.Paragraph] = ch.Questions
		}
	}
	if strings.Join(got[1], "|") != "How many people will live on the Moon?|Who staffs the moon outpost?|How big is the crew?" {
		t.Errorf("¶1 questions %q (reasoning kept? numbering?)", got[1])
	}
	if len(got[2]) != 2 {
		t.Errorf("¶2 questions %q", got[2])
	}
	if hits := search.New(c.Chunks).Search("which country made the generator?", 1).Hits; len(hits) == 0 || hits[0].Chunk.ID != "moon-base#p2" {
		t.Errorf("hits %v, want moon-base ¶2 found through its questions", hits)
	}

	// Run again: ¶1 has its 3, only ¶2 (which has 2) is asked again, and
	// with nothing new from the model it keeps what it had.
	clear(asked)
	code, out, errs = runBot(t, env, "questions", "-n", "3", "moon-base")
	if code != exitOK || asked["p1"] != 0 || asked["p2"] != 1 {
		t.Errorf("second run: exit %d, asked %v, stderr %s", code, asked, errs)
	}
	if !strings.Contains(out, `"paragraph":1,`) || !strings.Contains(out, "Who staffs the moon outpost?") {
		t.Errorf("stdout lacks ¶1's questions:\n%s", out)
	}
	// -all asks for every paragraph anew.
	clear(asked)
	if code, _, errs := runBot(t, env, "questions", "-all", "-n", "3", "moon-base"); code != exitOK || asked["p1"] != 1 {
		t.Errorf("-all: exit %d, asked %v, stderr %s", code, asked, errs)
	}
}

// The model down: a clear error, and the questions file as it was.
func TestQuestionsCommandModelDownKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moonBrief), 0o644)
	file := filepath.Join(dir, "moon.questions.jsonl")
	const before = "{\"paragraph\":1,\"sha256\":\"0000\",\"questions\":[\"old?\"]}\n"
	os.WriteFile(file, []byte(before), 0o644)
	model := llmtest.New(t)
	model.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply { return llmtest.Reply{Status: 401} })
	env := map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel, "OPENAI_API_KEY": "sk-secret-never-shown"}
	code, _, errs := runBot(t, env, "questions", "-o", file, "moon-base")
	if code != exitFail || !strings.Contains(errs, "nothing written") || strings.Contains(errs, "sk-secret-never-shown") {
		t.Errorf("exit %d, stderr %s", code, errs)
	}
	if data, _ := os.ReadFile(file); string(data) != before {
		t.Errorf("questions file changed on failure: %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestQuestionsCommandUsage(t *testing.T) {
	tests := []struct {
		env  map[string]string
		args []string
		code int
		want string
	}{
		{nil, []string{"questions"}, exitUsage, "name one briefing (briefings: nato-indo-pacific-2024)"},
		{nil, []string{"questions", "nope"}, exitUsage, `no briefing "nope"`},
		{nil, []string{"questions", "-n", "0", "nato-indo-pacific-2024"}, exitUsage, "-n must be between 1 and 64"},
		{nil, []string{"questions", "nato-indo-pacific-2024"}, exitFail, "set OPENAI_MODEL"},
		{nil, []string{"questions", "-h"}, exitOK, "usage: bot questions"},
	}
	for _, tt := range tests {
		code, _, errs := runBot(t, tt.env, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("bot %v: exit %d, stderr %q; want %d and %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
}

// Interrupted while the model writes: said, exit 130, nothing written.
func TestQuestionsCommandInterrupted(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "moon.md"), []byte(moonBrief), 0o644)
	model := llmtest.New(t)
	model.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply { return llmtest.Reply{Hang: true} })
	env := map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for deadline := time.Now().Add(10 * time.Second); model.ChatCalls() == 0 && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	var out, errb bytes.Buffer
	file := filepath.Join(dir, "moon.questions.jsonl")
	code := run(ctx, []string{"questions", "-o", file, "moon-base"}, func(k string) string { return env[k] }, &out, &errb)
	if code != exitInterrupted || !strings.Contains(errb.String(), "interrupted; nothing written") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("a questions file was written: %v", err)
	}
}

// With a model configured, a briefing added at run time (what
// /admin briefing-add does) gets its questions file from the model, and
// closing the app waits for it.
func TestAddedBriefingGetsQuestionsFromTheModel(t *testing.T) {
	dir := t.TempDir()
	model, asked := questionsModel(t)
	cfg, err := loadConfig(func(k string) string {
		return map[string]string{"KNOWLEDGE_DIR": dir, "OPENAI_BASE_URL": model.BaseURL(), "OPENAI_MODEL": llmtest.ChatModel}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	a, err := newApp(context.Background(), cfg, newLogger(cfg, &logs))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.library.Add(context.Background(), "moon.md", []byte(moonBrief), false); err != nil {
		t.Fatal(err)
	}
	a.library.Wait()
	a.close()
	data, err := os.ReadFile(filepath.Join(dir, "moon-base.questions.jsonl"))
	if err != nil || !strings.Contains(string(data), "Who staffs the moon outpost?") || asked["p1"] == 0 {
		t.Errorf("questions file %q (%v), prompts %v; log:\n%s", data, err, asked, logs.String())
	}
}
