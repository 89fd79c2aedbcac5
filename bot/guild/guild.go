// Package guild keeps each guild's moderator settings: where the bot
// answers, how much members may ask, whether answers are private by
// default, and which roles are educators. It knows nothing of Discord
// beyond the shape of its ids (decimal snowflakes).
//
// A guild's settings are one record of fields (Storage; a Redis hash in
// redisstore.Guilds), so every setter changes its fields atomically (all
// or none) and Get is one read. Get is cached in memory for
// Options.CacheTTL, because it runs on every message; a setter invalidates
// this process's copy at once, and other processes sharing the Redis see
// the change within CacheTTL.
package guild

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/briefbot/briefbot/bot/state"
)

// DefaultCacheTTL is how long Get trusts its copy by default.
const DefaultCacheTTL = 5 * time.Second

// Options configures a Store. The zero value means the defaults.
type Options struct {
	CacheTTL time.Duration // how long Get trusts its copy; default DefaultCacheTTL, negative disables
}

// Storage keeps each guild's settings as a record of string fields;
// redisstore.Guilds is the real one. Each call is atomic.
type Storage interface {
	// Fields returns guildID's fields; none for a guild never set.
	Fields(ctx context.Context, guildID string) (map[string]string, error)
	// Update sets the fields of set and deletes those named in unset,
	// all in one atomic write: all of them or none.
	Update(ctx context.Context, guildID string, set map[string]string, unset []string) error
	// Clear deletes every field.
	Clear(ctx context.Context, guildID string) error
}

// Rule is a moderator's decision about one channel or thread.
type Rule string

// Rules. RuleNone clears a rule, so the channel follows its parent or the
// guild's default again.
const (
	RuleNone  Rule = ""
	RuleAllow Rule = "allow"
	RuleDeny  Rule = "deny"
	// RuleAuto answers every question there without a mention: each
	// question-like message in a channel, each new post in a forum, gets
	// its answer in a thread of its own. It allows the channel too, but
	// does not make the guild's rules an allow-list.
	RuleAuto Rule = "auto"
)

// Settings are one guild's settings. The zero value is the default: answer
// everywhere, default limits, public answers, no educator roles.
type Settings struct {
	// Channels maps channel and thread ids to their rule.
	Channels map[string]Rule
	// UserLimit and GuildLimit override the bot's default limits; a zero
	// Limit (Rate 0) means "use the default", not "unlimited".
	UserLimit  state.Limit
	GuildLimit state.Limit
	// PrivateByDefault makes answers visible to the asker only unless
	// they ask otherwise.
	PrivateByDefault bool
	// EducatorRoles are the role ids that may run sessions and quizzes,
	// sorted.
	EducatorRoles []string
}

// Allowed reports whether the bot answers in channelID, whose parent is
// parentID (the channel a thread belongs to; empty for a channel).
//
// A rule on the channel or thread itself wins; a thread without one
// inherits its parent's. With no rule that applies: if the guild allows
// any channel explicitly, the allowed channels are the only ones (an
// allow-list), otherwise the bot answers everywhere.
func (s Settings) Allowed(channelID, parentID string) bool {
	if r, ok := s.rule(channelID, parentID); ok {
		return r == RuleAllow || r == RuleAuto
	}
	for _, r := range s.Channels {
		if r == RuleAllow {
			return false
		}
	}
	return true
}

// Auto reports whether the bot answers every question in channelID (whose
// parent is parentID): the rule that applies there is RuleAuto.
func (s Settings) Auto(channelID, parentID string) bool {
	r, ok := s.rule(channelID, parentID)
	return ok && r == RuleAuto
}

// AnyAuto reports whether any channel is set to RuleAuto.
func (s Settings) AnyAuto() bool {
	for _, r := range s.Channels {
		if r == RuleAuto {
			return true
		}
	}
	return false
}

// rule is the rule that applies in channelID: its own, else its parent's.
func (s Settings) rule(channelID, parentID string) (Rule, bool) {
	if r, ok := s.Channels[channelID]; ok {
		return r, true
	}
	if r, ok := s.Channels[parentID]; ok && parentID != "" {
		return r, true
	}
	return RuleNone, false
}

// Limits returns def with this guild's overrides applied.
func (s Settings) Limits(def state.Limits) state.Limits {
	if s.UserLimit.Rate > 0 {
		def.User = s.UserLimit
	}
	if s.GuildLimit.Rate > 0 {
		def.Guild = s.GuildLimit
	}
	return def
}

// IsEducator reports whether any of roleIDs is an educator role.
func (s Settings) IsEducator(roleIDs []string) bool {
	for _, r := range roleIDs {
		if slices.Contains(s.EducatorRoles, r) {
			return true
		}
	}
	return false
}

// clone copies the map and slice so that a cached Settings can be handed
// out without callers sharing (and racing on) its innards.
func (s Settings) clone() Settings {
	s.Channels = maps.Clone(s.Channels)
	s.EducatorRoles = slices.Clone(s.EducatorRoles)
	return s
}

// Store reads and writes guild settings.
type Store struct {
	st       Storage
	cacheTTL time.Duration
	now      func() time.Time

	mu    sync.Mutex
	cache map[string]cached
	// gen counts invalidations per guild, so that a Get whose read raced
	// with a write does not cache what it read before the write.
	gen map[string]uint64
	// reads shares one read among the Gets of a guild that miss the cache
	// together: a burst of questions from one server is one round trip.
	reads singleflight.Group
}

type cached struct {
	s       Settings
	expires time.Time
}

// New returns a Store over st.
func New(st Storage, o Options) *Store {
	s := &Store{st: st, cacheTTL: o.CacheTTL, now: time.Now, cache: map[string]cached{}, gen: map[string]uint64{}}
	if s.cacheTTL == 0 {
		s.cacheTTL = DefaultCacheTTL
	}
	return s
}

// Fields. Channel rules and educator roles are one field each, so
// that setting one never rewrites (and races with) the others.
const (
	fieldUserLimit  = "limit:user"
	fieldGuildLimit = "limit:guild"
	fieldPrivate    = "private"
	prefixChannel   = "ch:"
	prefixEducator  = "edu:"
)

// Get returns guildID's settings, from memory when fetched less than
// CacheTTL ago.
func (s *Store) Get(ctx context.Context, guildID string) (Settings, error) {
	if err := checkID("get", "guild", guildID); err != nil {
		return Settings{}, err
	}
	now := s.now()
	s.mu.Lock()
	c, ok := s.cache[guildID]
	gen := s.gen[guildID]
	s.mu.Unlock()
	if ok && now.Before(c.expires) {
		return c.s.clone(), nil
	}
	// A Get after a write joins no read that began before it (the key
	// holds the generation), so a moderator's change is seen at once.
	// The read is shared, so no one caller's cancellation ends it for the
	// others: it has a bound of its own, and each caller waits for it
	// only as long as its own context lets it.
	reply := s.reads.DoChan(guildID+"/"+strconv.FormatUint(gen, 10), func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedReadTimeout)
		defer cancel()
		fields, err := s.st.Fields(ctx, guildID)
		if err != nil {
			return nil, err
		}
		set, err := decode(fields)
		if err != nil {
			return nil, err
		}
		if s.cacheTTL > 0 {
			s.mu.Lock()
			if s.gen[guildID] == gen {
				s.cache[guildID] = cached{s: set, expires: now.Add(s.cacheTTL)}
			}
			s.mu.Unlock()
		}
		return set, nil
	})
	select {
	case r := <-reply:
		if r.Err != nil {
			return Settings{}, fmt.Errorf("guild: get %s: %w", guildID, r.Err)
		}
		return r.Val.(Settings).clone(), nil
	case <-ctx.Done():
		return Settings{}, fmt.Errorf("guild: get %s: %w", guildID, ctx.Err())
	}
}

// sharedReadTimeout bounds a read of a guild's settings that callers
// share; each caller's own context bounds its wait.
const sharedReadTimeout = 2 * time.Second

func decode(fields map[string]string) (Settings, error) {
	var set Settings
	for f, v := range fields {
		switch {
		case strings.HasPrefix(f, prefixChannel):
			if set.Channels == nil {
				set.Channels = map[string]Rule{}
			}
			set.Channels[strings.TrimPrefix(f, prefixChannel)] = Rule(v)
		case strings.HasPrefix(f, prefixEducator):
			set.EducatorRoles = append(set.EducatorRoles, strings.TrimPrefix(f, prefixEducator))
		case f == fieldPrivate:
			set.PrivateByDefault = v == "1"
		case f == fieldUserLimit, f == fieldGuildLimit:
			var l state.Limit
			if err := json.Unmarshal([]byte(v), &l); err != nil {
				return Settings{}, fmt.Errorf("decode %s: %w", f, err)
			}
			if f == fieldUserLimit {
				set.UserLimit = l
			} else {
				set.GuildLimit = l
			}
		}
	}
	slices.Sort(set.EducatorRoles)
	return set, nil
}

// Allowed reports whether the bot answers in channelID (a thread's parent
// is parentID) in guildID; see Settings.Allowed. An empty guildID (a DM)
// is always allowed.
func (s *Store) Allowed(ctx context.Context, guildID, channelID, parentID string) (bool, error) {
	if guildID == "" {
		return true, nil
	}
	set, err := s.Get(ctx, guildID)
	if err != nil {
		return false, err
	}
	return set.Allowed(channelID, parentID), nil
}

// Invalidate drops this process's cached copy of guildID's settings.
// Setters call it themselves.
func (s *Store) Invalidate(guildID string) {
	s.mu.Lock()
	delete(s.cache, guildID)
	s.gen[guildID]++
	s.mu.Unlock()
}
