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

// The hooks count the error a command carries or, when it carries none,
// the one the call returned: go-redis sets a command's error only after
// the hooks return, and a pipeline refused as its connection opened
// (WRONGPASS) returns its error with none on its commands, when this hook
// sits inside redisstore's, which stamps them (hooks added later run
// inside those added before).
func (h redisErrors) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		h.count(cmd, err)
		return err
	}
}

func (h redisErrors) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		carried := false
		for _, c := range cmds {
			carried = carried || c.Err() != nil
		}
		for _, c := range cmds {
			if carried {
				h.count(c, nil)
			} else {
				h.count(c, err)
			}
		}
		return err
	}
}

// count counts cmd's failure: its own error, else returned (see above).
func (h redisErrors) count(cmd redis.Cmder, returned error) {
	err := cmd.Err()
	if err == nil {
		err = returned
	}
	if err != nil && !errors.Is(err, redis.Nil) && !notFailure(cmd, err) {
		h.m.RedisError(cmd.Name())
	}
}

// notFailure tells the refusals go-redis expects and works around, so
// that counting them would raise an alert on a healthy Redis: CLIENT
// SETINFO, sent on every new connection, which Redis before 7.2 does not
// know (go-redis ignores the reply), and NOSCRIPT, the answer to a
// script's EVALSHA until Redis has seen it (after a restart too), upon
// which go-redis sends the script with EVAL. Nor are the bot's own doing:
// a call it cancelled (a question edited mid-answer, a shutdown, a probe
// that hung up), or a WATCH another writer won (redis.TxFailedErr, which
// the store runs again).
func notFailure(cmd redis.Cmder, err error) bool {
	if redis.HasErrorPrefix(err, "NOSCRIPT") || errors.Is(err, context.Canceled) || errors.Is(err, redis.TxFailedErr) {
		return true
	}
	args := cmd.Args()
	return cmd.Name() == "client" && len(args) > 1 && strings.EqualFold(fmt.Sprint(args[1]), "setinfo")
}
