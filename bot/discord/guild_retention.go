package discord

import (
	"context"
	"encoding/json"
	"hash/fnv"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// retentionTimeout bounds one guild's Forget or Keep (the store bounds
// each Redis call more tightly).
const retentionTimeout = 10 * time.Second

// retentionStripes is how many guilds' calls may run at once: a bot in
// thousands of servers gets all their GUILD_CREATEs at a connection.
const retentionStripes = 16

// retention forgets a guild's data, in time, when the guild removes the
// bot, and keeps it when the bot is in the guild.
//
// discordgo runs every handler in a goroutine of its own, so the handlers
// of a GUILD_DELETE and of the GUILD_CREATE after it (the bot removed and
// invited back) may run in either order. Each decides, under its guild's
// stripe lock, from the session's State, which discordgo brings up to
// date in event order before any handler runs: whichever runs last sees
// the latest event and decides for it.
type retention struct {
	b       *Bot
	r       GuildRetention
	stripes [retentionStripes]sync.Mutex
	// enrolled holds the guilds this process put on the roster (guild id
	// → struct{}), so that a guild joined after READY is put on it once,
	// at its GUILD_CREATE, and the thousands of a connection are not.
	enrolled sync.Map
	daily    sync.Once // the daily sweep started
}

// guildRoster is the part of a GuildRetention that remembers which
// guilds a bot (by its user id) was in at its connections
// (*redisstore.Retention has it): a guild that removes the bot while it
// is offline sends no GUILD_DELETE, and is found missing from the next
// READY instead. Per bot: two bots sharing a Redis say nothing of each
// other's guilds.
type guildRoster interface {
	Enroll(ctx context.Context, bot string, guildIDs []string) error
	Unenroll(ctx context.Context, bot, guildID string) error
	Roster(ctx context.Context, bot string) ([]string, error)
}

// guildSweeper is the part of a GuildRetention that gives keys written
// since a guild was forgotten the rest of its month (*redisstore.Retention
// has it): a late write, or a command still installed in a server that
// removed the bot, would otherwise keep its data for ever.
type guildSweeper interface {
	Sweep(ctx context.Context, present func(guildID string) bool) (int, error)
}

// addRetention registers the guild events. Call it from New only.
func (b *Bot) addRetention(r GuildRetention) {
	g := &retention{b: b, r: r}
	b.on(g.onGuildDelete)
	b.on(g.onGuildCreate)
	if _, ok := r.(guildRoster); ok {
		b.on(g.onReadyEvent)
	}
}

// onReadyEvent forgets, in time, the guilds that removed the bot while it
// was offline: on the roster, of this shard, and not in READY's list —
// which holds every guild of the shard, those in an outage too. READY's
// list is read from the event's own bytes: discordgo's State shares the
// parsed READY's guilds, changes them in place (GuildAdd), and drops a
// guild from its list at any GUILD_DELETE, an outage's too, so by the
// time this handler runs the State may no longer say what READY said.
//
// A guild the State still knows (State.Guild) is left for a later READY
// to decide: either it invited the bot back since (its GUILD_CREATE
// handled) or the State kept it from an earlier READY of the same
// session, which a fresh IDENTIFY does not clear; the State cannot tell
// which. Any other is settled as a removal, under its lock, so a guild
// whose GUILD_CREATE comes meanwhile is kept. READY's guilds then go on
// the roster, but those a GUILD_DELETE handled meanwhile forgot. A RESUME
// brings no READY, and needs none: the connection's events were not
// missed.
func (g *retention) onReadyEvent(s *discordgo.Session, e *discordgo.Event) {
	if e.Type != "READY" {
		return
	}
	defer g.b.survive("the guilds removed while offline")
	var r struct {
		User struct {
			ID string `json:"id"`
		} `json:"user"`
		Guilds []struct {
			ID string `json:"id"`
		} `json:"guilds"`
	}
	if err := json.Unmarshal(e.RawData, &r); err != nil || r.User.ID == "" {
		g.b.log.Warn("READY not read: guilds that removed the bot while it was offline not looked for", "shard", s.ShardID, "err", err)
		return
	}
	ro := g.r.(guildRoster)
	bot := r.User.ID
	done, ok := g.b.begin()
	if !ok {
		return
	}
	defer done()
	ctx, cancel := context.WithTimeout(context.Background(), retentionTimeout)
	defer cancel()
	ids := make([]string, 0, len(r.Guilds))
	present := make(map[string]bool, len(r.Guilds))
	for _, gd := range r.Guilds {
		ids = append(ids, gd.ID)
		present[gd.ID] = true
		// First, before any Redis call: the GUILD_CREATEs that follow
		// READY, handled meanwhile, leave the roster to this handler.
		g.enrolled.Store(gd.ID, struct{}{})
	}
	known, err := ro.Roster(ctx, bot)
	if err != nil {
		g.b.log.Warn("guilds that removed the bot while it was offline not looked for; looked for at the next connection", "shard", s.ShardID, "err", err)
	}
	for _, id := range known {
		if present[id] || !onShard(s, id) {
			continue
		}
		if in, _ := inGuild(s, id); in {
			continue // back already, or an earlier READY's: a later READY decides
		}
		g.settle(s, id, true)
	}
	ids = slices.DeleteFunc(ids, func(id string) bool {
		_, still := g.enrolled.Load(id)
		return !still // forgotten by a GUILD_DELETE handled meanwhile
	})
	if err := ro.Enroll(ctx, bot, ids); err != nil {
		for _, id := range ids {
			g.enrolled.Delete(id) // put on the roster at the next READY
		}
		g.b.log.Warn("the guilds of this connection not noted; a guild that removes the bot while it is offline may then keep its data", "shard", s.ShardID, "err", err)
	}
	// The forgotten guilds are every shard's: swept at shard 0's READY,
	// and every day after it (a connection may last the month).
	if sw, ok := g.r.(guildSweeper); ok && s.ShardID == 0 {
		g.sweep(ctx, sw)
		g.daily.Do(func() { go g.sweepDaily(sw) })
	}
}

// sweepEvery is how often a process connected for long sweeps.
const sweepEvery = 24 * time.Hour

// sweepDaily sweeps every sweepEvery until the bot stops.
func (g *retention) sweepDaily(sw guildSweeper) {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	for {
		select {
		case <-g.b.work.Done():
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(g.b.work, retentionTimeout)
			g.sweep(ctx, sw)
			cancel()
		}
	}
}

// sweep settles the forgotten guilds (Retention.Sweep), saying so, but
// those the gateway cache says the bot is in: their Keep may have
// failed (it is tried again at their next GUILD_CREATE).
func (g *retention) sweep(ctx context.Context, sw guildSweeper) {
	present := func(id string) bool {
		for _, s := range g.b.sessions() {
			if in, _ := inGuild(s, id); in {
				return true
			}
		}
		return false
	}
	if n, err := sw.Sweep(ctx, present); err != nil {
		g.b.log.Warn("forgotten guilds not swept; swept at the next connection or in a day", "err", err)
	} else if n > 0 {
		g.b.log.Info("forgotten guilds' keys written late given their guild's remaining time, or deleted past it", "keys", n)
	}
}

// enroll puts a guild the bot is in on the roster, once per process: a
// guild joined (or joined again) after READY is on no READY's list yet.
func (g *retention) enroll(ctx context.Context, s *discordgo.Session, guildID string) {
	ro, ok := g.r.(guildRoster)
	bot := g.botOf(s)
	if !ok || bot == "" {
		return
	}
	if _, loaded := g.enrolled.LoadOrStore(guildID, struct{}{}); loaded {
		return
	}
	if err := ro.Enroll(ctx, bot, []string{guildID}); err != nil {
		g.enrolled.Delete(guildID)
		g.b.log.Warn("a guild not noted; should it remove the bot while it is offline, its data may stay", "guild", guildID, "err", err)
	}
}

// unenroll takes a forgotten guild off the roster.
func (g *retention) unenroll(ctx context.Context, s *discordgo.Session, guildID string) {
	g.enrolled.Delete(guildID)
	ro, ok := g.r.(guildRoster)
	bot := g.botOf(s)
	if !ok || bot == "" {
		return
	}
	if err := ro.Unenroll(ctx, bot, guildID); err != nil {
		// Forgotten again at the next READY, its month starting over.
		g.b.log.Warn("a guild whose data expires is still on the roster", "guild", guildID, "err", err)
	}
}

// botOf is the bot's user id on s (its READY's), or the one the bot
// learnt at start.
func (g *retention) botOf(s *discordgo.Session) string {
	if s != nil && s.State != nil {
		s.State.RLock()
		u := s.State.User
		s.State.RUnlock()
		if u != nil && u.ID != "" {
			return u.ID
		}
	}
	return g.b.botUserID()
}

// onShard reports whether guildID's events come to s: Discord's rule,
// (guild_id >> 22) % shard count.
func onShard(s *discordgo.Session, guildID string) bool {
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return false
	}
	if s.ShardCount <= 1 {
		return true
	}
	return int((id>>22)%uint64(s.ShardCount)) == s.ShardID
}

// GUILD_DELETE says the bot was removed from the guild (kicked, banned,
// or the guild deleted), or, with unavailable set, that the guild is in
// an outage: the bot is still in it then, and nothing is forgotten.
//
// A guild that removed the bot while it was offline sends no GUILD_DELETE
// and is not forgotten here.
func (g *retention) onGuildDelete(s *discordgo.Session, e *discordgo.GuildDelete) {
	if e.Guild == nil || e.ID == "" || e.Unavailable {
		return
	}
	g.settle(s, e.ID, true)
}

// GUILD_CREATE comes for every guild at every connection, and when the
// bot joins one (back, perhaps, before its data expired): its data is
// kept. One cheap call per guild, logged only when something was
// expiring; should it fail, the next connection tries again.
func (g *retention) onGuildCreate(s *discordgo.Session, e *discordgo.GuildCreate) {
	if id := eventGuildID(s, e.Guild); id != "" {
		g.settle(s, id, false)
	}
}

// eventGuildID reads a guild event's id under the State's lock: the
// event's guild is the State's own (GuildAdd stores it), which a later
// GUILD_CREATE or GUILD_UPDATE of that guild overwrites in place.
func eventGuildID(s *discordgo.Session, gd *discordgo.Guild) string {
	if gd == nil {
		return ""
	}
	if s != nil && s.State != nil {
		s.State.RLock()
		defer s.State.RUnlock()
	}
	return gd.ID
}

// settle forgets or keeps guildID's data as the bot's membership now
// stands: in the guild by the State, kept; removed (the event that called
// it, with the State agreeing), forgotten. A GUILD_CREATE handled after a
// later GUILD_DELETE leaves the guild to that one's handler. Registered as
// the bot's work, so that shutdown waits for a Forget under way: its
// GUILD_DELETE does not come again.
func (g *retention) settle(s *discordgo.Session, guildID string, removed bool) {
	defer g.b.survive("a guild's stored data")
	mu := &g.stripes[stripe(guildID)]
	mu.Lock()
	defer mu.Unlock()
	done, ok := g.b.begin()
	if !ok {
		return
	}
	defer done()
	in, known := inGuild(s, guildID)
	if !known {
		in = !removed // no State: the event says
	}
	ctx, cancel := context.WithTimeout(context.Background(), retentionTimeout)
	defer cancel()
	switch {
	case in:
		n, err := g.r.Keep(ctx, guildID)
		if err != nil {
			g.b.log.Warn("in a guild: its stored data may still be set to expire; tried again at the next connection", "guild", guildID, "err", err)
		} else if n > 0 {
			g.b.log.Info("back in a guild: its stored data no longer expires", "guild", guildID, "keys", n)
		}
		g.enroll(ctx, s, guildID)
	case removed:
		n, err := g.r.Forget(ctx, guildID)
		if err != nil {
			// GUILD_DELETE does not come again, but the guild stays on
			// the roster: the next READY, which will not list it, tries
			// again (without a roster, the data stays until an operator
			// deletes it, hence the guild id).
			g.b.log.Warn("removed from a guild: its stored data could not be set to expire yet", "guild", guildID, "err", err)
			return
		}
		g.unenroll(ctx, s, guildID)
		g.b.log.Info("removed from a guild: its stored data expires unless the bot is invited back in time", "guild", guildID, "keys", n)
	}
}

// inGuild reports whether s's State holds guildID; known is false when
// the session keeps no State.
func inGuild(s *discordgo.Session, guildID string) (in, known bool) {
	if s == nil || s.State == nil || !s.StateEnabled {
		return false, false
	}
	_, err := s.State.Guild(guildID)
	return err == nil, true
}

func stripe(guildID string) int {
	h := fnv.New32a()
	h.Write([]byte(guildID))
	return int(h.Sum32() % retentionStripes)
}
