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
	"compress/zlib"
	"context"
	"crypto/ed25519"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
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
	// DefaultBotRoleID is the role Discord makes for the bot in each guild
	// (managed, tagged with the bot's id), which members can mention.
	DefaultBotRoleID = "400000000000000001"
	// DefaultOtherRoleID is an ordinary role of each guild.
	DefaultOtherRoleID = "400000000000000002"
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
	botID, botName string
	appID          string
	guilds         []string
	heartbeat      time.Duration
	// shards is what GET /gateway/bot recommends; maxConcurrency its
	// session_start_limit.max_concurrency.
	shards         int
	maxConcurrency int
	// identifyClose, when set, is the close code every IDENTIFY gets.
	identifyClose       int
	identifyCloseReason string
	// identifyCloseShard, when set, limits identifyClose to that shard.
	identifyCloseShard *int
	token              string
	disallowedIntents  discordgo.Intent
	ackDeadline        time.Duration
	guildLocales       map[string]discordgo.Locale // WithGuildLocale (locale.go)
	// identifyInvalid counts, by shard, the IDENTIFYs still to be
	// answered with op 9 (WithIdentifyInvalid); guarded by Server.mu.
	identifyInvalid map[int]int
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

// WithRecommendedShards sets the shard count GET /gateway/bot recommends
// (default 1).
func WithRecommendedShards(n int) Option {
	return func(c *config) { c.shards = n }
}

// WithMaxConcurrency sets session_start_limit.max_concurrency in GET
// /gateway/bot (default 1): how many shards may IDENTIFY at once.
func WithMaxConcurrency(n int) Option {
	return func(c *config) { c.maxConcurrency = n }
}

// WithIdentifyCloseOnShard is WithIdentifyClose for one shard only: the
// IDENTIFYs of the others succeed.
func WithIdentifyCloseOnShard(shard, code int, reason string) Option {
	return func(c *config) {
		c.identifyClose, c.identifyCloseReason, c.identifyCloseShard = code, reason, &shard
	}
}

// WithIdentifyInvalid answers the first n IDENTIFYs of a shard with op 9
// INVALID_SESSION (d=false) instead of READY, as Discord answers an
// IDENTIFY over the rate limit (max_concurrency per 5 s); the connection
// stays open, and the next IDENTIFY on it is answered again.
func WithIdentifyInvalid(shard, n int) Option {
	return func(c *config) {
		if c.identifyInvalid == nil {
			c.identifyInvalid = map[int]int{}
		}
		c.identifyInvalid[shard] = n
	}
}

// WithIdentifyClose makes every IDENTIFY fail with a gateway close code, for
// refusals the fake does not model itself: 4011 Sharding required (a bot
// in too many guilds), 4012 Invalid API version, 4013 Invalid intent(s).
func WithIdentifyClose(code int, reason string) Option {
	return func(c *config) { c.identifyClose, c.identifyCloseReason = code, reason }
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

	// The application's key pair: HTTP interactions are signed with it.
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey

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
	members      map[string]map[string]*discordgo.Member    // guild id → user id → member

	// Gateway state.
	conns    map[*gwConn]struct{}
	sessions map[string]*gwSession
	stats    GatewayStats
	identify *discordgo.Identify
	// identifies are every IDENTIFY received, oldest first.
	identifies []IdentifyAttempt
	presence   []Presence // op 3 updates, oldest first
	gwToken    string
	// zw compresses gateway payloads (writeLocked), reset for each: a
	// new zlib writer per payload allocates its whole window every time.
	zw *zlib.Writer
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
		members:      map[string]map[string]*discordgo.Member{},
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
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		tb.Fatalf("discordtest: key pair: %v", err)
	}
	s.pub, s.priv = pub, priv
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
