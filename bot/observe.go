package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/metrics"
)

// redisErrors counts failed Redis commands for /metrics: a go-redis hook,
// since every store goes through the one client. A missing key (redis.Nil)
// is an answer, not a failure; so are the refusals go-redis handles itself
// (notFailure), which a healthy Redis gives every day.
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
	if err := cmd.Err(); err != nil && !errors.Is(err, redis.Nil) && !notFailure(cmd, err) {
		h.m.RedisError(cmd.Name())
	}
}

// notFailure tells the refusals go-redis expects and works around, so
// that counting them would raise an alert on a healthy Redis: CLIENT
// SETINFO, sent on every new connection, which Redis before 7.2 does not
// know (go-redis ignores the reply), and NOSCRIPT, the answer to a
// script's EVALSHA until Redis has seen it (after a restart too), upon
// which go-redis sends the script with EVAL.
func notFailure(cmd redis.Cmder, err error) bool {
	if redis.HasErrorPrefix(err, "NOSCRIPT") {
		return true
	}
	args := cmd.Args()
	return cmd.Name() == "client" && len(args) > 1 && strings.EqualFold(fmt.Sprint(args[1]), "setinfo")
}
