package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// With HTTP_PROXY in the container's environment (a proxy to reach
// Discord and the model) and HEALTH_ADDR=:8081 or 0.0.0.0:8081 (every
// interface, for Prometheus), `bot healthcheck` — Docker's HEALTHCHECK,
// which runs with the container's environment — sent its request to the
// proxy: "bot not reachable", the container unhealthy while the bot ran
// well. It asks its own machine, never through a proxy.
//
// The proxy setting is read once per process, so the healthcheck runs in
// a child process of the test binary with HTTP_PROXY set from the start.
func TestHealthcheckIgnoresHTTPProxy(t *testing.T) {
	if addr := os.Getenv("QA_HEALTHCHECK_CHILD"); addr != "" {
		var out, errb bytes.Buffer
		code := run(context.Background(), []string{"healthcheck"}, func(k string) string {
			if k == "HEALTH_ADDR" {
				return addr
			}
			return ""
		}, &out, &errb)
		os.Stdout.WriteString(out.String() + errb.String())
		os.Exit(code)
	}
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"status":"ok"}`))
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "proxy: no route", http.StatusBadGateway)
	}))
	defer proxy.Close()
	for _, addr := range []string{":" + port, "0.0.0.0:" + port, "127.0.0.1:" + port} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHealthcheckIgnoresHTTPProxy$")
		cmd.Env = append(os.Environ(), "QA_HEALTHCHECK_CHILD="+addr, "HTTP_PROXY="+proxy.URL, "http_proxy="+proxy.URL, "NO_PROXY=", "no_proxy=")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), `"status":"ok"`) {
			t.Errorf("HEALTH_ADDR=%s with HTTP_PROXY set: %v\n%s", addr, err, out)
		}
	}
}
