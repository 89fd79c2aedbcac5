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
