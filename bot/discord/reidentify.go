package discord

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/tls"
	"encoding/binary"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// discordgo v0.29.0 answers an op 9 INVALID_SESSION by sending IDENTIFY
// on the same connection at once, by itself (wsapi.go, onEvent): outside
// Open, so outside the turn connect takes at the identifyGate. (Its other
// reconnect paths, after op 7, a failed heartbeat or a read error, go
// through reconnect(), which does nothing with ShouldReconnectOnError
// off: the Disconnect event brings runShard back to connect, and so to
// the gate.) No option of discordgo's delays that IDENTIFY, so each
// shard's gateway connections are watched below the websocket: an op 9
// frame reaches discordgo only once the gate lets the shard in, and the
// turn ends at the READY that follows (or when the connection ends, or
// after reidentifyTurn). Meanwhile discordgo's heartbeats go on (they are
// written by another goroutine), so the connection stays up while the
// shard waits; their ACKs are read after the op 9, and discordgo gives
// up on a connection only after five heartbeat intervals (about 200 s)
// without one, longer than 16 shards of one bucket take.

// reidentifyTurn bounds how long a re-IDENTIFY after op 9 keeps its
// bucket's turn without a READY.
const reidentifyTurn = 30 * time.Second

// maxInvalidSession is the largest frame inspected for an op 9 (whose
// payload is some 40 bytes); larger frames pass unread.
const maxInvalidSession = 512

// watchedDialer is d (discordgo's dialer) with each connection watched
// for op 9 on the way to discordgo: onInvalid runs first, and the op 9
// reaches discordgo when it returns; closed is closed when the
// connection is. It does the TLS handshake of wss:// itself, so as to
// watch the plain bytes.
func watchedDialer(d *websocket.Dialer, onInvalid func(closed <-chan struct{})) *websocket.Dialer {
	if d == nil {
		d = websocket.DefaultDialer
	}
	wd := *d
	var nd net.Dialer
	wd.NetDialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := nd.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return newGatewayConn(c, onInvalid), nil
	}
	wd.NetDialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := nd.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		cfg := &tls.Config{}
		if d.TLSClientConfig != nil {
			cfg = d.TLSClientConfig.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName, _, _ = net.SplitHostPort(addr)
		}
		tc := tls.Client(c, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			c.Close()
			return nil, err
		}
		return newGatewayConn(tc, onInvalid), nil
	}
	// The proxy would be dialled with NetDialTLSContext; planShards does
	// not watch the connections when a proxy is set.
	wd.Proxy = nil
	return &wd
}

// proxied reports whether d sends the gateway's connections through a
// proxy (HTTPS_PROXY, with discordgo's default dialer), which
// watchedDialer cannot.
func proxied(d *websocket.Dialer) bool {
	if d.Proxy == nil {
		return false
	}
	u, err := d.Proxy(&http.Request{URL: &url.URL{Scheme: "https", Host: "gateway.discord.gg"}})
	return err != nil || u != nil
}

// beforeReidentify runs when an op 9 comes to sh's connection, before
// discordgo sees it (and so before its IDENTIFY): it waits for sh's turn
// at the gate, unless connect holds it (a RESUME refused during Open),
// or until the connection closes.
func (b *Bot) beforeReidentify(sh *shard, closed <-chan struct{}) {
	if sh.identifying.Load() {
		return
	}
	sh.endTurn(nil) // an op 9 before the READY of the last one
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-closed:
			cancel()
		case <-ctx.Done():
		}
	}()
	b.log.Info("Discord invalidated the session: waiting for the shard's turn to IDENTIFY again", "shard", sh.id)
	release, err := b.identify.wait(ctx, sh.id)
	if err != nil {
		return // the connection ended: nothing will be sent on it
	}
	turn := &gateTurn{release: release, done: make(chan struct{})}
	sh.turnMu.Lock()
	sh.turn = turn
	sh.turnMu.Unlock()
	go func() {
		t := time.NewTimer(reidentifyTurn)
		defer t.Stop()
		select {
		case <-closed:
		case <-t.C:
		case <-turn.done:
			return
		}
		sh.endTurn(turn)
	}()
}

// gateTurn is a re-IDENTIFY's turn at the gate; done is closed when it
// ends.
type gateTurn struct {
	release func()
	done    chan struct{}
}

// endTurn ends turn if it is still sh's, or (nil) whichever turn sh has.
func (sh *shard) endTurn(turn *gateTurn) {
	sh.turnMu.Lock()
	cur := sh.turn
	if cur == nil || (turn != nil && cur != turn) {
		sh.turnMu.Unlock()
		return
	}
	sh.turn = nil
	sh.turnMu.Unlock()
	cur.release()
	close(cur.done)
}

// onIdentified ends the turn of a re-IDENTIFY at its READY.
func (b *Bot) onIdentified(s *discordgo.Session, _ *discordgo.Ready) {
	if sh := b.shardBySession(s); sh != nil {
		sh.endTurn(nil)
	}
}

// gatewayConn is a gateway connection whose reads are checked frame by
// frame: an op 9 frame is handed on only after onInvalid returns.
type gatewayConn struct {
	net.Conn
	onInvalid func(closed <-chan struct{})
	closed    chan struct{}
	closeOnce sync.Once

	buf      []byte
	raw      []byte // read, not yet checked
	checked  []byte // checked, for the reader
	upgraded bool   // the HTTP upgrade response is past
	pass     int    // bytes of a frame too large to be an op 9, to hand on unread
	err      error  // the connection's read error, once raw is used up
}

func newGatewayConn(c net.Conn, onInvalid func(<-chan struct{})) *gatewayConn {
	return &gatewayConn{Conn: c, onInvalid: onInvalid, closed: make(chan struct{}), buf: make([]byte, 32<<10)}
}

func (c *gatewayConn) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	return c.Conn.Close()
}

func (c *gatewayConn) Read(p []byte) (int, error) {
	for len(c.checked) == 0 {
		c.scan()
		if len(c.checked) > 0 {
			break
		}
		if c.err != nil {
			return 0, c.err
		}
		n, err := c.Conn.Read(c.buf)
		c.raw = append(c.raw, c.buf[:n]...)
		c.err = err
	}
	n := copy(p, c.checked)
	c.checked = c.checked[n:]
	return n, nil
}

// scan moves what is whole and checked from raw to checked: the HTTP
// response, then frame by frame.
func (c *gatewayConn) scan() {
	for len(c.raw) > 0 {
		if c.pass > 0 {
			n := min(c.pass, len(c.raw))
			c.pass -= n
			c.hand(n)
			continue
		}
		if !c.upgraded {
			i := bytes.Index(c.raw, []byte("\r\n\r\n"))
			if i < 0 {
				return
			}
			c.upgraded = true
			c.hand(i + 4)
			continue
		}
		hdr, size, ok := frameHeader(c.raw)
		if !ok {
			return
		}
		fin, op := c.raw[0]&0x80 != 0, c.raw[0]&0x0f
		if !fin || (op != websocket.TextMessage && op != websocket.BinaryMessage) || size > maxInvalidSession {
			c.pass = hdr + size
			continue
		}
		if len(c.raw) < hdr+size {
			return
		}
		if invalidSession(op == websocket.BinaryMessage, c.raw[hdr:hdr+size]) {
			if len(c.checked) > 0 {
				return // what came before the op 9 goes first
			}
			c.onInvalid(c.closed)
		}
		c.hand(hdr + size)
	}
}

// hand moves n bytes of raw to checked.
func (c *gatewayConn) hand(n int) {
	c.checked = append(c.checked, c.raw[:n]...)
	c.raw = c.raw[n:]
	if len(c.raw) == 0 {
		c.raw = nil
	}
}

// frameHeader reads a websocket frame header: its length and the
// payload's; ok is false until the header is whole.
func frameHeader(b []byte) (hdr, size int, ok bool) {
	if len(b) < 2 {
		return 0, 0, false
	}
	hdr, n := 2, uint64(b[1]&0x7f)
	switch n {
	case 126:
		if len(b) < 4 {
			return 0, 0, false
		}
		hdr, n = 4, uint64(binary.BigEndian.Uint16(b[2:4]))
	case 127:
		if len(b) < 10 {
			return 0, 0, false
		}
		hdr, n = 10, binary.BigEndian.Uint64(b[2:10])
	}
	if b[1]&0x80 != 0 { // masked: servers do not, but count it
		hdr += 4
	}
	if len(b) < hdr {
		return 0, 0, false
	}
	return hdr, int(min(n, 1<<62)), true
}

// invalidSession reports whether a message is op 9; compressed is a
// binary (zlib) message, as discordgo asks for.
func invalidSession(compressed bool, payload []byte) bool {
	if compressed {
		zr, err := zlib.NewReader(bytes.NewReader(payload))
		if err != nil {
			return false
		}
		if payload, err = io.ReadAll(io.LimitReader(zr, 4*maxInvalidSession)); err != nil {
			return false
		}
	}
	var p struct {
		Op *int `json:"op"`
	}
	return json.Unmarshal(payload, &p) == nil && p.Op != nil && *p.Op == 9
}
