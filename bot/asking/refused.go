package asking

import (
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

// refusedUntil remembers, for a while, whom the rate limiter refused and
// until when: an asker (in a guild) or a whole guild. Screen tells an
// asker who asks again meanwhile at once, so that an interaction is
// refused privately before it is acknowledged, rather than acknowledged
// with a public "thinking…" that is then deleted: a member hammering
// /ask would otherwise make bot messages flash in the channel, the very
// thing the limit is there to stop. It only repeats a refusal the
// limiter gave; the limiter, in Redis, stays the judge of everything
// else, and other processes learn on their own.
type refusedUntil struct {
	mu    sync.Mutex
	until map[string]refusedEntry
}

type refusedEntry struct {
	until time.Time
	scope string
}

// refusedKeep caps the entries kept; past it, expired ones are dropped.
const refusedKeep = 4096

func refusedKeys(guildID, userID string) (user, guild string) {
	return "u/" + guildID + "/" + userID, "g/" + guildID
}

// note remembers a refusal of the limiter; fresh is false when the asker
// was refused moments ago, by the same limit or their guild's (questions
// asked at once, each refused by the limiter before any was remembered).
// A refusal by the guild's limit is remembered for the guild (Screen
// refuses its other members at once) and for the asker (told): each
// member is told once.
func (r *refusedUntil) note(guildID, userID string, d state.Decision, now time.Time) (fresh bool) {
	user, guild := refusedKeys(guildID, userID)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.until == nil {
		r.until = map[string]refusedEntry{}
	}
	if len(r.until) >= refusedKeep-1 {
		for k, v := range r.until {
			if !now.Before(v.until) {
				delete(r.until, k)
			}
		}
	}
	fresh = !now.Before(r.until[user].until)
	e := refusedEntry{until: now.Add(d.RetryAfter), scope: d.Scope}
	if d.Scope == state.ScopeGuild {
		r.putLocked(guild, e)
	}
	r.putLocked(user, e)
	return fresh
}

// putLocked remembers e under key while there is room.
func (r *refusedUntil) putLocked(key string, e refusedEntry) {
	if _, ok := r.until[key]; ok || len(r.until) < refusedKeep {
		r.until[key] = e
	}
}

// check returns the refusal still running for an asker or their guild;
// Again says the asker was told of it already (a guild's refusal is new
// to each of its members once).
func (r *refusedUntil) check(guildID, userID string, now time.Time) (*Refusal, bool) {
	user, guild := refusedKeys(guildID, userID)
	r.mu.Lock()
	defer r.mu.Unlock()
	if v, ok := r.until[user]; ok {
		if now.Before(v.until) {
			return &Refusal{Reason: RateLimited, RetryAfter: v.until.Sub(now), Scope: v.scope, Again: true}, true
		}
		delete(r.until, user)
	}
	if v, ok := r.until[guild]; ok {
		if now.Before(v.until) {
			r.putLocked(user, v)
			return &Refusal{Reason: RateLimited, RetryAfter: v.until.Sub(now), Scope: v.scope}, true
		}
		delete(r.until, guild)
	}
	return nil, false
}
