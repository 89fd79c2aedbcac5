// Package redistest gives tests a real Redis server.
//
// Start uses the server named by REDIS_URL when it is set, and otherwise
// runs a throwaway redis-server from PATH on a free loopback port. Without
// either the test is skipped, except under CI=true where it fails: a CI run
// that silently skips every Redis test would prove nothing.
//
// A shared server (REDIS_URL) may hold other people's data, so tests must
// put their keys under Server.Prefix; Start deletes exactly those keys when
// the test ends and never flushes a database.
package redistest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

const (
	// readyTimeout bounds how long Start waits for a fresh server to answer
	// PING; a healthy one answers in a few milliseconds.
	readyTimeout = 5 * time.Second
	// spawnAttempts covers the rare case where another process takes the
	// free port between our probe and redis-server binding it.
	spawnAttempts = 5
)

// Server is a Redis server for one test.
type Server struct {
	tb       testing.TB
	external bool
	addr     string // host:port
	url      string
	prefix   string

	// Only for servers we started.
	bin   string
	dir   string
	port  int
	extra []string // redis-server arguments after the usual ones

	mu   sync.Mutex
	proc *process // nil while stopped
}

// Start returns a Redis server for tb, cleaned up when tb ends. See the
// package doc for how the server is chosen.
func Start(tb testing.TB) *Server {
	tb.Helper()
	return start(tb)
}

// StartPersistent is Start with an append-only file written on every
// write (appendfsync always), as docker compose runs Redis: Stop and
// Restart keep the data, like a crash and restart of a real server. It is
// always a server of the test's own, so REDIS_URL only decides skipping.
func StartPersistent(tb testing.TB) *Server {
	tb.Helper()
	return start(tb, "--appendonly", "yes", "--appendfsync", "always")
}

func start(tb testing.TB, extra ...string) *Server {
	tb.Helper()
	d := decide(os.Getenv, exec.LookPath)
	if d.mode == modeExternal && len(extra) > 0 {
		if bin, err := exec.LookPath("redis-server"); err == nil {
			d = decision{mode: modeLocal, bin: bin}
		} else {
			tb.Skip("a persistent server of the test's own needs redis-server")
		}
	}
	switch d.mode {
	case modeExternal:
		return startExternal(tb, d.url)
	case modeLocal:
		return startLocal(tb, d.bin, extra...)
	case modeFail:
		tb.Fatal(d.msg)
	default:
		tb.Skip(d.msg)
	}
	return nil // not reached
}

type mode int

const (
	modeSkip mode = iota
	modeFail
	modeExternal
	modeLocal
)

type decision struct {
	mode mode
	url  string
	bin  string
	msg  string
}

const missingMsg = "redis-server not found and REDIS_URL unset: install redis-server or set REDIS_URL"

// decide picks the server source from the environment. It takes getenv and
// lookPath as parameters so that the skip/fail rules can be tested without
// touching the real environment.
func decide(getenv func(string) string, lookPath func(string) (string, error)) decision {
	if u := strings.TrimSpace(getenv("REDIS_URL")); u != "" {
		return decision{mode: modeExternal, url: u}
	}
	if bin, err := lookPath("redis-server"); err == nil {
		return decision{mode: modeLocal, bin: bin}
	}
	if ci, _ := strconv.ParseBool(getenv("CI")); ci {
		return decision{mode: modeFail, msg: missingMsg + " (CI=true, so this is a failure, not a skip)"}
	}
	return decision{mode: modeSkip, msg: missingMsg}
}

// Addr returns the server's host:port.
func (s *Server) Addr() string { return s.addr }

// URL returns a redis:// URL for the server. For a REDIS_URL server it is
// that URL unchanged, credentials included: do not log it.
func (s *Server) URL() string { return s.url }

// Prefix returns a key prefix unique to this Server, such as
// "redistest:1f2e3d4c5b6a7988:". Put every key under it; on a REDIS_URL
// server the keys containing it are deleted when the test ends.
func (s *Server) Prefix() string { return s.prefix }

// External reports whether the server came from REDIS_URL (and so cannot be
// stopped or restarted).
func (s *Server) External() bool { return s.external }

// Client returns a client for the server, closed when tb ends. Its commands
// honour context deadlines (ContextTimeoutEnabled), as production clients
// should.
func (s *Server) Client(tb testing.TB) *redis.Client {
	tb.Helper()
	opt, err := redis.ParseURL(s.url)
	if err != nil {
		tb.Fatalf("redistest: parse server URL: %v", redactErr(err))
	}
	opt.ContextTimeoutEnabled = true
	c := redis.NewClient(opt)
	tb.Cleanup(func() { _ = c.Close() })
	return c
}

// Stop kills the server, as if it crashed; its data is lost (no
// persistence). Call it from the test goroutine. With REDIS_URL the test is
// skipped: we never stop someone else's server.
func (s *Server) Stop() {
	s.tb.Helper()
	s.requireOwned()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
}

// Restart stops the server if it runs and starts it again on the same port
// (empty, unless it is persistent), waiting until it answers PING. Clients reconnect by themselves.
// Call it from the test goroutine. With REDIS_URL the test is skipped.
func (s *Server) Restart() {
	s.tb.Helper()
	s.requireOwned()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
	var err error
	// The port was ours a moment ago, so it is almost certainly free; retry
	// briefly in case the kernel has not released it yet.
	for i := 0; i < spawnAttempts; i++ {
		if s.proc, err = spawn(s.bin, s.dir, s.port, s.extra...); err == nil {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.tb.Fatalf("redistest: restart redis-server on port %d: %v", s.port, err)
}

func (s *Server) requireOwned() {
	s.tb.Helper()
	if s.external {
		s.tb.Skip("redistest: test stops or restarts Redis, which needs a server started by redistest; REDIS_URL is set")
	}
}

func (s *Server) stopLocked() {
	if s.proc != nil {
		s.proc.kill()
		s.proc = nil
	}
}

func startLocal(tb testing.TB, bin string, extra ...string) *Server {
	tb.Helper()
	// TempDir first: its cleanup then runs after the server is killed.
	dir := tb.TempDir()
	var (
		p    *process
		port int
		err  error
	)
	for i := 0; i < spawnAttempts; i++ {
		if port, err = freePort(); err != nil {
			break
		}
		if p, err = spawn(bin, dir, port, extra...); err == nil || !errors.Is(err, errPortBusy) {
			break
		}
	}
	if err != nil {
		tb.Fatalf("redistest: start %s: %v", bin, err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	s := &Server{
		tb:     tb,
		addr:   addr,
		url:    "redis://" + addr,
		prefix: newPrefix(),
		bin:    bin,
		dir:    dir,
		port:   port,
		extra:  extra,
		proc:   p,
	}
	tb.Cleanup(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.stopLocked()
	})
	return s
}

func startExternal(tb testing.TB, rawURL string) *Server {
	tb.Helper()
	opt, err := redis.ParseURL(rawURL)
	if err != nil {
		tb.Fatalf("redistest: REDIS_URL: %v", redactErr(err))
	}
	s := &Server{tb: tb, external: true, addr: opt.Addr, url: rawURL, prefix: newPrefix()}
	c := redis.NewClient(opt)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		_ = c.Close()
		tb.Fatalf("redistest: REDIS_URL server at %s does not answer: %v", opt.Addr, err)
	}
	tb.Cleanup(func() {
		defer c.Close()
		if err := deletePrefixed(c, s.prefix); err != nil {
			tb.Errorf("redistest: clean up keys %s*: %v", s.prefix, err)
		}
	})
	return s
}

// deletePrefixed deletes the keys that contain prefix anywhere, not only at
// the start, because some libraries put their own prefix in front of ours
// (redis_rate writes "rate:<our key>"). The prefix is random, so this
// touches nothing else.
func deletePrefixed(c *redis.Client, prefix string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	iter := c.Scan(ctx, 0, "*"+prefix+"*", 1000).Iterator()
	var batch []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := c.Unlink(ctx, batch...).Err()
		batch = batch[:0]
		return err
	}
	for iter.Next(ctx) {
		batch = append(batch, iter.Val())
		if len(batch) >= 500 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := iter.Err(); err != nil {
		return err
	}
	return flush()
}

func newPrefix() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "redistest:" + hex.EncodeToString(b[:]) + ":"
}

// redactErr drops the URL that net/url puts in its parse errors, since it
// may hold a password.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

var errPortBusy = errors.New("port already in use")

// process is one running redis-server.
type process struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	out  *syncBuffer
}

// spawn starts redis-server on port, with extra arguments after the
// usual ones, and waits until it answers PING.
func spawn(bin, dir string, port int, extra ...string) (*process, error) {
	out := &syncBuffer{}
	args := append([]string{
		"--port", strconv.Itoa(port),
		"--bind", "127.0.0.1",
		"--save", "",
		"--appendonly", "no",
		"--dir", dir,
		"--loglevel", "warning",
	}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	setDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, done: make(chan struct{}), out: out}
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(readyTimeout)
	for {
		select {
		case <-p.done:
			log := out.String()
			if strings.Contains(log, "Address already in use") {
				return nil, fmt.Errorf("%w: %d", errPortBusy, port)
			}
			return nil, fmt.Errorf("redis-server exited early: %s", lastLines(log, 5))
		default:
		}
		if ping(addr) {
			return p, nil
		}
		if time.Now().After(deadline) {
			p.kill()
			return nil, fmt.Errorf("redis-server on %s did not answer PING within %s: %s", addr, readyTimeout, lastLines(out.String(), 5))
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (p *process) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

// ping speaks just enough RESP to tell that the server is ready, without a
// client library.
func ping(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
	if err != nil {
		return false
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(200 * time.Millisecond))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return false
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	return err == nil && strings.TrimSpace(line) == "+PONG"
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// syncBuffer collects the server's output; the process writes it from
// another goroutine while spawn reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
