package state

import (
	"context"
	"errors"
	"testing"
	"time"
)

// memBuckets is GCRA in memory, as redis_rate computes it in Redis, on a
// clock that stands still unless a test moves it.
type memBuckets struct {
	now   time.Time
	tat   map[string]time.Time
	calls []string // scope:id:n of every Take
	err   error
}

func newMemBuckets() *memBuckets {
	return &memBuckets{now: time.Unix(1e9, 0), tat: map[string]time.Time{}}
}

func (m *memBuckets) Take(_ context.Context, scope, id string, l Limit, n int) (Bucket, error) {
	m.calls = append(m.calls, scope+":"+id+":"+string(rune('0'+n)))
	if m.err != nil {
		return Bucket{}, m.err
	}
	key := scope + ":" + id
	emission := l.Period / time.Duration(l.Rate)
	tat := m.tat[key]
	if tat.Before(m.now) {
		tat = m.now
	}
	newTAT := tat.Add(time.Duration(n) * emission)
	diff := m.now.Sub(newTAT.Add(-time.Duration(l.Burst) * emission))
	if diff < 0 {
		return Bucket{RetryAfter: -diff, ResetAfter: tat.Sub(m.now)}, nil
	}
	m.tat[key] = newTAT
	return Bucket{Allowed: n, Remaining: int(diff / emission), ResetAfter: newTAT.Sub(m.now)}, nil
}

// The limiter's rules, on in-memory buckets; redisstore runs the decision
// tables on Redis.
func TestLimiterRules(t *testing.T) {
	ctx := context.Background()
	tight := Limits{User: Limit{Rate: 1, Burst: 1, Period: time.Minute}, Guild: Limit{Rate: 2, Burst: 2, Period: time.Minute}}

	t.Run("a denied user spends no guild token", func(t *testing.T) {
		b := newMemBuckets()
		l := NewLimiter(b, tight)
		if d, err := l.Allow(ctx, "g1", "u1"); err != nil || !d.Allowed {
			t.Fatalf("first: %+v, %v", d, err)
		}
		d, err := l.Allow(ctx, "g1", "u1")
		if err != nil || d.Allowed || d.Scope != ScopeUser || d.RetryAfter != time.Minute {
			t.Fatalf("second: %+v, %v; want denied by user for 1m", d, err)
		}
		want := []string{"user:g1:u1:0", "guild:g1:1", "user:g1:u1:1", "user:g1:u1:0"}
		if len(b.calls) != len(want) {
			t.Fatalf("calls %q, want %q", b.calls, want)
		}
		for i := range want {
			if b.calls[i] != want[i] {
				t.Fatalf("calls %q, want %q", b.calls, want)
			}
		}
	})

	t.Run("a full guild spends no user token", func(t *testing.T) {
		b := newMemBuckets()
		l := NewLimiter(b, Limits{User: tight.User, Guild: Limit{Rate: 1, Burst: 1, Period: time.Hour}})
		l.Allow(ctx, "g1", "u1")
		d, err := l.Allow(ctx, "g1", "u2")
		if err != nil || d.Allowed || d.Scope != ScopeGuild || d.RetryAfter != time.Hour {
			t.Fatalf("%+v, %v; want denied by guild for 1h", d, err)
		}
		if d, err := l.Allow(ctx, "", "u2"); err != nil || !d.Allowed {
			t.Fatalf("u2 in a DM: %+v, %v; want allowed", d, err)
		}
	})

	t.Run("retry after counts the burst", func(t *testing.T) {
		b := newMemBuckets()
		l := NewLimiter(b, Limits{User: Limit{Rate: 5, Burst: 3, Period: time.Minute}})
		for range 3 {
			l.Allow(ctx, "", "u1")
		}
		d, _ := l.Allow(ctx, "", "u1")
		if d.Allowed || d.RetryAfter != 12*time.Second {
			t.Fatalf("%+v; want denied for 12s", d)
		}
		b.now = b.now.Add(12 * time.Second)
		if d, _ := l.Allow(ctx, "", "u1"); !d.Allowed {
			t.Fatalf("after 12s: %+v; want allowed", d)
		}
	})

	t.Run("without a guild limit one take decides", func(t *testing.T) {
		b := newMemBuckets()
		l := NewLimiter(b, Limits{User: tight.User})
		if d, err := l.Allow(ctx, "g1", "u1"); err != nil || !d.Allowed {
			t.Fatalf("first: %+v, %v", d, err)
		}
		d, err := l.Allow(ctx, "g1", "u1")
		if err != nil || d.Allowed || d.Scope != ScopeUser || d.RetryAfter != time.Minute {
			t.Fatalf("second: %+v, %v; want denied by user for 1m", d, err)
		}
		want := []string{"user:g1:u1:1", "user:g1:u1:1"}
		if len(b.calls) != len(want) || b.calls[0] != want[0] || b.calls[1] != want[1] {
			t.Fatalf("calls %q, want %q", b.calls, want)
		}
		b.now = b.now.Add(time.Minute)
		if d, _ := l.Allow(ctx, "g1", "u1"); !d.Allowed {
			t.Fatalf("a minute later: %+v; want allowed (the denied take consumed nothing)", d)
		}
	})

	t.Run("a member's limit is each server's own", func(t *testing.T) {
		b := newMemBuckets()
		l := NewLimiter(b, Limits{User: tight.User})
		l.Allow(ctx, "g1", "u1")
		if d, _ := l.Allow(ctx, "g1", "u1"); d.Allowed {
			t.Fatalf("second in g1: %+v; want denied", d)
		}
		for _, g := range []string{"g2", ""} {
			if d, err := l.Allow(ctx, g, "u1"); err != nil || !d.Allowed {
				t.Errorf("in %q after g1's limit: %+v, %v; want allowed", g, d, err)
			}
		}
	})

	t.Run("burst 0 means 1, no limits take nothing", func(t *testing.T) {
		b := newMemBuckets()
		l := NewLimiter(b, Limits{User: Limit{Rate: 1, Period: time.Minute}})
		if d, _ := l.Allow(ctx, "g1", "u1"); !d.Allowed {
			t.Fatalf("burst 0: %+v; want one allowed", d)
		}
		b.calls = nil
		if d, _ := l.AllowLimits(ctx, "g1", "u9", Limits{}); !d.Allowed || len(b.calls) != 0 {
			t.Fatalf("no limits: %+v, calls %q", d, b.calls)
		}
	})

	t.Run("errors", func(t *testing.T) {
		b := newMemBuckets()
		l := NewLimiter(b, tight)
		if _, err := l.Allow(ctx, "g1", ""); !errors.Is(err, ErrInvalid) {
			t.Errorf("empty user: %v, want ErrInvalid", err)
		}
		b.err = errors.New("down")
		if _, err := l.Allow(ctx, "g1", "u1"); err == nil || err.Error() != "state: limiter check user: down" {
			t.Errorf("buckets down: %v", err)
		}
	})
}
