package discord

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

const (
	op9Text   = `{"t":null,"s":null,"op":9,"d":false}`
	op0Text   = `{"t":"MESSAGE_CREATE","s":3,"op":0,"d":{"content":"op 9"}}`
	ackText   = `{"t":null,"s":null,"op":11,"d":null}`
	bigPrefix = `{"t":"READY","s":1,"op":0,"d":{"pad":"`
)

func zlibbed(s string) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// frame is a server's (unmasked) websocket frame.
func frame(op byte, payload []byte) []byte {
	b := []byte{0x80 | op}
	switch n := len(payload); {
	case n < 126:
		b = append(b, byte(n))
	case n < 1<<16:
		b = append(b, 126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	default:
		b = append(b, 127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	return append(b, payload...)
}

// trickleConn hands out its bytes one at a time, so that every header
// and payload is split across reads.
type trickleConn struct {
	net.Conn
	r io.Reader
}

func (c *trickleConn) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), 1)]) }
func (c *trickleConn) Close() error               { return nil }

// The watch hands on every byte unchanged, however the reads split it,
// and stops before each op 9 (text or zlib), and only there: not at other
// ops, large frames that mention op 9, or the HTTP response.
func TestGatewayConnStopsBeforeOp9(t *testing.T) {
	t.Parallel()
	big := bigPrefix + strings.Repeat(`\"op\":9,`, 20000) + `"}}`
	var stream bytes.Buffer
	stream.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nX-Note: {\"op\":9}\r\n\r\n")
	frames := []struct {
		data []byte
		op9  bool
	}{
		{frame(websocket.TextMessage, []byte(`{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250}}`)), false},
		{frame(websocket.TextMessage, []byte(big)), false},
		{frame(websocket.BinaryMessage, zlibbed(op9Text)), true},
		{frame(websocket.PingMessage, []byte(op9Text)), false},
		{frame(websocket.TextMessage, []byte(ackText)), false},
		{frame(websocket.TextMessage, []byte(op9Text)), true},
		{frame(websocket.BinaryMessage, zlibbed(op0Text)), false},
		{frame(websocket.TextMessage, []byte("not json")), false},
	}
	var starts []int // stream offset of each op 9 frame
	for _, f := range frames {
		if f.op9 {
			starts = append(starts, stream.Len())
		}
		stream.Write(f.data)
	}
	want := stream.Bytes()
	var at []int
	var got bytes.Buffer
	c := newGatewayConn(&trickleConn{r: bytes.NewReader(want)}, func(<-chan struct{}) {
		// Stopped before the op 9: what came before is handed on, the op 9 is not.
		at = append(at, got.Len())
	})
	buf := make([]byte, 7)
	for {
		n, err := c.Read(buf)
		got.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("the stream was changed: %d bytes in, %d out", len(want), got.Len())
	}
	// Nothing of an op 9 went on before its stop, and all that came
	// before it did.
	if !slices.Equal(at, starts) {
		t.Errorf("stopped after %v bytes, want %v (just before each op 9)", at, starts)
	}
}

// Over ws:// and wss:// alike, the watched dialer's connection holds an
// op 9 back from the reader until onInvalid returns, and lets it go when
// the connection closes meanwhile.
func TestWatchedDialerHoldsOp9(t *testing.T) {
	t.Parallel()
	up := websocket.Upgrader{}
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		ws.WriteMessage(websocket.TextMessage, []byte(ackText))
		ws.WriteMessage(websocket.BinaryMessage, zlibbed(op9Text))
		ws.WriteMessage(websocket.TextMessage, []byte(op9Text))
		ws.ReadMessage() // until the client goes
	})
	for _, secure := range []bool{false, true} {
		name := map[bool]string{false: "ws", true: "wss"}[secure]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var srv *httptest.Server
			d := &websocket.Dialer{HandshakeTimeout: wait, Proxy: http.ProxyFromEnvironment}
			if secure {
				srv = httptest.NewTLSServer(handler)
				d.TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig
			} else {
				srv = httptest.NewServer(handler)
			}
			defer srv.Close()
			stopped := make(chan (<-chan struct{}), 2)
			proceed := make(chan struct{})
			wd := watchedDialer(d, func(closed <-chan struct{}) {
				stopped <- closed
				select {
				case <-proceed:
				case <-closed:
				}
			})
			c, _, err := wd.Dial(name+strings.TrimPrefix(srv.URL, map[bool]string{false: "http", true: "https"}[secure]), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			msgs := make(chan string, 3)
			go func() {
				for {
					_, m, err := c.ReadMessage()
					if err != nil {
						close(msgs)
						return
					}
					msgs <- string(m)
				}
			}()
			if m := <-msgs; m != ackText {
				t.Fatalf("first message %q", m)
			}
			var closed <-chan struct{}
			select {
			case closed = <-stopped:
			case <-time.After(wait):
				t.Fatal("the compressed op 9 was not stopped")
			}
			select {
			case m := <-msgs:
				t.Fatalf("%q reached the reader while the op 9 was held", m)
			case <-time.After(50 * time.Millisecond):
			}
			proceed <- struct{}{}
			if m := <-msgs; m != string(zlibbed(op9Text)) {
				t.Fatalf("after the turn: %q, want the compressed op 9", m)
			}
			select {
			case <-stopped:
			case <-time.After(wait):
				t.Fatal("the text op 9 was not stopped")
			}
			// Closing the connection ends the wait.
			c.Close()
			select {
			case <-closed:
			case <-time.After(wait):
				t.Fatal("closed not closed with the connection")
			}
		})
	}
}

// An op 9 takes a turn at the gate, held until the READY; a second op 9
// before that READY ends the first turn and waits the interval for its
// own, which the first turn's end does not cut short; an op 9 whose
// connection closes while it waits gives up.
func TestReidentifyTurns(t *testing.T) {
	t.Parallel()
	const interval = 200 * time.Millisecond
	b := &Bot{log: slog.New(slog.DiscardHandler), identify: newIdentifyGate(1, interval, nil)}
	sh := &shard{id: 0}
	current := func() *gateTurn {
		sh.turnMu.Lock()
		defer sh.turnMu.Unlock()
		return sh.turn
	}
	conn := make(chan struct{})
	b.beforeReidentify(sh, conn)
	first := current()
	if first == nil {
		t.Fatal("no turn held after the first op 9")
	}
	begin := time.Now()
	b.beforeReidentify(sh, conn)
	if d := time.Since(begin); d < interval {
		t.Errorf("the second op 9 got its turn %s after the first, want at least %s", d, interval)
	}
	second := current()
	if second == nil || second == first {
		t.Fatal("the second op 9 holds no turn of its own")
	}
	time.Sleep(20 * time.Millisecond) // room for the first turn's watcher to wrongly end the second
	if current() != second {
		t.Fatal("the end of the first turn ended the second")
	}
	// Its READY ends it; the next waits the interval again.
	sh.endTurn(nil)
	begin = time.Now()
	closed := make(chan struct{})
	go func() { time.Sleep(interval / 4); close(closed) }()
	b.beforeReidentify(sh, closed)
	if d, turn := time.Since(begin), current(); d >= interval || turn != nil {
		t.Errorf("an op 9 on a closed connection waited %s and left turn %v", d, turn)
	}
}
