package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/prompts"
)

func TestRunNeedsToken(t *testing.T) {
	code, _, errs := runBot(t, map[string]string{}, "run")
	if code != exitUsage || !strings.Contains(errs, "DISCORD_TOKEN") {
		t.Errorf("exit %d, stderr %q; want 2 naming DISCORD_TOKEN", code, errs)
	}
}

// lockedBuffer is an io.Writer safe for the bot's concurrent logging.
// startRun starts `bot run` in the background with env, as one process
// of the bot would run: what it logs, and its exit code once it ends.
func startRun(ctx context.Context, env map[string]string) (stderr *lockedBuffer, exited chan int) {
	stderr, exited = &lockedBuffer{}, make(chan int, 1)
	go func() {
		exited <- run(ctx, []string{"run"}, func(k string) string { return env[k] }, io.Discard, stderr)
	}()
	return stderr, exited
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// eventually polls cond until it holds or 10 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		<-tick.C
	}
}

func TestRunEndToEndWithHealthcheck(t *testing.T) {
	runEndToEnd(t, redistest.Start(t).URL())
}

// The same on a real Redis Cluster, REDIS_URL its address list: no
// CROSSSLOT, and the shared chunk store works (neither the log nor the
// health endpoints say it is unavailable).
func TestRunEndToEndOnCluster(t *testing.T) {
	runEndToEnd(t, redistest.StartCluster(t, redistest.ClusterOptions{}).Spec())
}

func runEndToEnd(t *testing.T, redisURL string) {
	srv := discordtest.New(t)
	model := llmtest.New(t)
	model.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		return llmtest.Reply{Pieces: []string{"France's president, Emmanuel Macron, ", fmt.Sprintf("objected to the office [%d].", p.Number(11))}}
	})
	const modelKey = "sk-test-key-never-logged"
	env := map[string]string{
		"DISCORD_TOKEN":    "test-token",
		"DISCORD_API_URL":  srv.APIBase(),
		"DISCORD_GUILD_ID": discordtest.DefaultGuildID,
		"HEALTH_ADDR":      freeAddr(t),
		"REDIS_URL":        redisURL,
		"OPENAI_BASE_URL":  model.BaseURL(),
		"OPENAI_MODEL":     "fake-chat",
		"OPENAI_API_KEY":   modelKey,
		// Every line a JSON object, at the most talkative level.
		"LOG_FORMAT": "json",
		"LOG_LEVEL":  "debug",
	}
	getenv := func(k string) string { return env[k] }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr, exited := startRun(ctx, env)

	eventually(t, "commands registered", func() bool { return len(srv.Commands(discordtest.DefaultGuildID)) == 7 })
	var names []string
	for _, c := range srv.Commands(discordtest.DefaultGuildID) {
		names = append(names, c.Name)
	}
	slices.Sort(names)
	if strings.Join(names, " ") != "Ask briefbot admin ask briefing help quiz session" {
		t.Errorf("commands registered: %v", names)
	}
	var out, errb bytes.Buffer
	eventually(t, "bot healthcheck to pass", func() bool {
		out.Reset()
		errb.Reset()
		return run(context.Background(), []string{"healthcheck"}, getenv, &out, &errb) == exitOK
	})
	var st healthStatus
	if err := json.Unmarshal(out.Bytes(), &st); err != nil || st.Status != "ok" || st.ChunkStore != "ok" {
		t.Errorf("healthcheck printed %q (%v)", out.String(), err)
	}
	resp, err := http.Get("http://" + env["HEALTH_ADDR"] + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	var ready readyStatus
	err = json.NewDecoder(resp.Body).Decode(&ready)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || ready.Status != "ready" || ready.Knowledge == "" || ready.Briefings == 0 {
		t.Errorf("/readyz: %d %+v (%v)", resp.StatusCode, ready, err)
	}

	i := srv.DispatchInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID,
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "Why does France oppose a NATO office in Tokyo?"},
		}}})
	eventually(t, "the answer", func() bool {
		m := srv.Original(i.Token)
		return m != nil && strings.Contains(m.Content, "objected to the office") && strings.Contains(m.Content, "¶11")
	})

	// The run shows in /metrics: the question, its stages, the model call,
	// Discord's responses and the gateway.
	checkMetrics(t, env["HEALTH_ADDR"],
		`briefbot_questions_total{outcome="answered",surface="slash"} 1`,
		`briefbot_stage_seconds_count{stage="ack"} 1`,
		`briefbot_stage_seconds_count{stage="answer"} 1`,
		`briefbot_model_calls_total{result="ok"} 1`,
		`briefbot_discord_responses_total{status="2xx"}`,
		`briefbot_gateway_connected{shard="0"} 1`,
	)

	cancel() // SIGTERM
	awaitExit(t, exited, stderr)
	if code := run(context.Background(), []string{"healthcheck"}, getenv, io.Discard, io.Discard); code != exitFail {
		t.Errorf("healthcheck after stop: exit %d, want 1", code)
	}
	log := stderr.String()
	msgs := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		var rec struct {
			Msg    string `json:"msg"`
			Guilds int    `json:"guilds"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("LOG_FORMAT=json wrote a line that is not JSON: %q", line)
			continue
		}
		msgs[rec.Msg] = true
		if rec.Msg == "connected to Discord" && rec.Guilds != 1 {
			t.Errorf("connected with %d guilds: %s", rec.Guilds, line)
		}
	}
	for _, want := range []string{"connected to Discord", "slash commands registered", "health endpoint listening"} {
		if !msgs[want] {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
	for what, secret := range map[string]string{"the bot token": "test-token", "the model key": modelKey, "an interaction token": i.Token} {
		if strings.Contains(log, secret) {
			t.Errorf("the log contains %s", what)
		}
	}
	for _, bad := range []string{"CROSSSLOT", "unavailable", "not shared", `"level":"ERROR"`} {
		if strings.Contains(log, bad) {
			t.Errorf("log says %q:\n%s", bad, log)
		}
	}
}

type fakeGateway struct{ err error }

func (f fakeGateway) Healthy() error { return f.err }

// fakeKnowledge is a knowledgeHealth.
type fakeKnowledge struct {
	version string
	err     error
}

func (f fakeKnowledge) Corpus() knowledge.Corpus {
	if f.version == "" {
		return knowledge.Corpus{}
	}
	return knowledge.Corpus{Version: f.version, Briefings: make([]knowledge.Briefing, 2)}
}
func (f fakeKnowledge) StoreErr() error { return f.err }

func TestHealthHandler(t *testing.T) {
	rds := redistest.Start(t)
	rdb := rds.Client(t)
	tests := []struct {
		name    string
		gateway error
		stopped bool
		code    int
		status  string
	}{
		{"all well", nil, false, http.StatusOK, "ok"},
		{"gateway down", errors.New("disconnected from the Discord gateway for 1m0s"), false, http.StatusServiceUnavailable, "unhealthy"},
		// Alive: the bot answers without Redis, and restarting it would
		// not bring Redis back.
		{"redis down", nil, true, http.StatusOK, "degraded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stopped {
				rds.Stop()
				defer rds.Restart()
			}
			rec := httptest.NewRecorder()
			healthHandler(fakeGateway{tt.gateway}, redisstore.New(rdb, redisstore.Options{}).Check, fakeKnowledge{"v1", nil}).ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
			var st healthStatus
			if rec.Code != tt.code || json.Unmarshal(rec.Body.Bytes(), &st) != nil {
				t.Fatalf("status %d body %q, want %d", rec.Code, rec.Body, tt.code)
			}
			if st.Status != tt.status || (st.Redis == "ok") == tt.stopped || st.ChunkStore != "ok" {
				t.Errorf("body %+v, want status %q", st, tt.status)
			}
		})
	}
	// A failing chunk store is reported, without changing the verdict.
	rec := httptest.NewRecorder()
	healthHandler(fakeGateway{}, redisstore.New(rdb, redisstore.Options{}).Check, fakeKnowledge{"v1", errors.New("CROSSSLOT")}).ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	var st healthStatus
	if json.Unmarshal(rec.Body.Bytes(), &st) != nil || rec.Code != http.StatusOK || st.ChunkStore != "unavailable: CROSSSLOT" {
		t.Errorf("chunk store down: %d %s", rec.Code, rec.Body)
	}
}

// /readyz: ready once the knowledge is loaded; Redis or the chunk store
// failing is "degraded", still 200; no knowledge is 503.
func TestReadyz(t *testing.T) {
	rds := redistest.Start(t)
	rdb := rds.Client(t)
	tests := []struct {
		name        string
		kb          fakeKnowledge
		stopped     bool
		code        int
		status      string
		redis, kbOK bool
	}{
		{"ready", fakeKnowledge{"v1", nil}, false, http.StatusOK, "ready", true, true},
		{"chunk store down", fakeKnowledge{"v1", errors.New("state: connect: refused")}, false, http.StatusOK, "degraded", true, false},
		{"redis down", fakeKnowledge{"v1", nil}, true, http.StatusOK, "degraded", false, true},
		{"no knowledge", fakeKnowledge{"", nil}, false, http.StatusServiceUnavailable, "not ready", true, true},
	}
	gatewayDown := errors.New("disconnected from the Discord gateway for 1m0s")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.stopped {
				rds.Stop()
				defer rds.Restart()
			}
			rec := httptest.NewRecorder()
			healthHandler(fakeGateway{}, redisstore.New(rdb, redisstore.Options{}).Check, tt.kb).ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
			var st readyStatus
			if rec.Code != tt.code || json.Unmarshal(rec.Body.Bytes(), &st) != nil || st.Status != tt.status {
				t.Fatalf("status %d body %s, want %d %q", rec.Code, rec.Body, tt.code, tt.status)
			}
			if (st.Redis == "ok") != tt.redis || (st.ChunkStore == "ok") != tt.kbOK || st.Knowledge != tt.kb.version {
				t.Errorf("body %+v", st)
			}
			if tt.kb.err != nil && !strings.Contains(st.ChunkStore, tt.kb.err.Error()) {
				t.Errorf("chunk store %q does not say why", st.ChunkStore)
			}
		})
	}
	// Not connected to Discord: not ready, and the body says so.
	rec := httptest.NewRecorder()
	healthHandler(fakeGateway{gatewayDown}, redisstore.New(rdb, redisstore.Options{}).Check, fakeKnowledge{"v1", nil}).ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	var st readyStatus
	if rec.Code != http.StatusServiceUnavailable || json.Unmarshal(rec.Body.Bytes(), &st) != nil || st.Status != "not ready" || st.Gateway != gatewayDown.Error() {
		t.Errorf("gateway down: %d %s", rec.Code, rec.Body)
	}
}

func TestRunRefusedTokenExits1(t *testing.T) {
	srv := discordtest.New(t, discordtest.WithToken("Bot right"))
	code, _, errs := runBot(t, map[string]string{
		"DISCORD_TOKEN": "wrong", "DISCORD_API_URL": srv.APIBase(), "HEALTH_ADDR": freeAddr(t),
	}, "run", "--ephemeral")
	if code != exitFail || !strings.Contains(errs, "DISCORD_TOKEN") || strings.Contains(errs, "wrong") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
}

// bot run keeps moderators' work in Redis: without REDIS_URL it refuses,
// unless the operator says --ephemeral.
func TestRunWithoutRedisNeedsEphemeral(t *testing.T) {
	code, _, errs := runBot(t, map[string]string{"DISCORD_TOKEN": "t"}, "run")
	if code != exitUsage || !strings.Contains(errs, "REDIS_URL is not set") || !strings.Contains(errs, "--ephemeral") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runBot(t, map[string]string{"DISCORD_TOKEN": "t"}, "run", "--nonsense"); code != exitUsage || !strings.Contains(errs, "usage: bot run") {
		t.Errorf("bad flag: exit %d, %q", code, errs)
	}
}

// An unwritable KNOWLEDGE_DIR is reported at start-up; a writable one is not.
func TestWarnUnwritableKnowledgeDir(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	warnUnwritable(log, t.TempDir())
	if logs.Len() != 0 {
		t.Errorf("a writable folder was reported: %s", logs.String())
	}
	// Not a folder at all: as unwritable as it gets, also for root.
	notDir := filepath.Join(t.TempDir(), "file")
	os.WriteFile(notDir, nil, 0o644)
	warnUnwritable(log, notDir)
	if !strings.Contains(logs.String(), "KNOWLEDGE_DIR is not writable by the bot") || !strings.Contains(logs.String(), notDir) {
		t.Errorf("log: %s", logs.String())
	}
}

// checkMetrics reads /metrics at addr and checks it holds every line.
func checkMetrics(t *testing.T, addr string, lines ...string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range lines {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// awaitExit waits for a bot run to stop after its SIGTERM and checks it
// exited cleanly.
func awaitExit(t *testing.T, exited <-chan int, stderr fmt.Stringer) {
	t.Helper()
	select {
	case code := <-exited:
		if code != exitOK {
			t.Errorf("bot run exit %d; log:\n%s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("bot run did not stop")
	}
}
