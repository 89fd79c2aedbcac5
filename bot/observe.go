package main

import (
	"context"
	"errors"
	"net"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/metrics"
)

// redisErrors counts failed Redis commands for /metrics: a go-redis hook,
// since every store goes through the one client. A missing key (redis.Nil)
// is an answer, not a failure.
type redisErrors struct{ m *metrics.Metrics }

func (h redisErrors) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := next(ctx, network, addr)
		if err != nil {
			h.m.RedisError("dial")
		}
		return c, err
	}
}

func (h redisErrors) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		h.count(cmd)
		return err
	}
}

func (h redisErrors) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		for _, c := range cmds {
			h.count(c)
		}
		return err
	}
}

func (h redisErrors) count(cmd redis.Cmder) {
	if err := cmd.Err(); err != nil && !errors.Is(err, redis.Nil) {
		h.m.RedisError(cmd.Name())
	}
}
