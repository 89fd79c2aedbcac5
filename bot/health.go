package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/redis/go-redis/v9"
)

// gatewayHealth is what the health endpoint asks of the Discord side;
// *discord.Bot is the real one.
type gatewayHealth interface {
	Healthy() error
}

// healthStatus is the JSON body of /healthz.
type healthStatus struct {
	Status  string `json:"status"` // "ok" or "unhealthy"
	Gateway string `json:"gateway"`
	Redis   string `json:"redis"`
}

// healthHandler serves /healthz: 200 when the gateway is connected and
// Redis answers, 503 otherwise, with a short JSON body saying which part
// is unwell. `bot healthcheck` (Docker's HEALTHCHECK) reads it.
func healthHandler(gw gatewayHealth, rdb redis.UniversalClient) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		st := healthStatus{Status: "ok", Gateway: "ok", Redis: "ok"}
		if err := gw.Healthy(); err != nil {
			st.Status, st.Gateway = "unhealthy", err.Error()
		}
		if err := redisstore.Ping(r.Context(), rdb); err != nil {
			// The error names the address, never a password (redisstore.Connect).
			st.Status, st.Redis = "unhealthy", err.Error()
		}
		code := http.StatusOK
		if st.Status != "ok" {
			code = http.StatusServiceUnavailable
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(st)
	})
	return mux
}

// serveHealth serves h on the listener until ctx ends.
func serveHealth(ctx context.Context, srv *http.Server, serve func() error) <-chan error {
	done := make(chan error, 1)
	go func() {
		err := serve()
		if err == http.ErrServerClosed {
			err = nil
		}
		done <- err
	}()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	return done
}
