package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestMetricsServeWhatTheyHear(t *testing.T) {
	m := New()
	m.Question("slash", "answered")
	m.Stage("ack", 20*time.Millisecond)
	m.ModelCall("ok", 1200, 80)
	for _, s := range []int{200, 204, 404, 401, 403, 429, 429} {
		m.DiscordResponse(s)
	}
	m.RedisError("get")
	m.Gateway(0, true)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`briefbot_questions_total{outcome="answered",surface="slash"} 1`,
		`briefbot_stage_seconds_bucket{stage="ack",le="0.02"} 1`,
		`briefbot_model_tokens_total{kind="prompt"} 1200`,
		`briefbot_discord_responses_total{status="2xx"} 2`,
		`briefbot_discord_responses_total{status="4xx"} 1`,
		`briefbot_discord_responses_total{status="429"} 2`,
		`briefbot_discord_responses_total{status="401"} 1`,
		`briefbot_redis_errors_total{command="get"} 1`,
		`briefbot_gateway_connected{shard="0"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
