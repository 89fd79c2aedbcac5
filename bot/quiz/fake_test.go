package quiz

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// memStorage is a Storage in memory; redisstore tests the Redis one.
type memStorage struct {
	mu      sync.Mutex
	quizzes map[string]Quiz
	first   map[string]int // quiz NUL user NUL question → option
	scores  map[string]map[string]*Entry
}

func newMem() *memStorage {
	return &memStorage{quizzes: map[string]Quiz{}, first: map[string]int{}, scores: map[string]map[string]*Entry{}}
}

func (m *memStorage) Create(_ context.Context, q Quiz) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.quizzes[q.ID] = q
	return nil
}

func (m *memStorage) Get(_ context.Context, id string) (Quiz, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	q, ok := m.quizzes[id]
	if !ok {
		return Quiz{}, fmt.Errorf("quiz: get %s: %w", id, ErrNotFound)
	}
	return q, nil
}

func (m *memStorage) Update(ctx context.Context, id string, f func(*Quiz) bool) error {
	q, err := m.Get(ctx, id)
	if err != nil || !f(&q) {
		return err
	}
	return m.Create(ctx, q)
}

func (m *memStorage) Record(_ context.Context, quizID, userID string, question, option int, correct bool, at time.Time) (int, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if q, ok := m.quizzes[quizID]; !ok || q.Closed {
		return 0, false, fmt.Errorf("quiz: answer %s: %w", quizID, ErrClosed)
	}
	key := quizID + "\x00" + userID + "\x00" + strconv.Itoa(question)
	if first, ok := m.first[key]; ok {
		return first, true, nil
	}
	m.first[key] = option
	if m.scores[quizID] == nil {
		m.scores[quizID] = map[string]*Entry{}
	}
	e := m.scores[quizID][userID]
	if e == nil {
		e = &Entry{UserID: userID}
		m.scores[quizID][userID] = e
	}
	e.Answered++
	if correct {
		e.Correct++
	}
	e.LastAt = at.Truncate(time.Millisecond).UTC()
	return option, false, nil
}

func (m *memStorage) Scores(_ context.Context, quizID string) ([]Entry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.quizzes[quizID]; !ok {
		return nil, fmt.Errorf("quiz: leaderboard %s: %w", quizID, ErrNotFound)
	}
	var out []Entry
	for _, e := range m.scores[quizID] {
		out = append(out, *e)
	}
	return out, nil
}
