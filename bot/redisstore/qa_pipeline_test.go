package redisstore

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/knowledge/redistest"
)

// Redis that refuses the bot's password on a new connection (restarted
// with a new requirepass, a rotated ACL password; maxclients reached is
// the same) fails a pipeline before any of its commands is sent, and
// go-redis returns that error without setting it on the commands, which
// then read as answers: zero values with no error. The batched SETNX of
// Once.First read false, "seen before", and `bot run` ignored every
// question as a duplicate. A client from Connect gives each command the
// pipeline's error.
func TestPipelineRefusedAtConnectionFailsItsCommands(t *testing.T) {
	srv := redistest.Start(t)
	rotate := srv.RotatePassword(t, "first-pw", "rotated-pw")
	ctx := context.Background()
	rdb, err := Connect(ctx, "redis://:first-pw@"+srv.Addr()+"/0")
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	once := New(rdb, Options{Prefix: srv.Prefix()}).Once()
	if first, err := once.First(ctx, "a", time.Minute); !first || err != nil {
		t.Fatalf("First(a) = %v, %v; want true", first, err)
	}
	rotate()
	if first, err := once.First(ctx, "b", time.Minute); err == nil {
		t.Errorf("First(b) with the password refused = %v, no error: a new event taken for a duplicate", first)
	}
	// The same through a plain pipeline and a transaction.
	var get *redis.StringCmd
	cmds, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error { get = p.Get(ctx, srv.Prefix()+"x"); return nil })
	if err == nil || get.Err() == nil {
		t.Errorf("pipeline: err %v, command's err %v; want the refusal on both (%d commands)", err, get.Err(), len(cmds))
	}
	var incr *redis.IntCmd
	_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error { incr = p.Incr(ctx, srv.Prefix()+"n"); return nil })
	if err == nil || incr.Err() == nil {
		t.Errorf("transaction: err %v, command's err %v; want the refusal on both", err, incr.Err())
	}
}
