// Package discord is the Discord adapter: it connects to the gateway with
// discordgo, registers the slash commands, and turns interactions and
// messages into questions for the answering core and answers into Discord
// messages. Nothing below this package knows Discord.
package discord

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/sync/singleflight"
)

// Defaults for Config.
const (
	DefaultEditInterval  = time.Second
	DefaultShutdownGrace = 10 * time.Second
	// reconnectGrace is how long a dropped gateway connection still counts
	// as healthy: discordgo's reconnects take a few seconds, and a health
	// check that fails on each would restart a bot that is fine.
	reconnectGrace = 30 * time.Second
)

// Config configures a Bot. Zero values mean the defaults.
type Config struct {
	Token   string // the bot token, without or with the "Bot " prefix
	GuildID string // register commands in this guild; empty = global
	// LibraryGuilds are the servers whose moderators may change the
	// briefings (add, remove, reindex) and run /admin eval: every server
	// the bot is in answers from the same briefings, so a moderator of
	// any other — anyone who invites the bot to a server of their own —
	// must not. Empty: GuildID alone (none when commands are global).
	LibraryGuilds []string
	APIURL        string // REST base (DISCORD_API_URL); empty = Discord's own

	// EditInterval is the least time between two edits of a streamed answer.
	EditInterval time.Duration
	// AnswerWithin is how long after an interaction arrived its answer
	// may still be written: Discord takes edits of it for 15 minutes, and
	// an answer stopped before then can still say why. Default
	// DefaultAnswerWithin.
	AnswerWithin time.Duration
	// ShutdownGrace is how long answers in flight may take to finish once
	// Run's context ends; later they are cut and the user is told to retry.
	ShutdownGrace time.Duration
	// NoMessageContent leaves the privileged Message Content intent out of
	// IDENTIFY (see Intents).
	NoMessageContent bool

	// PublicKey is the application's public key (Developer Portal →
	// General Information), which verifies the interactions Discord POSTs
	// to InteractionsHandler.
	PublicKey ed25519.PublicKey
	// NoGateway makes Run serve HTTP interactions only (a replica behind
	// a load balancer): no gateway connection, so no mentions, thread
	// follow-ups or DMs; PublicKey is then required.
	NoGateway bool
	// Shards is how many gateway shards the bot runs over: 0 or 1 for
	// one connection, AutoShards for the number Discord recommends (GET
	// /gateway/bot). ShardIDs are the ones this process runs, each over
	// a session of its own; nil = all of them. Processes running the
	// other shards share the same Redis.
	Shards   int
	ShardIDs []int
	// IdentifyInterval is the least time between two IDENTIFYs of this
	// process's shards (and, with Deps.Identify, of every process's) in
	// one rate-limit bucket (shard id % max_concurrency); zero =
	// DefaultIdentifyInterval, as Discord asks.
	IdentifyInterval time.Duration
	// InitialTimeout is how long an HTTP interaction waits for its
	// handler's initial response before it is deferred.
	InitialTimeout time.Duration
}

func (c *Config) setDefaults() {
	if c.EditInterval <= 0 {
		c.EditInterval = DefaultEditInterval
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	if c.InitialTimeout <= 0 {
		c.InitialTimeout = DefaultInitialTimeout
	}
	if c.AnswerWithin <= 0 {
		c.AnswerWithin = DefaultAnswerWithin
	}
}

// DefaultAnswerWithin leaves a minute of an interaction token's 15 to
// tell the member their answer was stopped.
const DefaultAnswerWithin = 14 * time.Minute

// Intents returns the gateway intents the bot asks for:
//
//   - GUILDS: the channels and threads of each guild in the gateway cache,
//     so that a message's channel (a forum post, a thread's parent) is
//     known without a REST call;
//   - GUILD_MESSAGES: mentions in channels and messages in the threads the
//     bot opened (follow-ups);
//   - DIRECT_MESSAGES: questions by DM;
//   - MESSAGE_CONTENT (privileged, unless withContent is false): the text of
//     thread follow-ups that do not mention the bot. Without it Discord
//     sends such messages with empty content, so the bot answers mentions,
//     DMs and slash commands only.
//
// Slash commands and buttons need no intent at all, and the bot asks for no
// presence or member events.
func Intents(withContent bool) discordgo.Intent {
	i := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if withContent {
		i |= discordgo.IntentMessageContent
	}
	return i
}

// Bot is the Discord bot. Make one with New, then call Run.
type Bot struct {
	// recent is the events handled lately, for the dedupe (first).
	recent recent
	cfg    Config
	deps   Deps
	log    *slog.Logger
	// s is the first shard's session, through which REST calls go; each
	// shard has its own (shards.go).
	s        *discordgo.Session
	shardSet atomic.Pointer[shardSet]
	handlers []any         // added to every shard's session
	identify *identifyGate // nil with one shard in the process, unless sharded with Deps.Identify
	// noContent is set once Discord refused the Message Content intent.
	noContent atomic.Bool

	commands   []*Command
	byName     map[string]*Command
	components map[string]ComponentHandler
	modals     map[string]ModalHandler
	edu        *educator // nil without /quiz and /session

	// barred are channels where Discord refused the bot's post (403: the
	// bot lost Send Messages there), until when: messages there are left
	// alone meanwhile (cannotPost).
	barredMu sync.Mutex
	barred   map[string]time.Time
	// told are the members told in a channel to wait out their rate
	// limit (ask.go).
	told toldToWait
	// flights are the message questions being answered, by message id,
	// so that a member's edit meanwhile restarts the answer (edits.go).
	flightsMu sync.Mutex
	flights   map[string]*flight
	parentsMu sync.Mutex
	parents   map[string]string  // thread id → parent channel id, "" for none
	rolesMu   sync.Mutex         // guards roles
	roleReads singleflight.Group // one read of a guild's roles at a time (myRole)
	// presenceMu keeps status updates in order (a READY's and a change's).
	presenceMu sync.Mutex
	// refused counts HTTP interactions refused since refusedAt's log line.
	refusedMu sync.Mutex
	refused   int
	refusedAt time.Time
	roles     map[string]string // guild id → the bot's managed role, "" for none
	// locales are guilds' preferred locales as their interactions tell
	// them (guild_locale), for guilds no gateway cache of ours knows (an
	// HTTP-only replica has none): see guildLocale.
	localesMu sync.Mutex
	locales   map[string]discordgo.Locale

	// work is the context of every handler; it is cancelled when the
	// shutdown grace period ends.
	work       context.Context
	cancelWork context.CancelFunc
	mu         sync.Mutex
	closing    bool
	inflight   sync.WaitGroup

	botID     atomic.Value  // string: the bot's user id, from READY
	appID     atomic.Value  // string: the application id, from READY
	ready     chan struct{} // closed once every shard is connected and the commands are registered
	readyOnce sync.Once
}

// New returns a Bot. It makes the discordgo session but does not connect;
// Run does.
func New(cfg Config, deps Deps, log *slog.Logger) (*Bot, error) {
	if cfg.Token == "" {
		return nil, errors.New("discord: no bot token (DISCORD_TOKEN)")
	}
	if deps.Questions == nil {
		return nil, errors.New("discord: no question service")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if len(cfg.PublicKey) != 0 && len(cfg.PublicKey) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("discord: the public key has %d bytes, want %d", len(cfg.PublicKey), ed25519.PublicKeySize)
	}
	if cfg.NoGateway && len(cfg.PublicKey) == 0 {
		return nil, errors.New("discord: serving HTTP interactions only needs the application's public key (DISCORD_PUBLIC_KEY)")
	}
	cfg.setDefaults()
	tok := cfg.Token
	if len(tok) < 4 || (tok[:4] != "Bot " && (len(tok) < 7 || tok[:7] != "Bearer ")) {
		tok = "Bot " + tok
	}
	s, err := discordgo.New(tok)
	if err != nil {
		return nil, fmt.Errorf("discord: new session: %w", err)
	}
	s.Client = &http.Client{Transport: restTransport(), Timeout: 20 * time.Second}
	if cfg.APIURL != "" {
		rt, err := NewAPITransport(cfg.APIURL, s.Client.Transport)
		if err != nil {
			return nil, err
		}
		s.Client.Transport = rt
	}
	if deps.Observer == nil {
		deps.Observer = nopObserver{}
	}
	next := s.Client.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	client := *s.Client
	client.Transport = newGuardedTransport(next, deps.Observer, log)
	s.Client = &client
	// Debug logging would print request headers, the token included.
	s.Debug = false
	s.LogLevel = discordgo.LogError
	// Reconnects are ours (see supervise): discordgo's own loop ignores close
	// codes and would retry a refused token or intent forever.
	s.ShouldReconnectOnError = false
	s.StateEnabled = true
	s.Identify.Intents = Intents(!cfg.NoMessageContent)

	work, cancel := context.WithCancel(context.Background())
	b := &Bot{
		cfg: cfg, deps: deps, log: log, s: s,
		byName:     map[string]*Command{},
		components: map[string]ComponentHandler{},
		modals:     map[string]ModalHandler{},
		parents:    map[string]string{},
		roles:      map[string]string{},
		locales:    map[string]discordgo.Locale{},
		work:       work, cancelWork: cancel,
		ready: make(chan struct{}),
	}
	b.botID.Store("")
	b.appID.Store("")
	b.addDefaultCommands()
	if deps.Admin != nil {
		b.addAdmin(*deps.Admin)
	}
	if deps.Educator != nil {
		b.addEducator(*deps.Educator)
	}
	if deps.Retention != nil {
		b.addRetention(deps.Retention)
	}
	b.on(b.onReady)
	b.on(b.onConnect)
	b.on(b.onDisconnect)
	b.on(b.onInteraction)
	b.on(b.onMessage)
	b.on(b.onMessageUpdate)
	return b, nil
}

// Session is the underlying discordgo session (the first shard's), for
// tests and for extensions that need REST calls of their own.
func (b *Bot) Session() *discordgo.Session { return b.s }

// Ready is closed once every shard of the process has connected and the
// commands are registered.
func (b *Bot) Ready() <-chan struct{} { return b.ready }

// Run connects, registers the commands and serves until ctx ends; then it
// stops taking new work, lets answers in flight finish for
// Config.ShutdownGrace (after which they are cut and tell the user to ask
// again) and closes every shard's connection. It returns nil after a clean shutdown,
// or the error that made it impossible to run (a refused token, say).
//
// With Config.NoGateway it does not connect: it learns the bot's ids and
// registers the commands over REST, then serves (through
// InteractionsHandler, which the caller mounts) until ctx ends.
func (b *Bot) Run(ctx context.Context) error {
	defer b.cancelWork()
	if b.cfg.NoGateway {
		return b.runHTTPOnly(ctx)
	}
	set, err := b.planShards(ctx)
	if err != nil {
		return err
	}
	gctx, stopGateway := context.WithCancel(ctx)
	defer stopGateway()
	up, gone := make(chan struct{}), make(chan error, 1)
	go func() { gone <- b.runShards(gctx, set, up) }()
	select {
	case <-up:
	case err := <-gone:
		b.shutdown()
		return err
	}
	b.learnIDs()
	// The operator needs this link to add the bot to a server; the
	// application id is only known once connected.
	b.log.Info("add the bot to a server with this link", "invite_url", b.InviteURL())
	if err := b.registerCommands(ctx, nil); err != nil {
		stopGateway()
		<-gone
		b.shutdown()
		if ctx.Err() != nil {
			return nil // told to stop while waiting out a rate limit
		}
		return err
	}
	b.readyOnce.Do(func() { close(b.ready) })
	err = <-gone
	b.shutdown()
	return err
}

// runHTTPOnly is Run without the gateway. Every replica registers the
// commands, as a gateway process does: the bulk overwrite is idempotent,
// and a deployment of HTTP replicas only must still get its commands.
func (b *Bot) runHTTPOnly(ctx context.Context) error {
	wait := 500 * time.Millisecond
	for {
		u, err := b.s.User("@me")
		if err == nil {
			b.botID.Store(u.ID)
			b.appID.Store(u.ID) // the same for every application made since 2020
			break
		}
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
			return ErrUnauthorized
		}
		b.log.Warn("cannot reach Discord's REST API; retrying", "err", err, "in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		wait = min(2*wait, time.Minute)
	}
	b.log.Info("serving HTTP interactions only (DISCORD_GATEWAY=off): no mentions, thread follow-ups or DMs here",
		"invite_url", b.InviteURL())
	// Rate-limited (Discord's daily limit on command creations can mean
	// hours), the replica serves the commands still registered meanwhile:
	// ready, so that /healthz does not have it restarted into the same
	// limit again and again.
	ready := func() { b.readyOnce.Do(func() { close(b.ready) }) }
	if err := b.registerCommands(ctx, ready); err != nil {
		b.shutdown()
		if ctx.Err() != nil {
			return nil // told to stop while waiting out a rate limit
		}
		return err
	}
	ready()
	<-ctx.Done()
	b.shutdown()
	return nil
}

// shutdown stops new work, waits for answers in flight, then closes.
func (b *Bot) shutdown() {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	if !waitTimeout(&b.inflight, b.cfg.ShutdownGrace) {
		b.log.Warn("answers still running at the end of the grace period; telling their askers to retry")
		b.cancelWork()
		// Cut answers edit their messages to say so; give them a moment.
		waitTimeout(&b.inflight, 5*time.Second)
	}
	b.cancelWork()
	for _, s := range b.sessions() {
		if err := s.Close(); err != nil {
			b.log.Warn("closing the gateway connection", "shard", s.ShardID, "err", err)
		}
	}
	b.log.Info("disconnected from Discord")
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

// begin registers a piece of work (an answer) so that shutdown waits for
// it; ok is false once shutdown has started.
func (b *Bot) begin() (done func(), ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return nil, false
	}
	b.inflight.Add(1)
	return b.inflight.Done, true
}

func (b *Bot) isClosing() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.closing
}

// learnIDs reads the bot's user and application ids from the state READY
// filled in; Open has processed READY by the time it returns, but event
// handlers run later, in goroutines of their own.
func (b *Bot) learnIDs() {
	b.s.State.RLock()
	defer b.s.State.RUnlock()
	if u := b.s.State.User; u != nil {
		b.botID.Store(u.ID)
		b.appID.Store(u.ID) // the same for every application made since 2020
	}
	if a := b.s.State.Application; a != nil && a.ID != "" {
		b.appID.Store(a.ID)
	}
}

func (b *Bot) onReady(s *discordgo.Session, r *discordgo.Ready) {
	b.log.Info("connected to Discord", "user", userName(r.User), "guilds", len(r.Guilds), "shard", s.ShardID,
		"message_content", s.Identify.Intents&discordgo.IntentMessageContent != 0)
	if sh := b.shardBySession(s); sh != nil {
		sh.signalAnswered()
	}
	b.updatePresence(s)
}

func userName(u *discordgo.User) string {
	if u == nil {
		return ""
	}
	return u.Username
}

func (b *Bot) botUserID() string { return b.botID.Load().(string) }
func (b *Bot) applicationID() string {
	if id := b.appID.Load().(string); id != "" {
		return id
	}
	return b.botUserID()
}
