package redisstore

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

type ask struct {
	guild, user string
	want        state.Decision // RetryAfter compared by range, see below
}

func TestLimiter(t *testing.T) {
	userOnly := state.Limits{User: state.Limit{Rate: 5, Burst: 3, Period: time.Minute}}
	tests := []struct {
		name   string
		limits state.Limits
		asks   []ask
	}{
		{
			name:   "burst then deny",
			limits: userOnly,
			asks: []ask{
				{"g1", "u1", state.Decision{Allowed: true}},
				{"g1", "u1", state.Decision{Allowed: true}},
				{"g1", "u1", state.Decision{Allowed: true}},
				{"g1", "u1", state.Decision{Scope: state.ScopeUser, RetryAfter: 12 * time.Second}},
				{"g1", "u1", state.Decision{Scope: state.ScopeUser, RetryAfter: 12 * time.Second}},
				{"g1", "u2", state.Decision{Allowed: true}}, // other users unaffected
			},
		},
		{
			name:   "a member's limit is each server's own, in DMs the user's",
			limits: state.Limits{User: state.Limit{Rate: 1, Burst: 2, Period: time.Minute}},
			asks: []ask{
				{"g1", "u1", state.Decision{Allowed: true}},
				{"g1", "u1", state.Decision{Allowed: true}},
				{"g1", "u1", state.Decision{Scope: state.ScopeUser, RetryAfter: time.Minute}},
				{"g2", "u1", state.Decision{Allowed: true}},
				{"", "u1", state.Decision{Allowed: true}},
				{"", "u1", state.Decision{Allowed: true}},
				{"", "u1", state.Decision{Scope: state.ScopeUser, RetryAfter: time.Minute}},
			},
		},
		{
			name:   "per-guild limit",
			limits: state.Limits{User: state.Limit{Rate: 10, Burst: 10, Period: time.Minute}, Guild: state.Limit{Rate: 2, Burst: 2, Period: time.Minute}},
			asks: []ask{
				{"g1", "u1", state.Decision{Allowed: true}},
				{"g1", "u2", state.Decision{Allowed: true}},
				{"g1", "u3", state.Decision{Scope: state.ScopeGuild, RetryAfter: 30 * time.Second}},
				{"g2", "u3", state.Decision{Allowed: true}}, // other guilds unaffected
				{"", "u4", state.Decision{Allowed: true}},   // DMs have no guild limit
			},
		},
		{
			name:   "a user over their limit does not spend the guild's tokens",
			limits: state.Limits{User: state.Limit{Rate: 1, Burst: 1, Period: time.Minute}, Guild: state.Limit{Rate: 2, Burst: 2, Period: time.Minute}},
			asks: []ask{
				{"g1", "u1", state.Decision{Allowed: true}},
				{"g1", "u1", state.Decision{Scope: state.ScopeUser, RetryAfter: time.Minute}},
				{"g1", "u1", state.Decision{Scope: state.ScopeUser, RetryAfter: time.Minute}},
				{"g1", "u2", state.Decision{Allowed: true}}, // the guild's second token is still there
				{"g1", "u3", state.Decision{Scope: state.ScopeGuild, RetryAfter: 30 * time.Second}},
			},
		},
		{
			name:   "no limits",
			limits: state.Limits{},
			asks: []ask{
				{"g1", "u1", state.Decision{Allowed: true}},
				{"g1", "u1", state.Decision{Allowed: true}},
			},
		},
	}
	for _, be := range backends(t) {
		for i, tt := range tests {
			t.Run(be.name+"/"+tt.name, func(t *testing.T) {
				opts := be.opts
				opts.Prefix += fmt.Sprintf("case%d:", i)
				l := New(be.rdb, opts).Limiter(tt.limits)
				for j, a := range tt.asks {
					got, err := l.Allow(context.Background(), a.guild, a.user)
					if err != nil {
						t.Fatalf("ask %d: %v", j, err)
					}
					checkDecision(t, j, got, a.want)
				}
			})
		}
	}
}

// checkDecision compares everything exactly except RetryAfter, which must
// lie in (0, want] and close to want: the test runs in well under a second.
func checkDecision(t *testing.T, i int, got, want state.Decision) {
	t.Helper()
	if got.Allowed != want.Allowed || got.Scope != want.Scope {
		t.Fatalf("ask %d: got %+v, want %+v", i, got, want)
	}
	if want.Allowed {
		if got.RetryAfter != 0 {
			t.Errorf("ask %d: allowed with RetryAfter %s", i, got.RetryAfter)
		}
		return
	}
	if got.RetryAfter <= 0 || got.RetryAfter > want.RetryAfter || got.RetryAfter < want.RetryAfter-2*time.Second {
		t.Errorf("ask %d: RetryAfter %s, want about %s", i, got.RetryAfter, want.RetryAfter)
	}
}

// A guild at its limit must not spend its users' tokens.
func TestLimiterGuildDenialKeepsUserToken(t *testing.T) {
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			l := be.db().Limiter(state.DefaultLimits)
			tight := state.Limits{User: state.Limit{Rate: 1, Burst: 1, Period: time.Hour}, Guild: state.Limit{Rate: 1, Burst: 1, Period: time.Hour}}
			d, err := l.AllowLimits(ctx, "g1", "u1", tight)
			if err != nil || !d.Allowed {
				t.Fatalf("first ask: %+v, %v", d, err)
			}
			d, err = l.AllowLimits(ctx, "g1", "u2", tight)
			if err != nil || d.Allowed || d.Scope != state.ScopeGuild {
				t.Fatalf("second user in a full guild: %+v, %v; want denied by guild", d, err)
			}
			// u2's single token is untouched: elsewhere they may still ask once.
			d, err = l.AllowLimits(ctx, "g2", "u2", tight)
			if err != nil || !d.Allowed {
				t.Fatalf("u2 in another guild: %+v, %v; want allowed", d, err)
			}
		})
	}
}

// state.Limits live in Redis: a new bot process (new client) sees them, and when
// Redis itself restarts the limiter recovers by itself.
func TestLimiterRestarts(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	lim := state.Limits{User: state.Limit{Rate: 1, Burst: 1, Period: time.Hour}}
	opts := Options{Prefix: srv.Prefix()}

	l := New(srv.Client(t), opts).Limiter(lim)
	if d, err := l.Allow(ctx, "g", "u"); err != nil || !d.Allowed {
		t.Fatalf("first: %+v, %v", d, err)
	}
	l2 := New(srv.Client(t), opts).Limiter(lim) // as after a bot restart
	if d, err := l2.Allow(ctx, "g", "u"); err != nil || d.Allowed {
		t.Fatalf("after bot restart: %+v, %v; want still denied", d, err)
	}

	srv.Stop()
	if _, err := l2.Allow(ctx, "g", "u"); err == nil {
		t.Fatal("Allow succeeded with Redis down")
	}
	srv.Restart()
	// The restarted server is empty (no persistence), so the user is
	// allowed again once the client has reconnected.
	eventually(t, 3*time.Second, func() error {
		d, err := l2.Allow(ctx, "g", "u")
		if err == nil && !d.Allowed {
			return errors.New("denied on an empty server")
		}
		return err
	})
}
