package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Embedded is an in-process Redis-compatible server (miniredis) for running
// the bot with no REDIS_URL. It keeps everything in memory: nothing
// survives the process, which the caller should say at start.
//
// It listens on a loopback port (an in-memory pipe has no buffer, and a
// transaction's pipelined commands would deadlock on it) behind a random
// password that only this process knows, so another user of the machine
// cannot read or write the bot's keys.
type Embedded struct {
	m        *miniredis.Miniredis
	password string
}

// StartEmbedded starts an Embedded server on a free loopback port.
func StartEmbedded() (*Embedded, error) {
	secret := make([]byte, 24)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("state: start embedded redis: %w", err)
	}
	m := miniredis.NewMiniRedis()
	// By default miniredis only expires keys when a test calls
	// FastForward; the bot needs TTLs to run out over real time.
	m.ClockTTL(true)
	pw := hex.EncodeToString(secret)
	m.RequireAuth(pw)
	if err := m.Start(); err != nil {
		return nil, fmt.Errorf("state: start embedded redis: %w", err)
	}
	return &Embedded{m: m, password: pw}, nil
}

// Client returns a client of the embedded server, with the options Connect
// gives every client.
func (e *Embedded) Client(ctx context.Context) (redis.UniversalClient, error) {
	return Connect(ctx, "redis://:"+e.password+"@"+e.m.Addr())
}

// Close stops the server and drops its data.
func (e *Embedded) Close() { e.m.Close() }
