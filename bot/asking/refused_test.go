package asking

import (
	"strconv"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

// The memory of refusals stays bounded: past refusedKeep entries, the
// expired are dropped, and with none expired no new one is kept.
func TestRefusedUntilStaysBounded(t *testing.T) {
	var r refusedUntil
	now := time.Unix(1_700_000_000, 0)
	short := state.Decision{RetryAfter: time.Second, Scope: state.ScopeUser}
	for i := range refusedKeep {
		r.note("g", strconv.Itoa(i), short, now)
	}
	later := now.Add(2 * time.Second)
	r.note("g", "new", short, later)
	if n := len(r.until); n != 1 {
		t.Errorf("entries after the expired were dropped = %d, want 1", n)
	}
	if _, ok := r.check("g", "new", later); !ok {
		t.Error("the new refusal was not kept")
	}
	for i := range refusedKeep {
		r.note("g", "x"+strconv.Itoa(i), short, later)
	}
	r.note("g", "over", short, later)
	if _, ok := r.check("g", "over", later); ok || len(r.until) > refusedKeep {
		t.Errorf("%d entries kept, want at most %d", len(r.until), refusedKeep)
	}
}

// A refusal is fresh when none of its scope runs: questions refused by
// the limiter at once are one refusal told once, and a refusal repeated
// from memory is a repeat (Again).
func TestRefusalsRepeatedAreAgain(t *testing.T) {
	var r refusedUntil
	now := time.Unix(1_700_000_000, 0)
	d := state.Decision{RetryAfter: time.Minute, Scope: state.ScopeUser}
	if !r.note("g", "u", d, now) {
		t.Error("the first refusal is not fresh")
	}
	if r.note("g", "u", d, now.Add(time.Second)) {
		t.Error("a second refusal while the first runs is fresh")
	}
	if !r.note("g", "other", d, now) {
		t.Error("another member's refusal is not fresh")
	}
	if ref, ok := r.check("g", "u", now.Add(2*time.Second)); !ok || !ref.Again {
		t.Errorf("a refusal from memory = %+v, want Again", ref)
	}
	if !r.note("g", "u", d, now.Add(2*time.Minute)) {
		t.Error("a refusal after the last one ran out is not fresh")
	}
}

// A guild's limit refuses all its members, and each is told once: a
// member who asks while the refusal of another member's question runs
// has not been told yet (a surface that answers only in public would
// otherwise leave every member but the first without a word).
func TestGuildRefusalIsNewToEachMember(t *testing.T) {
	var r refusedUntil
	now := time.Unix(1_700_000_000, 0)
	d := state.Decision{RetryAfter: time.Minute, Scope: state.ScopeGuild}
	if !r.note("g", "u", d, now) {
		t.Error("the first refusal is not fresh")
	}
	if !r.note("g", "v", d, now) {
		t.Error("another member's refusal by the guild's limit, from the limiter, is not fresh")
	}
	ref, ok := r.check("g", "w", now.Add(time.Second))
	if !ok || ref.Again || ref.Scope != state.ScopeGuild || ref.RetryAfter != time.Minute-time.Second {
		t.Errorf("a third member's first question = %+v, %v; want the guild's refusal, not Again", ref, ok)
	}
	for _, user := range []string{"u", "v", "w"} {
		if ref, ok := r.check("g", user, now.Add(2*time.Second)); !ok || !ref.Again {
			t.Errorf("%s asking again = %+v, %v; want Again", user, ref, ok)
		}
	}
	if _, ok := r.check("g", "w", now.Add(time.Minute)); ok {
		t.Error("refused after the guild's refusal ran out")
	}
}
