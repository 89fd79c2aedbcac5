package approved

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// memStorage is a Storage in memory, its updates one at a time;
// redisstore tests the Redis one.
type memStorage struct {
	mu      sync.Mutex
	entries map[string]map[string]Entry // guild → id → entry
	guilds  map[string]bool
	seq     sync.Map // guild → *atomic.Int64
}

func newMem() *memStorage {
	return &memStorage{entries: map[string]map[string]Entry{}, guilds: map[string]bool{}}
}

func (m *memStorage) Entries(_ context.Context, guildID string) ([]Entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Collect(maps.Values(m.entries[guildID])), nil
}

func (m *memStorage) Update(ctx context.Context, guildID string, f func(context.Context, []Entry) ([]Entry, []string, error)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	put, del, err := f(ctx, slices.Collect(maps.Values(m.entries[guildID])))
	if err != nil {
		return err
	}
	if m.entries[guildID] == nil {
		m.entries[guildID] = map[string]Entry{}
	}
	for _, e := range put {
		m.entries[guildID][e.ID] = e
	}
	for _, id := range del {
		delete(m.entries[guildID], id)
	}
	return nil
}

func (m *memStorage) NextID(_ context.Context, guildID string) (string, error) {
	n, _ := m.seq.LoadOrStore(guildID, new(atomic.Int64))
	return strconv.FormatInt(n.(*atomic.Int64).Add(1), 10), nil
}

func (m *memStorage) AddGuild(_ context.Context, guildID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.guilds[guildID] = true
	return nil
}

func (m *memStorage) Guilds(context.Context) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Collect(maps.Keys(m.guilds)), nil
}
