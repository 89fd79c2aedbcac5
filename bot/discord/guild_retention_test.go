package discord

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/bwmarrin/discordgo"
)

var _ GuildRetention = (*redisstore.Retention)(nil)

// retentionCalls records GuildRetention's calls in order, as "forget <id>"
// and "keep <id>".
type retentionCalls struct {
	mu        sync.Mutex
	calls     []string
	forgotten bool
}

func (r *retentionCalls) Forget(_ context.Context, guildID string) (int, error) {
	return r.add("forget "+guildID, true)
}

func (r *retentionCalls) Keep(_ context.Context, guildID string) (int, error) {
	return r.add("keep "+guildID, false)
}

// add records call; a guild's 8 keys are changed by a forget, and by the
// keep that follows it.
func (r *retentionCalls) add(call string, forget bool) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, call)
	n := 0
	if forget || r.forgotten {
		n = 8
	}
	r.forgotten = forget
	return n, nil
}

func (r *retentionCalls) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

// TestGuildRetention: a guild that removes the bot (GUILD_DELETE) has its
// data forgotten, in time; one that only becomes unavailable (GUILD_DELETE
// with unavailable: true, an outage) has not; GUILD_CREATE, at every
// connection and when the bot is invited back, keeps the data.
func TestGuildRetention(t *testing.T) {
	t.Parallel()
	r := &retentionCalls{}
	h := start(t, setup{noRedis: true, wire: []func(*harness, *asking.Deps){
		func(h *harness, _ *asking.Deps) { h.deps.Retention = r },
	}})
	g := h.guild
	guildCreate := func() {
		h.srv.Dispatch("GUILD_CREATE", map[string]any{
			"id": g, "name": "Guild " + g, "unavailable": false,
			"channels": []any{}, "threads": []any{}, "members": []any{}, "roles": []any{},
		})
	}
	calls := func(want ...string) func() bool {
		return func() bool { return slices.Equal(r.list(), want) }
	}

	// Connecting: the guild's GUILD_CREATE keeps its data.
	h.until("the data kept at connection", calls("keep "+g))

	// An outage, then the guild back: nothing forgotten.
	h.srv.Dispatch("GUILD_DELETE", map[string]any{"id": g, "unavailable": true})
	guildCreate()
	h.until("the data kept after the outage", calls("keep "+g, "keep "+g))
	time.Sleep(50 * time.Millisecond) // a late forget would show now
	if got := r.list(); len(got) != 2 {
		t.Fatalf("after an outage: calls %q, want nothing forgotten", got)
	}

	// Removed: forgotten. Invited back: kept.
	h.srv.Dispatch("GUILD_DELETE", map[string]any{"id": g})
	h.until("the data forgotten after the removal", calls("keep "+g, "keep "+g, "forget "+g))
	// The log line follows Forget's return: wait for it, not for the call.
	h.until("the removal logged with the guild id", func() bool {
		log := h.log.String()
		return strings.Contains(log, "guild="+g) && strings.Contains(log, "removed")
	})
	guildCreate()
	h.until("the data kept when the bot is back", calls("keep "+g, "keep "+g, "forget "+g, "keep "+g))
}

// TestGuildRetentionHandledOutOfOrder: discordgo runs each handler in a
// goroutine of its own, so a GUILD_DELETE's handler may run after the
// GUILD_CREATE that followed it (the bot removed and invited straight
// back), or the other way round. The data is kept or forgotten as the
// State stands when each runs — which discordgo updates in event order —
// not as the event that started the handler says: a late GUILD_DELETE
// handler must not forget a guild the bot is back in, and a late
// GUILD_CREATE handler must not keep one it has left.
func TestGuildRetentionHandledOutOfOrder(t *testing.T) {
	t.Parallel()
	h := start(t, setup{noRedis: true})
	const g = "444444444444444444"
	session := func(in bool) *discordgo.Session {
		s := &discordgo.Session{State: discordgo.NewState(), StateEnabled: true}
		if in {
			if err := s.State.GuildAdd(&discordgo.Guild{ID: g}); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	for _, tc := range []struct {
		name string
		in   bool // the State after every event
		run  func(*retention, *discordgo.Session)
		want []string
	}{
		{"delete handled after the create that followed it", true,
			func(r *retention, s *discordgo.Session) {
				r.onGuildDelete(s, &discordgo.GuildDelete{Guild: &discordgo.Guild{ID: g}})
			}, []string{"keep " + g}},
		{"create handled after the delete that followed it", false,
			func(r *retention, s *discordgo.Session) {
				r.onGuildCreate(s, &discordgo.GuildCreate{Guild: &discordgo.Guild{ID: g}})
			}, nil},
		{"delete, in order", false,
			func(r *retention, s *discordgo.Session) {
				r.onGuildDelete(s, &discordgo.GuildDelete{Guild: &discordgo.Guild{ID: g}})
			}, []string{"forget " + g}},
		{"delete without a State: the event says", false,
			func(r *retention, _ *discordgo.Session) {
				r.onGuildDelete(&discordgo.Session{}, &discordgo.GuildDelete{Guild: &discordgo.Guild{ID: g}})
			}, []string{"forget " + g}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := &retentionCalls{}
			tc.run(&retention{b: h.bot, r: calls}, session(tc.in))
			if got := calls.list(); !slices.Equal(got, tc.want) {
				t.Errorf("calls %q, want %q", got, tc.want)
			}
		})
	}
}

// rosterCalls is a retentionCalls with a roster, as *redisstore.Retention
// has: each enrolment is recorded, and the roster follows them.
type rosterCalls struct {
	retentionCalls
	roster   []string
	enrolled [][]string
	bots     []string // the bot ids the roster was asked for
}

func (r *rosterCalls) Roster(_ context.Context, bot string) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bots = append(r.bots, bot)
	return slices.Clone(r.roster), nil
}

func (r *rosterCalls) Enroll(_ context.Context, bot string, ids []string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bots = append(r.bots, bot)
	r.enrolled = append(r.enrolled, slices.Clone(ids))
	for _, id := range ids {
		if !slices.Contains(r.roster, id) {
			r.roster = append(r.roster, id)
		}
	}
	return nil
}

func (r *rosterCalls) Unenroll(_ context.Context, bot, id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bots = append(r.bots, bot)
	r.roster = slices.DeleteFunc(r.roster, func(g string) bool { return g == id })
	return nil
}

func (r *rosterCalls) Sweep(context.Context, func(string) bool) (int, error) {
	_, err := r.add("sweep", false)
	return 3, err
}

// decisions are r's calls but the sweeps (one per READY of shard 0).
func decisions(r *rosterCalls) []string {
	return slices.DeleteFunc(r.list(), func(c string) bool { return c == "sweep" })
}

func (r *rosterCalls) enrolledList() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.enrolled)
}

// TestGuildRetentionRemovedWhileOffline: a guild that removed the bot
// while it was offline sends no GUILD_DELETE; it is on the roster, but
// not in the next READY's guilds, and is forgotten then. The guilds READY
// lists are kept and go on the roster.
func TestGuildRetentionRemovedWhileOffline(t *testing.T) {
	t.Parallel()
	const gone = "555555555555555555"
	r := &rosterCalls{}
	h := start(t, setup{noRedis: true, wire: []func(*harness, *asking.Deps){
		func(h *harness, _ *asking.Deps) {
			r.roster = []string{h.guild, gone}
			h.deps.Retention = r
		},
	}})
	// READY's handler enrols READY's guilds; the guild's GUILD_CREATE,
	// handled in a goroutine of its own, may enrol it first (once).
	h.until("the guild removed while offline forgotten, READY's enrolled", func() bool {
		return slices.Contains(r.list(), "forget "+gone) && slices.ContainsFunc(r.enrolledList(), func(ids []string) bool {
			return slices.Equal(ids, []string{h.guild})
		})
	})
	h.until("the guild the bot is in kept", func() bool { return slices.Contains(r.list(), "keep "+h.guild) })
	if slices.Contains(r.list(), "forget "+h.guild) {
		t.Errorf("the guild the bot is in was forgotten: calls %q", r.list())
	}
	for _, got := range r.enrolledList() {
		if !slices.Equal(got, []string{h.guild}) {
			t.Errorf("enrolled %q at the connection, want READY's guild %s", got, h.guild)
		}
	}
	h.until("the forgotten guild off the roster", func() bool {
		roster, _ := r.Roster(context.Background(), discordtest.DefaultBotUserID)
		return slices.Equal(roster, []string{h.guild})
	})
	h.until("the removal logged with the guild id", func() bool {
		return strings.Contains(h.log.String(), "guild="+gone)
	})
	// The forgotten guilds' late keys are swept at the connection.
	h.until("the forgotten guilds swept", func() bool {
		return slices.Contains(r.list(), "sweep") && strings.Contains(h.log.String(), "keys=3")
	})

	// A guild joined after READY is on no READY's list: its GUILD_CREATE
	// puts it on the roster, once; a guild already on it is not put
	// again. Removed, it comes off, and joined again, goes back on.
	const joined = "666666666666666666"
	guildCreate := func(id string) {
		h.srv.Dispatch("GUILD_CREATE", map[string]any{
			"id": id, "name": "Guild " + id, "unavailable": false,
			"channels": []any{}, "threads": []any{}, "members": []any{}, "roles": []any{},
		})
	}
	time.Sleep(50 * time.Millisecond) // the connection's enrolments done
	atReady := len(r.enrolledList())
	enrolledAfterReady := func(want ...[]string) func() bool {
		return func() bool {
			got := r.enrolledList()
			return len(got) == atReady+len(want) && slices.EqualFunc(got[atReady:], want, slices.Equal)
		}
	}
	guildCreate(joined)
	guildCreate(h.guild)
	h.until("the guild joined after READY enrolled", enrolledAfterReady([]string{joined}))
	guildCreate(joined)
	h.srv.Dispatch("GUILD_DELETE", map[string]any{"id": joined})
	h.until("the joined guild forgotten", func() bool { return slices.Contains(r.list(), "forget "+joined) })
	guildCreate(joined)
	h.until("the guild joined again enrolled again", enrolledAfterReady([]string{joined}, []string{joined}))
	time.Sleep(50 * time.Millisecond) // a further enrolment would show now
	if got := r.enrolledList(); len(got) != atReady+2 {
		t.Errorf("enrolled %q, want the connection's, then the joined guild twice", got)
	}
}

// TestOnShard: a guild's events come to shard (id >> 22) % count; a
// guild of another shard is not in this shard's READY, and must not be
// taken for one that removed the bot.
func TestOnShard(t *testing.T) {
	const g = "1234567890123456789" // (g >> 22) % 4 == 3
	for _, tc := range []struct {
		shard, count int
		want         bool
	}{{0, 0, true}, {0, 1, true}, {3, 4, true}, {0, 4, false}, {1, 4, false}} {
		s := &discordgo.Session{ShardID: tc.shard, ShardCount: tc.count}
		if got := onShard(s, g); got != tc.want {
			t.Errorf("onShard(shard %d of %d) = %v, want %v", tc.shard, tc.count, got, tc.want)
		}
	}
	if onShard(&discordgo.Session{}, "not-an-id") {
		t.Error("an id that is no snowflake is on a shard")
	}
}

// retentionAlone is a retention over a State of its own, as discordgo
// keeps one, for tests that order the events and the handlers by hand.
func retentionAlone() (*discordgo.Session, *retention, *rosterCalls) {
	s := &discordgo.Session{State: discordgo.NewState(), StateEnabled: true}
	b := &Bot{log: slog.New(slog.NewTextHandler(io.Discard, nil)), work: context.Background()}
	r := &rosterCalls{}
	return s, &retention{b: b, r: r}, r
}

// ready gives READY for guilds to s's State, as discordgo does before any
// handler runs, and returns the raw event READY's roster handler gets.
func ready(t *testing.T, s *discordgo.Session, bot string, guilds ...string) *discordgo.Event {
	t.Helper()
	ev := &discordgo.Ready{User: &discordgo.User{ID: bot}}
	for _, id := range guilds {
		ev.Guilds = append(ev.Guilds, &discordgo.Guild{ID: id, Unavailable: true})
	}
	raw, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.State.OnInterface(s, ev); err != nil {
		t.Fatal(err)
	}
	return &discordgo.Event{Type: "READY", RawData: raw, Struct: ev}
}

func stateEvent(t *testing.T, s *discordgo.Session, ev any) {
	t.Helper()
	if err := s.State.OnInterface(s, ev); err != nil {
		t.Fatal(err)
	}
}

// TestGuildRetentionReadyHandledLate: discordgo runs READY's handler in a
// goroutine of its own, after the State has taken in READY and maybe
// the events after it. Whatever came meanwhile, a guild the bot is in is
// never forgotten:
//   - a guild in an outage since (GUILD_DELETE unavailable drops it from
//     the State's list) is READY's still;
//   - after a fresh IDENTIFY on the same session, a guild that removed
//     the bot while it was offline and invited it back (its GUILD_CREATE
//     handled first) is kept; so, left for a later READY, is one the
//     State only remembers from the earlier READY (it cannot tell them
//     apart): kept longer, never lost.
func TestGuildRetentionReadyHandledLate(t *testing.T) {
	const a, x, bot = "111111111111111111", "222222222222222222", "100000000000000001"

	s, g, r := retentionAlone()
	r.roster = []string{a, x}
	ev := ready(t, s, bot, a, x)
	stateEvent(t, s, &discordgo.GuildDelete{Guild: &discordgo.Guild{ID: x, Unavailable: true}})
	g.onReadyEvent(s, ev)
	if got := decisions(r); slices.Contains(got, "forget "+x) {
		t.Errorf("a guild in an outage since READY was forgotten: calls %q", got)
	}

	s, g, r = retentionAlone()
	g.onReadyEvent(s, ready(t, s, bot, a, x))
	ev = ready(t, s, bot, a) // a fresh IDENTIFY: x removed the bot meanwhile
	gc := &discordgo.GuildCreate{Guild: &discordgo.Guild{ID: x, Name: "back"}}
	stateEvent(t, s, gc)
	g.onGuildCreate(s, gc) // invited back, handled first
	g.onReadyEvent(s, ev)
	if got := decisions(r); slices.Contains(got, "forget "+x) {
		t.Errorf("a guild that invited the bot back was forgotten: calls %q", got)
	}

	s, g, r = retentionAlone()
	g.onReadyEvent(s, ready(t, s, bot, a, x))
	g.onReadyEvent(s, ready(t, s, bot, a)) // x only in the State's memory
	if got := decisions(r); len(got) != 0 {
		t.Errorf("calls %q, want none: the State cannot tell, a later READY decides", got)
	}
	if roster, _ := r.Roster(context.Background(), bot); !slices.Contains(roster, x) {
		t.Errorf("roster %q lost %s: no later READY would decide", roster, x)
	}
	// A later READY of a new session (a restart) decides: forgotten.
	s2, _, _ := retentionAlone()
	g.onReadyEvent(s2, ready(t, s2, bot, a))
	if got := decisions(r); !slices.Equal(got, []string{"forget " + x}) {
		t.Errorf("after a restart: calls %q, want %s forgotten", got, x)
	}
	for _, id := range r.bots {
		if id != bot {
			t.Errorf("a roster call for bot %q, want %s", id, bot)
		}
	}
}

// TestGuildRetentionGuildCreateReadsUnderTheStateLock: a GUILD_CREATE's
// guild is the State's own, which a GUILD_UPDATE of that guild overwrites
// in place; the handler read its id unlocked (run with -race).
func TestGuildRetentionGuildCreateReadsUnderTheStateLock(t *testing.T) {
	const a, j = "111111111111111111", "333333333333333333"
	s, g, _ := retentionAlone()
	ready(t, s, "100000000000000001", a)
	gc := &discordgo.GuildCreate{Guild: &discordgo.Guild{ID: j, Name: "joined"}}
	stateEvent(t, s, gc)
	var wg sync.WaitGroup
	wg.Go(func() { g.onGuildCreate(s, gc) }) // as discordgo: go handler(s, ev)
	stateEvent(t, s, &discordgo.GuildUpdate{Guild: &discordgo.Guild{ID: j, Name: "renamed"}})
	wg.Wait()
}
