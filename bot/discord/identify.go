package discord

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/url"
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
// answers with op 9 INVALID_SESSION, it identifies again at once, on the
// same connection, from whichever goroutine read the op 9 (its listener,
// or Open inside connect's turn), and again at once if Discord refuses
// that one with op 9 for being over the limit — would pass the gate by.
// discordgo has no hook there, so the check sits below it, on the shard's
// connection: the bytes discordgo writes are websocket frames (its client
// masks them, none is compressed), and a frame whose JSON begins {"op":2,
// is an IDENTIFY. Only the first IDENTIFY of connect's own turn is
// written; any other is not: the connection is closed and the write fails
// (errIdentifyNotSent). Nothing waits, so no write (heartbeats included)
// is ever held behind an IDENTIFY. discordgo's reader then fails and the
// session disconnects (out of turn), or Open returns the error (inside
// it); either way connect comes back through the gate, in turn, and
// RESUMEs if it can (op 9 with d=true), IDENTIFYing inside the turn if not.
// Only what the bot writes passes here — heartbeats, presence, RESUME,
// IDENTIFY — never the events it reads.

// errIdentifyNotSent is the write error of an IDENTIFY not sent.
var errIdentifyNotSent = errors.New("discord: IDENTIFY not sent (not the first of the shard's turn); the connection is closed to reconnect in turn")

// gatewayProxy is what the gateway dialer's proxy setting says about the
// gateway at gatewayURL: the proxy (nil: none) or its error, asked as
// gorilla asks it when it dials (wss as https, ws as http).
func gatewayProxy(base *websocket.Dialer, gatewayURL string) (*url.URL, error) {
	if base == nil {
		base = websocket.DefaultDialer
	}
	if base.Proxy == nil {
		return nil, nil
	}
	u, err := url.Parse(gatewayURL)
	if err != nil {
		return nil, err
	}
	switch u.Scheme {
	case "wss":
		u.Scheme = "https"
	case "ws":
		u.Scheme = "http"
	}
	req, err := http.NewRequest(http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	return base.Proxy(req)
}

// gatedDialer returns a copy of base whose connections pass what sh
// writes through gatedConn. For wss it makes the TLS connection itself, to
// see the frames before encryption, unless direct is false (a proxy, or a
// failing proxy setting, for the gateway: gorilla would reach the proxy
// with that TLS dial); then the TLS connection stays gorilla's and an
// IDENTIFY discordgo sends by itself over wss is not seen.
func (b *Bot) gatedDialer(base *websocket.Dialer, sh *shard, direct bool) *websocket.Dialer {
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
	if !direct {
		return &d
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

// gatedConn is a shard's gateway connection: it writes only the first
// IDENTIFY of connect's turn, and closes itself at any other.
type gatedConn struct {
	net.Conn
	b  *Bot
	sh *shard
}

// Write runs under discordgo's wsMutex and gorilla's write lock; it takes
// no lock of its own and never waits. Closing the connection here unblocks
// discordgo's reader (its Read fails), and gorilla keeps the error, so
// every later write on the connection fails at once too.
func (c *gatedConn) Write(p []byte) (int, error) {
	if !isIdentifyFrame(p) || c.sh.mayIdentify() {
		return c.Conn.Write(p)
	}
	c.b.log.Info("Discord answered op 9 INVALID_SESSION: closing the connection to IDENTIFY again in turn, not at once", "shard", c.sh.id)
	c.Conn.Close()
	c.sh.signalAnswered()
	return 0, errIdentifyNotSent
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
