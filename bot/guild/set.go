package guild

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

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
		return s.write("set channel", guildID, s.st.Update(ctx, guildID, nil, []string{field}))
	case RuleAllow, RuleDeny, RuleAuto:
		return s.write("set channel", guildID, s.st.Update(ctx, guildID, map[string]string{field: string(r)}, nil))
	}
	return invalid("set channel", fmt.Sprintf("rule must be %q, %q, %q or empty, got %q", RuleAllow, RuleDeny, RuleAuto, r))
}

// LimitsChange is a change to a guild's limits and private default, saved
// by SetLimits all at once. A nil field leaves that setting as it is; a
// zero Limit restores the default.
type LimitsChange struct {
	User    *state.Limit
	Guild   *state.Limit
	Private *bool
}

// SetLimits checks every setting of c, then saves them all in one write:
// when it fails, none is saved (an invalid limit saves none either).
func (s *Store) SetLimits(ctx context.Context, guildID string, c LimitsChange) error {
	const op = "set limits"
	if err := checkID(op, "guild", guildID); err != nil {
		return err
	}
	set := map[string]string{}
	var unset []string
	for _, f := range []struct {
		field string
		l     *state.Limit
	}{{fieldUserLimit, c.User}, {fieldGuildLimit, c.Guild}} {
		switch {
		case f.l == nil:
		case *f.l == (state.Limit{}):
			unset = append(unset, f.field)
		default:
			if err := checkLimit(op, *f.l); err != nil {
				return err
			}
			data, err := json.Marshal(*f.l)
			if err != nil {
				return fmt.Errorf("guild: %s: %w", op, err)
			}
			set[f.field] = string(data)
		}
	}
	if c.Private != nil {
		set[fieldPrivate] = "0"
		if *c.Private {
			set[fieldPrivate] = "1"
		}
	}
	if len(set) == 0 && len(unset) == 0 {
		return nil
	}
	return s.write(op, guildID, s.st.Update(ctx, guildID, set, unset))
}

// SetUserLimit sets how many questions each member may ask; the zero
// Limit restores the default.
func (s *Store) SetUserLimit(ctx context.Context, guildID string, l state.Limit) error {
	return s.SetLimits(ctx, guildID, LimitsChange{User: &l})
}

// SetGuildLimit sets how many questions the whole guild may ask; the zero
// Limit restores the default.
func (s *Store) SetGuildLimit(ctx context.Context, guildID string, l state.Limit) error {
	return s.SetLimits(ctx, guildID, LimitsChange{Guild: &l})
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
	return s.SetLimits(ctx, guildID, LimitsChange{Private: &private})
}

// SetEducatorRole adds (on) or removes (off) an educator role. The guild's
// @everyone role (whose id is the guild's) cannot be added.
func (s *Store) SetEducatorRole(ctx context.Context, guildID, roleID string, on bool) error {
	if err := checkIDs("set educator role", guildID, "role", roleID); err != nil {
		return err
	}
	field := prefixEducator + roleID
	if on && roleID == guildID {
		// Discord never lists @everyone among a member's roles.
		return invalid("set educator role", "@everyone cannot be an educator role, since Discord does not list it among a member's roles: "+
			"give the members who should run sessions and quizzes a role of their own, and make that role an educator role")
	}
	if on {
		return s.write("set educator role", guildID, s.st.Update(ctx, guildID, map[string]string{field: "1"}, nil))
	}
	return s.write("set educator role", guildID, s.st.Update(ctx, guildID, nil, []string{field}))
}

// Reset deletes all of guildID's settings, back to the defaults.
func (s *Store) Reset(ctx context.Context, guildID string) error {
	if err := checkID("reset", "guild", guildID); err != nil {
		return err
	}
	return s.write("reset", guildID, s.st.Clear(ctx, guildID))
}

// write takes the outcome of one write to guildID's fields and
// invalidates the cache whatever it was: after an error we cannot know
// whether the storage applied the change, so the next Get must ask it.
func (s *Store) write(op, guildID string, err error) error {
	s.Invalidate(guildID)
	if err != nil {
		return fmt.Errorf("guild: %s %s: %w", op, guildID, err)
	}
	return nil
}
