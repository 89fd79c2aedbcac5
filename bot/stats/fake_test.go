package stats

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot/state"
)

// memLog is a Log in memory; redisstore tests the Redis one.
type memLog struct {
	mu     sync.Mutex
	events map[string][]Event
}

func (m *memLog) Append(_ context.Context, e Event, keep int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.events == nil {
		m.events = map[string][]Event{}
	}
	all := append(m.events[e.GuildID], e)
	slices.SortStableFunc(all, func(a, b Event) int { return int(a.At.UnixMilli() - b.At.UnixMilli()) })
	m.events[e.GuildID] = all[max(0, len(all)-keep):]
	return nil
}

func (m *memLog) Events(_ context.Context, guildID string, since time.Time) ([]Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Event
	for _, e := range m.events[guildID] {
		if since.IsZero() || e.At.UnixMilli() >= since.UnixMilli() {
			out = append(out, e)
		}
	}
	return out, nil
}

// memFeedback keeps votes in memory, one per user and answer.
type memFeedback struct{ votes []state.Vote }

func (m *memFeedback) Record(_ context.Context, v state.Vote) error {
	m.votes = slices.DeleteFunc(m.votes, func(o state.Vote) bool {
		return o.GuildID == v.GuildID && o.UserID == v.UserID && o.AnswerID == v.AnswerID
	})
	m.votes = append(m.votes, v)
	slices.SortStableFunc(m.votes, func(a, b state.Vote) int { return a.At.Compare(b.At) })
	return nil
}

func (m *memFeedback) Counts(_ context.Context, guildID string) (up, down int, err error) {
	for _, v := range m.votes {
		switch {
		case v.GuildID != guildID:
		case v.Up:
			up++
		default:
			down++
		}
	}
	return up, down, nil
}

func (m *memFeedback) List(_ context.Context, guildID string, since time.Time) ([]state.Vote, error) {
	var out []state.Vote
	for _, v := range m.votes {
		if v.GuildID == guildID && !v.At.Before(since) {
			out = append(out, v)
		}
	}
	return out, nil
}
