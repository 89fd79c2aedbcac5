package redistest

import (
	"bytes"
	"net"
	"sync"
	"testing"
	"time"
)

// Proxy is a TCP proxy in front of a Redis server, for tests of a slow,
// stalled or flaky network: it can add latency to every read from the
// server, pause (hold every byte, as a stalled server or a black hole
// does) and drop every connection.
type Proxy struct {
	ln     net.Listener
	target string

	mu      sync.Mutex
	latency time.Duration
	paused  chan struct{} // closed when not paused
	conns   map[net.Conn]struct{}
	// held runs once when the first byte is held by a pause (PauseFor).
	held func()
}

// StartProxy starts a proxy to target (host:port) on a free loopback port,
// closed when tb ends.
func StartProxy(tb testing.TB, target string) *Proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	open := make(chan struct{})
	close(open)
	p := &Proxy{ln: ln, target: target, paused: open, conns: map[net.Conn]struct{}{}}
	go p.serve()
	tb.Cleanup(func() {
		ln.Close()
		p.Drop()
		p.Resume() // lets held copies run into their closed connections
	})
	return p
}

// Addr is the proxy's host:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// SetLatency delays every chunk the server sends by d.
func (p *Proxy) SetLatency(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.latency = d
}

// Pause holds all traffic until Resume; connections stay open.
func (p *Proxy) Pause() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.paused:
		p.paused = make(chan struct{})
	default: // already paused
	}
}

// PauseFor pauses, and resumes d after the first byte was held: a stall
// of d as a call sees it, however long the machine took to make the call
// (on a loaded one, a timer started at the pause may run out before the
// call is even sent, or leave it little of its time).
func (p *Proxy) PauseFor(d time.Duration) {
	p.Pause()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.held = func() { time.AfterFunc(d, p.Resume) }
}

// Resume lets traffic through again.
func (p *Proxy) Resume() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.paused:
	default:
		close(p.paused)
	}
}

// Drop closes every open connection, as a network failure does; new ones
// are accepted.
func (p *Proxy) Drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

func (p *Proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[s] = struct{}{}, struct{}{}
		p.mu.Unlock()
		go p.pipe(s, c, false) // client → server
		go p.pipe(c, s, true)  // server → client, with the latency
	}
}

// pipe copies src to dst, holding while paused. The server's replies
// (delayed) are each held the latency from when they arrived, not one
// after the other: a 5 ms network delays every reply 5 ms however many
// are on their way, where sleeping before each write would also cap a
// connection at one reply per 5 ms and queue the rest behind it.
func (p *Proxy) pipe(dst, src net.Conn, delayed bool) {
	defer dst.Close()
	defer src.Close()
	type chunk struct {
		b   []byte
		due time.Time
	}
	var (
		out     chan chunk
		written chan struct{}
	)
	if delayed {
		out, written = make(chan chunk, 1024), make(chan struct{})
		go func() {
			defer close(written)
			failed := false
			for c := range out {
				time.Sleep(time.Until(c.due))
				if failed {
					continue // drained, so that the reader is never stuck sending
				}
				if _, err := dst.Write(c.b); err != nil {
					// Ends the reader too, as a failed write did before.
					failed = true
					src.Close()
				}
			}
		}()
		defer func() { close(out); <-written }()
	}
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			paused, latency, held := p.paused, p.latency, p.held
			select {
			case <-paused:
			default:
				p.held = nil
				if held != nil {
					held()
				}
			}
			p.mu.Unlock()
			<-paused
			if delayed {
				out <- chunk{b: bytes.Clone(buf[:n]), due: time.Now().Add(latency)}
			} else if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil { // EOF or a closed connection
			return
		}
	}
}
