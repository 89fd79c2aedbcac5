package discord

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/guild"
)

// dispatchGuildCreate sends an available guild's GUILD_CREATE listing
// channels and no thread.
func dispatchGuildCreate(e *adminEnv, guildID string, channels ...*discordgo.Channel) {
	e.srv.Dispatch("GUILD_CREATE", map[string]any{
		"id": guildID, "name": "Guild " + guildID, "channels": channels, "threads": []any{}, "members": []any{}, "roles": []any{},
	})
}

// TestAdminGuildCreateLookupsEndWithShutdown: GUILD_CREATE's lookups ran
// on context.Background, unregistered, so they went on after Run had
// returned (and the process was meant to be gone). They stop when
// shutdown begins; the one in flight is waited for.
func TestAdminGuildCreateLookupsEndWithShutdown(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	const n = 10
	for i := range n {
		if err := e.guilds.SetChannel(ctx, e.guild, fmt.Sprintf("5550000000000009%02d", i), guild.RuleDeny); err != nil {
			t.Fatal(err)
		}
	}
	var stopped atomic.Bool
	var afterShutdown atomic.Int32
	e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodGet && strings.HasPrefix(r.Path, "/channels/5550000000000009") {
			if stopped.Load() {
				afterShutdown.Add(1)
			}
			time.Sleep(300 * time.Millisecond)
		}
		return nil
	})
	text := e.srv.AddChannel(&discordgo.Channel{ID: "555000000000000999", GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "t"})
	dispatchGuildCreate(e, e.guild, text)
	e.until("a lookup", func() bool { return e.srv.Hits("GET", "/channels/5550000000000009") > 0 })
	start := time.Now()
	if err := e.shutdown(); err != nil {
		t.Fatal(err)
	}
	stopped.Store(true)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Run took %v to return", d)
	}
	// Ten lookups at 300 ms each: the old code went on for seconds.
	time.Sleep(1500 * time.Millisecond)
	if got := afterShutdown.Load(); got > 0 {
		t.Errorf("%d lookups made after Run returned", got)
	}
}

// TestAdminGuildCreateLookupsPaced: at a connection every guild's
// GUILD_CREATE arrives at once, and each looked its unlisted channels up
// at once, with nothing pacing them across guilds. They go through one
// queue per process: one at a time, at most one per ruleLookupEvery.
func TestAdminGuildCreateLookupsPaced(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	guilds := []string{e.guild, "555000000000100001", "555000000000100002"}
	var ids []string
	for gi, g := range guilds {
		for i := range 3 {
			id := fmt.Sprintf("55500000000011%02d%02d", gi, i) // deleted while offline: unknown to the fake
			ids = append(ids, id)
			if err := e.guilds.SetChannel(ctx, g, id, guild.RuleDeny); err != nil {
				t.Fatal(err)
			}
		}
	}
	var inFlight, most atomic.Int32
	e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == http.MethodGet && strings.HasPrefix(r.Path, "/channels/55500000000011") {
			n := inFlight.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(20 * time.Millisecond)
			inFlight.Add(-1)
		}
		return nil
	})
	for i, g := range guilds {
		ch := &discordgo.Channel{ID: fmt.Sprintf("5550000000001200%02d", i), GuildID: g, Type: discordgo.ChannelTypeGuildText, Name: "t"}
		dispatchGuildCreate(e, g, ch)
	}
	e.until("every rule cleared", func() bool {
		for _, g := range guilds {
			s, err := e.guilds.Get(ctx, g)
			if err != nil || len(s.Channels) != 0 {
				return false
			}
		}
		return true
	})
	var at []time.Time
	for _, r := range e.srv.Requests() {
		if r.Method == http.MethodGet && strings.HasPrefix(r.Path, "/channels/55500000000011") {
			at = append(at, r.At)
		}
	}
	if len(at) != len(ids) {
		t.Fatalf("%d lookups, want %d", len(at), len(ids))
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(at); i++ {
		// Generously: the pace is ruleLookupEvery.
		if gap := at[i].Sub(at[i-1]); gap < ruleLookupEvery*3/5 {
			t.Errorf("lookups %d and %d %v apart, want about %v", i-1, i, gap, ruleLookupEvery)
		}
	}
	if m := most.Load(); m != 1 {
		t.Errorf("%d lookups at once, want 1", m)
	}
}

// TestAdminGuildCreateRemembersForbiddenAndPresent: a rule on a thread the
// bot may not see got a 403 at every connection (Discord bans an IP for a
// while after 10,000 invalid requests in 10 minutes), and an archived
// thread was looked up at every connection too. The process remembers
// both answers; the next GUILD_CREATE does not ask again.
func TestAdminGuildCreateRemembersForbiddenAndPresent(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	const (
		hidden   = "555000000000000881"
		archived = "555000000000000882"
		gone     = "555000000000000889" // after both in the queue's order
	)
	e.srv.AddChannel(&discordgo.Channel{ID: archived, GuildID: e.guild, ParentID: e.srv.GeneralChannel(e.guild), Type: discordgo.ChannelTypeGuildPublicThread,
		Name: "old", ThreadMetadata: &discordgo.ThreadMetadata{Archived: true}})
	for _, id := range []string{hidden, archived} {
		if err := e.guilds.SetChannel(ctx, e.guild, id, guild.RuleDeny); err != nil {
			t.Fatal(err)
		}
	}
	e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Path == "/channels/"+hidden {
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": discordgo.ErrCodeMissingAccess, "message": "Missing Access"})
		}
		return nil
	})
	text := e.srv.AddChannel(&discordgo.Channel{ID: "555000000000000999", GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "t"})
	dispatchGuildCreate(e, e.guild, text)
	e.until("both looked up", func() bool {
		return e.srv.Hits("GET", "/channels/"+hidden) == 1 && e.srv.Hits("GET", "/channels/"+archived) == 1 &&
			strings.Contains(e.log.String(), "channel="+hidden)
	})
	// A reconnection: the same guild again, with a rule on a channel
	// deleted meanwhile, which is looked up after the others would be.
	time.Sleep(2 * ruleLookupEvery)
	if err := e.guilds.SetChannel(ctx, e.guild, gone, guild.RuleAllow); err != nil {
		t.Fatal(err)
	}
	dispatchGuildCreate(e, e.guild, text)
	e.until("the deleted channel's rule cleared", func() bool {
		s, err := e.guilds.Get(ctx, e.guild)
		_, ok := s.Channels[gone]
		return err == nil && !ok
	})
	time.Sleep(2 * ruleLookupEvery)
	if n := e.srv.Hits("GET", "/channels/"+hidden); n != 1 {
		t.Errorf("the forbidden channel was looked up %d times", n)
	}
	if n := e.srv.Hits("GET", "/channels/"+archived); n != 1 {
		t.Errorf("the archived thread was looked up %d times", n)
	}
	s, err := e.guilds.Get(ctx, e.guild)
	if err != nil {
		t.Fatal(err)
	}
	if s.Channels[hidden] != guild.RuleDeny || s.Channels[archived] != guild.RuleDeny {
		t.Errorf("rules = %v", s.Channels)
	}
}

// TestAdminGuildCreateKeepsRulesDiscordDoesNotSayAreGone: only Unknown
// Channel clears a rule. A 403, a 5xx or a lookup that hangs says nothing
// of the channel, and clearing an allow on it would change where the bot
// answers; the deletion test alone would pass even if any error cleared
// the rule.
func TestAdminGuildCreateKeepsRulesDiscordDoesNotSayAreGone(t *testing.T) {
	t.Parallel()
	e := startAdmin(t, t.TempDir())
	ctx := context.Background()
	const (
		forbidden = "555000000000000771"
		failing   = "555000000000000772"
		hanging   = "555000000000000773"
		gone      = "555000000000000774"
	)
	release := make(chan struct{})
	t.Cleanup(sync.OnceFunc(func() { close(release) }))
	e.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		switch r.Path {
		case "/channels/" + forbidden:
			return discordtest.JSONResponse(http.StatusForbidden, map[string]any{"code": discordgo.ErrCodeMissingAccess, "message": "Missing Access"})
		case "/channels/" + failing:
			return discordtest.JSONResponse(http.StatusInternalServerError, map[string]any{"code": 0, "message": "500: Internal Server Error"})
		case "/channels/" + hanging:
			<-release
		}
		return nil
	})
	// The rules are set once Discord answers as the test says: the
	// connection's own GUILD_CREATE may still be being handled (each
	// handler runs in a goroutine of its own), and a lookup of its would
	// find these channels unknown and clear their rules.
	for _, id := range []string{forbidden, failing, hanging, gone} {
		if err := e.guilds.SetChannel(ctx, e.guild, id, guild.RuleAllow); err != nil {
			t.Fatal(err)
		}
	}
	text := e.srv.AddChannel(&discordgo.Channel{ID: "555000000000000999", GuildID: e.guild, Type: discordgo.ChannelTypeGuildText, Name: "t"})
	dispatchGuildCreate(e, e.guild, text)
	e.until("the deleted channel's rule cleared", func() bool {
		s, err := e.guilds.Get(ctx, e.guild)
		_, ok := s.Channels[gone]
		return err == nil && !ok
	})
	// The hanging lookup gives up after ruleLookupTimeout.
	deadline := time.Now().Add(ruleLookupTimeout + 10*time.Second)
	for _, id := range []string{forbidden, failing, hanging} {
		for !strings.Contains(e.log.String(), "channel="+id) {
			if time.Now().After(deadline) {
				t.Fatalf("no outcome logged for %s:\n%s", id, e.log.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	s, err := e.guilds.Get(ctx, e.guild)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{forbidden, failing, hanging} {
		if s.Channels[id] != guild.RuleAllow {
			t.Errorf("the rule on %s = %q, want it kept", id, s.Channels[id])
		}
	}
}
