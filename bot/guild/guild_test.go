package guild

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

const g = "111111111111111111"

func TestSettings(t *testing.T) {
	ctx := context.Background()
	st := newMem()
	s := New(st, Options{})
	steps := []error{
		s.SetChannel(ctx, g, "200", RuleDeny),
		s.SetChannel(ctx, g, "201", RuleAllow),
		s.SetUserLimit(ctx, g, state.Limit{Rate: 2, Burst: 1, Period: time.Minute}),
		s.SetGuildLimit(ctx, g, state.Limit{Rate: 30, Burst: 10, Period: time.Hour}),
		s.SetPrivateByDefault(ctx, g, true),
		s.SetEducatorRole(ctx, g, "900", true),
		s.SetEducatorRole(ctx, g, "901", true),
		s.SetEducatorRole(ctx, g, "900", false),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	// Another store (process) over the same storage, empty cache.
	got, err := New(st, Options{}).Get(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if got.Channels["200"] != RuleDeny || got.Channels["201"] != RuleAllow || len(got.Channels) != 2 {
		t.Errorf("channels = %v", got.Channels)
	}
	lim := got.Limits(state.DefaultLimits)
	if lim.User != (state.Limit{Rate: 2, Burst: 1, Period: time.Minute}) || lim.Guild != (state.Limit{Rate: 30, Burst: 10, Period: time.Hour}) {
		t.Errorf("limits = %+v", lim)
	}
	if !got.PrivateByDefault || !slices.Equal(got.EducatorRoles, []string{"901"}) {
		t.Errorf("private %v, educators %v", got.PrivateByDefault, got.EducatorRoles)
	}
	if !got.IsEducator([]string{"5", "901"}) || got.IsEducator([]string{"900"}) {
		t.Error("IsEducator wrong")
	}

	// Zero limits restore the defaults; Reset restores everything.
	if err := s.SetUserLimit(ctx, g, state.Limit{}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Get(ctx, g)
	if lim := got.Limits(state.DefaultLimits); lim.User != state.DefaultLimits.User || lim.Guild.Rate != 30 {
		t.Errorf("after clearing user limit: %+v", lim)
	}
	if err := s.Reset(ctx, g); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Get(ctx, g)
	if got.Channels != nil || got.PrivateByDefault || got.Limits(state.DefaultLimits) != state.DefaultLimits {
		t.Errorf("after reset: %+v", got)
	}
}

func TestAllowed(t *testing.T) {
	type rule struct {
		id string
		r  Rule
	}
	tests := []struct {
		name            string
		rules           []rule
		channel, parent string
		want            bool
	}{
		{"no rules: everywhere", nil, "300", "", true},
		{"no rules: threads too", nil, "301", "300", true},
		{"denied channel", []rule{{"300", RuleDeny}}, "300", "", false},
		{"other channel unaffected by a deny", []rule{{"300", RuleDeny}}, "302", "", true},
		{"thread inherits deny", []rule{{"300", RuleDeny}}, "301", "300", false},
		{"thread allowed in denied channel", []rule{{"300", RuleDeny}, {"301", RuleAllow}}, "301", "300", true},
		{"thread denied in allowed channel", []rule{{"300", RuleAllow}, {"301", RuleDeny}}, "301", "300", false},
		{"allow-list: listed channel", []rule{{"300", RuleAllow}}, "300", "", true},
		{"allow-list: thread of listed channel", []rule{{"300", RuleAllow}}, "301", "300", true},
		{"allow-list: other channel", []rule{{"300", RuleAllow}}, "302", "", false},
		{"allow-list: thread of other channel", []rule{{"300", RuleAllow}}, "303", "302", false},
		{"cleared rule", []rule{{"300", RuleDeny}, {"300", RuleNone}}, "300", "", true},
		{"auto channel answers", []rule{{"300", RuleAuto}}, "300", "", true},
		{"auto is no allow-list", []rule{{"300", RuleAuto}}, "302", "", true},
		{"thread denied in an auto forum", []rule{{"300", RuleAuto}, {"301", RuleDeny}}, "301", "300", false},
	}
	ctx := context.Background()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(newMem(), Options{})
			guildID := "42" + string(rune('0'+i/10)) + string(rune('0'+i%10))
			for _, r := range tt.rules {
				if err := s.SetChannel(ctx, guildID, r.id, r.r); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Allowed(ctx, guildID, tt.channel, tt.parent)
			if err != nil || got != tt.want {
				t.Errorf("Allowed(%s, %s) = %v, %v; want %v", tt.channel, tt.parent, got, err, tt.want)
			}
		})
	}
	if ok, err := New(nil, Options{}).Allowed(ctx, "", "1", ""); !ok || err != nil {
		t.Errorf("DM: %v %v", ok, err)
	}
}

func TestAuto(t *testing.T) {
	set := Settings{Channels: map[string]Rule{"forum": RuleAuto, "quiet": RuleDeny, "post-denied": RuleDeny, "chan": RuleAllow}}
	for _, c := range []struct {
		channel, parent string
		want            bool
	}{
		{"forum", "", true},
		{"post", "forum", true},         // a post inherits its forum's rule
		{"post-denied", "forum", false}, // its own rule wins
		{"chan", "", false},
		{"other", "", false},
		{"quiet", "", false},
	} {
		if got := set.Auto(c.channel, c.parent); got != c.want {
			t.Errorf("Auto(%s, %s) = %v, want %v", c.channel, c.parent, got, c.want)
		}
	}
}

func TestValidation(t *testing.T) {
	ctx := context.Background()
	s := New(newMem(), Options{})
	minute := time.Minute
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"guild id not numeric", s.SetChannel(ctx, "abc", "1", RuleDeny), `guild id "abc" is not numeric`},
		{"channel mention", s.SetChannel(ctx, g, "<#123>", RuleDeny), `channel id "<#123>" is not numeric`},
		{"empty channel", s.SetChannel(ctx, g, "", RuleDeny), "empty channel id"},
		{"too long", s.SetChannel(ctx, g, "123456789012345678901", RuleDeny), "too long"},
		{"unknown rule", s.SetChannel(ctx, g, "1", "maybe"), `rule must be "allow", "deny", "auto" or empty, got "maybe"`},
		{"rate zero", s.SetUserLimit(ctx, g, state.Limit{Rate: 0, Burst: 1, Period: minute}), "rate must be between 1 and 1000 per period, got 0"},
		{"rate huge", s.SetGuildLimit(ctx, g, state.Limit{Rate: 5000, Burst: 1, Period: minute}), "got 5000"},
		{"burst over rate", s.SetUserLimit(ctx, g, state.Limit{Rate: 5, Burst: 6, Period: minute}), "burst must be between 0 and the rate (5), got 6"},
		{"period tiny", s.SetUserLimit(ctx, g, state.Limit{Rate: 5, Burst: 1, Period: time.Millisecond}), "period must be between 1s and 24h0m0s, got 1ms"},
		{"role id", s.SetEducatorRole(ctx, g, "teachers", true), `role id "teachers" is not numeric`},
		// @everyone's id is the guild's, and Discord never lists it among
		// a member's roles: stored, it would make no one an educator.
		{"@everyone", s.SetEducatorRole(ctx, g, g, true), "@everyone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, ErrInvalid) || !strings.Contains(tt.err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrInvalid with %q", tt.err, tt.want)
			}
		})
	}
	// Nothing invalid was stored.
	got, err := s.Get(ctx, g)
	if err != nil || len(got.Channels) != 0 || got.UserLimit.Rate != 0 || got.GuildLimit.Rate != 0 {
		t.Errorf("after invalid input: %+v, %v", got, err)
	}
}

func TestCache(t *testing.T) {
	ctx := context.Background()
	st := newMem()
	clock := time.Unix(1_700_000_000, 0)
	// Two processes sharing one storage.
	a := New(st, Options{})
	other := New(st, Options{CacheTTL: 5 * time.Second})
	other.now = func() time.Time { return clock }

	if ok, _ := other.Allowed(ctx, g, "300", ""); !ok {
		t.Fatal("default should allow")
	}
	if err := a.SetChannel(ctx, g, "300", RuleDeny); err != nil {
		t.Fatal(err)
	}
	// The writer sees its change at once: its setter invalidated its copy.
	if ok, _ := a.Allowed(ctx, g, "300", ""); ok {
		t.Error("writer still allows after its own deny")
	}
	// The other process serves its copy until it expires…
	if ok, _ := other.Allowed(ctx, g, "300", ""); !ok {
		t.Error("cached copy should still allow within the TTL")
	}
	clock = clock.Add(5 * time.Second)
	if ok, _ := other.Allowed(ctx, g, "300", ""); ok {
		t.Error("expired copy not refreshed")
	}
	// …or until told.
	if err := a.SetChannel(ctx, g, "300", RuleNone); err != nil {
		t.Fatal(err)
	}
	other.Invalidate(g)
	if ok, _ := other.Allowed(ctx, g, "300", ""); !ok {
		t.Error("invalidated copy not refreshed")
	}

	// Callers cannot corrupt the cache through the returned maps.
	got, _ := other.Get(ctx, g)
	if got.Channels == nil {
		got.Channels = map[string]Rule{}
	}
	got.Channels["300"] = RuleDeny
	if ok, _ := other.Allowed(ctx, g, "300", ""); !ok {
		t.Error("mutating a returned Settings changed the cache")
	}
}

// gatedStorage reads at once but holds every reply until released, and
// counts the reads.
type gatedStorage struct {
	*memStorage
	reads   atomic.Int32
	started chan struct{}
	release chan struct{}
}

func (s *gatedStorage) Fields(ctx context.Context, guildID string) (map[string]string, error) {
	fields, err := s.memStorage.Fields(ctx, guildID)
	if s.reads.Add(1) == 1 {
		close(s.started)
	}
	<-s.release
	return fields, err
}

// Gets that miss the cache together share one read; a Get after a write
// does not join a read that began before it.
func TestConcurrentMissesShareOneRead(t *testing.T) {
	ctx := context.Background()
	st := &gatedStorage{memStorage: newMem(), started: make(chan struct{}), release: make(chan struct{})}
	s := New(st, Options{})
	var wg sync.WaitGroup
	got := make([]Settings, 50)
	errs := make([]error, 50)
	wg.Go(func() { got[0], errs[0] = s.Get(ctx, g) })
	<-st.started
	for i := 1; i < len(got); i++ {
		wg.Go(func() { got[i], errs[i] = s.Get(ctx, g) })
	}
	// Let the 49 join the read in flight before it returns.
	time.Sleep(20 * time.Millisecond)
	// A write now: the Get after it must read anew and see it.
	st.memStorage.Set(ctx, g, fieldPrivate, "1")
	s.Invalidate(g)
	var after Settings
	var afterErr error
	wg.Go(func() { after, afterErr = s.Get(ctx, g) })
	time.Sleep(20 * time.Millisecond)
	close(st.release)
	wg.Wait()
	if n := st.reads.Load(); n != 2 {
		t.Errorf("reads = %d, want 2 (one shared by the 50 Gets before the write, one after it)", n)
	}
	for i := range got {
		if errs[i] != nil || got[i].PrivateByDefault {
			t.Fatalf("Get %d before the write = %+v, %v", i, got[i], errs[i])
		}
	}
	if afterErr != nil || !after.PrivateByDefault {
		t.Errorf("Get after the write = %+v, %v; want the write seen", after, afterErr)
	}
}

// One caller giving up does not fail the read the others share.
func TestSharedReadOutlivesACancelledCaller(t *testing.T) {
	st := &gatedStorage{memStorage: newMem(), started: make(chan struct{}), release: make(chan struct{})}
	st.memStorage.Set(context.Background(), g, fieldPrivate, "1")
	s := New(st, Options{})
	impatient, cancel := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		_, err := s.Get(impatient, g)
		firstErr <- err
	}()
	<-st.started
	var got Settings
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		got, err = s.Get(context.Background(), g)
	}()
	time.Sleep(20 * time.Millisecond) // the second joins the read in flight
	cancel()
	select {
	case e := <-firstErr:
		if !errors.Is(e, context.Canceled) {
			t.Errorf("the cancelled caller got %v, want context.Canceled", e)
		}
	case <-time.After(2 * time.Second):
		t.Error("the cancelled caller still waits for the shared read")
	}
	close(st.release)
	<-done
	if err != nil || !got.PrivateByDefault || st.reads.Load() != 1 {
		t.Errorf("the patient caller got %+v, %v after %d reads; want the settings from the one shared read", got, err, st.reads.Load())
	}
}

// SetLimits checks every setting before it writes, and writes them all
// at once: an invalid one saves none.
func TestSetLimitsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := New(newMem(), Options{})
	user, bad, private := state.Limit{Rate: 5, Burst: 5, Period: time.Minute}, state.Limit{Rate: 5000, Burst: 1, Period: time.Minute}, true
	if err := s.SetLimits(ctx, g, LimitsChange{User: &user, Guild: &bad, Private: &private}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	if got, err := s.Get(ctx, g); err != nil || got.UserLimit.Rate != 0 || got.PrivateByDefault {
		t.Errorf("after an invalid server limit: %+v, %v; want nothing saved", got, err)
	}
	guildLimit := state.Limit{Rate: 30, Burst: 10, Period: time.Hour}
	if err := s.SetLimits(ctx, g, LimitsChange{User: &user, Guild: &guildLimit, Private: &private}); err != nil {
		t.Fatal(err)
	}
	zero := state.Limit{}
	if err := s.SetLimits(ctx, g, LimitsChange{User: &zero}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, g)
	if err != nil || got.UserLimit.Rate != 0 || got.GuildLimit != guildLimit || !got.PrivateByDefault {
		t.Errorf("got %+v, %v; want the member limit back to the default, the rest kept", got, err)
	}
}
