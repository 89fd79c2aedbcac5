package discord

import (
	"net/http"
	"time"
)

// Observer hears how the Discord side is doing; *metrics.Metrics is the
// real one.
type Observer interface {
	// Stage records a latency: "ack" (an interaction's arrival to its
	// acknowledgement), "edit" (one edit of an answer).
	Stage(stage string, d time.Duration)
	// DiscordResponse counts one REST response by status, 429s and the
	// other invalid requests (401, 403) among them.
	DiscordResponse(status int)
	// Gateway says whether a shard's connection is up.
	Gateway(shard int, connected bool)
}

type nopObserver struct{}

func (nopObserver) Stage(string, time.Duration) {}
func (nopObserver) DiscordResponse(int)         {}
func (nopObserver) Gateway(int, bool)           {}

// observedTransport counts every REST response Discord sends.
type observedTransport struct {
	next http.RoundTripper
	obs  Observer
}

func (t observedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err == nil {
		t.obs.DiscordResponse(resp.StatusCode)
	}
	return resp, err
}
