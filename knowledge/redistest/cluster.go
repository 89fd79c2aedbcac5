package redistest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis Cluster for tests: StartCluster runs one for a test, SharedCluster
// one per test binary. Both need redis-server and redis-cli on PATH, and
// skip without them, or fail under CI=true, as Start does. REDIS_URL plays
// no part: a cluster is always one of our own.

// DefaultNodeTimeout is the cluster-node-timeout of a cluster whose
// ClusterOptions leave it zero: long enough that a node starved of CPU by
// a busy test run is not failed over by mistake.
const DefaultNodeTimeout = 5 * time.Second

// clusterReadyTimeout bounds the wait for a new cluster to agree on its
// slots; it takes about two seconds.
const clusterReadyTimeout = 30 * time.Second

// ClusterOptions shapes a cluster. The zero value is three masters without
// replicas.
type ClusterOptions struct {
	// Masters is the number of masters; default 3, the fewest Redis
	// Cluster accepts.
	Masters int
	// Replicas is the number of replicas of each master; default 0.
	Replicas int
	// NodeTimeout is cluster-node-timeout: how long a silent master has
	// before its replica takes over; default DefaultNodeTimeout.
	NodeTimeout time.Duration
}

// Cluster is a Redis Cluster for a test: its own (StartCluster) or the
// test binary's shared one (SharedCluster), seen with a key prefix of its
// own.
type Cluster struct {
	tb     testing.TB
	c      *cluster
	prefix string
	shared bool
}

// cluster is the running processes.
type cluster struct {
	nodes    []*node
	dir      string // removed by stop when not ""
	replicas int    // per master
}

// node is one redis-server of a cluster.
type node struct {
	addr string
	port int
	rdb  *redis.Client // to this node alone, for the helpers' own checks
	mu   sync.Mutex
	proc *process // nil once killed
}

const missingClusterMsg = "redis-server or redis-cli not found: install redis-server (and redis-tools) to run the Redis Cluster tests"

// decideCluster is decide for clusters: both programs are needed.
func decideCluster(getenv func(string) string, lookPath func(string) (string, error)) (d decision, cli string) {
	bin, err1 := lookPath("redis-server")
	cli, err2 := lookPath("redis-cli")
	if err1 == nil && err2 == nil {
		return decision{mode: modeLocal, bin: bin}, cli
	}
	if ci, _ := strconv.ParseBool(getenv("CI")); ci {
		return decision{mode: modeFail, msg: missingClusterMsg + " (CI=true, so this is a failure, not a skip)"}, ""
	}
	return decision{mode: modeSkip, msg: missingClusterMsg}, ""
}

// programs returns the paths of redis-server and redis-cli, or ends tb.
func programs(tb testing.TB) (bin, cli string) {
	tb.Helper()
	d, cli := decideCluster(os.Getenv, exec.LookPath)
	switch d.mode {
	case modeLocal:
		return d.bin, cli
	case modeFail:
		tb.Fatal(d.msg)
	default:
		tb.Skip(d.msg)
	}
	return "", "" // not reached
}

// StartCluster starts a cluster for tb, stopped when tb ends: o.Masters
// masters with o.Replicas replicas each, on free loopback ports, joined
// with redis-cli --cluster create and waited for until every node reports
// cluster_state:ok and all agree on the slots. It takes about two seconds.
func StartCluster(tb testing.TB, o ClusterOptions) *Cluster {
	tb.Helper()
	bin, cli := programs(tb)
	dir := tb.TempDir()
	c, err := startCluster(bin, cli, dir, o)
	if err != nil {
		tb.Fatalf("redistest: %v", err)
	}
	tb.Cleanup(func() { c.stop() })
	return &Cluster{tb: tb, c: c, prefix: newPrefix()}
}

var shared struct {
	once sync.Once
	mu   sync.Mutex
	c    *cluster
	err  error
}

// SharedCluster returns the test binary's cluster of three masters,
// starting it on the first call, with a prefix of tb's own: tests share
// it by keeping their keys under Prefix, which are deleted when tb ends.
// Its nodes cannot be killed (Kill ends the test); use StartCluster for
// that. Call StopSharedCluster from TestMain after m.Run, or the nodes
// live until the test binary exits (on Linux they are killed with it).
func SharedCluster(tb testing.TB) *Cluster {
	tb.Helper()
	bin, cli := programs(tb)
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "redistest-cluster-")
		if err != nil {
			shared.err = err
			return
		}
		c, err := startCluster(bin, cli, dir, ClusterOptions{})
		shared.mu.Lock()
		shared.c, shared.err = c, err
		shared.mu.Unlock()
	})
	shared.mu.Lock()
	c, err := shared.c, shared.err
	shared.mu.Unlock()
	if err != nil {
		tb.Fatalf("redistest: shared cluster: %v", err)
	}
	if c == nil {
		tb.Fatal("redistest: the shared cluster was stopped")
	}
	cl := &Cluster{tb: tb, c: c, prefix: newPrefix(), shared: true}
	tb.Cleanup(func() {
		rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: cl.Addrs()})
		defer rdb.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := rdb.ForEachMaster(ctx, func(ctx context.Context, m *redis.Client) error {
			// One UNLINK per key: a master holds many slots, and one
			// command's keys must share one.
			iter := m.Scan(ctx, 0, "*"+cl.prefix+"*", 1000).Iterator()
			p := m.Pipeline()
			for iter.Next(ctx) {
				p.Unlink(ctx, iter.Val())
			}
			if err := iter.Err(); err != nil {
				return err
			}
			_, err := p.Exec(ctx)
			return err
		})
		if err != nil {
			tb.Errorf("redistest: clean up keys %s* on the shared cluster: %v", cl.prefix, err)
		}
	})
	return cl
}

// StopSharedCluster stops the shared cluster, if one was started. Call it
// from TestMain once the tests have run.
func StopSharedCluster() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.c != nil {
		shared.c.stop()
		shared.c = nil
	}
}

// Addrs returns every node's host:port, masters and replicas.
func (c *Cluster) Addrs() []string {
	out := make([]string, len(c.c.nodes))
	for i, n := range c.c.nodes {
		out[i] = n.addr
	}
	return out
}

// Spec returns the addresses as a comma-separated list, the REDIS_URL form
// for Redis Cluster.
func (c *Cluster) Spec() string { return strings.Join(c.Addrs(), ",") }

// Prefix returns a key prefix unique to this Cluster; see Server.Prefix.
func (c *Cluster) Prefix() string { return c.prefix }

// Client returns a cluster client, closed when tb ends. Its commands honour
// context deadlines, as production clients should.
func (c *Cluster) Client(tb testing.TB) *redis.ClusterClient {
	tb.Helper()
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: c.Addrs(), ContextTimeoutEnabled: true})
	tb.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// Slots returns the cluster's slot map as a live node sees it.
func (c *Cluster) Slots(ctx context.Context) ([]redis.ClusterSlot, error) {
	var err error
	for _, n := range c.c.nodes {
		if !n.alive() {
			continue
		}
		var slots []redis.ClusterSlot
		if slots, err = nodeDo(n, func(r *redis.Client) ([]redis.ClusterSlot, error) { return r.ClusterSlots(ctx).Result() }); err == nil {
			return slots, nil
		}
	}
	if err == nil {
		err = errors.New("no node is alive")
	}
	return nil, err
}

func (c *cluster) stop() {
	for _, n := range c.nodes {
		n.kill()
	}
	if c.dir != "" {
		_ = os.RemoveAll(c.dir)
	}
}

func (n *node) alive() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.proc != nil
}

func (n *node) kill() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.proc != nil {
		n.proc.kill()
		n.proc = nil
		_ = n.rdb.Close()
	}
}

// nodeDo runs f with n's own client (not a cluster client: it talks to
// that node alone).
func nodeDo[T any](n *node, f func(*redis.Client) (T, error)) (T, error) {
	return f(n.rdb)
}
