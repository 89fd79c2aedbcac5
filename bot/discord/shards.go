package discord

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// AutoShards (Config.Shards) asks Discord how many shards to run.
const AutoShards = -1

// DefaultIdentifyInterval is the least time between two IDENTIFYs in one
// rate-limit bucket (shard id % max_concurrency), as Discord asks.
const DefaultIdentifyInterval = 5 * time.Second

// shard is one gateway connection of this process: a discordgo session
// with its own gateway cache (the guilds of this shard only), its state
// for the health check and its reconnect signal. Every shard's session
// has the same handlers; REST calls go through any one of them (b.s), all
// sharing one REST rate limiter.
type shard struct {
	id         int
	s          *discordgo.Session
	connected  atomic.Bool
	everUp     atomic.Bool
	changedAt  atomic.Int64  // unix nanoseconds of the last connect or disconnect
	disconnect chan struct{} // one pending signal at most
	// identifying is set while connect holds the shard's turn at the
	// identify gate, identified once an IDENTIFY has gone out in that
	// turn. See gatedConn.
	identifying atomic.Bool
	identified  atomic.Bool
	// answered gets a signal when Discord has answered an IDENTIFY (READY,
	// or an op 9 that gatedConn saw) or the connection ended.
	answered chan struct{}
}

// signalAnswered records that the shard's IDENTIFY was answered.
func (sh *shard) signalAnswered() {
	select {
	case sh.answered <- struct{}{}:
	default:
	}
}

// mayIdentify reports whether an IDENTIFY may be written now: only the
// first one of connect's turn may.
func (sh *shard) mayIdentify() bool {
	return sh.identifying.Load() && sh.identified.CompareAndSwap(false, true)
}

// shardSet is the shards this process runs, out of count; fixed once Run
// has planned them.
type shardSet struct {
	count int
	list  []*shard
}

// on adds an event handler to every shard's session: b.s now, the others
// when Run makes them. Call it from New only.
func (b *Bot) on(h any) {
	b.handlers = append(b.handlers, h)
	b.s.AddHandler(h)
}

// shardList returns the shards of this process; nil before Run plans them.
func (b *Bot) shardList() []*shard {
	if set := b.shardSet.Load(); set != nil {
		return set.list
	}
	return nil
}

// sessions returns every shard's session (b.s alone before Run).
func (b *Bot) sessions() []*discordgo.Session {
	list := b.shardList()
	if len(list) == 0 {
		return []*discordgo.Session{b.s}
	}
	ss := make([]*discordgo.Session, len(list))
	for i, sh := range list {
		ss[i] = sh.s
	}
	return ss
}

// shardOf is the shard that receives a guild's events: (guild_id >> 22) %
// shards; a DM's (no guild) go to shard 0.
func shardOf(guildID string, count int) int {
	if guildID == "" || count <= 1 {
		return 0
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// sessionFor is the session of the shard that owns a guild (its gateway
// cache knows the guild), or b.s when another process runs that shard.
// Use it for what goes through the gateway or its cache; REST works
// through any session.
func (b *Bot) sessionFor(guildID string) *discordgo.Session {
	set := b.shardSet.Load()
	if set == nil {
		return b.s
	}
	want := shardOf(guildID, set.count)
	for _, sh := range set.list {
		if sh.id == want {
			return sh.s
		}
	}
	return b.s
}

// shardBySession finds the shard of a session handed to an event handler.
func (b *Bot) shardBySession(s *discordgo.Session) *shard {
	for _, sh := range b.shardList() {
		if sh.s == s {
			return sh
		}
	}
	return nil
}

// planShards decides the shards this process runs before any connects:
// how many there are (asking Discord with AutoShards), which ones
// (Config.ShardIDs, default all) and how fast they may IDENTIFY. b.s
// becomes the first of them; the others get sessions of their own with
// the same settings and handlers.
func (b *Bot) planShards(ctx context.Context) (*shardSet, error) {
	n := b.cfg.Shards
	var gb *discordgo.GatewayBotResponse
	// The rate limit is needed to space several shards' IDENTIFYs, and to
	// name the bucket of a shard's lease that other processes share.
	if n == AutoShards || len(b.cfg.ShardIDs) > 1 || (len(b.cfg.ShardIDs) == 0 && n > 1) || (b.deps.Identify != nil && n > 1) {
		var err error
		gb, err = b.s.GatewayBot(discordgo.WithContext(ctx))
		switch {
		case err != nil && n == AutoShards:
			return nil, fmt.Errorf("discord: ask Discord how many shards to run (DISCORD_SHARDS=auto): %w", err)
		case err != nil:
			// The shard count is known; only the IDENTIFY rate is not:
			// take the slowest, one at a time.
			b.log.Warn("cannot read the IDENTIFY rate limit from Discord; identifying one shard at a time", "err", err)
			gb = nil
		case n == AutoShards:
			n = max(gb.Shards, 1)
			b.log.Info("Discord recommends shards", "shards", n)
		}
	}
	n = max(n, 1)
	ids := b.cfg.ShardIDs
	if len(ids) == 0 {
		ids = make([]int, n)
		for i := range ids {
			ids[i] = i
		}
	}
	seen := map[int]bool{}
	for _, id := range ids {
		if id < 0 || id >= n {
			return nil, fmt.Errorf("discord: shard %d is not one of 0-%d (DISCORD_SHARD_IDS, DISCORD_SHARDS)", id, n-1)
		}
		if seen[id] {
			return nil, fmt.Errorf("discord: shard %d is named twice (DISCORD_SHARD_IDS)", id)
		}
		seen[id] = true
	}
	concurrency := 1
	if gb != nil {
		concurrency = max(gb.SessionStartLimit.MaxConcurrency, 1)
		if l := gb.SessionStartLimit; l.Total > 0 && l.Remaining < len(ids) {
			b.log.Warn("Discord allows fewer IDENTIFYs than this process has shards until its daily limit resets",
				"remaining", l.Remaining, "shards", len(ids), "reset_in", (time.Duration(l.ResetAfter) * time.Millisecond).String())
		}
	}
	set := &shardSet{count: n}
	for i, id := range ids {
		s := b.s
		if i > 0 {
			var err error
			if s, err = b.newShardSession(); err != nil {
				return nil, err
			}
		}
		if n > 1 {
			s.ShardID, s.ShardCount = id, n
		}
		set.list = append(set.list, &shard{id: id, s: s, disconnect: make(chan struct{}, 1), answered: make(chan struct{}, 1)})
	}
	// Without sharding there is nothing to space: one connection, in one
	// process.
	leases := b.deps.Identify != nil && n > 1
	if len(ids) > 1 || leases {
		interval := b.cfg.IdentifyInterval
		if interval <= 0 {
			interval = DefaultIdentifyInterval
		}
		b.identify = newIdentifyGate(concurrency, interval, ids)
		if leases {
			b.identify.withLeases(b.deps.Identify, b.log)
		}
		b.gateShardDialers(ctx, set, gb)
		if len(ids) > 1 {
			b.log.Info("running several shards in this process", "shards", n, "ids", ids, "max_concurrency", concurrency)
		}
	}
	b.shardSet.Store(set)
	return set, nil
}

// defaultGatewayURL is Discord's gateway, for when Discord could not be
// asked for it.
const defaultGatewayURL = "wss://gateway.discord.gg/"

// gateShardDialers dials every shard's connections through gatedDialer.
// Whether a proxy stands between the bot and the gateway is asked once per
// shard's dialer, about the gateway URL that discordgo's Open dials: the
// one Discord announces (GET /gateway/bot, in gb; GET /gateway otherwise,
// as Open asks it), Discord's usual one if neither answers. A proxy, or a
// proxy setting that fails, is logged once for all the shards.
func (b *Bot) gateShardDialers(ctx context.Context, set *shardSet, gb *discordgo.GatewayBotResponse) {
	gateway := ""
	if gb != nil {
		gateway = gb.URL
	} else if u, err := b.s.Gateway(discordgo.WithContext(ctx)); err == nil {
		gateway = u
	}
	if gateway == "" {
		gateway = defaultGatewayURL
	}
	var (
		proxied, failed []int
		proxy           *url.URL
		proxyErr        error
	)
	for _, sh := range set.list {
		u, err := gatewayProxy(sh.s.Dialer, gateway)
		switch {
		case err != nil:
			failed, proxyErr = append(failed, sh.id), err
		case u != nil:
			proxied, proxy = append(proxied, sh.id), u
		}
		sh.s.Dialer = b.gatedDialer(sh.s.Dialer, sh, err == nil && u == nil)
	}
	if !strings.HasPrefix(gateway, "wss:") {
		// Over ws the frames are seen through a proxy too.
		return
	}
	if len(proxied) > 0 {
		b.log.Warn("the gateway goes through a proxy: an IDENTIFY that discordgo sends by itself after op 9 goes at once, not in turn",
			"gateway", gateway, "proxy", proxy.Redacted(), "shards", proxied)
	}
	if len(failed) > 0 {
		b.log.Warn("the proxy setting fails for the gateway (connecting will fail the same way): an IDENTIFY that discordgo sends by itself after op 9 would go at once, not in turn",
			"gateway", gateway, "err", proxyErr, "shards", failed)
	}
}

// newShardSession is a session like b.s (same token, HTTP client, REST
// rate limiter, intents and handlers) for one more shard.
func (b *Bot) newShardSession() (*discordgo.Session, error) {
	s, err := discordgo.New(b.s.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: new session: %w", err)
	}
	s.Client = b.s.Client
	s.Ratelimiter = b.s.Ratelimiter
	s.Debug = false
	s.LogLevel = b.s.LogLevel
	s.ShouldReconnectOnError = false
	s.StateEnabled = b.s.StateEnabled
	s.SyncEvents = b.s.SyncEvents
	s.Identify.Intents = b.s.Identify.Intents
	for _, h := range b.handlers {
		s.AddHandler(h)
	}
	return s, nil
}

// runShards connects every shard, then keeps each connected until ctx
// ends or one fails for good (a refused token, a fatal close code), which
// ends them all. up is closed once every shard has connected once.
func (b *Bot) runShards(ctx context.Context, set *shardSet, up chan<- struct{}) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	errc := make(chan error, len(set.list))
	connected := make(chan struct{}, len(set.list))
	for _, sh := range set.list {
		go func() { errc <- b.runShard(ctx, sh, connected) }()
	}
	var first error
	pending, waiting := len(set.list), len(set.list)
	for pending > 0 {
		select {
		case <-connected:
			if waiting--; waiting == 0 {
				close(up)
			}
		case err := <-errc:
			pending--
			if err != nil && first == nil {
				first = err
				stop()
			}
		}
	}
	return first
}

// runShard connects one shard and reconnects it after each drop, until
// ctx ends (nil) or a connect fails for good.
func (b *Bot) runShard(ctx context.Context, sh *shard, connected chan<- struct{}) error {
	if err := b.connect(ctx, sh); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	connected <- struct{}{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-sh.disconnect:
		}
		if b.isClosing() || ctx.Err() != nil {
			return nil
		}
		b.log.Warn("gateway connection lost; reconnecting", "shard", sh.id)
		if err := b.connect(ctx, sh); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
	}
}

// Healthy reports nil when every shard of this process is connected, or
// was until less than reconnectGrace ago.
//
// Without the gateway (Config.NoGateway) it is healthy once Run is ready.
func (b *Bot) Healthy() error {
	if b.cfg.NoGateway {
		select {
		case <-b.ready:
			return nil
		default:
			return errors.New("not ready to serve interactions yet")
		}
	}
	list := b.shardList()
	if len(list) == 0 {
		return errors.New("not connected to the Discord gateway yet")
	}
	var errs []error
	for _, sh := range list {
		if err := sh.healthy(); err != nil {
			if len(list) > 1 {
				err = fmt.Errorf("shard %d: %w", sh.id, err)
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (sh *shard) healthy() error {
	if sh.connected.Load() {
		return nil
	}
	if !sh.everUp.Load() {
		return errors.New("not connected to the Discord gateway yet")
	}
	since := time.Since(time.Unix(0, sh.changedAt.Load()))
	if since < reconnectGrace {
		return nil
	}
	return fmt.Errorf("disconnected from the Discord gateway for %s", since.Round(time.Second))
}

func (b *Bot) onConnect(s *discordgo.Session, _ *discordgo.Connect) {
	b.deps.Observer.Gateway(s.ShardID, true)
	sh := b.shardBySession(s)
	if sh == nil {
		return
	}
	sh.connected.Store(true)
	sh.everUp.Store(true)
	sh.changedAt.Store(time.Now().UnixNano())
}

func (b *Bot) onDisconnect(s *discordgo.Session, _ *discordgo.Disconnect) {
	b.deps.Observer.Gateway(s.ShardID, false)
	sh := b.shardBySession(s)
	if sh == nil {
		return
	}
	sh.connected.Store(false)
	sh.changedAt.Store(time.Now().UnixNano())
	sh.signalAnswered()
	select {
	case sh.disconnect <- struct{}{}:
	default:
	}
}

// connectedSessions are the sessions whose gateway connection is up.
func (b *Bot) connectedSessions() []*discordgo.Session {
	var ss []*discordgo.Session
	for _, sh := range b.shardList() {
		if sh.connected.Load() {
			ss = append(ss, sh.s)
		}
	}
	return ss
}
