// Package redisstore is the bot's one Redis adapter: every key, script,
// pipeline and transaction the bot runs lives here, behind the small
// interfaces the domain packages (state, approved, session, quiz, stats,
// guild, semantic, knowledge/store) declare for themselves. It also
// connects (Connect, Ping) and runs the embedded server (StartEmbedded).
//
// Every store is a value over a redis.UniversalClient (a single server,
// Redis Cluster, or the embedded server) made by a DB. Every call runs
// under a deadline (Options.Timeout) so a slow or absent Redis turns into
// an error, never a hang. The key layout is in keys.go.
package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/state"
)

// Defaults for Options.
const (
	// Prefix starts every key the bot writes.
	Prefix         = "briefbot:"
	DefaultTimeout = time.Second
)

// ErrInvalid is wrapped by errors about bad arguments (an empty id, a
// non-positive TTL), as opposed to Redis failures. It is the one value
// every store and domain package shares (state.ErrInvalid), so the edge
// maps every store's bad input to one message.
var ErrInvalid = state.ErrInvalid

// Options configures a DB. The zero value means the defaults.
type Options struct {
	// Prefix starts every key; default Prefix. Tests use their own.
	Prefix string
	// Timeout bounds each call, round trips and retries included; default
	// DefaultTimeout (the knowledge store's default is KnowledgeTimeout).
	// A shorter deadline on the caller's context wins.
	Timeout time.Duration
}

// DB is the bot's Redis: a client and the options its stores share. Its
// methods return the stores; they are cheap and may be called again.
type DB struct {
	rdb     redis.UniversalClient
	keys    keys
	timeout time.Duration // zero: each store's default
	// batch pipelines the commands made before an acknowledgement (see
	// batcher); shared by every store of the DB.
	batch *batcher
}

// New returns a DB over rdb.
func New(rdb redis.UniversalClient, o Options) *DB {
	p := o.Prefix
	if p == "" {
		p = Prefix
	}
	t := o.Timeout
	if t <= 0 {
		t = DefaultTimeout
	}
	return &DB{rdb: rdb, keys: keys{p}, timeout: o.Timeout, batch: newBatcher(rdb, t)}
}

// Client returns the client the stores use.
func (db *DB) Client() redis.UniversalClient { return db.rdb }

// base is what every store shares: the client, the key layout and the
// per-call deadline.
type base struct {
	rdb     redis.UniversalClient
	keys    keys
	timeout time.Duration
	batch   *batcher
}

func (db *DB) base(def time.Duration) base {
	t := db.timeout
	if t <= 0 {
		t = def
	}
	return base{rdb: db.rdb, keys: db.keys, timeout: t, batch: db.batch}
}

func (b base) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, b.timeout)
}

// invalid is the state stores' bad-argument error.
func invalid(op, what string) error {
	return state.Invalid("state: "+op, what)
}

func checkTTL(op string, ttl time.Duration) error {
	// Everything the state stores cache or track expires, so a forgotten
	// TTL cannot grow Redis without bound; sub-millisecond TTLs round to
	// none.
	if ttl < time.Millisecond {
		return invalid(op, "ttl must be at least 1ms")
	}
	return nil
}

// getBytes GETs key under the deadline; ok is false when it is not set.
// Errors say "state: op".
func (b base) getBytes(ctx context.Context, op, key string) (val []byte, ok bool, err error) {
	ctx, cancel := b.withTimeout(ctx)
	defer cancel()
	val, err = b.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("state: %s: %w", op, err)
	}
	return val, true, nil
}

// getBatched is getBytes through the batcher, for lookups on a question's
// way to its answer.
func (b base) getBatched(ctx context.Context, op, key string) (val []byte, ok bool, err error) {
	ctx, cancel := b.withTimeout(ctx)
	defer cancel()
	cmd, err := b.batch.do(ctx, func(p redis.Pipeliner) redis.Cmder { return p.Get(ctx, key) })
	if err == nil {
		val, err = cmd.(*redis.StringCmd).Bytes()
	}
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("state: %s: %w", op, err)
	}
	return val, true, nil
}

// setBytes SETs key to val for ttl under the deadline. Errors say
// "state: op".
func (b base) setBytes(ctx context.Context, op, key string, val []byte, ttl time.Duration) error {
	ctx, cancel := b.withTimeout(ctx)
	defer cancel()
	if err := b.rdb.Set(ctx, key, val, ttl).Err(); err != nil {
		return fmt.Errorf("state: %s: %w", op, err)
	}
	return nil
}

// getRecord GETs the JSON record at key from c, or from b's client under
// b's deadline when c is nil. A key not set is notFound; every error is
// prefixed with what.
func getRecord[T any](ctx context.Context, b base, c redis.Cmdable, key string, notFound error, what string) (T, error) {
	if c == nil {
		var cancel context.CancelFunc
		ctx, cancel = b.withTimeout(ctx)
		defer cancel()
		c = b.rdb
	}
	var v T
	data, err := c.Get(ctx, key).Bytes()
	switch {
	case errors.Is(err, redis.Nil):
		err = notFound
	case err == nil:
		if err = json.Unmarshal(data, &v); err != nil {
			err = fmt.Errorf("decode: %w", err)
		}
	}
	if err != nil {
		var zero T
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	return v, nil
}

// updateJSON reads a JSON value with read under WATCH on key, runs f on it
// and, when f returns true, writes it in one MULTI with write (which sets
// key, and whatever goes with it). It returns the value as f left it. A
// conflict is retried (f runs again on the new value); only one that
// outlasts every retry fails with redis.TxFailedErr.
func updateJSON[T any](ctx context.Context, rdb redis.UniversalClient, key string, read func(redis.Cmdable) (T, error), f func(*T) bool, write func(p redis.Pipeliner, data []byte)) (T, error) {
	var v T
	txf := func(tx *redis.Tx) error {
		var err error
		if v, err = read(tx); err != nil || !f(&v) {
			return err
		}
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			write(p, data)
			return nil
		})
		return err
	}
	err := watchRetry(ctx, rdb, txf, key)
	return v, err
}

// watchRetry runs txf under WATCH on keys, again while another writer got
// in first (read again, retry), up to txRetries times. Writers in this
// process wait their turn per keys[0] first: WATCH still guards against
// other processes, but twenty members of a class adding a question to
// one session at once no longer collide here, each collision a wasted
// round of reads and a retry (the last of them could run out of retries,
// or of time).
func watchRetry(ctx context.Context, rdb redis.UniversalClient, txf func(*redis.Tx) error, keys ...string) error {
	unlock, err := lockKey(ctx, keys[0])
	if err != nil {
		return err
	}
	defer unlock()
	for i := range txRetries {
		if err = rdb.Watch(ctx, txf, keys...); !errors.Is(err, redis.TxFailedErr) {
			break
		}
		backoff(ctx, i)
	}
	return err
}

// txRetries bounds optimistic-lock retries under contention.
const txRetries = 16

// backoff waits a little, more after each failed attempt and with jitter,
// so writers contending for one key spread out instead of
// colliding again.
func backoff(ctx context.Context, attempt int) {
	d := time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 5)))
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// keyLocks are watchRetry's turns, striped by key.
var keyLocks = func() (l [64]chan struct{}) {
	for i := range l {
		l[i] = make(chan struct{}, 1)
	}
	return l
}()

// lockKey takes key's turn, or gives up with ctx.
func lockKey(ctx context.Context, key string) (unlock func(), err error) {
	h := fnv.New32a()
	h.Write([]byte(key))
	l := keyLocks[h.Sum32()%uint32(len(keyLocks))]
	select {
	case l <- struct{}{}:
		return func() { <-l }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
