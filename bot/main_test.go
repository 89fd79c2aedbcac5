package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/eval"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/prompts"
)

// runBot runs the command in-process with the given environment.
func runBot(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code = run(ctx, args, func(k string) string { return env[k] }, &out, &errb)
	return code, out.String(), errb.String()
}

// askedJSON is what bot ask --json prints: the answer, and its notices
// in English in one line.
type askedJSON struct {
	answer.Answer
	Notice string `json:"notice"`
}

func askJSON(t *testing.T, env map[string]string, q string) askedJSON {
	t.Helper()
	code, out, errs := runBot(t, env, "ask", "--json", q)
	if code != exitOK {
		t.Fatalf("ask %q: exit %d, stderr %s", q, code, errs)
	}
	var a askedJSON
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("ask --json output is not JSON: %v\n%s", err, out)
	}
	if a.Notice != a.NoticeText() {
		t.Errorf("ask --json: notice %q, notices %+v", a.Notice, a.Notices)
	}
	return a
}

func TestAskCitesParagraph11(t *testing.T) {
	code, out, errs := runBot(t, nil, "ask", "Why does France oppose a NATO office in Tokyo?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"Macron", "[1]", "Sources:", "paragraph 11"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "embedded in-process store") {
		t.Errorf("the embedded store was not announced: %q", errs)
	}
}

func TestAskJSON(t *testing.T) {
	a := askJSON(t, nil, "Why does France oppose a NATO office in Tokyo?")
	if a.Refused || a.Mode != answer.ModeExtractive || a.KnowledgeVersion == "" || len(a.Citations) == 0 {
		t.Fatalf("answer: %+v", a)
	}
	c := a.Citations[0]
	if c.N != 1 || c.Paragraph != 11 || c.ChunkID != "nato-indo-pacific-2024#p11" || !strings.Contains(c.Quote, "Macron") || c.Briefing == "" {
		t.Errorf("citation: %+v", c)
	}
	if !strings.Contains(a.Text, "[1]") {
		t.Errorf("answer text has no marker: %q", a.Text)
	}
}

func TestAskRefusesUncovered(t *testing.T) {
	for _, q := range []string{"Who won the 2022 FIFA World Cup?", "What is NATO's annual budget?"} {
		a := askJSON(t, nil, q)
		if !a.Refused || len(a.Citations) != 0 {
			t.Errorf("%q: refused=%v citations=%d", q, a.Refused, len(a.Citations))
		}
		if !strings.Contains(a.Text, "doesn't say") || !strings.Contains(a.Text, "It covers") {
			t.Errorf("%q: refusal does not name what is covered: %q", q, a.Text)
		}
	}
}

func TestAskBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no question", []string{"ask"}, exitUsage, "no question given"},
		{"whitespace", []string{"ask", "  \t "}, exitUsage, "no question given"},
		{"punctuation only", []string{"ask", "?!?"}, exitUsage, "no words"},
		{"unknown flag", []string{"ask", "--nope", "x"}, exitUsage, "flag provided but not defined"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"eval without file", []string{"eval"}, exitUsage, "usage: bot eval"},
		{"eval missing file", []string{"eval", "--questions", "/nonexistent.jsonl"}, exitFail, "no such file"},
		{"index with args", []string{"index", "x"}, exitUsage, "usage: bot index"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runBot(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.msg) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tt.code, errs, tt.msg)
			}
		})
	}
}

func TestPassageBudgetSetting(t *testing.T) {
	for _, v := range []string{"abc", "10", "-5"} {
		code, _, errs := runBot(t, map[string]string{"ANSWER_PASSAGE_TOKENS": v}, "ask", "Who is Lin Jian?")
		if code != exitUsage || !strings.Contains(errs, "ANSWER_PASSAGE_TOKENS") {
			t.Errorf("ANSWER_PASSAGE_TOKENS=%s: exit %d, %q", v, code, errs)
		}
	}
	cfg, err := loadConfig(func(k string) string {
		if k == "ANSWER_PASSAGE_TOKENS" {
			return "900"
		}
		return ""
	})
	if err != nil || cfg.PassageTokens != 900 {
		t.Errorf("ANSWER_PASSAGE_TOKENS=900: %d, %v", cfg.PassageTokens, err)
	}
	if cfg, _ := loadConfig(func(string) string { return "" }); cfg.PassageTokens != answer.DefaultPassageBudget {
		t.Errorf("default passage budget %d", cfg.PassageTokens)
	}
}

// OPENAI_TIMEOUT and OPENAI_MAX_TOKENS reach the model call; bad values
// stop the bot with a message naming the variable.
func TestModelLimitsSettings(t *testing.T) {
	for k, v := range map[string]string{"OPENAI_TIMEOUT": "soon", "OPENAI_MAX_TOKENS": "lots"} {
		code, _, errs := runBot(t, map[string]string{k: v}, "ask", "Who is Lin Jian?")
		if code != exitUsage || !strings.Contains(errs, k) {
			t.Errorf("%s=%s: exit %d, %q", k, v, code, errs)
		}
	}
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		return llmtest.Reply{Delay: 1500 * time.Millisecond, Text: fmt.Sprintf("Lin Jian is a spokesperson for the Chinese Foreign Ministry [%d].", p.Number(8))}
	})
	env := map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat", "OPENAI_MAX_TOKENS": "123", "OPENAI_TIMEOUT": "1s"}
	a := askJSON(t, env, "Who is Lin Jian?")
	if a.Mode != answer.ModeExtractive || !strings.Contains(a.Notice, "took too long") {
		t.Errorf("a model slower than OPENAI_TIMEOUT=1s: %+v", a)
	}
	env["OPENAI_TIMEOUT"] = "5s"
	a = askJSON(t, env, "Who is Lin Jian?")
	if a.Mode != answer.ModeLLM {
		t.Errorf("the same model within OPENAI_TIMEOUT=5s: %+v", a)
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || reqs[len(reqs)-1].Chat == nil || reqs[len(reqs)-1].Chat.MaxTokens != 123 {
		t.Errorf("OPENAI_MAX_TOKENS=123 not sent: %+v", reqs)
	}
}

func TestAskHugeAndHostileQuestions(t *testing.T) {
	huge := strings.Repeat("Why does France oppose a NATO office in Tokyo? ", 220) // ~10,000 chars
	a := askJSON(t, nil, huge)
	if !strings.Contains(a.Notice, "only the first 500 were used") {
		t.Errorf("no cap notice: %q", a.Notice)
	}
	if a.Refused || len(a.Citations) == 0 {
		t.Errorf("capped question not answered: %+v", a)
	}
	a = askJSON(t, nil, "Why does France\x00\x07 oppose a NATO \xff\xfeoffice in Tokyo?")
	if a.Refused || a.Citations[0].Paragraph != 11 {
		t.Errorf("control characters and invalid UTF-8 broke the answer: %+v", a)
	}
	// Terminal escapes, a greeting and a mention around the question do not
	// count against it.
	a = askJSON(t, nil, "\x1b[1;31mhey everyone\x1b[0m, <@123456789012345678> why does France oppose a NATO office in Tokyo? \x1b]0;pwned\x07")
	if a.Refused || len(a.Citations) == 0 || a.Citations[0].Paragraph != 11 {
		t.Errorf("escape codes, greeting and mention broke the answer: %+v", a)
	}
}

func TestKnowledgeDir(t *testing.T) {
	dir := t.TempDir()
	brief := "---\nid: moon-base\ntitle: A base on the Moon\ndate: 2025-01-02\n---\n\nThe lunar base will house twelve astronauts from 2031.\n"
	os.WriteFile(filepath.Join(dir, "moon.md"), []byte(brief), 0o644)
	a := askJSON(t, map[string]string{"KNOWLEDGE_DIR": dir}, "How many astronauts will the lunar base house?")
	if a.Refused || len(a.Citations) == 0 || a.Citations[0].ChunkID != "moon-base#p1" {
		t.Errorf("answer from KNOWLEDGE_DIR: %+v", a)
	}

	code, _, errs := runBot(t, map[string]string{"KNOWLEDGE_DIR": filepath.Join(dir, "missing")}, "ask", "x y")
	if code != exitFail || !strings.Contains(errs, "KNOWLEDGE_DIR") {
		t.Errorf("missing dir: exit %d, %q", code, errs)
	}
	// A malformed file beside good ones: they are served, it is named
	// (file and line) in the log. bot index, the operator's check, refuses.
	os.WriteFile(filepath.Join(dir, "broken.md"), []byte("---\nid: x\n"), 0o644)
	code, out, errs := runBot(t, map[string]string{"KNOWLEDGE_DIR": dir}, "ask", "--json", "How many astronauts will the lunar base house?")
	if code != exitOK || !strings.Contains(out, "moon-base#p1") || !strings.Contains(errs, "briefing left out: front matter is not closed") ||
		!strings.Contains(errs, "broken.md line=1") {
		t.Errorf("malformed briefing beside good ones: exit %d, stderr %q", code, errs)
	}
	code, _, errs = runBot(t, map[string]string{"KNOWLEDGE_DIR": dir}, "index")
	if code != exitFail || !strings.Contains(errs, "broken.md:1: front matter is not closed") {
		t.Errorf("bot index with a malformed briefing: exit %d, %q", code, errs)
	}
}

func TestRedisUnreachableNamesAddress(t *testing.T) {
	start := time.Now()
	code, _, errs := runBot(t, map[string]string{"REDIS_URL": "redis://:s3cret@127.0.0.1:1/0"}, "ask", "Who is Lin Jian?")
	if code != exitFail || !strings.Contains(errs, "127.0.0.1:1") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(errs, "s3cret") {
		t.Error("the password leaked into the error")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v: must not hang", d)
	}
}

func TestIndexAgainstRealRedis(t *testing.T) {
	srv := redistest.Start(t)
	env := map[string]string{"REDIS_URL": srv.URL()}
	code, out, errs := runBot(t, env, "index")
	if code != exitOK || !strings.Contains(out, "knowledge version ") || !strings.HasSuffix(out, ": 1 briefing, 23 chunks (23 with reader questions)\n") {
		t.Fatalf("index: exit %d, out %q, err %q", code, out, errs)
	}
	a := askJSON(t, env, "Who is Lin Jian?")
	if !strings.Contains(out, a.KnowledgeVersion) {
		t.Errorf("ask used version %s, index printed %q", a.KnowledgeVersion, out)
	}
}

// With REDIS_KEY_PREFIX, bot index and bot ask use the keys under it and
// leave the default ones alone: a second bot on the same Redis.
func TestIndexUnderKeyPrefix(t *testing.T) {
	srv := redistest.Start(t)
	prefix := srv.Prefix() + "staging:"
	env := map[string]string{"REDIS_URL": srv.URL(), "REDIS_KEY_PREFIX": prefix, "LOG_LEVEL": "debug"}
	code, out, errs := runBot(t, env, "index")
	if code != exitOK || !strings.Contains(out, "knowledge version ") {
		t.Fatalf("index: exit %d, out %q, err %q", code, out, errs)
	}
	ctx := context.Background()
	rdb := srv.Client(t)
	if n, err := rdb.Exists(ctx, prefix+"{kb}:current").Result(); err != nil || n != 1 {
		t.Errorf("%s{kb}:current: %d, %v", prefix, n, err)
	}
	if n, err := rdb.Exists(ctx, "briefbot:{kb}:current").Result(); err != nil || n != 0 {
		t.Errorf("briefbot:{kb}:current written too: %d, %v", n, err)
	}
	code, _, askErrs := runBot(t, env, "ask", "Who is Lin Jian?")
	if code != exitOK || !strings.Contains(askErrs, "from_cache=true") {
		t.Errorf("ask under the prefix did not read the indexed knowledge: exit %d\n%s", code, askErrs)
	}
}

// bot index then bot ask on a real Redis Cluster, REDIS_URL its address
// list (the issue: CROSSSLOT on index, "knowledge cache unavailable" on
// every ask): the ask reads the indexed version from the cache, and
// nothing says the store is unavailable. One node's address works too.
func TestIndexAndAskOnCluster(t *testing.T) {
	cl := redistest.StartCluster(t, redistest.ClusterOptions{})
	for _, spec := range []string{cl.Spec(), "redis://" + cl.Addrs()[1]} {
		env := map[string]string{"REDIS_URL": spec, "LOG_LEVEL": "debug"}
		code, out, errs := runBot(t, env, "index")
		if code != exitOK || !strings.Contains(out, "knowledge version ") {
			t.Fatalf("index via %s: exit %d, out %q, err %q", spec, code, out, errs)
		}
		code, askOut, askErrs := runBot(t, env, "ask", "--json", "Who is Lin Jian?")
		if code != exitOK {
			t.Fatalf("ask via %s: exit %d, stderr %s", spec, code, askErrs)
		}
		var a answer.Answer
		if err := json.Unmarshal([]byte(askOut), &a); err != nil || a.KnowledgeVersion == "" || !strings.Contains(out, a.KnowledgeVersion) {
			t.Errorf("ask via %s used version %q (%v), index printed %q", spec, a.KnowledgeVersion, err, out)
		}
		if !strings.Contains(askErrs, "from_cache=true") {
			t.Errorf("ask via %s did not read the knowledge from the cluster:\n%s", spec, askErrs)
		}
		for _, bad := range []string{"CROSSSLOT", "unavailable", "not shared"} {
			if strings.Contains(errs+askErrs, bad) {
				t.Errorf("via %s the log says %q:\n%s%s", spec, bad, errs, askErrs)
			}
		}
	}
}

func TestEvalMeetsTargets(t *testing.T) {
	// The project's shared question set (../shared/eval/questions.jsonl),
	// copied into the repository so that CI's clean clone runs it too.
	file := "../knowledge/testdata/questions.jsonl"
	code, out, errs := runBot(t, nil, "eval", "--questions", file, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep eval.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	s := rep.Summary
	if s.Hit3 < 0.95 || s.MRR < 0.85 || s.RefusedShare < 1 || s.AnsweredShare < 0.95 {
		t.Errorf("targets missed: %+v", s)
	}
	if len(rep.Questions) != s.N || len(rep.Questions[0].Retrieved) != 5 || rep.Questions[0].Retrieved[0].Text == "" {
		t.Errorf("per-question detail incomplete: %+v", rep.Questions[0])
	}
}

// bot eval --answers runs the whole pipeline per question, as text and as
// JSON, with the model when one is configured.
func TestEvalAnswers(t *testing.T) {
	file := "../knowledge/briefings/nato-indo-pacific-2024.eval.jsonl"
	code, out, errs := runBot(t, nil, "eval", "--answers", "--questions", file, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep eval.AnswersReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	s := rep.Summary
	if s.N == 0 || len(rep.Questions) != s.N || s.AnsweredShare < 0.9 || s.RefusedShare < 1 || s.InvalidMarkers != 0 || s.ModelCalls != 0 {
		t.Errorf("extractive answers report: %+v", s)
	}
	code, out, _ = runBot(t, nil, "eval", "--answers", "--questions", file)
	if code != exitOK || !strings.Contains(out, "answered ") || !strings.Contains(out, "gold cited ") {
		t.Errorf("text report: exit %d\n%s", code, out)
	}
	// With a model: the calls and prompt tokens are counted.
	srv := llmtest.New(t)
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply { return llmtest.Reply{Text: "NOT_IN_BRIEFING"} })
	env := map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat"}
	code, out, errs = runBot(t, env, "eval", "--answers", "--questions", file, "--json")
	if code != exitOK {
		t.Fatalf("with a model: exit %d: %s", code, errs)
	}
	rep = eval.AnswersReport{}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.ModelCalls == 0 || rep.Summary.ModelCalls != srv.ChatCalls() || rep.Summary.PromptTokensPerAnswer < 1000 || rep.Summary.RefusedShare != 1 {
		t.Errorf("with a model that refuses everything: %+v (server saw %d calls)", rep.Summary, srv.ChatCalls())
	}
}

// The grounding check that /admin eval runs passes on the defaults: the
// compiled-in briefing, its check set, no model.
func TestBuiltInCheckSetPasses(t *testing.T) {
	cfg, _ := loadConfig(func(string) string { return "" })
	var logs bytes.Buffer
	a, err := newApp(context.Background(), cfg, newLogger(cfg, &logs))
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	name, data, ok, err := knowledge.CheckSet("", "nato-indo-pacific-2024")
	if err != nil || !ok {
		t.Fatalf("check set: ok %v, err %v", ok, err)
	}
	qs, err := eval.Read(name, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows := eval.Check(context.Background(), a.engine, qs)
	for _, r := range rows {
		if !r.Pass {
			t.Errorf("%s %q: want %s, got %s", r.ID, r.Question, r.Want, r.Got)
		}
	}
}

// With a model configured, bot ask prints the model's answer sentence by
// sentence, only what passed the checks — never a link, an uncited claim
// or a line of the system prompt, not even for a moment — then the
// sources; --json reports mode llm. A model that is down gives the
// extractive answer and a notice.
func TestAskWithModel(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		n := p.Number(11)
		return llmtest.Reply{Pieces: []string{"Macron fears ", fmt.Sprintf("provoking China [%d]. ", n),
			fmt.Sprintf("Log in at https://evil.example/login?d=leak [%d]. ", n), "My system prompt says to cite passages. ", "Also \x1b[2J cleared [1]."}}
	})
	env := map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat"}
	code, out, errs := runBot(t, env, "ask", "Why does France oppose a NATO office in Tokyo?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, bad := range []string{"evil.example", "system prompt", "\x1b"} {
		if strings.Contains(out, bad) {
			t.Errorf("unchecked text %q reached the terminal:\n%s", bad, out)
		}
	}
	answerAt := strings.Index(out, "Macron fears provoking China [1].")
	sources := strings.Index(out, "[1] NATO's push into the Indo-Pacific meets scepticism in Asia, paragraph 11")
	if answerAt < 0 || strings.Count(out, "Macron fears") != 1 || sources < answerAt {
		t.Errorf("want the checked answer once, then the sources:\n%s", out)
	}
	a := askJSON(t, env, "Why does France oppose a NATO office in Tokyo?")
	if a.Mode != answer.ModeLLM || len(a.Citations) != 1 || a.Citations[0].Paragraph != 11 {
		t.Errorf("--json with a model: %+v", a)
	}

	down := map[string]string{"OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "OPENAI_MODEL": "fake-chat"}
	a = askJSON(t, down, "Why does France oppose a NATO office in Tokyo?")
	if a.Mode != answer.ModeExtractive || !strings.Contains(a.Notice, "unavailable") || a.Citations[0].Paragraph != 11 {
		t.Errorf("model down: %+v", a)
	}
}

// The Docker build context leaves out secrets and history.
func TestDockerIgnore(t *testing.T) {
	data, err := os.ReadFile("../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	for _, want := range []string{".git", ".env", ".env.*", "briefings/"} {
		if !lines[want] {
			t.Errorf(".dockerignore lacks %q", want)
		}
	}
}

// discordgo's own messages go through the bot's logger, in its format.
func TestDiscordgoLogsThroughSlog(t *testing.T) {
	var buf bytes.Buffer
	cfg, err := loadConfig(func(k string) string { return map[string]string{"LOG_FORMAT": "json"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	newLogger(cfg, &buf)
	discordgo.Logger(discordgo.LogError, 0, "error reading from gateway %s websocket, %s", "wss://x", "EOF")
	var rec struct{ Level, Msg string }
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil || rec.Level != "ERROR" || rec.Msg != "discordgo: error reading from gateway wss://x websocket, EOF" {
		t.Errorf("logged %q (%v)", buf.String(), err)
	}
	if _, err := loadConfig(func(k string) string { return map[string]string{"LOG_FORMAT": "xml"}[k] }); err == nil || !strings.Contains(err.Error(), "LOG_FORMAT") {
		t.Errorf("LOG_FORMAT=xml: %v", err)
	}
}

// bot eval stops on a signal, says so and exits 130; a file with a
// malformed line names it.
func TestEvalStopsOnSignalAndNamesBadLines(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the signal came before the first question
	var out, errb bytes.Buffer
	code := run(ctx, []string{"eval", "--answers", "--questions", "../knowledge/briefings/nato-indo-pacific-2024.eval.jsonl"},
		func(string) string { return "" }, &out, &errb)
	if code != exitInterrupted || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q; want 130 and interrupted", code, errb.String())
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("\uFEFF"+`{"id":"a","question":"q","answerable":false}`+"\n"+`{"id":"b","question":"Who?","gold":["Macron"]}`+"\n"), 0o644)
	code, _, errs := runBot(t, nil, "eval", "--questions", bad)
	if code == exitOK || !strings.Contains(errs, "bad.jsonl:2: field \"answerable\" is missing") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestMaxConcurrentAnswersSetting(t *testing.T) {
	for v, ok := range map[string]bool{"": true, "8": true, "0": false, "lots": false, "5000": false} {
		cfg, err := loadConfig(func(k string) string { return map[string]string{"MAX_CONCURRENT_ANSWERS": v}[k] })
		if (err == nil) != ok || (err != nil && !strings.Contains(err.Error(), "MAX_CONCURRENT_ANSWERS")) {
			t.Errorf("MAX_CONCURRENT_ANSWERS=%q: %v", v, err)
		}
		if v == "8" && cfg.MaxConcurrentAnswers != 8 || v == "" && cfg.MaxConcurrentAnswers != asking.DefaultSlots {
			t.Errorf("MAX_CONCURRENT_ANSWERS=%q gave %d", v, cfg.MaxConcurrentAnswers)
		}
	}
}

func TestShardSettings(t *testing.T) {
	for _, c := range []struct {
		shards, ids string
		n           int
		want        []int  // nil: all shards
		err         string // in the error, which names DISCORD_SHARD_IDS or DISCORD_SHARDS; "" = valid
	}{
		{"", "", 1, nil, ""},
		{"4", "", 4, nil, ""},
		{"4", "2", 4, []int{2}, ""},
		{"4", "0-3", 4, []int{0, 1, 2, 3}, ""},
		{"8", "0,2,5-7", 8, []int{0, 2, 5, 6, 7}, ""},
		{"8", " 5-7 , 0 ", 8, []int{0, 5, 6, 7}, ""},
		{"8", "3,1", 8, []int{1, 3}, ""},
		{"8", "2-2", 8, []int{2}, ""},
		{"AUTO", "", discord.AutoShards, nil, ""},
		{"auto", "1", discord.AutoShards, []int{1}, ""},
		{"auto", "0-15", discord.AutoShards, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, ""},
		{"4", "4", 0, nil, "DISCORD_SHARD_IDS: shard 4 is out of range (DISCORD_SHARDS=4: shards 0-3)"},
		{"4", "0-4", 0, nil, "DISCORD_SHARD_IDS: shard 4 is out of range"},
		{"", "1", 0, nil, "DISCORD_SHARD_IDS: shard 1 is out of range (DISCORD_SHARDS=1: shards 0-0)"},
		{"8", "0,2,2", 0, nil, "DISCORD_SHARD_IDS: shard 2 is named twice"},
		{"8", "0-3,2-5", 0, nil, "DISCORD_SHARD_IDS: shard 2 is named twice"},
		{"8", "3-1", 0, nil, `DISCORD_SHARD_IDS: "3-1" is a range from high to low (write 1-3)`},
		{"8", "-1", 0, nil, `DISCORD_SHARD_IDS: "-1" is not a shard id or a range`},
		{"8", "0,,1", 0, nil, `DISCORD_SHARD_IDS: "" is not a shard id or a range`},
		{"8", "0-", 0, nil, `DISCORD_SHARD_IDS: "0-" is not a shard id or a range`},
		{"8", "1-2-3", 0, nil, `DISCORD_SHARD_IDS: "1-2-3" is not a shard id or a range`},
		{"8", "one", 0, nil, `DISCORD_SHARD_IDS: "one" is not a shard id or a range`},
		{"8", "+1", 0, nil, `DISCORD_SHARD_IDS: "+1" is not a shard id or a range`},
		{"8", "0 1", 0, nil, `DISCORD_SHARD_IDS: "0 1" is not a shard id or a range`},
		{"auto", "99999999999", 0, nil, `DISCORD_SHARD_IDS: "99999999999" is not a shard id`},
		{"many", "0", 0, nil, `DISCORD_SHARDS: "many" is not auto or a number of shards`},
		{"0", "", 0, nil, `DISCORD_SHARDS: "0" is not auto or a number of shards`},
		{"-2", "", 0, nil, `DISCORD_SHARDS: "-2" is not auto or a number of shards`},
	} {
		cfg, err := loadConfig(func(k string) string {
			return map[string]string{"DISCORD_SHARDS": c.shards, "DISCORD_SHARD_IDS": c.ids}[k]
		})
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("DISCORD_SHARDS=%q DISCORD_SHARD_IDS=%q: err = %v, want %q", c.shards, c.ids, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("DISCORD_SHARDS=%q DISCORD_SHARD_IDS=%q: %v", c.shards, c.ids, err)
			continue
		}
		if cfg.Shards != c.n || !slices.Equal(cfg.ShardIDs, c.want) {
			t.Errorf("DISCORD_SHARDS=%q DISCORD_SHARD_IDS=%q: shards %d, ids %v; want %d, %v", c.shards, c.ids, cfg.Shards, cfg.ShardIDs, c.n, c.want)
		}
	}
}

// DISCORD_GUILD_ID is a server id (Discord's "Copy Server ID"), checked at
// start: anything else (a name, a link) used to pass, the bot connected,
// was refused when it registered its commands and stopped, and docker
// compose restarted it into the same failure, each start spending one of
// the 1,000 IDENTIFYs Discord allows a day.
func TestGuildIDSetting(t *testing.T) {
	for v, ok := range map[string]bool{
		"": true, "1203940985402658836": true, " 1203940985402658836 ": true,
		"My Server": false, "<#1203940985402658836>": false, "https://discord.com/channels/1203940985402658836/1": false,
		"12o3": false, "-1": false, "123456789012345678901": false,
	} {
		cfg, err := loadConfig(func(k string) string { return map[string]string{"DISCORD_GUILD_ID": v}[k] })
		if (err == nil) != ok || (err != nil && !strings.Contains(err.Error(), "DISCORD_GUILD_ID")) {
			t.Errorf("DISCORD_GUILD_ID=%q: %v", v, err)
		}
		if ok && cfg.DiscordGuildID != strings.TrimSpace(v) {
			t.Errorf("DISCORD_GUILD_ID=%q gave %q", v, cfg.DiscordGuildID)
		}
	}
}

// A subcommand asked for help (-h, --help) shows its usage and flags and
// exits 0, as `bot help` does; a bad flag is still a usage error.
func TestSubcommandHelp(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"ask", "--help"}, "-json"},
		{[]string{"ask", "-h"}, "usage: bot ask"},
		{[]string{"eval", "--help"}, "usage: bot eval"},
		{[]string{"eval", "-h"}, "-questions"},
		{[]string{"run", "--help"}, "-ephemeral"},
		{[]string{"index", "--help"}, "usage: bot index"},
		{[]string{"healthcheck", "-h"}, "usage: bot healthcheck"},
	} {
		code, _, errs := runBot(t, nil, tt.args...)
		if code != exitOK || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want 0 and %q", tt.args, code, errs, tt.want)
		}
	}
	for _, args := range [][]string{{"ask", "--nope", "x"}, {"eval", "--k", "x"}, {"run", "--nope"}, {"run", "x"}, {"index", "--help", "x"}} {
		if code, _, _ := runBot(t, nil, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	// A number out of range says which and why, not only the usage.
	if code, _, errs := runBot(t, nil, "eval", "--k", "0", "--questions", "x.jsonl"); code != exitUsage || !strings.Contains(errs, "--k must be between 1 and 100, not 0") {
		t.Errorf("eval --k 0: exit %d, stderr %q", code, errs)
	}
}

// `bot help` names every subcommand and flag the README's command table
// does: an operator told by `bot run` to use --ephemeral finds it there.
func TestHelpNamesEveryFlag(t *testing.T) {
	// With a setting that stops every other command, help still shows.
	code, out, _ := runBot(t, map[string]string{"LOG_LEVEL": "verbose"}, "help")
	for _, want := range []string{"bot run [--ephemeral]", "bot ask [--json] QUESTION...", "bot eval --questions FILE [--k N] [--json]",
		"bot eval --answers --questions FILE [--json]", "bot index", "bot healthcheck"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("exit %d, help lacks %q:\n%s", code, want, out)
		}
	}
}

// stutter returns the part of an error line that says its context twice
// ("bot eval: eval: …", "read F: read F: …"), or "".
func stutter(line string) string {
	parts := strings.Split(line, ": ")
	for i := 1; i < len(parts); i++ {
		prev, cur := strings.Fields(parts[i-1]), strings.Fields(parts[i])
		if len(prev) > 0 && len(cur) > 0 && (parts[i-1] == parts[i] || prev[len(prev)-1] == cur[0]) {
			return parts[i-1] + ": " + parts[i]
		}
	}
	return ""
}

// Every error of bot eval says its context once: "bot eval: eval: F has
// no questions", "bot eval: eval: read D: read D: is a directory" did not.
func TestEvalErrorsSayTheirContextOnce(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, []byte("\n\n"), 0o644)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"a","question":"q","answerable":false}`+"\n{\"id\":\n"), 0o644)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "--questions", empty}, "empty.jsonl: no questions"},
		{[]string{"eval", "--questions", dir}, "is a directory"},
		{[]string{"eval", "--questions", filepath.Join(dir, "nope.jsonl")}, "no such file"},
		{[]string{"eval", "--answers", "--questions", bad}, "bad.jsonl:2:"},
		{[]string{"eval", "--k", "0", "--questions", empty}, "--k must be between 1 and 100"},
	} {
		code, _, errs := runBot(t, nil, tt.args...)
		if code == exitOK || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", tt.args, code, errs, tt.want)
		}
		for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
			if s := stutter(line); s != "" {
				t.Errorf("%v: %q says %q", tt.args, line, s)
			}
		}
	}
}

// A subcommand's help prints, and exits 0, whatever the environment: an
// operator whose setting is wrong reads the help to put it right. Help
// given as a flag's value, or after the flags, is not a help request.
func TestSubcommandHelpWithBadSettings(t *testing.T) {
	for _, env := range []map[string]string{{"LOG_LEVEL": "loud"}, {"OPENAI_TIMEOUT": "5"}, {"DISCORD_SHARDS": "many"}, {"MAX_CONCURRENT_ANSWERS": "abc"}} {
		for _, tt := range []struct {
			args []string
			want string
		}{
			{[]string{"run", "--help"}, "-ephemeral"},
			{[]string{"run", "--ephemeral", "-h"}, "usage: bot run"},
			{[]string{"ask", "--help"}, "usage: bot ask"},
			{[]string{"ask", "--json", "-help"}, "-json"},
			{[]string{"eval", "--help"}, "-questions"},
			{[]string{"eval", "--questions", "q.jsonl", "--help"}, "usage: bot eval"},
			{[]string{"eval", "--k=3", "-h"}, "usage: bot eval"},
			{[]string{"index", "--help"}, "usage: bot index"},
			{[]string{"healthcheck", "-h"}, "usage: bot healthcheck"},
		} {
			code, _, errs := runBot(t, env, tt.args...)
			if code != exitOK || !strings.Contains(errs, tt.want) {
				t.Errorf("%v %v: exit %d, stderr %q; want 0 and %q", env, tt.args, code, errs, tt.want)
			}
		}
		for _, args := range [][]string{{"ask", "what", "is", "--help"}, {"eval", "--questions", "--help"}, {"ask", "--", "--help"}, {"index"}} {
			if code, _, errs := runBot(t, env, args...); code != exitUsage || !strings.HasPrefix(errs, "bot: ") {
				t.Errorf("%v %v: exit %d, stderr %q; want the setting's error", env, args, code, errs)
			}
		}
	}
}

// jsonNames is every JSON field name t prints, nested structs, slices
// and maps of them included.
func jsonNames(t reflect.Type, into map[string]bool) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		jsonNames(t.Elem(), into)
	case reflect.Struct:
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			into[name] = true
			jsonNames(f.Type, into)
		}
	}
}

// The README lists exactly the fields `bot eval --json` and `bot eval
// --answers --json` print, as their report types declare them: it left
// out answerable, k, by_kind, kind and question, and said nothing of the
// answers report's.
func TestReadmeListsEvalJSONFields(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for intro, report := range map[string]any{"`bot eval --json` prints": eval.Report{}, "`bot eval --answers --json` prints": eval.AnswersReport{}} {
		_, para, ok := strings.Cut(string(readme), "\n"+intro)
		if !ok {
			t.Errorf("README has no paragraph starting %s", intro)
			continue
		}
		para, _, _ = strings.Cut(para, "\n\n")
		listed := map[string]bool{}
		for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(para, -1) {
			if m[1] != "true" {
				listed[m[1]] = true
			}
		}
		printed := map[string]bool{}
		jsonNames(reflect.TypeOf(report), printed)
		for name := range printed {
			if !listed[name] {
				t.Errorf("%s: README does not list %q", intro, name)
			}
		}
		for name := range listed {
			if !printed[name] {
				t.Errorf("%s: README lists %q, which is not printed", intro, name)
			}
		}
	}
}

// bot index without REDIS_URL says that nothing was kept: it printed the
// version as when it fills Redis ("1 briefings"), and exited 0.
func TestIndexWithoutRedisSaysNothingIsKept(t *testing.T) {
	code, out, errs := runBot(t, nil, "index")
	if code != exitOK || !strings.Contains(out, ": 1 briefing, ") || !strings.Contains(errs, "REDIS_URL is not set: the briefings were checked") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// A reasoning model whose provider strips the opening <think>: its
// checked thinking may have reached the terminal before the closing tag
// came; it is marked withdrawn there, and the answer printed after it on
// its own, once, with no control bytes of the withdrawal.
func TestAskWithdrawsStreamedReasoning(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		n := p.Number(11)
		return llmtest.Reply{Pieces: []string{fmt.Sprintf("Macron worries about China [%d]. ", n), "So the user wants France. ",
			"</think>\n\n", fmt.Sprintf("Macron fears provoking China [%d].", n)}}
	})
	env := map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat"}
	code, out, errs := runBot(t, env, "ask", "Why does France oppose a NATO office in Tokyo?")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.ContainsRune(out, 0) || strings.Contains(out, "restart") {
		t.Errorf("the withdrawal reached the terminal as text:\n%q", out)
	}
	withdrawn, answerAt := strings.Index(out, "[withdrawn]"), strings.Index(out, "Macron fears provoking China [1].")
	if !strings.Contains(out, "Macron worries") || withdrawn < 0 || withdrawn > answerAt {
		t.Errorf("reasoning shown and not marked withdrawn before the answer:\n%s", out)
	}
	if answerAt < 0 || strings.Count(out, "Macron fears") != 1 || strings.Contains(out, "So the user") {
		t.Errorf("want the answer once after the reasoning:\n%s", out)
	}
}

func TestLibraryGuildsSetting(t *testing.T) {
	for v, want := range map[string][]string{
		"": nil, "1203940985402658836": {"1203940985402658836"},
		"1203940985402658836, 98765432101234567":   {"1203940985402658836", "98765432101234567"},
		" 1203940985402658836,,98765432101234567 ": {"1203940985402658836", "98765432101234567"},
	} {
		cfg, err := loadConfig(func(k string) string { return map[string]string{"LIBRARY_GUILD_IDS": v}[k] })
		if err != nil || !slices.Equal(cfg.LibraryGuilds, want) {
			t.Errorf("LIBRARY_GUILD_IDS=%q: %v, %v", v, cfg.LibraryGuilds, err)
		}
	}
	for _, v := range []string{"My Server", "1203940985402658836;2", "<#1203940985402658836>"} {
		if _, err := loadConfig(func(k string) string { return map[string]string{"LIBRARY_GUILD_IDS": v}[k] }); err == nil || !strings.Contains(err.Error(), "LIBRARY_GUILD_IDS") {
			t.Errorf("LIBRARY_GUILD_IDS=%q: %v", v, err)
		}
	}
}
