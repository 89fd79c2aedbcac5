package discord

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// The waits before sending a request again — after Discord's 5xx, after
// its 429 — end with the bot's work (at the end of the shutdown's grace):
// an answer's last edit, or its "restarting" notice, is not held up to
// minutes behind them.
func TestRetryWaitsEndWithTheWork(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	fail5xx := func() error {
		calls++
		return &discordgo.RESTError{Response: &http.Response{StatusCode: http.StatusServiceUnavailable}}
	}
	begin := time.Now()
	if err := retryServerErrors(ctx, fail5xx); err == nil || calls != 1 {
		t.Errorf("5xx with the work ended: %d calls, %v", calls, err)
	}
	calls = 0
	limited := func(...discordgo.RequestOption) error {
		calls++
		return &discordgo.RateLimitError{RateLimit: &discordgo.RateLimit{TooManyRequests: &discordgo.TooManyRequests{RetryAfter: 20 * time.Second}}}
	}
	var rl *discordgo.RateLimitError
	if err := waitOutRateLimits(ctx, limited); !errors.As(err, &rl) || calls != 1 {
		t.Errorf("429 with the work ended: %d calls, %v", calls, err)
	}
	if el := time.Since(begin); el > time.Second {
		t.Errorf("waited %s with the work ended", el)
	}
	calls = 0
	if err := retryServerErrors(context.Background(), fail5xx); err == nil || calls != 3 {
		t.Errorf("5xx while working: %d calls, want 3", calls)
	}
}
