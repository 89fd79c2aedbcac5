package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// runningBot is `bot run` against a fake Discord and a real Redis, for
// tests that make Redis misbehave while it runs.
type runningBot struct {
	t      *testing.T
	srv    *discordtest.Server
	env    map[string]string
	stderr *lockedBuffer
}

func startRunningBot(t *testing.T, redisURL string) *runningBot {
	t.Helper()
	srv := discordtest.New(t)
	env := map[string]string{
		"DISCORD_TOKEN":    "test-token",
		"DISCORD_API_URL":  srv.APIBase(),
		"DISCORD_GUILD_ID": discordtest.DefaultGuildID,
		"HEALTH_ADDR":      freeAddr(t),
		"REDIS_URL":        redisURL,
	}
	ctx, cancel := context.WithCancel(context.Background())
	stderr, exited := startRun(ctx, env)
	t.Cleanup(func() {
		cancel()
		awaitExit(t, exited, stderr)
	})
	b := &runningBot{t: t, srv: srv, env: env, stderr: stderr}
	eventually(t, "ready", func() bool { code, _ := b.ready(); return code == http.StatusOK })
	return b
}

// ask sends /ask and returns the answer's text once it has one.
func (b *runningBot) ask(q string) string {
	b.t.Helper()
	i := b.srv.DispatchInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID,
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: q},
		}}})
	var text string
	eventually(b.t, "the answer to "+q, func() bool {
		m := b.srv.Original(i.Token)
		if m == nil || strings.Contains(m.Content, "writing") || m.Content == "" {
			return false
		}
		text = m.Content
		return true
	})
	return text
}

func (b *runningBot) ready() (int, readyStatus) {
	var st readyStatus
	resp, err := http.Get("http://" + b.env["HEALTH_ADDR"] + "/readyz")
	if err != nil {
		return 0, st
	}
	defer resp.Body.Close()
	json.NewDecoder(resp.Body).Decode(&st)
	return resp.StatusCode, st
}

func (b *runningBot) metrics() string {
	resp, err := http.Get("http://" + b.env["HEALTH_ADDR"] + "/metrics")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// Redis killed, then restarted without its data, while the bot runs: it
// answers meanwhile, /readyz says Redis is down, and once Redis is back
// the bot writes its chunk store back by itself, says so in its log, and
// /readyz is ready again (TestRunRedisRestartedEmpty).
func TestRunRedisRestartedEmpty(t *testing.T) {
	rds := redistest.Start(t)
	b := startRunningBot(t, rds.URL())
	ctx := context.Background()
	const current = "briefbot:{kb}:current"
	if n, err := rds.Client(t).Exists(ctx, current).Result(); err != nil || n != 1 {
		t.Fatalf("chunk store not written at start: %d, %v", n, err)
	}
	rds.Stop()
	if a := b.ask("Why does France oppose a NATO office in Tokyo?"); !strings.Contains(a, "¶11") {
		t.Errorf("no answer with Redis down: %q", a)
	}
	code, st := b.ready()
	if code != http.StatusOK || st.Status != "degraded" || !strings.Contains(st.Redis, "connection refused") {
		t.Errorf("/readyz with Redis down: %d %+v", code, st)
	}
	rds.Restart() // empty: no persistence
	eventually(t, "the chunk store written back", func() bool {
		n, _ := rds.Client(t).Exists(ctx, current).Result()
		return n == 1
	})
	eventually(t, "/readyz ready again", func() bool {
		code, st := b.ready()
		return code == http.StatusOK && st.Status == "ready" && st.Redis == "ok" && st.ChunkStore == "ok"
	})
	if log := b.stderr.String(); !strings.Contains(log, "Redis held no shared chunk store") {
		t.Errorf("the log does not say the chunk store was written back:\n%s", log)
	}
	if a := b.ask("Who is Lin Jian?"); !strings.Contains(a, "Lin Jian") {
		t.Errorf("no answer after Redis came back: %q", a)
	}
}

// Redis out of memory (maxmemory, noeviction) answers PING and reads but
// refuses every write: /readyz and /healthz said "ok" meanwhile. They say
// degraded, and why, and ready again once Redis takes writes; the bot
// answers throughout (TestRunRedisOutOfMemory).
func TestRunRedisOutOfMemory(t *testing.T) {
	rds := redistest.Start(t)
	b := startRunningBot(t, rds.URL())
	ctx := context.Background()
	admin := rds.Client(t)
	if err := admin.ConfigSet(ctx, "maxmemory", "1").Err(); err != nil {
		t.Fatal(err)
	}
	if a := b.ask("Why does France oppose a NATO office in Tokyo?"); !strings.Contains(a, "¶11") {
		t.Errorf("no answer with Redis out of memory: %q", a)
	}
	code, st := b.ready()
	if code != http.StatusOK || st.Status != "degraded" || !strings.Contains(st.Redis, "out of memory") || !strings.Contains(st.Redis, "maxmemory") {
		t.Errorf("/readyz with Redis out of memory: %d %+v", code, st)
	}
	resp, err := http.Get("http://" + b.env["HEALTH_ADDR"] + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h healthStatus
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || h.Status != "degraded" || !strings.Contains(h.Redis, "out of memory") {
		t.Errorf("/healthz with Redis out of memory: %d %+v", resp.StatusCode, h)
	}
	if err := admin.ConfigSet(ctx, "maxmemory", "0").Err(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "/readyz ready again", func() bool {
		code, st := b.ready()
		return code == http.StatusOK && st.Status == "ready"
	})
}
