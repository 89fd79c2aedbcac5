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
	"time"

	"github.com/redis/go-redis/v9"
)

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
