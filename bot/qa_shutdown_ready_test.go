package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// SIGTERM while an answer is being written: the bot takes no new work
// (it tells members it is restarting) and lets the answer finish for up
// to its grace, some seconds; meanwhile /readyz still said 200 "ready",
// so a load balancer in front of HTTP replicas kept sending it questions
// that another replica would have answered. /readyz is 503 from the
// signal on; /healthz stays as it was (the process is not stuck).
func TestReadyzSaysStoppingDuringShutdown(t *testing.T) {
	srv := discordtest.New(t)
	modelURL, asked, giveUp := thinkingModel(t)
	env := map[string]string{
		"DISCORD_TOKEN":    "test-token",
		"DISCORD_API_URL":  srv.APIBase(),
		"DISCORD_GUILD_ID": discordtest.DefaultGuildID,
		"HEALTH_ADDR":      freeAddr(t),
		"REDIS_URL":        redistest.Start(t).URL(),
		"OPENAI_BASE_URL":  modelURL + "/v1",
		"OPENAI_MODEL":     "slow",
		"OPENAI_TIMEOUT":   "5m",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr, exited := startRun(ctx, env)
	get := func(path string) (int, string) { return getHealth(env["HEALTH_ADDR"], path) }
	eventually(t, "ready", func() bool { code, _ := get("/readyz"); return code == http.StatusOK })
	srv.DispatchInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID,
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "Why does France oppose a NATO office in Tokyo?"},
		}}})
	<-asked
	cancel() // SIGTERM
	eventually(t, "/readyz to say the bot is stopping", func() bool {
		code, st := get("/readyz")
		return code == http.StatusServiceUnavailable && st == "stopping"
	})
	if code, st := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz during shutdown: %d %q; want 200", code, st)
	}
	select {
	case <-exited:
		t.Fatal("the bot had stopped already: the answer in flight was not waited for")
	default:
	}
	giveUp() // the model gives up; the bot finishes
	awaitExit(t, exited, stderr)
}

// thinkingModel is an OpenAI-compatible server whose every answer is
// still being thought about: a request signals asked, then waits until
// giveUp (called at the test's end at the latest) or until the client
// goes away.
func thinkingModel(t *testing.T) (url string, asked <-chan struct{}, giveUp func()) {
	t.Helper()
	a, ended := make(chan struct{}, 1), make(chan struct{})
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case a <- struct{}{}:
		default:
		}
		select {
		case <-r.Context().Done():
		case <-ended:
		}
	}))
	giveUp = sync.OnceFunc(func() { close(ended) })
	t.Cleanup(model.Close)
	t.Cleanup(giveUp) // runs first: the handlers end before the server closes
	return model.URL, a, giveUp
}

// getHealth GETs path of the health server at addr: its status code
// and the JSON body's status (0 and "" when it does not answer).
func getHealth(addr, path string) (int, string) {
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	var st struct{ Status string }
	json.NewDecoder(resp.Body).Decode(&st)
	return resp.StatusCode, st.Status
}
