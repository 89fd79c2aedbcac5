package discord

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// identifyLeaseHold is how long a process keeps a bucket's cross-process
// lease beyond the interval while one of its shards connects. Connecting
// takes a second or two; if the process dies meanwhile, the others wait
// this long, and a connection slower than this lets another process
// IDENTIFY before the interval has passed.
const identifyLeaseHold = 30 * time.Second

// identifyLeasePoll is how often a shard waiting for another process's
// lease asks again.
const identifyLeasePoll = 250 * time.Millisecond

// identifyLeasePause is how long the gate leaves the leases alone after a
// failed call (Redis down or slow), spacing this process's IDENTIFYs
// only, so that an outage costs each connection at most one timeout.
const identifyLeasePause = 30 * time.Second

// identifyGate spaces IDENTIFYs as Discord asks: the shards of one bucket
// (shard id % max_concurrency) identify one at a time, each at least
// interval after the previous one finished, the first time in ascending
// order of shard id; buckets do not wait for each other. With leases it
// also takes the bucket's lease, shared by every process of the bot, so
// that separate processes do the same between them.
type identifyGate struct {
	interval time.Duration
	buckets  []*identifyBucket

	// leases are the cross-process leases; nil for this process only.
	leases IdentifyLeases
	owner  string // this process in the leases
	log    *slog.Logger
	// pausedUntil (unix ns) skips the leases for pause after a failure;
	// down says a failure was logged and no call has worked since.
	pause       time.Duration
	pausedUntil atomic.Int64
	down        atomic.Bool
}

type identifyBucket struct {
	mu    sync.Mutex
	busy  bool          // a shard of the bucket is identifying
	next  time.Time     // the earliest time of the next IDENTIFY
	order []int         // the shards whose first IDENTIFY is still to come, in turn
	freed chan struct{} // closed (and replaced) when the bucket is freed
}

func newIdentifyGate(concurrency int, interval time.Duration, ids []int) *identifyGate {
	g := &identifyGate{interval: interval, buckets: make([]*identifyBucket, max(concurrency, 1)), log: slog.New(slog.DiscardHandler)}
	for i := range g.buckets {
		g.buckets[i] = &identifyBucket{freed: make(chan struct{})}
	}
	for _, id := range ids {
		bk := g.buckets[id%len(g.buckets)]
		bk.order = append(bk.order, id)
	}
	return g
}

// withLeases makes the gate take the cross-process lease of the bucket
// too, logging to log when the leases fail.
func (g *identifyGate) withLeases(leases IdentifyLeases, log *slog.Logger) *identifyGate {
	var b [8]byte
	rand.Read(b[:])
	g.leases, g.owner, g.log, g.pause = leases, hex.EncodeToString(b[:]), log, identifyLeasePause
	return g
}

// wait blocks until shard may IDENTIFY; call release once the connection
// attempt is over (READY or a failure).
func (g *identifyGate) wait(ctx context.Context, shard int) (release func(), err error) {
	bucket := shard % len(g.buckets)
	bk := g.buckets[bucket]
	for {
		bk.mu.Lock()
		if !bk.busy && (len(bk.order) == 0 || bk.order[0] == shard) {
			break
		}
		freed := bk.freed
		bk.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	bk.busy = true
	if len(bk.order) > 0 {
		bk.order = bk.order[1:]
	}
	next := bk.next
	bk.mu.Unlock()
	free := func(next time.Time) {
		bk.mu.Lock()
		defer bk.mu.Unlock()
		bk.busy, bk.next = false, next
		close(bk.freed)
		bk.freed = make(chan struct{})
	}
	if d := time.Until(next); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			free(next)
			return nil, ctx.Err()
		}
	}
	owner := g.owner + ":" + strconv.Itoa(shard)
	leased, err := g.lease(ctx, bucket, owner)
	if err != nil {
		free(next)
		return nil, err
	}
	return sync.OnceFunc(func() {
		if leased {
			g.releaseLease(bucket, owner)
		}
		free(time.Now().Add(g.interval))
	}), nil
}

// lease takes the bucket's cross-process lease, waiting while another
// process holds it; false (and no error) when there are no leases or they
// fail. The error is ctx's.
func (g *identifyGate) lease(ctx context.Context, bucket int, owner string) (bool, error) {
	if g.leases == nil || time.Now().UnixNano() < g.pausedUntil.Load() {
		return false, nil
	}
	for {
		ok, left, err := g.leases.AcquireIdentify(ctx, bucket, owner, g.interval+identifyLeaseHold)
		if ctx.Err() != nil || err != nil {
			// The lease may be ours all the same (taken, or the call cut
			// short after Redis ran it): cut it to the interval rather than
			// leave the other processes waiting out identifyLeaseHold.
			if ok || err != nil {
				go g.releaseLease(bucket, owner)
			}
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			g.leaseFailed(err)
			return false, nil
		}
		g.leaseWorked()
		if ok {
			return true, nil
		}
		// Another process identifies in this bucket: try again when its
		// lease ends, or sooner, as its holder cuts it to the interval
		// once connected.
		t := time.NewTimer(min(max(left, 10*time.Millisecond), identifyLeasePoll))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return false, ctx.Err()
		}
	}
}

// releaseLease keeps the bucket's lease for the interval from now: the
// next IDENTIFY in the bucket, in any process, waits that long.
func (g *identifyGate) releaseLease(bucket int, owner string) {
	if err := g.leases.ReleaseIdentify(context.Background(), bucket, owner, g.interval); err != nil {
		g.leaseFailed(err)
		return
	}
	g.leaseWorked()
}

func (g *identifyGate) leaseFailed(err error) {
	g.pausedUntil.Store(time.Now().Add(g.pause).UnixNano())
	if g.down.CompareAndSwap(false, true) {
		g.log.Warn("cannot take the IDENTIFY lease in Redis: spacing only this process's IDENTIFYs until it answers (other processes' shards may identify at the same time)",
			"err", err, "retry_in", g.pause.String())
	}
}

func (g *identifyGate) leaseWorked() {
	if g.down.CompareAndSwap(true, false) {
		g.log.Info("the IDENTIFY lease in Redis works again: IDENTIFYs are spaced across processes")
	}
}

// An IDENTIFY that discordgo (v0.29.0) sends by itself — when Discord
// answers a live session with op 9 INVALID_SESSION, it identifies again at
// once, on the same connection, from its reading goroutine — would pass
// the gate by, and with it the spacing of a bucket's IDENTIFYs (Discord
// may answer an IDENTIFY over the limit with op 9 again, and discordgo
// would IDENTIFY again at once). discordgo has no hook there, so the gate
// sits below it, on the shard's connection: the bytes discordgo writes are
// websocket frames (its client masks them, none is compressed), and a
// frame whose JSON begins {"op":2, is an IDENTIFY. Outside connect's own
// turn (shard.identifying), it waits for the gate before it is written.
// Only what the bot writes passes here — heartbeats, presence, RESUME,
// IDENTIFY — never the events it reads. While an IDENTIFY waits, nothing
// else is written on that connection (its session is gone anyway); should
// Discord close it meanwhile, the write fails, and the shard reconnects
// through connect, in turn.

// gatedDialer returns a copy of base whose connections pass what sh
// writes through gatedConn. For wss it makes the TLS connection itself,
// to see the frames before encryption, unless a proxy is set for
// Discord's gateway (gorilla would reach the proxy with that TLS dial):
// then such an IDENTIFY over wss is not spaced, as before.
func (b *Bot) gatedDialer(base *websocket.Dialer, sh *shard) *websocket.Dialer {
	if base == nil {
		base = websocket.DefaultDialer
	}
	d := *base
	var dialer net.Dialer
	d.NetDialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dialer.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &gatedConn{Conn: c, b: b, sh: sh}, nil
	}
	if base.Proxy != nil {
		req, _ := http.NewRequest(http.MethodGet, "https://gateway.discord.gg/", nil)
		if u, err := base.Proxy(req); err != nil || u != nil {
			b.log.Info("the gateway goes through a proxy: an IDENTIFY that discordgo sends by itself after op 9 is not spaced", "shard", sh.id)
			return &d
		}
	}
	d.Proxy = nil
	d.NetDialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		cfg := &tls.Config{}
		if base.TLSClientConfig != nil {
			cfg = base.TLSClientConfig.Clone()
		}
		if cfg.ServerName == "" {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			cfg.ServerName = host
		}
		c, err := (&tls.Dialer{NetDialer: &dialer, Config: cfg}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &gatedConn{Conn: c, b: b, sh: sh}, nil
	}
	return &d
}

// gatedConn is a shard's gateway connection: an IDENTIFY written outside
// connect's turn waits for the gate.
type gatedConn struct {
	net.Conn
	b  *Bot
	sh *shard
}

func (c *gatedConn) Write(p []byte) (int, error) {
	if !isIdentifyFrame(p) {
		return c.Conn.Write(p)
	}
	ctx := c.sh.ctx()
	if c.sh.identifying.Load() {
		// connect's turn: its first IDENTIFY goes at once. Another one in
		// the same turn is discordgo's answer to an op 9 refusing the
		// first (over the limit): the bucket is still this shard's, so it
		// waits the interval here rather than at the gate, which connect
		// holds until Open returns.
		if c.sh.identified.Swap(true) {
			t := time.NewTimer(c.b.identify.interval)
			defer t.Stop()
			select {
			case <-t.C:
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}
		return c.Conn.Write(p)
	}
	c.b.log.Info("Discord invalidated the session; identifying again in turn", "shard", c.sh.id)
	release, err := c.b.identify.wait(ctx, c.sh.id)
	if err != nil {
		return 0, err
	}
	defer release()
	return c.Conn.Write(p)
}

// identifyPrefix is how discordgo's IDENTIFY payload begins.
const identifyPrefix = `{"op":2,`

// isIdentifyFrame reports whether p begins a masked text frame (as a
// websocket client writes it; the first of a fragmented message too)
// whose payload begins with identifyPrefix.
func isIdentifyFrame(p []byte) bool {
	const fin, text, masked = 0x80, 0x01, 0x80
	if len(p) < 2 || p[0]&^fin != text || p[1]&masked == 0 {
		return false
	}
	at := 2
	switch p[1] &^ masked {
	case 126:
		at += 2
	case 127:
		at += 8
	}
	if len(p) < at+4+len(identifyPrefix) {
		return false
	}
	key, payload := p[at:at+4], p[at+4:]
	for i := range len(identifyPrefix) {
		if payload[i]^key[i%4] != identifyPrefix[i] {
			return false
		}
	}
	return true
}
