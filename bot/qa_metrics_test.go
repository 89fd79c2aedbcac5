package main

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge/redistest"
)

// An operator alerting on briefbot_redis_errors_total saw it rise with a
// healthy Redis 7.0 (what Debian ships, and what CI runs): go-redis sends
// CLIENT SETINFO on every new connection, which Redis before 7.2 refuses
// and go-redis ignores, and runs each script by EVALSHA first, which a
// Redis that has not seen the script answers NOSCRIPT before go-redis
// sends it with EVAL. Neither is a failure of the bot's calls.
func TestRedisErrorsMetricQuietOnAHealthyRedis(t *testing.T) {
	b := startRunningBot(t, redistest.Start(t).URL())
	if text := b.ask("Why does France oppose a NATO office in Tokyo?"); !strings.Contains(text, "[1]") {
		t.Fatalf("answer %q has no citation", text)
	}
	for _, line := range strings.Split(b.metrics(), "\n") {
		if strings.HasPrefix(line, "briefbot_redis_errors_total") {
			t.Errorf("Redis answered every call, yet /metrics has %s", line)
		}
	}
}
