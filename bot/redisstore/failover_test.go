package redisstore

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// failoverNodeTimeout is the failover cluster's cluster-node-timeout: a
// killed master's replica takes over a second or two after it.
const failoverNodeTimeout = time.Second

// TestFailover kills the master that holds a guild's settings and
// approvals and a session's state on a cluster with one replica per
// master, and checks that the adapter answers again once the replica has
// taken over, with nothing lost that was acknowledged by the replica
// before the kill, and that no call hangs meanwhile.
//
// The bound: Redis replicates asynchronously, so a write the master
// acknowledged but had not yet sent to its replica when it died is lost
// (in practice the replication lag, well under a millisecond on one
// network; in the worst case up to repl-timeout). The adapter does not
// WAIT on every write; the test writes, then proves with WAIT (behind a
// marker write, Cluster.WaitReplicated) that the replica has everything,
// and then kills.
func TestFailover(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 6-node cluster")
	}
	cl := redistest.StartCluster(t, redistest.ClusterOptions{Replicas: 1, NodeTimeout: failoverNodeTimeout})
	ctx := context.Background()
	rdb, err := Connect(ctx, cl.Spec())
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	db := New(rdb, Options{Prefix: cl.Prefix()})
	k := db.keys

	const guild = "424242424242424242"
	master, err := cl.MasterOf(ctx, k.guild(guild))
	if err != nil {
		t.Fatal(err)
	}
	// A session whose thread lives on the same master, so the kill hits it.
	thread := ""
	for i := 0; thread == ""; i++ {
		id := fmt.Sprint("7000000000000000", i)
		if m, err := cl.MasterOf(ctx, k.session(id).session); err == nil && m == master {
			thread = id
		}
	}

	// Acknowledged writes: settings, approvals, a session with votes.
	settings := map[string]string{"lang": "fr", "rate": "5/m", "visibility": "private"}
	if err := db.Guilds().Update(ctx, guild, settings, nil); err != nil {
		t.Fatal(err)
	}
	appr := approved.New(db.Approved())
	var ids []string
	for _, q := range []string{"Who is in the Quad?", "What is AUKUS?"} {
		e, err := appr.Approve(ctx, guild, q, quad, "", "77")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	sess := session.NewStore(db.Sessions(), session.Options{})
	if _, err := sess.Start(ctx, guild, thread, "Drill", "b", false, "edu"); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"ann", "bob"} {
		if _, _, err := sess.Add(ctx, thread, u, "", "Who is in the Quad?"); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := sess.Upvote(ctx, thread, "q1", "cat"); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, db, guild, thread)
	if len(want.entries) != 2 || want.votes != 3 {
		t.Fatalf("before the kill: %+v", want)
	}

	if err := cl.WaitReplicated(ctx, k.guild(guild), 5*time.Second); err != nil {
		t.Fatal(err)
	}

	// A reader polls the guild's settings throughout, as a bot answering
	// questions would; every call must end within the store's deadline.
	type result struct {
		at   time.Time
		took time.Duration
		err  error
	}
	var (
		mu      sync.Mutex
		results []result
	)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			begin := time.Now()
			_, err := db.Guilds().Fields(ctx, guild)
			mu.Lock()
			results = append(results, result{begin, time.Since(begin), err})
			mu.Unlock()
		}
	}()

	killed := time.Now()
	cl.Kill(master)
	if err := cl.WaitHealthy(ctx); err != nil {
		t.Fatal(err)
	}
	promoted := time.Since(killed)
	// The adapter answers again: go-redis finds the new master by itself.
	eventually(t, 20*time.Second, func() error {
		_, err := db.Guilds().Fields(ctx, guild)
		return err
	})
	answering := time.Since(killed)
	close(stop)
	<-done

	var failed int
	var lastFailure time.Time
	for _, r := range results {
		if r.took > DefaultTimeout+500*time.Millisecond {
			t.Errorf("a read took %s during the failover: want at most the store's deadline", r.took)
		}
		if r.err != nil {
			failed++
			lastFailure = r.at
		}
	}
	outage := time.Duration(0)
	if !lastFailure.IsZero() {
		outage = lastFailure.Sub(killed)
	}
	t.Logf("replica promoted %s after the kill; adapter answering after %s; %d of %d reads failed, the last %s after the kill",
		promoted.Round(time.Millisecond), answering.Round(time.Millisecond), failed, len(results), outage.Round(time.Millisecond))

	got := snapshot(t, db, guild, thread)
	if !maps.Equal(got.settings, settings) {
		t.Errorf("settings after failover = %v, want %v", got.settings, settings)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after failover:\n got %+v\nwant %+v", got, want)
	}

	// Writes work again, and the counters go on from where they were.
	if err := db.Guilds().Update(ctx, guild, map[string]string{"lang": "de"}, nil); err != nil {
		t.Errorf("settings write after failover: %v", err)
	}
	e, err := appr.Approve(ctx, guild, "Who leads NATO?", quad, "", "77")
	if err != nil || e.ID != fmt.Sprint(len(ids)+1) {
		t.Errorf("approval after failover: id %q (want %d), %v", e.ID, len(ids)+1, err)
	}
	if n, added, err := sess.Upvote(ctx, thread, "q1", "dan"); err != nil || !added || n != 4 {
		t.Errorf("upvote after failover: %d %v %v; want 4 votes", n, added, err)
	}
}

// guildState is what TestFailover checks survives.
type guildState struct {
	settings map[string]string
	entries  map[string]string // id → question
	sess     session.Session
	queue    []string
	votes    int
}

func snapshot(t *testing.T, db *DB, guild, thread string) guildState {
	t.Helper()
	ctx := context.Background()
	var st guildState
	var err error
	if st.settings, err = db.Guilds().Fields(ctx, guild); err != nil {
		t.Fatal(err)
	}
	entries, err := db.Approved().Entries(ctx, guild)
	if err != nil {
		t.Fatal(err)
	}
	st.entries = map[string]string{}
	for _, e := range entries {
		st.entries[e.ID] = e.Question
	}
	if st.sess, err = db.Sessions().Get(ctx, thread); err != nil {
		t.Fatal(err)
	}
	qs, err := db.Sessions().Questions(ctx, thread)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		st.queue = append(st.queue, q.ID+":"+q.Text)
		st.votes += q.Votes
	}
	return st
}

func TestNodeTrouble(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{redis.Nil, false},
		{redis.TxFailedErr, false},
		{context.Canceled, false},
		{redis.ErrCrossSlot, false},
		{fmt.Errorf("wrapped: %w", redis.Nil), false},
		{&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, true},
		{io.EOF, true},
		{context.DeadlineExceeded, true},
		{serverError("CLUSTERDOWN The cluster is down"), true},
		{serverError("ERR unknown command"), false},
	} {
		if got := nodeTrouble(tt.err); got != tt.want {
			t.Errorf("nodeTrouble(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// serverError is an error as a server sends it (a redis.Error).
type serverError string

func (e serverError) Error() string { return string(e) }
func (serverError) RedisError()     {}
