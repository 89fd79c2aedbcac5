package discord

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// A process Discord rate-limits while it registers the commands (the
// daily limit on command creations answers 429 with a retry_after of
// minutes or hours): the operator is told so at once, with the wait, and
// the process still stops when told to, instead of sleeping through
// SIGTERM with nothing in the log.
func TestCommandRegistrationRateLimitedIsToldAndStops(t *testing.T) {
	t.Parallel()
	for _, httpOnly := range []bool{false, true} {
		name := "gateway"
		if httpOnly {
			name = "http-only"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := discordtest.New(t)
			srv.RateLimitNext("PUT", "/applications/", 10*time.Minute)
			logs := &syncBuffer{}
			cfg := Config{Token: "test-token", APIURL: srv.APIBase(), GuildID: discordtest.DefaultGuildID, NoGateway: httpOnly}
			if httpOnly {
				cfg.PublicKey = srv.PublicKey()
			}
			b, err := New(cfg, Deps{Questions: asking.New(asking.Config{}, asking.Deps{Answerer: newEngine(t)}, nil)},
				slog.New(slog.NewTextHandler(logs, nil)))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- b.Run(ctx) }()
			t.Cleanup(sync.OnceFunc(cancel))
			srv.WaitRequest(t, wait, func(r discordtest.Request) bool {
				return r.Method == "PUT" && strings.Contains(r.Path, "/commands")
			})
			deadline := time.Now().Add(3 * time.Second)
			for !strings.Contains(logs.String(), "rate limit") && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if !strings.Contains(logs.String(), "rate limit") {
				t.Errorf("nothing in the log about the rate-limited registration:\n%s", logs)
			}
			if httpOnly {
				// The commands registered before still work: the replica
				// serves them meanwhile, healthy, rather than be
				// restarted by its health check into the same limit.
				if err := b.Healthy(); err != nil {
					t.Errorf("an HTTP-only replica waiting out the limit is unhealthy: %v", err)
				}
			}
			cancel()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Run did not return within 5 s of the cancel: it sleeps out Discord's retry_after")
			}
		})
	}
}
