package discord

import (
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
	// InvalidRequests is how many invalid requests (401, 403, 429) the
	// last 10 minutes hold; Discord bans the IP at 10,000.
	InvalidRequests(n int)
}

type nopObserver struct{}

func (nopObserver) Stage(string, time.Duration) {}
func (nopObserver) DiscordResponse(int)         {}
func (nopObserver) Gateway(int, bool)           {}
func (nopObserver) InvalidRequests(int)         {}
