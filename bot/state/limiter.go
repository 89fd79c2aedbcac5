package state

import (
	"context"
	"fmt"
	"time"
)

// Scopes of a denied Decision, and of Buckets.
const (
	ScopeUser  = "user"
	ScopeGuild = "guild"
)

// Limit is a GCRA rate: Rate events per Period, of which up to Burst may
// come at once. The zero Limit (Rate 0) means no limit.
type Limit struct {
	Rate   int
	Burst  int
	Period time.Duration
}

func (l Limit) off() bool { return l.Rate <= 0 || l.Period <= 0 }

// gcra is l as a bucket's limit: a burst of 0 would deny every event.
func (l Limit) gcra() Limit {
	l.Burst = max(l.Burst, 1)
	return l
}

// Limits are the limits that apply to one question: the asker's own and
// their guild's.
type Limits struct {
	User  Limit
	Guild Limit
}

// DefaultLimits: a user may ask 5 questions a minute, 3 at once; a guild 60
// a minute.
var DefaultLimits = Limits{
	User:  Limit{Rate: 5, Burst: 3, Period: time.Minute},
	Guild: Limit{Rate: 60, Burst: 60, Period: time.Minute},
}

// Decision is the outcome of Limiter.Allow.
type Decision struct {
	Allowed bool
	// RetryAfter is how long to wait before the next attempt can pass;
	// zero when Allowed.
	RetryAfter time.Duration
	// Scope is the limit that denied: ScopeUser or ScopeGuild; empty when
	// Allowed.
	Scope string
}

// Bucket is a GCRA bucket after Buckets.Take.
type Bucket struct {
	// Allowed is how many events were taken: n, or 0 when denied.
	Allowed int
	// Remaining is how many more events could pass now, truncated.
	Remaining int
	// RetryAfter is, when denied, how long until n events could pass.
	RetryAfter time.Duration
	// ResetAfter is how long until the bucket is full again (the
	// theoretical arrival time minus now).
	ResetAfter time.Duration
}

// Buckets are GCRA buckets shared by every bot process, one per scope
// (ScopeUser, ScopeGuild) and id; redisstore.Buckets keeps them in Redis.
type Buckets interface {
	// Take takes n events from the bucket under l, atomically; n = 0
	// reports the bucket without taking anything.
	Take(ctx context.Context, scope, id string, l Limit, n int) (Bucket, error)
}

// Limiter enforces per-user and per-guild rate limits with GCRA: atomic
// per bucket, shared by every bot process, and kept across bot restarts.
// A member's limit is each guild's own; in DMs it is the user's.
type Limiter struct {
	b      Buckets
	limits Limits
}

// NewLimiter returns a Limiter whose Allow applies limits to b.
func NewLimiter(b Buckets, limits Limits) *Limiter {
	return &Limiter{b: b, limits: limits}
}

// Allow takes one event for userID in guildID under the Limiter's limits.
// guildID may be empty (a DM): then only the user limit applies.
func (l *Limiter) Allow(ctx context.Context, guildID, userID string) (Decision, error) {
	return l.AllowLimits(ctx, guildID, userID, l.limits)
}

// AllowLimits is Allow with limits for this call, e.g. a guild's own
// override.
//
// A denied event consumes nothing: the user's limit is checked without
// taking a token, then the guild's token is taken, then the user's. So a
// user over their limit cannot drain the guild's budget, and a busy guild
// does not spend its users' tokens. The cost is up to three round trips,
// and one race: if the same user's concurrent request takes their last
// token between the check and the take, the guild token is spent anyway.
// Without a guild limit to protect (a DM, or no guild limit) the check is
// left out: the user's take alone, which consumes nothing when denied,
// decides in one round trip.
func (l *Limiter) AllowLimits(ctx context.Context, guildID, userID string, lim Limits) (Decision, error) {
	if userID == "" {
		return Decision{}, invalid("limiter allow", "empty user id")
	}
	// A member's limit is each server's own (moderators set it per
	// server): their questions in one server do not spend their allowance
	// in another, nor run one server's numbers on another's counter. In
	// DMs it is the user's.
	userKey := userID
	if guildID != "" {
		userKey = guildID + ":" + userID
	}
	guildLimited := guildID != "" && !lim.Guild.off()
	if !lim.User.off() && guildLimited {
		// Cost 0 peeks: the bucket is reported without taking a token.
		// Remaining is truncated to an integer, so < 1 means one event
		// would be denied now.
		g := lim.User.gcra()
		res, err := l.b.Take(ctx, ScopeUser, userKey, g, 0)
		if err != nil {
			return Decision{}, fmt.Errorf("state: limiter check user: %w", err)
		}
		if res.Remaining < 1 {
			// With cost 0, ResetAfter is tat-now; one event passes when
			// tat-now falls to (burst-1) emission intervals.
			emission := g.Period / time.Duration(g.Rate)
			retry := res.ResetAfter - time.Duration(g.Burst-1)*emission
			return Decision{RetryAfter: max(retry, time.Millisecond), Scope: ScopeUser}, nil
		}
	}
	if guildLimited {
		res, err := l.b.Take(ctx, ScopeGuild, guildID, lim.Guild.gcra(), 1)
		if err != nil {
			return Decision{}, fmt.Errorf("state: limiter take guild: %w", err)
		}
		if res.Allowed == 0 {
			return Decision{RetryAfter: res.RetryAfter, Scope: ScopeGuild}, nil
		}
	}
	if !lim.User.off() {
		res, err := l.b.Take(ctx, ScopeUser, userKey, lim.User.gcra(), 1)
		if err != nil {
			return Decision{}, fmt.Errorf("state: limiter take user: %w", err)
		}
		if res.Allowed == 0 {
			return Decision{RetryAfter: res.RetryAfter, Scope: ScopeUser}, nil
		}
	}
	return Decision{Allowed: true}, nil
}
