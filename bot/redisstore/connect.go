package redisstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/state"
)

// Deadlines for Connect and Ping.
const (
	ConnectTimeout = 3 * time.Second
	PingTimeout    = time.Second
)

// Ping checks that Redis answers, within PingTimeout; for health checks.
func Ping(ctx context.Context, rdb redis.UniversalClient) error {
	ctx, cancel := context.WithTimeout(ctx, PingTimeout)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return Explain(rdb, err)
	}
	return nil
}

// Check tells whether Redis answers and takes writes, within PingTimeout:
// a PING, then a small write that expires (a Redis out of memory with the
// noeviction policy, or a read-only replica, answers PING but refuses
// every write the bot makes). On Redis Cluster it checks the node holding
// the probe's key. For /healthz and /readyz; the error is a *RedisError.
func (db *DB) Check(ctx context.Context) error {
	if err := Ping(ctx, db.rdb); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, PingTimeout)
	defer cancel()
	if err := db.rdb.Set(ctx, db.keys.health(), time.Now().Unix(), time.Minute).Err(); err != nil {
		return Explain(db.rdb, err)
	}
	return nil
}

// Connect opens a client for spec and checks within ConnectTimeout that the
// server answers. spec is a redis:// or rediss:// URL, or a comma-separated
// list of addresses (host:port or URLs) for Redis Cluster; credentials and
// TLS of a list come from its first URL. A single address whose server
// says it is a cluster node (INFO cluster: cluster_enabled:1) gets a
// cluster client too, with that node as the seed. Clients honour context
// deadlines (ContextTimeoutEnabled), so each store's Timeout bounds socket
// reads too.
//
// Each failed dial is tried once rather than go-redis's five times 100ms
// apart (command retries, MaxRetries, still apply), so that with Redis
// down a call fails in milliseconds and the bot degrades at once instead
// of spending each call's whole deadline.
//
// Errors name the address but never the password.
func Connect(ctx context.Context, spec string) (redis.UniversalClient, error) {
	opts, err := parseSpec(spec)
	if err != nil {
		return nil, err
	}
	rdb := newClient(opts)
	ctx, cancel := context.WithTimeout(ctx, ConnectTimeout)
	defer cancel()
	if err := untilCanceled(ctx, func() error { return rdb.Ping(ctx).Err() }); err != nil {
		_ = rdb.Close()
		return nil, fmt.Errorf("cannot connect to %w", Explain(rdb, err))
	}
	cluster := false
	if len(opts.Addrs) == 1 {
		if err := untilCanceled(ctx, func() error { cluster = clusterNode(ctx, rdb); return nil }); err != nil {
			_ = rdb.Close()
			return nil, fmt.Errorf("cannot connect to %w", Explain(rdb, err))
		}
	}
	if cluster {
		_ = rdb.Close()
		opts.IsClusterMode = true
		rdb = newClient(opts)
		if err := untilCanceled(ctx, func() error { return rdb.Ping(ctx).Err() }); err != nil {
			_ = rdb.Close()
			return nil, fmt.Errorf("cannot connect to %w", Explain(rdb, err))
		}
	}
	return rdb, nil
}

// untilCanceled runs f, which uses ctx, and returns its error, or ctx's
// as soon as ctx is canceled (Ctrl-C). go-redis bounds a socket read by
// ctx's deadline only: a server that accepted the connection and never
// answers held a canceled caller until ConnectTimeout. f goes on until
// then in the background, on a client the caller closes; at the
// deadline itself f's own error is waited for, since it says more.
func untilCanceled(ctx context.Context, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.Canceled) {
			return ctx.Err()
		}
		return <-done
	}
}

// newClient makes the client for opts. A cluster client reloads its slot
// map as soon as a node cannot be reached, so that after a failover it
// finds the promoted replica within a fraction of a second instead of at
// its next periodic reload (go-redis: every minute); until then every
// call to the dead master's slots would fail.
//
// Every client, and each node of a cluster client, stamps a pipeline's
// failure on its commands (stampPipelineErr).
func newClient(opts *redis.UniversalOptions) redis.UniversalClient {
	rdb := redis.NewUniversalClient(opts)
	rdb.AddHook(stampPipelineErr{})
	if c, ok := rdb.(*redis.ClusterClient); ok {
		c.OnNewNode(func(n *redis.Client) {
			n.AddHook(stampPipelineErr{})
			n.AddHook(reloadOnFailure{c})
		})
	}
	return rdb
}

// stampPipelineErr gives each command of a pipeline (or transaction) that
// failed before any command was sent the pipeline's error. go-redis sets
// it on the commands for a network error but not for a Redis error
// reply, and a new connection can get one before the pipeline goes out:
// WRONGPASS (a password changed while the bot runs), "max number of
// clients reached". The commands then read as answers, zero values with
// no error: Once's SETNX as "seen before", and `bot run` ignored every
// question as a duplicate. A pipeline that ran returns its first
// command's error, so some command carries one: those are left alone.
type stampPipelineErr struct{}

func (stampPipelineErr) DialHook(next redis.DialHook) redis.DialHook { return next }

func (stampPipelineErr) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (stampPipelineErr) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if err == nil {
			return nil
		}
		for _, c := range cmds {
			if c.Err() != nil {
				return err
			}
		}
		for _, c := range cmds {
			c.SetErr(err)
		}
		return err
	}
}

// reloadOnFailure is a hook on each node of a cluster client: a failed dial,
// a broken connection or CLUSTERDOWN asks the client to reload its slot
// map (go-redis reloads at most one at a time, then rests 200ms).
type reloadOnFailure struct{ c *redis.ClusterClient }

func (h reloadOnFailure) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := next(ctx, network, addr)
		if err != nil {
			h.c.ReloadState(ctx)
		}
		return conn, err
	}
}

func (h reloadOnFailure) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		h.check(ctx, err)
		return err
	}
}

func (h reloadOnFailure) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		h.check(ctx, err)
		return err
	}
}

func (h reloadOnFailure) check(ctx context.Context, err error) {
	if nodeTrouble(err) {
		h.c.ReloadState(ctx)
	}
}

// nodeTrouble tells the errors that may mean the slot map is stale: not a
// server's answer (a network error, a deadline), or CLUSTERDOWN. A key
// not found, a failed transaction or a script's error are answers.
func nodeTrouble(err error) bool {
	if err == nil || errors.Is(err, redis.Nil) || errors.Is(err, context.Canceled) {
		return false
	}
	var rerr redis.Error
	if errors.As(err, &rerr) {
		return strings.HasPrefix(rerr.Error(), "CLUSTERDOWN")
	}
	return true
}

// clusterNode reports whether the server rdb talks to is a Redis Cluster
// node. A server that cannot tell (the embedded one has no INFO cluster)
// is not one.
func clusterNode(ctx context.Context, rdb redis.UniversalClient) bool {
	info, err := rdb.Info(ctx, "cluster").Result()
	return err == nil && strings.Contains(info, "cluster_enabled:1")
}

// DefaultPoolSize is how many connections to each Redis server the bot
// may open, unless the address says (?pool_size=N). go-redis opens 10 per
// CPU by default, 20 on two cores: with Redis 5 ms away that is 4,000
// round trips a second, and a burst of questions, each making several,
// queued for a connection longer than for its model (BenchmarkBotProcess,
// redis+5ms). Connections are opened as needed and closed after 30
// minutes idle (go-redis's ConnMaxIdleTime).
const DefaultPoolSize = 64

func parseSpec(spec string) (*redis.UniversalOptions, error) {
	var parts []string
	pieces := strings.Split(spec, ",")
	for i := 0; i < len(pieces); i++ {
		p := pieces[i]
		// A URL runs on to a later piece with user info and no scheme,
		// before the next URL: the commas were in its password, not
		// between addresses (a bare host:port has no user info).
		for j := i + 1; strings.Contains(p, "://") && j < len(pieces) && !strings.Contains(pieces[j], "://"); j++ {
			if strings.Contains(pieces[j], "@") {
				p, i = strings.Join(pieces[i:j+1], ","), j
				break
			}
		}
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil, state.Invalid("REDIS_URL", "no address: want redis://host:6379, rediss://… for TLS, or host:port,host:port for Redis Cluster")
	}
	u := &redis.UniversalOptions{ContextTimeoutEnabled: true, DialerRetries: 1}
	sawURL := false
	for i, p := range parts {
		if !strings.Contains(p, "://") {
			if strings.Contains(p, "@") {
				// Not quoted: what comes before the @ is a password.
				return nil, fmt.Errorf("REDIS_URL: address %d of %d has a user name or password but is not a redis:// or rediss:// URL: credentials go in the first address, as a URL, and count for every node", i+1, len(parts))
			}
			u.Addrs = append(u.Addrs, p)
			continue
		}
		o, err := redis.ParseURL(p)
		if err != nil {
			if len(parts) > 1 {
				return nil, fmt.Errorf("REDIS_URL: address %d of %d: %v", i+1, len(parts), urlError(p, err))
			}
			return nil, fmt.Errorf("REDIS_URL: %v", urlError(p, err))
		}
		u.Addrs = append(u.Addrs, o.Addr)
		if !sawURL {
			sawURL = true
			u.Username, u.Password, u.DB, u.TLSConfig = o.Username, o.Password, o.DB, o.TLSConfig
			u.Protocol, u.ClientName = o.Protocol, o.ClientName
			u.DialTimeout, u.ReadTimeout, u.WriteTimeout = o.DialTimeout, o.ReadTimeout, o.WriteTimeout
			u.PoolSize, u.MinIdleConns, u.MaxRetries = o.PoolSize, o.MinIdleConns, o.MaxRetries
		}
	}
	if u.PoolSize == 0 {
		u.PoolSize = DefaultPoolSize
	}
	if len(u.Addrs) > 1 && u.DB != 0 {
		return nil, state.Invalid("REDIS_URL", "a database number cannot be used with Redis Cluster (several addresses): leave /N out of the URL")
	}
	return u, nil
}

// urlError is why the URL p did not parse (err), quoting no part of its
// user name or password. url.Error repeats the whole URL: only its reason
// is kept. And a password with a character a URL reserves (/ ? # %),
// not percent-encoded, ends the user info early, so the reason would
// quote a piece of it as a host, port or database number: the address is
// parsed again without the credentials, and when that parses, the
// credentials are what is wrong.
func urlError(p string, err error) error {
	scheme, rest, _ := strings.Cut(p, "://")
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		if _, err = redis.ParseURL(scheme + "://" + rest[at+1:]); err == nil {
			return errors.New("the user name or password does not parse: percent-encode the characters / ? # % in them (/ as %2F, ? as %3F, # as %23, % as %25)")
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := strings.TrimPrefix(err.Error(), "redis: ")
	if strings.HasPrefix(msg, "invalid URL scheme") {
		msg += " (want redis://, rediss:// for TLS, or host:port)"
	}
	return errors.New(msg)
}
