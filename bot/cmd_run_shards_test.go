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

// `bot run` with DISCORD_SHARDS=auto and no DISCORD_SHARD_IDS runs every
// shard Discord recommends in one process: both connect (max_concurrency 2,
// so without waiting), /readyz and /metrics show both, each guild's /ask
// is answered through its own shard, and SIGTERM closes both connections.
func TestRunAllShardsInOneProcess(t *testing.T) {
	const guild0, guild1 = "4398046511111", "4398050705415" // (id >> 22) % 2 = 0, 1
	srv := discordtest.New(t, discordtest.WithGuilds(guild0, guild1), discordtest.WithRecommendedShards(2), discordtest.WithMaxConcurrency(2))
	env := map[string]string{
		"DISCORD_TOKEN":    "test-token",
		"DISCORD_API_URL":  srv.APIBase(),
		"DISCORD_GUILD_ID": guild0,
		"DISCORD_SHARDS":   "auto",
		"HEALTH_ADDR":      freeAddr(t),
		"REDIS_URL":        redistest.Start(t).URL(),
	}
	getenv := func(k string) string { return env[k] }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr lockedBuffer
	exited := make(chan int, 1)
	go func() { exited <- run(ctx, []string{"run"}, getenv, io.Discard, &stderr) }()

	eventually(t, "/readyz to be ready", func() bool {
		resp, err := http.Get("http://" + env["HEALTH_ADDR"] + "/readyz")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		var st readyStatus
		return json.NewDecoder(resp.Body).Decode(&st) == nil && resp.StatusCode == http.StatusOK && st.Status == "ready"
	})
	var shards [][2]int
	for _, id := range srv.Identifies() {
		shards = append(shards, id.Shard)
	}
	if len(shards) != 2 || shards[0] == shards[1] || shards[0][1] != 2 || shards[1][1] != 2 {
		t.Errorf("IDENTIFYs for shards %v, want 0 and 1 of 2", shards)
	}
	for _, g := range []string{guild0, guild1} {
		i := srv.DispatchInteraction(&discordgo.Interaction{GuildID: g,
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "Why does France oppose a NATO office in Tokyo?"},
			}}})
		eventually(t, "the answer in guild "+g, func() bool {
			m := srv.Original(i.Token)
			return m != nil && strings.Contains(m.Content, "¶")
		})
	}
	checkMetrics(t, env["HEALTH_ADDR"], `briefbot_gateway_connected{shard="0"} 1`, `briefbot_gateway_connected{shard="1"} 1`)

	cancel() // SIGTERM
	awaitExit(t, exited, &stderr)
	if g := srv.Gateway(); g.Live != 0 {
		t.Errorf("%d gateway connections live after bot run stopped", g.Live)
	}
}
