package main

import (
	"context"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/knowledge/redistest"
)

// Redis that starts refusing the bot's password while it runs (restarted
// with a new requirepass, a rotated ACL password): the operator saw /ask
// go unanswered, the log saying "duplicate event ignored", although the
// bot answers with Redis down altogether. It must answer meanwhile, as
// it does when Redis refuses connections, and /healthz say why.
func TestRunAnswersWhileRedisRefusesItsPassword(t *testing.T) {
	srv := redistest.Start(t)
	if srv.External() {
		t.Skip("changes the server's password: needs a redis-server of its own")
	}
	ctx := context.Background()
	admin := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	defer admin.Close()
	if err := admin.ConfigSet(ctx, "requirepass", "first-pw").Err(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, pw := range []string{"first-pw", "rotated-pw"} {
			c := redis.NewClient(&redis.Options{Addr: srv.Addr(), Password: pw})
			c.ConfigSet(ctx, "requirepass", "")
			c.Close()
		}
	})
	b := startRunningBot(t, "redis://:first-pw@"+srv.Addr()+"/0")
	if text := b.ask("Why does France oppose a NATO office in Tokyo?"); !strings.Contains(text, "[1]") {
		t.Fatalf("answer %q has no citation", text)
	}
	if err := admin.ConfigSet(ctx, "requirepass", "rotated-pw").Err(); err != nil {
		t.Fatal(err)
	}
	// The bot's connections were authenticated before: end them, as a
	// restart of Redis would.
	if err := admin.ClientKillByFilter(ctx, "TYPE", "normal", "SKIPME", "yes").Err(); err != nil {
		t.Fatal(err)
	}
	text := b.ask("What does NATO want in Tokyo?")
	if !strings.Contains(text, "[1]") {
		t.Errorf("answer with Redis refusing the password: %q\n%s", text, b.stderr)
	}
	if strings.Contains(b.stderr.String(), "duplicate event ignored") {
		t.Errorf("the question was taken for a duplicate:\n%s", b.stderr)
	}
}
