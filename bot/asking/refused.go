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

// note remembers a refusal of the limiter; fresh is false when one of the
// same scope was still running (questions asked at once, each refused by
// the limiter before any was remembered).
func (r *refusedUntil) note(guildID, userID string, d state.Decision, now time.Time) (fresh bool) {
	user, guild := refusedKeys(guildID, userID)
	key := user
	if d.Scope == state.ScopeGuild {
		key = guild
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.until == nil {
		r.until = map[string]refusedEntry{}
	}
	if len(r.until) >= refusedKeep {
		for k, v := range r.until {
			if !now.Before(v.until) {
				delete(r.until, k)
			}
		}
	}
	fresh = !now.Before(r.until[key].until)
	if len(r.until) < refusedKeep {
		r.until[key] = refusedEntry{until: now.Add(d.RetryAfter), scope: d.Scope}
	}
	return fresh
}

// check returns the refusal still running for an asker or their guild.
func (r *refusedUntil) check(guildID, userID string, now time.Time) (*Refusal, bool) {
	user, guild := refusedKeys(guildID, userID)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range []string{guild, user} {
		if v, ok := r.until[k]; ok {
			if now.Before(v.until) {
				return &Refusal{Reason: RateLimited, RetryAfter: v.until.Sub(now), Scope: v.scope, Again: true}, true
			}
			delete(r.until, k)
		}
	}
	return nil, false
}
