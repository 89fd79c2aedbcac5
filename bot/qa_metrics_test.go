package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/metrics"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/redis/go-redis/v9"
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

// A Redis that refuses the bot's password as connections open again
// (rotated while the bot runs) counted nothing in
// briefbot_redis_errors_total: go-redis returns that refusal with no
// error on the command yet, and redisstore stamps it on a pipeline's
// commands only outside this hook. The metric is what an operator alerts
// on, and it stayed at zero through the outage.
func TestRedisErrorsMetricCountsARefusedPassword(t *testing.T) {
	srv := redistest.Start(t)
	rotate := srv.RotatePassword(t, "first-pw", "rotated-pw")
	ctx := context.Background()
	rdb, err := redisstore.Connect(ctx, "redis://:first-pw@"+srv.Addr()+"/0")
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	m := metrics.New()
	rdb.AddHook(redisErrors{m}) // as app.go does, after Connect's own hooks
	if err := rdb.Set(ctx, srv.Prefix()+"k", "v", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	rotate()
	if err := rdb.Get(ctx, srv.Prefix()+"k").Err(); err == nil {
		t.Fatal("GET with the password refused succeeded")
	}
	if _, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Incr(ctx, srv.Prefix()+"n")
		return nil
	}); err == nil {
		t.Fatal("a pipeline with the password refused succeeded")
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, want := range []string{`briefbot_redis_errors_total{command="get"}`, `briefbot_redis_errors_total{command="incr"}`} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("/metrics lacks %s after the refusals:\n%s", want, grepLines(rec.Body.String(), "briefbot_redis"))
		}
	}
}

func grepLines(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// A call the bot cancelled itself (a question edited mid-answer, a
// shutdown) and a WATCH another writer won (the store runs it again) are
// no Redis failures: counting them raised the alert with Redis healthy.
func TestRedisErrorsMetricIgnoresTheBotsOwnCancellations(t *testing.T) {
	srv := redistest.Start(t)
	rdb, err := redisstore.Connect(context.Background(), srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	m := metrics.New()
	rdb.AddHook(redisErrors{m})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = rdb.Get(ctx, srv.Prefix()+"k").Err()
	key := srv.Prefix() + "w"
	err = rdb.Watch(context.Background(), func(tx *redis.Tx) error {
		if err := rdb.Set(context.Background(), key, "other", time.Minute).Err(); err != nil {
			return err
		}
		_, err := tx.TxPipelined(context.Background(), func(p redis.Pipeliner) error {
			p.Set(context.Background(), key, "mine", time.Minute)
			return nil
		})
		return err
	}, key)
	if !errors.Is(err, redis.TxFailedErr) {
		t.Fatalf("the watched transaction: %v, want TxFailedErr", err)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if got := grepLines(rec.Body.String(), "briefbot_redis_errors_total"); got != "" {
		t.Errorf("/metrics counts the bot's own cancellation or a lost WATCH:\n%s", got)
	}
}
