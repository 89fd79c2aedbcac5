package redisstore

import (
	"context"
	"fmt"
	"net"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// Embedded is an in-process Redis-compatible server (miniredis) for running
// the bot with no REDIS_URL. It keeps everything in memory: nothing
// survives the process, which the caller should say at start.
//
// It listens on no port: its clients reach it through in-memory pipes, so
// no other process (another user on the machine) can read or write the
// bot's keys.
type Embedded struct{ m *miniredis.Miniredis }

// StartEmbedded starts an Embedded server.
func StartEmbedded() (*Embedded, error) {
	m := miniredis.NewMiniRedis()
	// By default miniredis only expires keys when a test calls
	// FastForward; the bot needs TTLs to run out over real time.
	m.ClockTTL(true)
	return &Embedded{m: m}, nil
}

// Client returns a client of the embedded server, with the options Connect
// gives every client, after checking that it answers.
func (e *Embedded) Client(ctx context.Context) (redis.UniversalClient, error) {
	rdb := redis.NewClient(&redis.Options{
		Addr:                  "embedded", // named in errors; never dialled
		Dialer:                func(context.Context, string, string) (net.Conn, error) { return e.m.Dial() },
		ContextTimeoutEnabled: true,
	})
	ctx, cancel := context.WithTimeout(ctx, ConnectTimeout)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, fmt.Errorf("state: start embedded redis: %w", err)
	}
	return rdb, nil
}

// Close stops the server and drops its data.
func (e *Embedded) Close() { e.m.Close() }
