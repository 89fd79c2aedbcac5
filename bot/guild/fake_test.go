package guild

import (
	"context"
	"maps"
	"sync"
)

// memStorage is a Storage in memory; redisstore tests the Redis one.
type memStorage struct {
	mu     sync.Mutex
	guilds map[string]map[string]string
}

func newMem() *memStorage { return &memStorage{guilds: map[string]map[string]string{}} }

func (m *memStorage) Fields(_ context.Context, guildID string) (map[string]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.guilds[guildID]), nil
}

func (m *memStorage) Update(_ context.Context, guildID string, set map[string]string, unset []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.guilds[guildID] == nil {
		m.guilds[guildID] = map[string]string{}
	}
	maps.Copy(m.guilds[guildID], set)
	for _, f := range unset {
		delete(m.guilds[guildID], f)
	}
	return nil
}

// Set sets one field, for a test to prepare the storage.
func (m *memStorage) Set(ctx context.Context, guildID, field, value string) error {
	return m.Update(ctx, guildID, map[string]string{field: value}, nil)
}

func (m *memStorage) Clear(_ context.Context, guildID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.guilds, guildID)
	return nil
}
