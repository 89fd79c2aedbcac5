package stats

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/briefbot/briefbot/bot/similar"
	"github.com/briefbot/briefbot/bot/state"
)

// ErrInvalid is state.ErrInvalid, so that the edge maps every store's bad
// input to one friendly message.
var ErrInvalid = state.ErrInvalid

// Report sizes and grouping.
const (
	// TopN bounds each list in a report: enough for a moderator to act
	// on, small enough for one message.
	TopN = 10
	// MaxVariants bounds the other wordings listed for a group.
	MaxVariants = 5
	// UncoveredSimilarity is the content-word Jaccard at or above which
	// two refused questions are one group (with the same numbers and
	// negations; see similar.Near). Lower than for approved answers:
	// here a wrong merge only blurs a count.
	UncoveredSimilarity = 0.6
)

// Report is what moderators see about one guild over one period.
type Report struct {
	GuildID   string
	Since     time.Time // zero: all recorded events
	Generated time.Time
	// From is the oldest event counted when the log held no more (it
	// keeps the newest Options.MaxEvents): questions asked in the period
	// before it may have been dropped, and the report covers From onwards
	// only. The log does not record whether it dropped any, nor when they
	// were asked, so a full log whose every event is in the period sets
	// it: the report then says where its count starts, not that anything
	// is missing. Zero when the period is known whole.
	From time.Time

	Asked    int // questions recorded
	Answered int // Asked - Refused
	Refused  int // the briefings did not cover them
	Askers   int // distinct members who asked
	Up, Down int // votes cast in the period (all votes when Since is zero)

	Modes     []Count // answered questions by answer mode, most first
	Top       []Group // most asked questions, equal after normalisation
	Uncovered []Group // refused questions, near-identical ones together
	Disliked  []Group // questions whose answers were voted down
	Channels  []Count // busiest channels
}

// Group is one question and how often it (or a wording of it) came.
type Group struct {
	Question string    // the most frequent wording
	Count    int       // times asked (or down-voted, in Disliked)
	Variants []string  // other wordings, most frequent first, at most MaxVariants
	Last     time.Time // latest time asked
}

// Count is a key (channel id, mode) and a number.
type Count struct {
	Key string
	N   int
}

// Report builds guildID's report from the events (and votes) at or after
// since; a zero since means everything recorded. Each read has the
// store's deadline.
func (s *Store) Report(ctx context.Context, guildID string, since time.Time) (Report, error) {
	events, err := s.log.Events(ctx, guildID, since)
	if err != nil {
		return Report{}, err
	}
	r := build(events, since)
	r.GuildID, r.Generated = guildID, s.now().UTC()
	// Every event kept is in the period, and the log is full: older ones
	// in the period may have been dropped, so the report says where it
	// starts rather than pass the newest events off as the whole period
	// (msgAdminStatsFrom says where the count starts, true either way).
	if len(events) > 0 && len(events) >= s.maxEvents {
		r.From = events[0].At.UTC()
	}
	if s.fb == nil {
		return r, nil
	}
	votes, err := s.fb.List(ctx, guildID, since)
	if err != nil {
		return Report{}, fmt.Errorf("stats: report votes: %w", err)
	}
	if since.IsZero() {
		// O(1) and exact even for votes whose time was lost.
		if r.Up, r.Down, err = s.fb.Counts(ctx, guildID); err != nil {
			return Report{}, fmt.Errorf("stats: report votes: %w", err)
		}
	} else {
		for _, v := range votes {
			if v.Up {
				r.Up++
			} else {
				r.Down++
			}
		}
	}
	var down []asked
	for _, v := range votes {
		if !v.Up && v.Question != "" {
			down = append(down, asked{v.Question, v.At})
		}
	}
	r.Disliked = top(byKey(down), TopN)
	return r, nil
}

// asked is one question and when.
type asked struct {
	q  string
	at time.Time
}

func build(events []Event, since time.Time) Report {
	r := Report{Since: since.UTC()}
	if since.IsZero() {
		r.Since = time.Time{}
	}
	users := map[string]bool{}
	modes := map[string]int{}
	channels := map[string]int{}
	var all, refused []asked
	for _, e := range events {
		r.Asked++
		users[e.UserID] = true
		if e.ChannelID != "" {
			channels[e.ChannelID]++
		}
		all = append(all, asked{e.Question, e.At})
		if e.Refused {
			r.Refused++
			refused = append(refused, asked{e.Question, e.At})
		} else if e.Mode != "" {
			modes[e.Mode]++
		}
	}
	r.Answered = r.Asked - r.Refused
	r.Askers = len(users)
	r.Modes = counts(modes, 0)
	r.Channels = counts(channels, TopN)
	r.Top = top(byKey(all), TopN)
	r.Uncovered = top(merge(byKey(refused), UncoveredSimilarity), TopN)
	return r
}

// keyed is the questions sharing one normalised key.
type keyed struct {
	key      string
	words    []string
	n        int
	last     time.Time
	wordings map[string]int
}

// byKey groups questions by similar.Key, most frequent first (ties by
// key, so reports are stable).
func byKey(qs []asked) []*keyed {
	m := map[string]*keyed{}
	var out []*keyed
	for _, q := range qs {
		k := similar.Key(q.q)
		if k == "" {
			continue
		}
		g := m[k]
		if g == nil {
			g = &keyed{key: k, words: similar.Words(q.q), wordings: map[string]int{}}
			m[k] = g
			out = append(out, g)
		}
		g.n++
		g.wordings[q.q]++
		if q.at.After(g.last) {
			g.last = q.at
		}
	}
	slices.SortFunc(out, func(a, b *keyed) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.key, b.key))
	})
	return out
}

// merge folds each key group into the first (more frequent) group it is
// near, compared by the first group's words: greedy and order-dependent,
// but stable and linear in groups × clusters, which a report can afford.
func merge(gs []*keyed, min float64) []*keyed {
	var out []*keyed
next:
	for _, g := range gs {
		for _, c := range out {
			if similar.Near(c.key, c.words, g.key, g.words, min) {
				c.n += g.n
				for w, n := range g.wordings {
					c.wordings[w] += n
				}
				if g.last.After(c.last) {
					c.last = g.last
				}
				continue next
			}
		}
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(a, b *keyed) int { return cmp.Compare(b.n, a.n) })
	return out
}

func top(gs []*keyed, n int) []Group {
	var out []Group
	for _, g := range gs[:min(n, len(gs))] {
		type wc struct {
			w string
			n int
		}
		var ws []wc
		for w, n := range g.wordings {
			ws = append(ws, wc{w, n})
		}
		slices.SortFunc(ws, func(a, b wc) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.w, b.w)) })
		grp := Group{Question: ws[0].w, Count: g.n, Last: g.last.UTC()}
		for _, w := range ws[1:min(len(ws), MaxVariants+1)] {
			grp.Variants = append(grp.Variants, w.w)
		}
		out = append(out, grp)
	}
	return out
}

func counts(m map[string]int, n int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{k, v})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Key, b.Key)) })
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}
