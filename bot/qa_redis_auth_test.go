package main

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge/redistest"
)

// Redis that starts refusing the bot's password while it runs (restarted
// with a new requirepass, a rotated ACL password): the operator saw /ask
// go unanswered, the log saying "duplicate event ignored", although the
// bot answers with Redis down altogether. It must answer meanwhile, as
// it does when Redis refuses connections, and /healthz say why.
func TestRunAnswersWhileRedisRefusesItsPassword(t *testing.T) {
	srv := redistest.Start(t)
	rotate := srv.RotatePassword(t, "first-pw", "rotated-pw")
	b := startRunningBot(t, "redis://:first-pw@"+srv.Addr()+"/0")
	if text := b.ask("Why does France oppose a NATO office in Tokyo?"); !strings.Contains(text, "[1]") {
		t.Fatalf("answer %q has no citation", text)
	}
	rotate() // the bot's connections, authenticated before, end as in a restart
	text := b.ask("What does NATO want in Tokyo?")
	if !strings.Contains(text, "[1]") {
		t.Errorf("answer with Redis refusing the password: %q\n%s", text, b.stderr)
	}
	if strings.Contains(b.stderr.String(), "duplicate event ignored") {
		t.Errorf("the question was taken for a duplicate:\n%s", b.stderr)
	}
}
