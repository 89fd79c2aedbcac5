package main

import (
	"strings"
	"testing"

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
