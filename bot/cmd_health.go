package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// cmdHealthcheck asks the running bot's health endpoint; Docker's
// HEALTHCHECK runs it inside the container.
func cmdHealthcheck(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if asksHelp(args) {
			fmt.Fprintln(stderr, "usage: bot healthcheck")
			return exitOK
		}
		fmt.Fprintf(stderr, "bot healthcheck: %s\nusage: bot healthcheck\n", unexpectedArgs(args, false))
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+cfg.HealthAddr+"/healthz", nil)
	if err != nil {
		fmt.Fprintln(stderr, "bot healthcheck:", err)
		return exitFail
	}
	resp, err := localClient.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "bot healthcheck: bot not reachable at", cfg.HealthAddr)
		return exitFail
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "bot healthcheck: unhealthy (%s): %s\n", resp.Status, body)
		return exitFail
	}
	fmt.Fprintf(stdout, "%s", body)
	return exitOK
}

// localClient asks the bot on this machine: never through HTTP_PROXY,
// which the container's environment may set for Discord and the model,
// and which Go applies to every address but localhost and loopback IPs,
// so to HEALTH_ADDR=:8081 or 0.0.0.0:8081 too.
var localClient = &http.Client{Transport: &http.Transport{Proxy: nil}}
