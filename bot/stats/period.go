package stats

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

// Period is how far back a report looks; the zero Period is all time.
type Period struct {
	d    time.Duration
	name string
}

// PeriodAll covers every recorded event.
var PeriodAll = Period{name: "all"}

// DefaultPeriod is what an empty period means: the last seven days.
var DefaultPeriod = Period{d: 7 * 24 * time.Hour, name: "7d"}

// Bounds on a period; the log is capped anyway, and a year covers it.
const maxPeriod = 366 * 24 * time.Hour

// ParsePeriod reads "24h", "7d", "30d", "2w" (hours, days, weeks: a
// whole number and a unit), "all", or "" for DefaultPeriod.
func ParsePeriod(s string) (Period, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "":
		return DefaultPeriod, nil
	case "all":
		return PeriodAll, nil
	}
	bad := state.Invalid("stats", fmt.Sprintf("period %q: want a number of hours, days or weeks (24h, 7d, 30d, 2w) or all", s))
	if len(s) < 2 {
		return Period{}, bad
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 1 {
		return Period{}, bad
	}
	var unit time.Duration
	switch s[len(s)-1] {
	case 'h':
		unit = time.Hour
	case 'd':
		unit = 24 * time.Hour
	case 'w':
		unit = 7 * 24 * time.Hour
	default:
		return Period{}, bad
	}
	if n > int(maxPeriod/unit) {
		return Period{}, state.Invalid("stats", fmt.Sprintf("period %q: longer than a year; use all", s))
	}
	return Period{d: time.Duration(n) * unit, name: strconv.Itoa(n) + s[len(s)-1:]}, nil
}

// Since returns the start of the period ending at now; zero for all time.
func (p Period) Since(now time.Time) time.Time {
	if p.d == 0 {
		return time.Time{}
	}
	return now.Add(-p.d)
}

// Duration is the period's length; zero for all time.
func (p Period) Duration() time.Duration { return p.d }

// String returns the period as ParsePeriod reads it.
func (p Period) String() string {
	if p.name == "" {
		return "all"
	}
	return p.name
}
