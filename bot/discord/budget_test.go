package discord

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestInvalidBudgetCountsOverTenMinutes(t *testing.T) {
	var b invalidBudget
	start := time.Unix(1_000_000, 0)
	for i := range 100 {
		b.add(start.Add(time.Duration(i) * time.Second))
	}
	if n := b.count(start.Add(100 * time.Second)); n != 100 {
		t.Errorf("count = %d, want 100", n)
	}
	if n := b.count(start.Add(invalidWindow + 50*time.Second)); n >= 100 || n == 0 {
		t.Errorf("count after the first ones left the window = %d, want fewer than 100, more than 0", n)
	}
	if n := b.count(start.Add(2 * invalidWindow)); n != 0 {
		t.Errorf("count long after = %d, want 0", n)
	}
	if delay(invalidSlowAt-1) != 0 || delay(invalidSlowAt+1) <= 0 || delay(invalidBan) != invalidMaxDelay || delay(3*invalidBan) != invalidMaxDelay {
		t.Error("delay does not grow from the slow-down point to the ban")
	}
}

// rtFunc is an http.RoundTripper from a function.
type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestGuardedTransportSlowsDownBeforeTheBan(t *testing.T) {
	status, scope := http.StatusForbidden, ""
	next := rtFunc(func(*http.Request) (*http.Response, error) {
		rec := httptest.NewRecorder()
		if scope != "" {
			rec.Header().Set("X-RateLimit-Scope", scope)
		}
		rec.WriteHeader(status)
		return rec.Result(), nil
	})
	var logs syncBuffer
	obs := &countingObserver{}
	tr := newGuardedTransport(next, obs, slog.New(slog.NewTextHandler(&logs, nil)))
	now := time.Unix(2_000_000, 0)
	tr.now = func() time.Time { return now }
	var slept []time.Duration
	tr.sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	do := func() {
		req, _ := http.NewRequest("GET", "https://discord.com/api/v9/channels/1", nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
	}
	for range invalidSlowAt {
		do()
	}
	if len(slept) != 0 {
		t.Fatalf("slowed down below %d invalid requests", invalidSlowAt)
	}
	do()
	if len(slept) != 1 || slept[0] <= 0 || !strings.Contains(logs.String(), "slowing down") {
		t.Errorf("at %d invalid requests: slept %v, log %q", invalidSlowAt+1, slept, logs.String())
	}
	if obs.invalid != invalidSlowAt+1 || obs.responses != invalidSlowAt+1 {
		t.Errorf("observed %d invalid of %d responses", obs.invalid, obs.responses)
	}
	// Shared-scope 429s do not count; successes neither.
	status, scope = http.StatusTooManyRequests, "shared"
	do()
	status, scope = http.StatusOK, ""
	do()
	if n := tr.budget.count(now); n != invalidSlowAt+1 {
		t.Errorf("count = %d after a shared 429 and a 200", n)
	}
	// Ten minutes on, the budget is whole again.
	now = now.Add(invalidWindow + slotWidth)
	slept = nil
	do()
	if len(slept) != 0 {
		t.Errorf("still slowed down after the window: %v", slept)
	}
}

type countingObserver struct {
	nopObserver
	invalid, responses int
}

func (o *countingObserver) DiscordResponse(int)   { o.responses++ }
func (o *countingObserver) InvalidRequests(n int) { o.invalid = n }

// The slow-down's wait ends early when the request is given up.
func TestSleepCtx(t *testing.T) {
	if err := sleepCtx(context.Background(), time.Millisecond); err != nil {
		t.Errorf("a short sleep = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := sleepCtx(ctx, time.Hour); err != context.Canceled || time.Since(start) > time.Second {
		t.Errorf("a cancelled sleep = %v after %v", err, time.Since(start))
	}
}
