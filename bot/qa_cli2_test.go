package main

import (
	"strings"
	"testing"
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
