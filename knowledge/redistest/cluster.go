package redistest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// MasterOf returns the address of the master that serves key's slot.
func (c *Cluster) MasterOf(ctx context.Context, key string) (string, error) {
	slots, err := c.Slots(ctx)
	if err != nil {
		return "", err
	}
	return masterOfSlot(slots, Slot(key))
}

func masterOfSlot(slots []redis.ClusterSlot, slot int) (string, error) {
	for _, s := range slots {
		if s.Start <= slot && slot <= s.End && len(s.Nodes) > 0 {
			return s.Nodes[0].Addr, nil
		}
	}
	return "", fmt.Errorf("no node serves slot %d", slot)
}

// Kill kills the node at addr (SIGKILL, as a crash); its data is lost.
// Not on the shared cluster: the test fails.
func (c *Cluster) Kill(addr string) {
	c.tb.Helper()
	if c.shared {
		c.tb.Fatal("redistest: a test may not kill nodes of the shared cluster; use StartCluster")
	}
	for _, n := range c.c.nodes {
		if n.addr == addr {
			n.kill()
			return
		}
	}
	c.tb.Fatalf("redistest: no node at %s", addr)
}

// WaitReplicated waits until every replica of the master serving key has
// acknowledged every write that master took before the call: it writes a
// marker key to the master on one connection and runs WAIT there, and
// since a master replicates in order, a replica that has the marker has
// everything before it. It fails when a replica does not acknowledge
// within timeout.
func (c *Cluster) WaitReplicated(ctx context.Context, key string, timeout time.Duration) error {
	slots, err := c.Slots(ctx)
	if err != nil {
		return err
	}
	slot := Slot(key)
	var own redis.ClusterSlot
	for _, s := range slots {
		if s.Start <= slot && slot <= s.End {
			own = s
		}
	}
	if len(own.Nodes) == 0 {
		return fmt.Errorf("no node serves slot %d", slot)
	}
	rdb := redis.NewClient(&redis.Options{Addr: own.Nodes[0].Addr})
	defer rdb.Close()
	// CLUSTER SLOTS may not list a new replica yet: ask the master.
	info, err := rdb.Info(ctx, "replication").Result()
	if err != nil {
		return err
	}
	replicas := 0
	for _, line := range strings.Split(info, "\n") {
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "connected_slaves:"); ok {
			replicas, _ = strconv.Atoi(n)
		}
	}
	if replicas == 0 {
		return fmt.Errorf("%s has no replica", own.Nodes[0].Addr)
	}
	var marker string
	for i := 0; ; i++ {
		marker = "redistest:wait:" + strconv.Itoa(i)
		if m, _ := masterOfSlot(slots, Slot(marker)); m == own.Nodes[0].Addr {
			break
		}
	}
	conn := rdb.Conn()
	defer conn.Close()
	if err := conn.Set(ctx, marker, "1", time.Minute).Err(); err != nil {
		return fmt.Errorf("write the marker to %s: %w", own.Nodes[0].Addr, err)
	}
	n, err := conn.Do(ctx, "WAIT", replicas, timeout.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("WAIT on %s: %w", own.Nodes[0].Addr, err)
	}
	if n < replicas {
		return fmt.Errorf("%d of %d replicas of %s acknowledged within %s", n, replicas, own.Nodes[0].Addr, timeout)
	}
	return nil
}

// WaitHealthy waits until every live node reports cluster_state:ok and
// they all agree on which node serves which slots, none of them a killed
// node: after Kill, until a replica has taken over.
func (c *Cluster) WaitHealthy(ctx context.Context) error {
	return c.c.waitReady(ctx)
}

// startCluster starts the nodes in dir, joins them and waits until they
// agree.
func startCluster(bin, cli, dir string, o ClusterOptions) (*cluster, error) {
	if o.Masters == 0 {
		o.Masters = 3
	}
	if o.Masters < 3 {
		return nil, fmt.Errorf("a cluster needs at least 3 masters, not %d", o.Masters)
	}
	if o.NodeTimeout <= 0 {
		o.NodeTimeout = DefaultNodeTimeout
	}
	c := &cluster{dir: dir, replicas: o.Replicas}
	ok := false
	defer func() {
		if !ok {
			c.stop()
		}
	}()
	for i := range o.Masters * (1 + o.Replicas) {
		ndir := filepath.Join(dir, "node"+strconv.Itoa(i))
		if err := os.MkdirAll(ndir, 0o755); err != nil {
			return nil, err
		}
		n, err := startNode(bin, ndir, o.NodeTimeout)
		if err != nil {
			return nil, err
		}
		c.nodes = append(c.nodes, n)
	}
	args := append([]string{"--cluster", "create"}, addrsOf(c.nodes)...)
	args = append(args, "--cluster-replicas", strconv.Itoa(o.Replicas), "--cluster-yes")
	ctx, cancel := context.WithTimeout(context.Background(), clusterReadyTimeout)
	defer cancel()
	if out, err := exec.CommandContext(ctx, cli, args...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("redis-cli --cluster create: %v: %s", err, lastLines(string(out), 10))
	}
	if err := c.waitReady(ctx); err != nil {
		return nil, err
	}
	ok = true
	return c, nil
}

// startNode starts one cluster-enabled redis-server on a free port whose
// cluster bus port (port+10000) is free too.
func startNode(bin, dir string, timeout time.Duration) (*node, error) {
	var err error
	for range spawnAttempts {
		var port int
		if port, err = freeClusterPort(); err != nil {
			break
		}
		var p *process
		p, err = spawn(bin, dir, port,
			"--cluster-enabled", "yes",
			"--cluster-config-file", "nodes.conf",
			"--cluster-node-timeout", strconv.FormatInt(timeout.Milliseconds(), 10),
			// A replica's first sync starts at once, not after the
			// default 5 s wait for other replicas to join it.
			"--repl-diskless-sync-delay", "0",
		)
		if err == nil {
			addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
			rdb := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: time.Second, ReadTimeout: 2 * time.Second, MaxRetries: -1, PoolSize: 2})
			return &node{addr: addr, port: port, rdb: rdb, proc: p}, nil
		}
		if !errors.Is(err, errPortBusy) {
			break
		}
		// nodes.conf may have been written before the bind failed.
		_ = os.Remove(filepath.Join(dir, "nodes.conf"))
	}
	return nil, fmt.Errorf("start cluster node: %w", err)
}

// freeClusterPort returns a free port whose bus port, 10000 above, is free
// as well.
func freeClusterPort() (int, error) {
	for range 50 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		port := l.Addr().(*net.TCPAddr).Port
		if port+10000 > 65535 {
			l.Close()
			continue
		}
		bus, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port+10000)))
		l.Close()
		if err != nil {
			continue
		}
		bus.Close()
		return port, nil
	}
	return 0, errors.New("no free port with a free cluster bus port")
}

func addrsOf(nodes []*node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.addr
	}
	return out
}

// waitReady polls the live nodes until each says cluster_state:ok, knows
// every node, agrees with the others on the slot map, which names no
// killed node and, while none was killed, gives every master its
// replicas, and, when a replica, has its link to its master up.
func (c *cluster) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(clusterReadyTimeout)
	var why error
	for {
		if why = c.ready(ctx); why == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cluster not ready after %s: %w", clusterReadyTimeout, why)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("cluster not ready: %w (%v)", ctx.Err(), why)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (c *cluster) ready(ctx context.Context) error {
	dead := map[string]bool{}
	anyDead := false
	for _, n := range c.nodes {
		dead[n.addr] = !n.alive()
		anyDead = anyDead || dead[n.addr]
	}
	var first string
	replicas := 0
	for _, n := range c.nodes {
		if dead[n.addr] {
			continue
		}
		info, err := nodeDo(n, func(r *redis.Client) (string, error) { return r.ClusterInfo(ctx).Result() })
		if err != nil {
			return fmt.Errorf("%s: %w", n.addr, err)
		}
		if !strings.Contains(info, "cluster_state:ok") {
			return fmt.Errorf("%s: cluster_state not ok", n.addr)
		}
		if !strings.Contains(info, "cluster_known_nodes:"+strconv.Itoa(len(c.nodes))+"\r") {
			return fmt.Errorf("%s does not know every node yet", n.addr)
		}
		slots, err := nodeDo(n, func(r *redis.Client) ([]redis.ClusterSlot, error) { return r.ClusterSlots(ctx).Result() })
		if err != nil {
			return fmt.Errorf("%s: %w", n.addr, err)
		}
		m := slotMap(slots)
		for _, s := range slots {
			if len(s.Nodes) == 0 || dead[s.Nodes[0].Addr] {
				return fmt.Errorf("%s: slots %d-%d served by a dead node", n.addr, s.Start, s.End)
			}
		}
		if first == "" {
			first = m
		} else if m != first {
			return fmt.Errorf("%s disagrees on the slot map", n.addr)
		}
		repl, err := nodeDo(n, func(r *redis.Client) (string, error) { return r.Info(ctx, "replication").Result() })
		if err != nil {
			return fmt.Errorf("%s: %w", n.addr, err)
		}
		if strings.Contains(repl, "role:slave") {
			if !strings.Contains(repl, "master_link_status:up") {
				return fmt.Errorf("%s: replica not in sync with its master yet", n.addr)
			}
			replicas++
		}
	}
	if first == "" {
		return errors.New("no node is alive")
	}
	// Every master has its replicas in sync, until one was killed: then
	// its replica serves the slots alone. (CLUSTER SLOTS may take seconds
	// to list a new replica, so INFO replication tells.)
	if want := len(c.nodes) / (1 + c.replicas) * c.replicas; !anyDead && replicas != want {
		return fmt.Errorf("%d of %d replicas in sync", replicas, want)
	}
	return nil
}

// slotMap renders a slot map with only the masters, in slot order, so that
// two nodes' views compare equal.
func slotMap(slots []redis.ClusterSlot) string {
	slices.SortFunc(slots, func(a, b redis.ClusterSlot) int { return a.Start - b.Start })
	var sb strings.Builder
	for _, s := range slots {
		master := ""
		if len(s.Nodes) > 0 {
			master = s.Nodes[0].Addr
		}
		fmt.Fprintf(&sb, "%d-%d:%s;", s.Start, s.End, master)
	}
	return sb.String()
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
