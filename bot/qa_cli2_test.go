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
