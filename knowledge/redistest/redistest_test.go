package redistest

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestDecide(t *testing.T) {
	found := func(string) (string, error) { return "/usr/bin/redis-server", nil }
	missing := func(string) (string, error) { return "", exec.ErrNotFound }
	tests := []struct {
		name     string
		env      map[string]string
		lookPath func(string) (string, error)
		want     mode
	}{
		{"REDIS_URL wins over a local binary", map[string]string{"REDIS_URL": "redis://h:6379/2"}, found, modeExternal},
		{"REDIS_URL without a binary", map[string]string{"REDIS_URL": "redis://h:6379"}, missing, modeExternal},
		{"blank REDIS_URL is unset", map[string]string{"REDIS_URL": "  "}, found, modeLocal},
		{"local binary", nil, found, modeLocal},
		{"neither: skip", nil, missing, modeSkip},
		{"neither under CI=true: fail", map[string]string{"CI": "true"}, missing, modeFail},
		{"neither under CI=1: fail", map[string]string{"CI": "1"}, missing, modeFail},
		{"neither under CI=false: skip", map[string]string{"CI": "false"}, missing, modeSkip},
		{"CI=true with a binary runs", map[string]string{"CI": "true"}, found, modeLocal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := decide(func(k string) string { return tt.env[k] }, tt.lookPath)
			if d.mode != tt.want {
				t.Fatalf("mode = %v, want %v", d.mode, tt.want)
			}
			switch d.mode {
			case modeSkip, modeFail:
				if !strings.Contains(d.msg, "install redis-server or set REDIS_URL") {
					t.Errorf("message %q does not say what to do", d.msg)
				}
			case modeExternal:
				if d.url != tt.env["REDIS_URL"] {
					t.Errorf("url = %q", d.url)
				}
			case modeLocal:
				if d.bin == "" {
					t.Error("no binary path")
				}
			}
		})
	}
}

func TestStartPing(t *testing.T) {
	begin := time.Now()
	srv := Start(t)
	if el := time.Since(begin); el > time.Second {
		t.Errorf("Start took %s, want well under a second", el)
	}
	if !strings.HasPrefix(srv.URL(), "redis://") || srv.Addr() == "" {
		t.Fatalf("URL %q, Addr %q", srv.URL(), srv.Addr())
	}
	ctx := context.Background()
	c := srv.Client(t)
	if err := c.Ping(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.Prefix(), "redistest:") || srv.Prefix() == Start(t).Prefix() {
		t.Errorf("prefix %q is not unique", srv.Prefix())
	}
}

func TestStopRestart(t *testing.T) {
	srv := Start(t)
	addr := srv.Addr()
	c := srv.Client(t)
	ctx := context.Background()
	if err := c.Set(ctx, srv.Prefix()+"k", "v", 0).Err(); err != nil {
		t.Fatal(err)
	}

	srv.Stop()
	cctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	defer cancel()
	if err := c.Ping(cctx).Err(); err == nil {
		t.Fatal("PING succeeded on a stopped server")
	}

	begin := time.Now()
	srv.Restart()
	if el := time.Since(begin); el > time.Second {
		t.Errorf("Restart took %s", el)
	}
	if srv.Addr() != addr {
		t.Fatalf("address changed: %s -> %s", addr, srv.Addr())
	}
	// The same client reconnects by itself; go-redis may need up to a second
	// to leave its dial back-off after the failed dials above.
	waitFor(t, 3*time.Second, func() error { return c.Ping(ctx).Err() })
	// No persistence: the restarted server is empty.
	if n, err := c.Exists(ctx, srv.Prefix()+"k").Result(); err != nil || n != 0 {
		t.Fatalf("after restart EXISTS = %d, %v; want 0, nil", n, err)
	}
	// Restart of a running server also works.
	srv.Restart()
	waitFor(t, 3*time.Second, func() error { return c.Ping(ctx).Err() })
}

// TestExternalCleansOnlyItsKeys runs the REDIS_URL path against a server we
// started, and checks that cleanup deletes the test's keys (including ones
// a library prefixed) and nothing else.
func TestExternalCleansOnlyItsKeys(t *testing.T) {
	own := Start(t)
	if own.External() {
		t.Skip("already running against REDIS_URL")
	}
	c := own.Client(t)
	ctx := context.Background()
	if err := c.Set(ctx, "someone:else", "keep", 0).Err(); err != nil {
		t.Fatal(err)
	}
	var prefix string
	t.Run("external", func(t *testing.T) {
		ext := startExternal(t, own.URL())
		if !ext.External() || ext.Addr() != own.Addr() {
			t.Fatalf("External %v Addr %s", ext.External(), ext.Addr())
		}
		prefix = ext.Prefix()
		ec := ext.Client(t)
		for _, k := range []string{prefix + "a", prefix + "b", "rate:" + prefix + "c"} {
			if err := ec.Set(ctx, k, "x", 0).Err(); err != nil {
				t.Fatal(err)
			}
		}
	})
	keys, err := c.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0] != "someone:else" {
		t.Fatalf("keys after cleanup = %q, want only someone:else", keys)
	}
}

func waitFor(t *testing.T, d time.Duration, f func() error) {
	t.Helper()
	deadline := time.Now().Add(d)
	var err error
	for time.Now().Before(deadline) {
		if err = f(); err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("not ready after %s: %v", d, err)
}
