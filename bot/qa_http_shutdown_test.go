package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// SIGTERM to an HTTP-only replica while an /ask is being answered: /readyz
// says "stopping", the endpoint still takes interactions and tells their
// members the bot is restarting (in the HTTP response, within Discord's
// 3 s), and the process exits once the answer in flight is done.
func TestQAHTTPReplicaShutdownMidRequest(t *testing.T) {
	srv := discordtest.New(t)
	modelURL, asked, giveUp := thinkingModel(t)
	env := map[string]string{
		"DISCORD_TOKEN":      "test-token",
		"DISCORD_API_URL":    srv.APIBase(),
		"DISCORD_GUILD_ID":   discordtest.DefaultGuildID,
		"HEALTH_ADDR":        freeAddr(t),
		"INTERACTIONS_ADDR":  freeAddr(t),
		"DISCORD_PUBLIC_KEY": srv.PublicKeyHex(),
		"DISCORD_GATEWAY":    "off",
		"REDIS_URL":          redistest.Start(t).URL(),
		"OPENAI_BASE_URL":    modelURL + "/v1",
		"OPENAI_MODEL":       "slow",
		"OPENAI_TIMEOUT":     "5m",
	}
	endpoint := "http://" + env["INTERACTIONS_ADDR"] + "/interactions"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr, exited := startRun(ctx, env)
	get := func(path string) (int, string) { return getHealth(env["HEALTH_ADDR"], path) }
	eventually(t, "ready", func() bool { code, _ := get("/readyz"); return code == http.StatusOK })
	ask := func() *discordtest.HTTPResponse {
		return srv.PostInteraction(endpoint, &discordgo.Interaction{GuildID: discordtest.DefaultGuildID,
			Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "Why does France oppose a NATO office in Tokyo?"},
			}}})
	}
	first := ask()
	if first.Callback == nil || first.Callback.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("/ask → %d %q", first.Status, first.Body)
	}
	<-asked
	cancel() // SIGTERM
	eventually(t, "/readyz to say the replica is stopping", func() bool {
		code, st := get("/readyz")
		return code == http.StatusServiceUnavailable && st == "stopping"
	})
	late := ask()
	if late.Callback == nil || late.Callback.Type != discordgo.InteractionResponseChannelMessageWithSource ||
		!strings.Contains(string(late.Callback.Data), "restart") {
		t.Errorf("/ask during the shutdown → %d %q, want the restarting notice", late.Status, late.Body)
	}
	if ping := srv.PostInteraction(endpoint, &discordgo.Interaction{Type: discordgo.InteractionPing}); ping.Status != http.StatusOK {
		t.Errorf("PING during the shutdown → %d", ping.Status)
	}
	select {
	case <-exited:
		t.Fatal("the replica had stopped already: the answer in flight was not waited for")
	default:
	}
	giveUp()
	awaitExit(t, exited, stderr)
	if m := srv.Original(first.Interaction.Token); m == nil || m.Flags&discordgo.MessageFlagsLoading != 0 || m.Content == "" {
		t.Errorf("the answer in flight was left as %+v", m)
	}
}
