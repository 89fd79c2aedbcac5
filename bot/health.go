package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/briefbot/briefbot/knowledge"
)

// gatewayHealth is what the health endpoint asks of the Discord side;
// *discord.Bot is the real one.
type gatewayHealth interface {
	Healthy() error
}

// knowledgeHealth is what the health endpoints ask of the knowledge;
// *library.Library is the real one.
type knowledgeHealth interface {
	Corpus() knowledge.Corpus
	// StoreErr is the shared chunk store's last failure, nil when it
	// answered.
	StoreErr() error
}

// healthStatus is the JSON body of /healthz.
type healthStatus struct {
	// Status is "ok"; "degraded" when Redis fails (the bot answers
	// meanwhile, without limits, history or settings: not a reason to
	// restart it); "unhealthy" when the gateway has been down too long.
	Status  string `json:"status"`
	Gateway string `json:"gateway"`
	Redis   string `json:"redis"`
	// ChunkStore is "ok" or why the shared chunk store failed; it does
	// not change Status (the bot answers from its files meanwhile).
	ChunkStore string `json:"chunk_store"`
}

// readyStatus is the JSON body of /readyz.
type readyStatus struct {
	// Status is "ready"; "degraded" when the bot answers but Redis or the
	// shared chunk store fails (limits, settings, sessions or knowledge
	// sharing are affected); "not ready" without knowledge; "stopping"
	// once shutdown has begun (stoppingReady).
	Status     string `json:"status"`
	Knowledge  string `json:"knowledge"` // the version served
	Briefings  int    `json:"briefings"`
	Gateway    string `json:"gateway"`
	Redis      string `json:"redis"`
	ChunkStore string `json:"chunk_store"`
}

// healthHandler serves /healthz and /readyz.
//
// /healthz (alive): 503 only when the gateway has been disconnected past
// its reconnect grace, which a restart may cure; Redis down is 200
// "degraded", said in the body: restarting the bot would not bring Redis
// back, and it answers meanwhile. `bot healthcheck` (Docker's
// HEALTHCHECK) reads it.
//
// /readyz: 200 once the knowledge is loaded and Discord connected, "ready"
// or "degraded" (Redis or the chunk store failing: the bot still answers,
// from its files), 503 "not ready" before.
//
// checkRedis is redisstore's DB.Check: a PING and a small write, so that a
// Redis that answers but refuses writes (out of memory, a read-only
// replica) is not reported "ok".
func healthHandler(gw gatewayHealth, checkRedis func(context.Context) error, kb knowledgeHealth) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		st := healthStatus{Status: "ok", Gateway: "ok", Redis: "ok", ChunkStore: chunkStore(kb)}
		if err := gw.Healthy(); err != nil {
			st.Status, st.Gateway = "unhealthy", err.Error()
		}
		if err := checkRedis(r.Context()); err != nil {
			// The error names the address, never a password (redisstore.Explain).
			st.Redis = err.Error()
			if st.Status == "ok" {
				st.Status = "degraded"
			}
		}
		code := http.StatusOK
		if st.Status == "unhealthy" {
			code = http.StatusServiceUnavailable
		}
		writeJSON(w, code, st)
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		c := kb.Corpus()
		st := readyStatus{Status: "ready", Knowledge: c.Version, Briefings: len(c.Briefings), Gateway: "ok", Redis: "ok", ChunkStore: chunkStore(kb)}
		if err := checkRedis(r.Context()); err != nil {
			st.Status, st.Redis = "degraded", err.Error()
		}
		if st.ChunkStore != "ok" {
			st.Status = "degraded"
		}
		code := http.StatusOK
		if err := gw.Healthy(); err != nil {
			st.Status, st.Gateway, code = "not ready", err.Error(), http.StatusServiceUnavailable
		}
		if c.Version == "" {
			st.Status, code = "not ready", http.StatusServiceUnavailable
		}
		writeJSON(w, code, st)
	})
	return mux
}

// stoppingReady answers /readyz with 503 "stopping" once ctx (the
// signal's) ends: the bot then takes no new work, telling members it is
// restarting, while answers in flight finish for up to its grace, and a
// load balancer should send questions elsewhere meanwhile. /healthz and
// the rest are h's: the process is not stuck.
func stoppingReady(ctx context.Context, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/readyz" && ctx.Err() != nil {
			writeJSON(w, http.StatusServiceUnavailable, readyStatus{Status: "stopping", Gateway: "shutting down"})
			return
		}
		h.ServeHTTP(w, r)
	})
}

func chunkStore(kb knowledgeHealth) string {
	if err := kb.StoreErr(); err != nil {
		return "unavailable: " + err.Error()
	}
	return "ok"
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
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
