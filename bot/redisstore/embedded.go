package redisstore

import (
	"fmt"

	"github.com/alicebob/miniredis/v2"
)

// Embedded is an in-process Redis-compatible server (miniredis) for running
// the bot with no REDIS_URL. It keeps everything in memory: nothing
// survives the process, which the caller should say at start.
type Embedded struct{ m *miniredis.Miniredis }

// StartEmbedded starts an Embedded server on a free loopback port.
func StartEmbedded() (*Embedded, error) {
	m := miniredis.NewMiniRedis()
	// By default miniredis only expires keys when a test calls
	// FastForward; the bot needs TTLs to run out over real time.
	m.ClockTTL(true)
	if err := m.Start(); err != nil {
		return nil, fmt.Errorf("state: start embedded redis: %w", err)
	}
	return &Embedded{m: m}, nil
}

// Addr returns the server's host:port.
func (e *Embedded) Addr() string { return e.m.Addr() }

// Close stops the server and drops its data.
func (e *Embedded) Close() { e.m.Close() }
