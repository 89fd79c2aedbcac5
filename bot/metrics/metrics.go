// Package metrics is the bot's Prometheus adapter: the collectors, and the
// methods by which the parts report to them. The parts declare what they
// report in their own small interfaces (asking.Observer,
// discord.Observer, llmanswer.Observer); main hands them a *Metrics, the
// only place that links the Prometheus client, and serves Handler at
// /metrics on HEALTH_ADDR.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the bot's collectors in a registry of its own.
type Metrics struct {
	reg       *prometheus.Registry
	questions *prometheus.CounterVec
	stages    *prometheus.HistogramVec
	model     *prometheus.CounterVec
	tokens    *prometheus.CounterVec
	discord   *prometheus.CounterVec
	redis     *prometheus.CounterVec
	gateway   *prometheus.GaugeVec
	invalid   prometheus.Gauge
}

// New returns the bot's metrics, with the Go runtime's and the process's.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_questions_total",
			Help: "Questions by surface (slash, mention, thread, dm, auto, message-command, session) and outcome (answered, refused, approved, cached, degraded, rate_limited, channel_closed, empty, busy, error).",
		}, []string{"surface", "outcome"}),
		stages: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "briefbot_stage_seconds",
			Help: "Latency per stage: ack (interaction to acknowledgement), first_text (to the first checked sentence), answer (the whole answer), edit (one Discord edit).",
			// 5 ms to ~40 s: an ack is milliseconds, a slow model tens of seconds.
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 14),
		}, []string{"stage"}),
		model: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_model_calls_total",
			Help: "Model calls by result: ok, rate_limited, timeout, unauthorized (the server refused the API key), not_found (no such model or endpoint), error.",
		}, []string{"result"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_model_tokens_total",
			Help: "Model tokens by kind: prompt, completion.",
		}, []string{"kind"}),
		discord: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_discord_responses_total",
			Help: "Discord REST responses by status class and, for those that count against the invalid-request budget (401, 403, 429), by status.",
		}, []string{"status"}),
		redis: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_redis_errors_total",
			Help: "Redis commands that failed (not a missing key), by command.",
		}, []string{"command"}),
		gateway: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "briefbot_gateway_connected",
			Help: "1 while the shard's gateway connection is up.",
		}, []string{"shard"}),
		invalid: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "briefbot_discord_invalid_requests_10m",
			Help: "Invalid requests (401, 403, 429 but shared-scope ones) to Discord in the last 10 minutes; Discord bans the IP at 10,000, the bot slows down from 2,500.",
		}),
	}
	m.reg.MustRegister(m.questions, m.stages, m.model, m.tokens, m.discord, m.redis, m.gateway, m.invalid,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Question counts a question's outcome.
func (m *Metrics) Question(surface, outcome string) {
	m.questions.WithLabelValues(surface, outcome).Inc()
}

// Stage records how long a stage took.
func (m *Metrics) Stage(stage string, d time.Duration) {
	m.stages.WithLabelValues(stage).Observe(d.Seconds())
}

// ModelCall counts a model call and its tokens.
func (m *Metrics) ModelCall(result string, promptTokens, completionTokens int) {
	m.model.WithLabelValues(result).Inc()
	m.tokens.WithLabelValues("prompt").Add(float64(promptTokens))
	m.tokens.WithLabelValues("completion").Add(float64(completionTokens))
}

// statusClasses are the labels of the usual status classes, by class.
var statusClasses = [...]string{1: "1xx", 2: "2xx", 3: "3xx", 4: "4xx", 5: "5xx"}

// DiscordResponse counts a Discord REST response.
func (m *Metrics) DiscordResponse(status int) {
	var label string
	if c := status / 100; c >= 1 && c <= 5 {
		label = statusClasses[c] // every REST response: no string built
	} else {
		label = strconv.Itoa(c) + "xx"
	}
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests:
		label = strconv.Itoa(status)
	}
	m.discord.WithLabelValues(label).Inc()
}

// RedisError counts a failed Redis command.
func (m *Metrics) RedisError(command string) {
	m.redis.WithLabelValues(command).Inc()
}

// Gateway sets a shard's connection state.
func (m *Metrics) Gateway(shard int, connected bool) {
	v := 0.0
	if connected {
		v = 1
	}
	m.gateway.WithLabelValues(strconv.Itoa(shard)).Set(v)
}

// InvalidRequests sets how many invalid requests the last 10 minutes hold.
func (m *Metrics) InvalidRequests(n int) { m.invalid.Set(float64(n)) }
