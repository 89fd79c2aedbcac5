package main

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// stallingApprovals is the approvals' Redis storage, whose listing of
// guilds fails while down, and, once stall is armed, hangs in the first
// call after until released: a Redis call of up to 30 s.
type stallingApprovals struct {
	approved.Storage
	mu      sync.Mutex
	down    bool
	stall   bool
	stalled chan struct{} // closed when a call hangs
	release chan struct{}
}

func (s *stallingApprovals) Guilds(ctx context.Context) ([]string, error) {
	s.mu.Lock()
	down, stall := s.down, s.stall
	s.stall = false
	s.mu.Unlock()
	if down {
		return nil, errors.New("redis down")
	}
	if stall {
		close(s.stalled)
		<-s.release
	}
	return s.Storage.Guilds(ctx)
}

// A knowledge swap is not held up by a retried re-check of the approved
// answers waiting on Redis: the retry held the lock that orders re-checks
// across its Redis call, and the swap's own re-check waited for it (up to
// the retry's 30 s). The retry, once Redis answers, must not move the
// approvals back to the knowledge it was for.
func TestSwapNotDelayedByARetryWaitingOnRedis(t *testing.T) {
	rs := redistest.Start(t)
	db := redisstore.New(rs.Client(t), redisstore.Options{Prefix: rs.Prefix()})
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	v1, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	v2, v3 := v1, v1
	v2.Version, v3.Version = "v2-same-text", "v3-same-text"
	st := &stallingApprovals{Storage: db.Approved(), stalled: make(chan struct{}), release: make(chan struct{})}
	a := &app{log: slog.New(slog.DiscardHandler), db: db, approved: approved.New(st)}
	defer a.close()
	a.engine = answer.New(a.knowledgeFor(context.Background(), v1))
	ctx := context.Background()
	const q = "Why does France oppose a NATO office in Tokyo?"
	ans, err := a.engine.Ask(ctx, answer.Request{Question: q}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.approved.Approve(ctx, "g1", q, ans, "", "mod"); err != nil {
		t.Fatal(err)
	}

	// v2's re-check fails; its retry (a second later) hangs on Redis.
	st.mu.Lock()
	st.down = true
	st.mu.Unlock()
	a.swap(v2)
	st.mu.Lock()
	st.down, st.stall = false, true
	st.mu.Unlock()
	select {
	case <-st.stalled:
	case <-time.After(10 * time.Second):
		t.Fatal("no retry of the failed re-check")
	}

	swapped := make(chan struct{})
	go func() { a.swap(v3); close(swapped) }()
	select {
	case <-swapped:
	case <-time.After(3 * time.Second):
		t.Error("the swap to v3 waited for the retry of v2's re-check, hanging on Redis")
	}
	close(st.release)
	<-swapped
	if _, ok, err := a.approved.Lookup(ctx, "g1", q, v3.Version); err != nil || !ok {
		t.Errorf("approved answer not served on v3 after the swap: %v, %v", ok, err)
	}
	// The retry for v2, released, leaves them on v3.
	time.Sleep(200 * time.Millisecond)
	eventually(t, "the retry to end", func() bool { return !stackHas("(*app).revalidateLater") })
	if _, ok, err := a.approved.Lookup(ctx, "g1", q, v3.Version); err != nil || !ok {
		t.Errorf("the late retry for v2 moved the approved answer off v3: %v, %v", ok, err)
	}
}

// stackHas reports whether any goroutine is in fn.
func stackHas(fn string) bool {
	buf := make([]byte, 1<<20)
	return strings.Contains(string(buf[:runtime.Stack(buf, true)]), fn)
}
