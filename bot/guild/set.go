package guild

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/briefbot/briefbot/bot/state"
)

// Bounds on a guild's limits. They keep a typo ("10000 a second") from
// switching the limiter off in effect, and a period of a day is the
// longest a member would understand as a rate.
const (
	MaxRate   = 1000
	MinPeriod = time.Second
	MaxPeriod = 24 * time.Hour
)

// SetChannel sets the rule for a channel or thread; RuleNone clears it.
func (s *Store) SetChannel(ctx context.Context, guildID, channelID string, r Rule) error {
	if err := checkIDs("set channel", guildID, "channel", channelID); err != nil {
		return err
	}
	field := prefixChannel + channelID
	switch r {
	case RuleNone:
		return s.write(ctx, "set channel", guildID, func(p redis.Pipeliner, key string) { p.HDel(ctx, key, field) })
	case RuleAllow, RuleDeny:
		return s.write(ctx, "set channel", guildID, func(p redis.Pipeliner, key string) { p.HSet(ctx, key, field, string(r)) })
	}
	return invalid("set channel", fmt.Sprintf("rule must be %q, %q or empty, got %q", RuleAllow, RuleDeny, r))
}

// SetUserLimit sets how many questions each member may ask; the zero
// Limit restores the default.
func (s *Store) SetUserLimit(ctx context.Context, guildID string, l state.Limit) error {
	return s.setLimit(ctx, "set user limit", guildID, fieldUserLimit, l)
}

// SetGuildLimit sets how many questions the whole guild may ask; the zero
// Limit restores the default.
func (s *Store) SetGuildLimit(ctx context.Context, guildID string, l state.Limit) error {
	return s.setLimit(ctx, "set guild limit", guildID, fieldGuildLimit, l)
}

func (s *Store) setLimit(ctx context.Context, op, guildID, field string, l state.Limit) error {
	if err := checkID(op, "guild", guildID); err != nil {
		return err
	}
	if l == (state.Limit{}) {
		return s.write(ctx, op, guildID, func(p redis.Pipeliner, key string) { p.HDel(ctx, key, field) })
	}
	if err := checkLimit(op, l); err != nil {
		return err
	}
	data, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("guild: %s: %w", op, err)
	}
	return s.write(ctx, op, guildID, func(p redis.Pipeliner, key string) { p.HSet(ctx, key, field, data) })
}

func checkLimit(op string, l state.Limit) error {
	switch {
	case l.Rate < 1 || l.Rate > MaxRate:
		return invalid(op, fmt.Sprintf("rate must be between 1 and %d per period, got %d", MaxRate, l.Rate))
	case l.Burst < 0 || l.Burst > l.Rate:
		return invalid(op, fmt.Sprintf("burst must be between 0 and the rate (%d), got %d", l.Rate, l.Burst))
	case l.Period < MinPeriod || l.Period > MaxPeriod:
		return invalid(op, fmt.Sprintf("period must be between %s and %s, got %s", MinPeriod, MaxPeriod, l.Period))
	}
	return nil
}

// SetPrivateByDefault sets whether answers are private unless asked
// otherwise.
func (s *Store) SetPrivateByDefault(ctx context.Context, guildID string, private bool) error {
	if err := checkID("set private", "guild", guildID); err != nil {
		return err
	}
	v := "0"
	if private {
		v = "1"
	}
	return s.write(ctx, "set private", guildID, func(p redis.Pipeliner, key string) { p.HSet(ctx, key, fieldPrivate, v) })
}

// SetEducatorRole adds (on) or removes (off) an educator role.
func (s *Store) SetEducatorRole(ctx context.Context, guildID, roleID string, on bool) error {
	if err := checkIDs("set educator role", guildID, "role", roleID); err != nil {
		return err
	}
	field := prefixEducator + roleID
	return s.write(ctx, "set educator role", guildID, func(p redis.Pipeliner, key string) {
		if on {
			p.HSet(ctx, key, field, "1")
		} else {
			p.HDel(ctx, key, field)
		}
	})
}

// Reset deletes all of guildID's settings, back to the defaults.
func (s *Store) Reset(ctx context.Context, guildID string) error {
	if err := checkID("reset", "guild", guildID); err != nil {
		return err
	}
	return s.write(ctx, "reset", guildID, func(p redis.Pipeliner, key string) { p.Del(ctx, key) })
}

// write runs one change under the deadline and invalidates the cache
// whatever the outcome: after an error we cannot know whether Redis
// applied the change, so the next Get must ask it.
func (s *Store) write(ctx context.Context, op, guildID string, f func(p redis.Pipeliner, key string)) error {
	defer s.Invalidate(guildID)
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		f(p, s.key(guildID))
		return nil
	})
	if err != nil {
		return fmt.Errorf("guild: %s %s: %w", op, guildID, err)
	}
	return nil
}
