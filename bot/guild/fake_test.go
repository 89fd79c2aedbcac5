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

func (m *memStorage) Set(_ context.Context, guildID, field, value string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.guilds[guildID] == nil {
		m.guilds[guildID] = map[string]string{}
	}
	m.guilds[guildID][field] = value
	return nil
}

func (m *memStorage) Unset(_ context.Context, guildID, field string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.guilds[guildID], field)
	return nil
}

func (m *memStorage) Clear(_ context.Context, guildID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.guilds, guildID)
	return nil
}
