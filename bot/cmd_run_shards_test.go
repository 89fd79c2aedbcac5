package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord"
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr, exited := startRun(ctx, env)

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
	awaitExit(t, exited, stderr)
	if g := srv.Gateway(); g.Live != 0 {
		t.Errorf("%d gateway connections live after bot run stopped", g.Live)
	}
}

// Two `bot run` processes, DISCORD_SHARD_IDS 0 and 1 of 2 (one bucket,
// max_concurrency 1), started at once on one Redis: the IDENTIFY lease in
// Redis makes the second IDENTIFY wait the 5 s Discord asks for after the
// first.
func TestRunTwoProcessesTakeTurnsToIdentify(t *testing.T) {
	const guild0, guild1 = "4398046511111", "4398050705415" // (id >> 22) % 2 = 0, 1
	srv := discordtest.New(t, discordtest.WithGuilds(guild0, guild1), discordtest.WithRecommendedShards(2))
	redisURL := redistest.Start(t).URL()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type process struct {
		health string
		stderr *lockedBuffer
		exited chan int
	}
	var procs []process
	for _, ids := range []string{"0", "1"} {
		env := map[string]string{
			"DISCORD_TOKEN":     "test-token",
			"DISCORD_API_URL":   srv.APIBase(),
			"DISCORD_GUILD_ID":  guild0,
			"DISCORD_SHARDS":    "2",
			"DISCORD_SHARD_IDS": ids,
			"HEALTH_ADDR":       freeAddr(t),
			"REDIS_URL":         redisURL,
		}
		p := process{health: env["HEALTH_ADDR"]}
		p.stderr, p.exited = startRun(ctx, env)
		procs = append(procs, p)
		eventually(t, "the process to start", func() bool { return strings.Contains(p.stderr.String(), "health endpoint listening") })
	}
	for _, p := range procs {
		eventually(t, "/readyz of "+p.health+" to be ready", func() bool {
			resp, err := http.Get("http://" + p.health + "/readyz")
			if err != nil {
				return false
			}
			defer resp.Body.Close()
			return resp.StatusCode == http.StatusOK
		})
	}
	ids := srv.Identifies()
	if len(ids) != 2 || ids[0].Shard == ids[1].Shard {
		t.Fatalf("IDENTIFYs %+v, want one for each shard", ids)
	}
	if gap := ids[1].At.Sub(ids[0].At); gap < discord.DefaultIdentifyInterval {
		t.Errorf("the second process identified %s after the first, want at least %s", gap, discord.DefaultIdentifyInterval)
	}
	cancel()
	for _, p := range procs {
		awaitExit(t, p.exited, p.stderr)
	}
}
