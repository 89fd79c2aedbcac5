// Package state holds the bot's small Redis-backed stores: rate limits,
// the answer cache, conversations, feedback and event de-duplication.
//
// Every store is a concrete type over a redis.UniversalClient (a single
// server, Redis Cluster, or the embedded server of StartEmbedded). Every
// call runs under a deadline (Options.Timeout) so a slow or absent Redis
// turns into an error, never a hang, and every error is wrapped with
// "state: <operation>".
package state

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Defaults for Options.
const (
	DefaultPrefix  = "briefbot:"
	DefaultTimeout = time.Second
)

// ErrInvalid is wrapped by errors about bad arguments (an empty id, a
// non-positive TTL), as opposed to Redis failures.
var ErrInvalid = errors.New("invalid argument")

// Options configures a store. The zero value means the defaults.
type Options struct {
	// Prefix starts every key the store writes; default DefaultPrefix.
	Prefix string
	// Timeout bounds each call, round trips included; default
	// DefaultTimeout. A shorter deadline on the caller's context wins.
	Timeout time.Duration
}

// base is what every store shares: the client, the key prefix and the
// per-call deadline.
type base struct {
	rdb     redis.UniversalClient
	prefix  string
	timeout time.Duration
}

func newBase(rdb redis.UniversalClient, o Options) base {
	b := base{rdb: rdb, prefix: o.Prefix, timeout: o.Timeout}
	if b.prefix == "" {
		b.prefix = DefaultPrefix
	}
	if b.timeout <= 0 {
		b.timeout = DefaultTimeout
	}
	return b
}

func (b base) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, b.timeout)
}

func invalid(op, what string) error {
	return fmt.Errorf("state: %s: %s: %w", op, what, ErrInvalid)
}

func checkTTL(op string, ttl time.Duration) error {
	// Everything this package caches or tracks expires, so a forgotten TTL
	// cannot grow Redis without bound; sub-millisecond TTLs round to none.
	if ttl < time.Millisecond {
		return invalid(op, "ttl must be at least 1ms")
	}
	return nil
}
