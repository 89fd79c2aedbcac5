package redistest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

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
