package redistest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestMain(m *testing.M) {
	code := m.Run()
	StopSharedCluster()
	os.Exit(code)
}

// The examples of the Redis Cluster specification, and the CRC16 check
// value of its XMODEM variant.
func TestSlot(t *testing.T) {
	if got := crc16("123456789"); got != 0x31C3 {
		t.Errorf("crc16(123456789) = %#x, want 0x31c3", got)
	}
	for key, want := range map[string]string{
		"{user1000}.following": "user1000",
		"{user1000}.followers": "user1000",
		"foo{}{bar}":           "foo{}{bar}",
		"foo{{bar}}zap":        "{bar",
		"foo{bar}{zap}":        "bar",
		"{}":                   "{}",
		"{":                    "{",
		"a}b{":                 "a}b{",
		"x{y}":                 "y",
	} {
		if got := HashTag(key); got != want {
			t.Errorf("HashTag(%q) = %q, want %q", key, got, want)
		}
	}
	if Slot("foo") != 12182 || Slot("bar") != 5061 {
		t.Errorf("Slot(foo), Slot(bar) = %d, %d; want 12182, 5061", Slot("foo"), Slot("bar"))
	}
}

func TestDecideCluster(t *testing.T) {
	both := func(name string) (string, error) { return "/usr/bin/" + name, nil }
	noCLI := func(name string) (string, error) {
		if name == "redis-cli" {
			return "", exec.ErrNotFound
		}
		return "/usr/bin/" + name, nil
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	if d, cli := decideCluster(env(map[string]string{"REDIS_URL": "redis://h:1"}), both); d.mode != modeLocal || cli != "/usr/bin/redis-cli" {
		t.Errorf("both found: %v %q; want a local cluster whatever REDIS_URL says", d.mode, cli)
	}
	if d, _ := decideCluster(env(nil), noCLI); d.mode != modeSkip || !strings.Contains(d.msg, "redis-cli") {
		t.Errorf("no redis-cli: %v %q; want a skip naming it", d.mode, d.msg)
	}
	if d, _ := decideCluster(env(map[string]string{"CI": "true"}), noCLI); d.mode != modeFail {
		t.Errorf("no redis-cli under CI=true: %v; want a failure", d.mode)
	}
}

// Slot agrees with CLUSTER KEYSLOT on a real server, for the spec's keys
// and random ones with and without tags.
func TestSlotMatchesClusterKeyslot(t *testing.T) {
	c := SharedCluster(t)
	ctx := context.Background()
	rdb := c.Client(t)
	keys := []string{"", "foo", "bar", "{user1000}.following", "foo{}{bar}", "foo{{bar}}zap", "foo{bar}{zap}", "{", "}", "{}", "ünïcødé{ß}"}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ab{}:0123456789"
	for range 200 {
		b := make([]byte, 1+r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		keys = append(keys, string(b))
	}
	for _, k := range keys {
		want, err := rdb.ClusterKeySlot(ctx, k).Result()
		if err != nil {
			t.Fatal(err)
		}
		if got := Slot(k); int64(got) != want {
			t.Errorf("Slot(%q) = %d, CLUSTER KEYSLOT says %d", k, got, want)
		}
	}
}

// The shared cluster is a real one: keys spread over the masters, a MULTI
// within one hash tag works and one across slots is refused.
func TestSharedCluster(t *testing.T) {
	c := SharedCluster(t)
	if len(c.Addrs()) != 3 || c.Spec() != strings.Join(c.Addrs(), ",") {
		t.Fatalf("addrs %v, spec %q", c.Addrs(), c.Spec())
	}
	ctx := context.Background()
	rdb := c.Client(t)
	p := c.Prefix()
	masters := map[string]bool{}
	for i := range 30 {
		k := fmt.Sprint(p, "k", i)
		if err := rdb.Set(ctx, k, i, 0).Err(); err != nil {
			t.Fatal(err)
		}
		m, err := c.MasterOf(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		masters[m] = true
	}
	if len(masters) != 3 {
		t.Errorf("30 keys landed on %d masters, want 3", len(masters))
	}
	_, err := rdb.TxPipelined(ctx, func(tx redis.Pipeliner) error {
		tx.Set(ctx, p+"{g}:a", 1, 0)
		tx.Set(ctx, p+"{g}:b", 2, 0)
		return nil
	})
	if err != nil {
		t.Errorf("MULTI within one tag: %v", err)
	}
	_, err = rdb.TxPipelined(ctx, func(tx redis.Pipeliner) error {
		tx.Set(ctx, p+"a", 1, 0)
		tx.Set(ctx, p+"b", 2, 0)
		return nil
	})
	if !errors.Is(err, redis.ErrCrossSlot) && (err == nil || !strings.Contains(err.Error(), "CROSSSLOT")) {
		t.Errorf("MULTI across slots: %v, want CROSSSLOT", err)
	}
	// Another test's view has its own prefix over the same nodes, and
	// its keys go when it ends, on every master.
	var other string
	t.Run("other", func(t *testing.T) {
		o := SharedCluster(t)
		if other = o.Prefix(); other == p || o.Spec() != c.Spec() {
			t.Errorf("second view: prefix %q (first %q), spec %q", other, p, o.Spec())
		}
		for i := range 30 {
			if err := rdb.Set(ctx, fmt.Sprint(other, "k", i), i, 0).Err(); err != nil {
				t.Fatal(err)
			}
		}
	})
	var left atomic.Int64
	err = rdb.ForEachMaster(ctx, func(ctx context.Context, m *redis.Client) error {
		keys, err := m.Keys(ctx, other+"*").Result()
		left.Add(int64(len(keys)))
		return err
	})
	if err != nil || left.Load() != 0 {
		t.Errorf("%d keys of the ended test left (%v)", left.Load(), err)
	}
	if n, _ := rdb.Exists(ctx, p+"k0").Result(); n != 1 {
		t.Error("the running test's keys went too")
	}
}
