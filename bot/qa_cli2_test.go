package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

// bot run, index and healthcheck given a word too many printed their
// synopsis alone, exit 2, not what was wrong ("bot run --ephemeral
// extra"). They say it first, as bot eval does, and still show the
// synopsis.
func TestRunIndexHealthcheckUsageErrorsSayWhatIsWrong(t *testing.T) {
	for _, tt := range []struct {
		args        []string
		want, usage string
	}{
		{[]string{"run", "--ephemeral", "extra"}, `bot run: unexpected argument "extra"`, "usage: bot run"},
		{[]string{"run", "x", "--ephemeral"}, `bot run: unexpected arguments "x" "--ephemeral": flags come before them`, "usage: bot run"},
		{[]string{"index", "extra"}, `bot index: unexpected argument "extra": it takes none`, "usage: bot index"},
		{[]string{"index", "--help", "x"}, `bot index: unexpected arguments "--help" "x": it takes none`, "usage: bot index"},
		{[]string{"healthcheck", "now"}, `bot healthcheck: unexpected argument "now": it takes none`, "usage: bot healthcheck"},
	} {
		code, out, errs := runBot(t, map[string]string{"DISCORD_TOKEN": "t"}, tt.args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, tt.want) || !strings.Contains(errs, tt.usage) {
			t.Errorf("%q: exit %d, stderr %q; want 2, %q and the synopsis", tt.args, code, errs, tt.want)
		}
	}
}

// bot eval --answers --k 3 ran as if --k were not there: --k is how many
// chunks the retrieval report ranks, and the answers report ranks none.
// The combination is refused, saying so; --answers alone still runs.
func TestEvalAnswersRefusesK(t *testing.T) {
	for _, args := range [][]string{
		{"eval", "--answers", "--k", "3", "--questions", "q.jsonl"},
		{"eval", "--k", "5", "--answers", "--questions", "q.jsonl"},
		{"eval", "--answers", "--k=10", "--questions", "q.jsonl"},
	} {
		code, out, errs := runBot(t, nil, args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, "bot eval: --k is for the retrieval report; --answers runs the whole pipeline, which takes no --k") ||
			!strings.Contains(errs, "usage: bot eval") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and why --k does not go with --answers", args, code, errs)
		}
	}
}

// An API key with a control character in it (a key pasted with a line
// break, two keys pasted one under the other) cannot go in a header:
// each question's call failed before it was sent, was retried three
// times, and read as "model unavailable". bot ask (any command) refuses
// it at start, naming the variable, never the key, and calls nothing; so
// does a Discord token with one, which Discord could not be sent either.
func TestKeyWithControlCharacterRefusedAtStart(t *testing.T) {
	srv := llmtest.New(t)
	for _, tc := range []struct{ name, value string }{
		{"OPENAI_API_KEY", "sk-SECRET-1\nsk-SECRET-2"},
		{"OPENAI_API_KEY", "sk-SECRET\r-1"},
		{"OPENAI_API_KEY", "sk-\tSECRET"},
		{"DISCORD_TOKEN", "tok-SECRET\n.x"},
	} {
		env := map[string]string{tc.name: tc.value, "OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat"}
		code, out, errs := runBot(t, env, "ask", "Why does France oppose a NATO office in Tokyo?")
		if code != exitUsage || out != "" || !strings.Contains(errs, tc.name+": the value holds a control character") {
			t.Errorf("%s=%q: exit %d, stdout %q, stderr %q; want 2 and the variable named", tc.name, tc.value, code, out, errs)
		}
		if strings.Contains(errs, "SECRET") {
			t.Errorf("%s=%q: the value is printed: %s", tc.name, tc.value, errs)
		}
	}
	if n := srv.ChatCalls(); n != 0 {
		t.Errorf("%d chat calls with a key that cannot be sent", n)
	}
}

// A wrong or revoked key (the server answers 401, or 403) told members
// "The language model is unavailable right now", as if waiting would
// help, and told the operator one WARN per question among the passing
// failures. The member reads that the model cannot be used until the
// operators fix its setup (notice kind model_setup); the operator reads
// one ERROR naming OPENAI_API_KEY, however many questions come.
func TestRefusedKeyNoticeAndOneError(t *testing.T) {
	for _, status := range []int{401, 403} {
		srv := llmtest.New(t)
		srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
			return llmtest.Reply{Status: status, Body: `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`}
		})
		env := map[string]string{"OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat", "OPENAI_API_KEY": "sk-wrong"}
		a := askJSON(t, env, "Why does France oppose a NATO office in Tokyo?")
		if len(a.Notices) != 1 || a.Notices[0].Kind != "model_setup" || strings.Contains(a.Notice, "right now") || !strings.Contains(a.Notice, "operators") {
			t.Errorf("HTTP %d: notices %+v (%q), want model_setup, saying it is for the operators", status, a.Notices, a.Notice)
		}

		dir := t.TempDir()
		file := dir + "/q.jsonl"
		lines := `{"id":"a","question":"Why does France oppose a NATO office in Tokyo?","gold":["Macron"],"answerable":true}
{"id":"b","question":"Who is Lin Jian?","gold":["Lin Jian"],"answerable":true}
{"id":"c","question":"What is the Quad?","gold":["Quad"],"answerable":true}
`
		if err := os.WriteFile(file, []byte(lines), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errs := runBot(t, env, "eval", "--answers", "--json", "--questions", file)
		if code != exitOK {
			t.Fatalf("HTTP %d: eval exit %d: %s", status, code, errs)
		}
		var rep struct {
			Summary struct {
				FellBack int `json:"fell_back"`
			} `json:"summary"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Summary.FellBack != 3 {
			t.Errorf("HTTP %d: fell_back %d (%v), want 3", status, rep.Summary.FellBack, err)
		}
		if n := strings.Count(errs, "level=ERROR"); n != 1 || !strings.Contains(errs, "OPENAI_API_KEY") || strings.Contains(errs, "sk-wrong") {
			t.Errorf("HTTP %d: %d ERROR lines over three questions, want 1 naming OPENAI_API_KEY (not the key):\n%s", status, n, errs)
		}
	}
}

// Ctrl-C while Redis accepts the connection and never answers (a
// stalled server, a firewall that lets SYN through): bot ask waited out
// the connect timeout before it said "interrupted". It stops at once.
func TestInterruptedDuringStalledRedisConnect(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, never answered
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	var out, errb bytes.Buffer
	start := time.Now()
	code := run(ctx, []string{"ask", "Who is Lin Jian?"}, func(k string) string {
		return map[string]string{"REDIS_URL": "redis://" + ln.Addr().String()}[k]
	}, &out, &errb)
	if took := time.Since(start); code != exitInterrupted || took > time.Second {
		t.Errorf("exit %d after %s, stderr %q; want 130 within a second of the signal", code, took.Round(time.Millisecond), errb.String())
	}
}
