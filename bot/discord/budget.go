package discord

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Discord bans an IP for an hour after 10,000 invalid requests (401, 403,
// 429) in 10 minutes. A bot that keeps hitting a missing permission or an
// expired interaction can get there unattended; the transport below
// counts them and slows every request down well before.
const (
	invalidWindow = 10 * time.Minute
	invalidBan    = 10_000
	// invalidSlowAt is where slowing down starts: a quarter of the ban.
	invalidSlowAt = invalidBan / 4
	// invalidMaxDelay is the delay per request at the ban's count.
	invalidMaxDelay = 5 * time.Second
	slotWidth       = 10 * time.Second
	slots           = int(invalidWindow / slotWidth)
)

// invalidBudget counts invalid requests over the last invalidWindow, in
// 10-second slots.
type invalidBudget struct {
	mu     sync.Mutex
	counts [slots]int
	slot   [slots]int64 // which 10-second slot since the epoch each holds
}

func (b *invalidBudget) add(now time.Time) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := now.UnixNano() / int64(slotWidth)
	i := int(s % int64(slots))
	if b.slot[i] != s {
		b.slot[i], b.counts[i] = s, 0
	}
	b.counts[i]++
	return b.sumLocked(s)
}

func (b *invalidBudget) count(now time.Time) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sumLocked(now.UnixNano() / int64(slotWidth))
}

func (b *invalidBudget) sumLocked(s int64) int {
	n := 0
	for i := range b.counts {
		if s-b.slot[i] < int64(slots) {
			n += b.counts[i]
		}
	}
	return n
}

// delay is how long a request waits with n invalid requests in the window:
// nothing below invalidSlowAt, then growing to invalidMaxDelay at the ban.
func delay(n int) time.Duration {
	if n < invalidSlowAt {
		return 0
	}
	frac := float64(n-invalidSlowAt+1) / float64(invalidBan-invalidSlowAt)
	return time.Duration(min(frac, 1) * float64(invalidMaxDelay))
}

// invalid reports whether a response counts against the budget: 401, 403,
// and 429 except those of a shared rate limit, which Discord does not count.
func invalid(resp *http.Response) bool {
	switch resp.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden:
		return true
	case http.StatusTooManyRequests:
		return resp.Header.Get("X-RateLimit-Scope") != "shared"
	}
	return false
}

// guardedTransport is every REST call's transport: it counts Discord's
// responses for the metrics and the invalid ones against the budget, and
// slows requests down as the budget runs low.
type guardedTransport struct {
	next   http.RoundTripper
	obs    Observer
	log    *slog.Logger
	budget *invalidBudget
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error

	mu     sync.Mutex
	warned time.Time
}

func newGuardedTransport(next http.RoundTripper, obs Observer, log *slog.Logger) *guardedTransport {
	return &guardedTransport{next: next, obs: obs, log: log, budget: &invalidBudget{}, now: time.Now, sleep: sleepCtx}
}

func (t *guardedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if d := delay(t.budget.count(t.now())); d > 0 {
		t.warn()
		if err := t.sleep(req.Context(), d); err != nil {
			return nil, err
		}
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	t.obs.DiscordResponse(resp.StatusCode)
	if invalid(resp) {
		t.obs.InvalidRequests(t.budget.add(t.now()))
	}
	return resp, nil
}

// warn logs the slow-down at most once a minute.
func (t *guardedTransport) warn() {
	now := t.now()
	t.mu.Lock()
	if now.Sub(t.warned) < time.Minute {
		t.mu.Unlock()
		return
	}
	t.warned = now
	t.mu.Unlock()
	t.log.Warn("many invalid requests to Discord (401, 403, 429): slowing down to stay clear of the IP ban",
		"last_10m", t.budget.count(now), "ban_at", invalidBan)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
