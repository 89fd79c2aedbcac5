// Package discordtest is a local fake of Discord's REST API and websocket
// gateway, good enough for a real discordgo.Session to connect to it.
//
// A test starts one with New, points a session's REST client at
// Server.APIBase (through the production transport in bot/discord), opens
// the session, drives it with Dispatch, DispatchInteraction and
// DispatchMessage, and then reads what the bot did: every REST request is
// recorded (Requests, WaitRequest, Hits) and the messages the bot created or
// edited are kept in their final state (Message, ChannelMessages, Original).
// Discord's rules that bots trip over are enforced: interactions can be
// acknowledged once, content and embed sizes are limited, unknown routes and
// ids are 404s with Discord's JSON error bodies. Faults are injected with
// Intercept, RateLimitNext and FailNext.
//
// Every method is safe for concurrent use. Waiting is done on channels, never
// by sleeping.
//
// A typical test:
//
//	srv := discordtest.New(t)
//	s, _ := discordgo.New("Bot test-token")
//	s.Client.Transport, _ = discord.NewAPITransport(srv.APIBase(), nil)
//	s.AddHandler(onInteraction) // the code under test
//	if err := s.Open(); err != nil {
//		t.Fatal(err)
//	}
//	t.Cleanup(func() { s.Close() }) // after New, so it runs before the fake stops
//	i := srv.DispatchInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID,
//		Data: discordgo.ApplicationCommandInteractionData{Name: "ask"}})
//	srv.WaitRequest(t, 5*time.Second, func(r discordtest.Request) bool {
//		return r.Method == "PATCH" && strings.HasSuffix(r.Path, "/@original")
//	})
//	got := srv.Original(i.Token).Content
package discordtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Ids and names the fake uses unless options say otherwise.
const (
	DefaultBotUserID     = "100000000000000001"
	DefaultBotUsername   = "briefbot"
	DefaultApplicationID = DefaultBotUserID // as for every application made since 2020
	DefaultGuildID       = "300000000000000001"
	// DefaultUserID is the member who sends the messages and interactions
	// that do not name an author.
	DefaultUserID   = "200000000000000001"
	DefaultUsername = "member"
)

// apiPrefix is where the REST routes live, as on discord.com.
const apiPrefix = "/api/v9"

// maxBody caps request bodies like Discord's upload limit does.
const maxBody = 25 << 20

// Option configures a Server.
type Option func(*config)

type config struct {
	botID, botName    string
	appID             string
	guilds            []string
	heartbeat         time.Duration
	token             string
	disallowedIntents discordgo.Intent
	ackDeadline       time.Duration
}

// WithBotUser sets the bot's user id and name (READY, GET /users/@me,
// message authors).
func WithBotUser(id, name string) Option {
	return func(c *config) { c.botID, c.botName = id, name }
}

// WithApplicationID sets the application id (READY, interactions, command
// routes).
func WithApplicationID(id string) Option { return func(c *config) { c.appID = id } }

// WithGuilds sets the guilds announced after READY, one GUILD_CREATE each;
// no ids means no guilds. The default is DefaultGuildID.
func WithGuilds(ids ...string) Option {
	return func(c *config) { c.guilds = append([]string(nil), ids...) }
}

// WithHeartbeatInterval sets the interval sent in HELLO. Discord sends about
// 41 s; a few tens of milliseconds make heartbeats observable in a test.
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeat = d }
}

// WithToken makes the fake accept only this token ("Bot …" on REST, the bare
// or prefixed token in IDENTIFY): REST answers 401 and the gateway closes
// with 4004, as Discord does for a bad token. By default any token passes.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithDisallowedIntents makes IDENTIFY fail with close code 4014 when it asks
// for any of these intents, as Discord does for privileged intents the
// application has not enabled.
func WithDisallowedIntents(mask discordgo.Intent) Option {
	return func(c *config) { c.disallowedIntents = mask }
}

// WithAckDeadline makes interaction callbacks later than d after the
// dispatch fail with 10062 Unknown interaction, as Discord does after 3 s.
// Off by default so that slow CI machines do not fail tests.
func WithAckDeadline(d time.Duration) Option { return func(c *config) { c.ackDeadline = d } }

// Server is a fake Discord. Make one with New.
type Server struct {
	tb  testing.TB
	cfg config
	hs  *httptest.Server
	mux *http.ServeMux

	snow atomic.Int64

	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever state changes

	requests   []Request
	intercepts []*interceptor

	// REST state.
	channels     map[string]*channelState
	messages     map[string]*discordgo.Message // by message id
	interactions map[string]*interactionState  // by token
	interByID    map[string]*interactionState
	commands     map[string][]*discordgo.ApplicationCommand // by guild id, "" = global
	dms          map[string]string                          // recipient id → DM channel id
	general      map[string]string                          // guild id → its text channel
	files        map[string]servedFile                      // by URL path

	// Gateway state.
	conns    map[*gwConn]struct{}
	sessions map[string]*gwSession
	stats    GatewayStats
	identify *discordgo.Identify
	gwToken  string
}

// New starts a fake Discord and stops it when the test ends. Sessions still
// open then are disconnected; close them first (register their Close with
// t.Cleanup after calling New) to keep discordgo from reconnecting.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	cfg := config{
		botID: DefaultBotUserID, botName: DefaultBotUsername,
		appID:     DefaultApplicationID,
		guilds:    []string{DefaultGuildID},
		heartbeat: 41250 * time.Millisecond,
	}
	for _, o := range opts {
		o(&cfg)
	}
	s := &Server{
		tb:           tb,
		cfg:          cfg,
		changed:      make(chan struct{}),
		channels:     map[string]*channelState{},
		messages:     map[string]*discordgo.Message{},
		interactions: map[string]*interactionState{},
		interByID:    map[string]*interactionState{},
		commands:     map[string][]*discordgo.ApplicationCommand{},
		dms:          map[string]string{},
		general:      map[string]string{},
		files:        map[string]servedFile{},
		conns:        map[*gwConn]struct{}{},
		sessions:     map[string]*gwSession{},
	}
	// Snowflakes carry their creation time, as Discord's do, so
	// discordgo.SnowflakeTimestamp works on them.
	s.snow.Store((time.Now().UnixMilli() - 1420070400000) << 22)
	for _, g := range cfg.guilds {
		id := s.newID()
		s.channels[id] = &channelState{ch: &discordgo.Channel{
			ID: id, GuildID: g, Name: "general", Type: discordgo.ChannelTypeGuildText,
		}}
		s.general[g] = id
	}
	s.routes()
	s.hs = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(s.close)
	return s
}

// URL is the server's root, e.g. "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.hs.URL }

// APIBase is the REST base to give the bot, e.g.
// "http://127.0.0.1:PORT/api/v9/".
func (s *Server) APIBase() string { return s.hs.URL + apiPrefix + "/" }

// GatewayURL is the websocket address the gateway routes announce.
func (s *Server) GatewayURL() string { return "ws" + strings.TrimPrefix(s.hs.URL, "http") + "/ws" }

// BotUserID is the bot's user id.
func (s *Server) BotUserID() string { return s.cfg.botID }

// ApplicationID is the application id.
func (s *Server) ApplicationID() string { return s.cfg.appID }

// GeneralChannel is the id of the text channel made for a configured guild,
// "" for other guilds.
func (s *Server) GeneralChannel(guildID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.general[guildID]
}

func (s *Server) close() {
	s.mu.Lock()
	conns := make([]*gwConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
		<-c.done
	}
	s.hs.Close()
}

// newID returns a fresh snowflake.
func (s *Server) newID() string { return strconv.FormatInt(s.snow.Add(1), 10) }

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond, called with s.mu held, is true or ctx ends.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ok, ch := cond(), s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Request is one recorded HTTP request.
type Request struct {
	Method string
	// Path is the unescaped URL path, without the "/api/v9" prefix for API
	// routes: "/channels/1/messages".
	Path  string
	Query url.Values
	// Header holds the request headers except Authorization, which is kept
	// out so that printing a Request never prints a token.
	Header http.Header
	// HasBotToken reports an "Authorization: Bot …" header.
	HasBotToken bool
	Body        []byte
	// JSON is the body (or a multipart body's payload_json) when it is a
	// JSON object; nil otherwise, e.g. for the arrays of bulk command
	// overwrites (use Decode).
	JSON  map[string]any
	Files []File
	// Status is the status code the fake answered with.
	Status int
	At     time.Time

	// authHash is a digest of the Authorization header, never the header
	// itself, so that even %#v of a Request cannot print a token.
	authHash [sha256.Size]byte
	payload  []byte
}

// File is an uploaded file of a multipart request.
type File struct {
	Field       string // "files[0]"
	Name        string
	ContentType string
	Data        []byte
}

// AuthorizedAs reports whether the request's Authorization header was
// exactly "Bot "+token (or token itself when it already has a prefix).
func (r Request) AuthorizedAs(token string) bool {
	if !strings.HasPrefix(token, "Bot ") && !strings.HasPrefix(token, "Bearer ") {
		token = "Bot " + token
	}
	return r.HasAuth() && r.authHash == sha256.Sum256([]byte(token))
}

// HasAuth reports whether the request had an Authorization header.
func (r Request) HasAuth() bool { return r.authHash != [sha256.Size]byte{} }

// Decode unmarshals the JSON payload (payload_json for multipart bodies)
// into v.
func (r Request) Decode(v any) error {
	if len(r.payload) == 0 {
		return fmt.Errorf("discordtest: %s %s has no JSON payload", r.Method, r.Path)
	}
	return json.Unmarshal(r.payload, v)
}

// parseRequest reads r into a Request, parsing JSON and multipart bodies.
func parseRequest(r *http.Request, body []byte) (Request, error) {
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, apiPrefix+"/"); ok {
		path = "/" + rest
	}
	req := Request{
		Method: r.Method,
		Path:   path,
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		Body:   body,
		At:     time.Now(),
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		req.authHash = sha256.Sum256([]byte(auth))
		req.HasBotToken = strings.HasPrefix(auth, "Bot ")
	}
	req.Header.Del("Authorization")

	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case mt == "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return req, fmt.Errorf("multipart body: %w", err)
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return req, fmt.Errorf("multipart body: %w", err)
			}
			if p.FormName() == "payload_json" {
				req.payload = data
				continue
			}
			req.Files = append(req.Files, File{
				Field: p.FormName(), Name: p.FileName(),
				ContentType: p.Header.Get("Content-Type"), Data: data,
			})
		}
	case len(body) > 0:
		req.payload = body
	}
	if len(req.payload) > 0 {
		if !json.Valid(req.payload) {
			return req, fmt.Errorf("body is not valid JSON")
		}
		var m map[string]any
		if json.Unmarshal(req.payload, &m) == nil {
			req.JSON = m
		}
	}
	return req, nil
}

// Requests returns every request recorded so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Hits counts recorded requests with this method ("" for any) whose Path
// starts with pathPrefix.
func (s *Server) Hits(method, pathPrefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if matches(r, method, pathPrefix) {
			n++
		}
	}
	return n
}

func matches(r Request, method, pathPrefix string) bool {
	return (method == "" || r.Method == method) && strings.HasPrefix(r.Path, pathPrefix)
}

// WaitRequest returns the earliest recorded request, past or future, for
// which match is true, and fails the test if none comes within timeout. Call
// it from the test's goroutine.
func (s *Server) WaitRequest(tb testing.TB, timeout time.Duration, match func(Request) bool) Request {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var found Request
	err := s.waitFor(ctx, func() bool {
		for _, r := range s.requests {
			if match(r) {
				found = r
				return true
			}
		}
		return false
	})
	if err != nil {
		tb.Fatalf("discordtest: no matching request within %v; got %d requests: %s", timeout, len(s.Requests()), s.summary())
	}
	return found
}

// summary lists the recorded requests briefly for failure messages.
func (s *Server) summary() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		fmt.Fprintf(&b, "\n  %s %s → %d", r.Method, r.Path, r.Status)
	}
	return b.String()
}

// Response is a reply an interceptor makes the fake send instead of its own.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSONResponse is a Response with v marshalled as its JSON body.
func JSONResponse(status int, v any) *Response {
	b, err := json.Marshal(v)
	if err != nil {
		panic("discordtest: JSONResponse: " + err.Error())
	}
	return &Response{Status: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: b}
}

type interceptor struct {
	fn   func(Request) *Response
	once bool
	used bool
}

// Intercept makes fn see every later request before the fake handles it; a
// non-nil Response is sent instead of the fake's own reply (the request is
// still recorded, nothing else happens). Interceptors run in the order they
// were added; the first non-nil reply wins. The returned func removes fn.
func (s *Server) Intercept(fn func(Request) *Response) (remove func()) {
	ic := &interceptor{fn: fn}
	s.mu.Lock()
	s.intercepts = append(s.intercepts, ic)
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		ic.used = true
		s.intercepts = removeInterceptor(s.intercepts, ic)
	}
}

func removeInterceptor(list []*interceptor, ic *interceptor) []*interceptor {
	out := list[:0:0]
	for _, x := range list {
		if x != ic {
			out = append(out, x)
		}
	}
	return out
}

// interceptOnce adds an interceptor that answers the first matching request
// only.
func (s *Server) interceptOnce(method, pathPrefix string, resp func() *Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.intercepts = append(s.intercepts, &interceptor{
		fn: func(r Request) *Response {
			if !matches(r, method, pathPrefix) {
				return nil
			}
			return resp()
		},
		once: true,
	})
}

// RateLimitNext answers the next request with this method ("" for any) and
// path prefix with 429, once, the way Discord does: a JSON body with
// retry_after in seconds and the Retry-After and X-RateLimit-* headers that
// discordgo reads (it sleeps retry_after, then retries).
func (s *Server) RateLimitNext(method, pathPrefix string, retryAfter time.Duration) {
	s.interceptOnce(method, pathPrefix, func() *Response {
		secs := retryAfter.Seconds()
		r := JSONResponse(http.StatusTooManyRequests, map[string]any{
			"message": "You are being rate limited.", "retry_after": secs, "global": false,
		})
		reset := time.Now().Add(retryAfter)
		r.Header.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
		r.Header.Set("X-RateLimit-Limit", "5")
		r.Header.Set("X-RateLimit-Remaining", "0")
		r.Header.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(reset.UnixMilli())/1000, 'f', 3, 64))
		r.Header.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
		r.Header.Set("X-RateLimit-Bucket", "discordtest")
		r.Header.Set("X-RateLimit-Scope", "user")
		return r
	})
}

// FailNext answers the next request with this method ("" for any) and path
// prefix with status (a 5xx, say), once. discordgo retries a 502 by itself
// and returns an error for the others.
func (s *Server) FailNext(method, pathPrefix string, status int) {
	s.interceptOnce(method, pathPrefix, func() *Response {
		return JSONResponse(status, map[string]any{
			"message": fmt.Sprintf("%d: %s", status, http.StatusText(status)), "code": 0,
		})
	})
}

// runIntercepts returns the first interceptor reply for r, or nil.
func (s *Server) runIntercepts(r Request) *Response {
	s.mu.Lock()
	list := append([]*interceptor(nil), s.intercepts...)
	s.mu.Unlock()
	for _, ic := range list {
		// Called without the lock: an interceptor may use the Server.
		resp := ic.fn(r)
		if resp == nil {
			continue
		}
		if !ic.once {
			return resp
		}
		s.mu.Lock()
		// Two requests may race for a one-shot reply; only one gets it.
		taken := ic.used
		ic.used = true
		s.intercepts = removeInterceptor(s.intercepts, ic)
		s.mu.Unlock()
		if !taken {
			return resp
		}
	}
	return nil
}

// serveHTTP records every request (the gateway socket excepted), runs the
// interceptors and routes. The request is recorded before the reply is
// written so that a client that has its reply always finds it recorded.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws" || r.URL.Path == "/ws/" {
		s.serveGateway(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var resp *Response
	req, perr := parseRequest(r, body)
	switch {
	case err != nil:
		resp = JSONResponse(http.StatusRequestEntityTooLarge, apiError{Code: 40005, Message: "Request entity too large"})
	case perr != nil:
		resp = JSONResponse(http.StatusBadRequest, apiError{Code: 50109, Message: "The request body contains invalid JSON."})
	default:
		resp = s.runIntercepts(req)
	}
	if resp == nil {
		resp = s.route(r, req)
	}
	if resp.Status == 0 {
		resp.Status = http.StatusOK
	}
	req.Status = resp.Status
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.notifyLocked()
	s.mu.Unlock()

	maps.Copy(w.Header(), resp.Header)
	w.WriteHeader(resp.Status)
	w.Write(resp.Body)
}
