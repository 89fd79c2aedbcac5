package session

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
)

// memStorage is a Storage in memory, one call at a time; redisstore tests
// the Redis one.
type memStorage struct {
	mu       sync.Mutex
	sessions map[string]Session
	threads  map[string]*memThread
}

type memThread struct {
	questions map[string]Question // votes in Votes
	voters    map[string]bool     // question id NUL user
	queue     map[string]bool
	seq       int64
}

func newMem() *memStorage {
	return &memStorage{sessions: map[string]Session{}, threads: map[string]*memThread{}}
}

func (m *memStorage) thread(id string) *memThread {
	t := m.threads[id]
	if t == nil {
		t = &memThread{questions: map[string]Question{}, voters: map[string]bool{}, queue: map[string]bool{}}
		m.threads[id] = t
	}
	return t
}

func (m *memStorage) get(threadID string) (Session, error) {
	sess, ok := m.sessions[threadID]
	if !ok {
		return Session{}, fmt.Errorf("session: get %s: %w", threadID, ErrNotFound)
	}
	return sess, nil
}

func (m *memStorage) Create(_ context.Context, sess Session) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.sessions[sess.ThreadID]; ok {
		return false, nil
	}
	m.sessions[sess.ThreadID] = sess
	return true, nil
}

func (m *memStorage) Get(_ context.Context, threadID string) (Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.get(threadID)
}

func (m *memStorage) UpdateSession(_ context.Context, threadID string, f func(*Session) bool) (Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	sess, err := m.get(threadID)
	if err == nil && f(&sess) {
		m.sessions[threadID] = sess
	}
	return sess, err
}

func (m *memStorage) AddQuestion(_ context.Context, threadID, userID string, f func(Session, []Question, int64) (Question, bool, error)) (Question, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	sess, err := m.get(threadID)
	if err != nil {
		return Question{}, err
	}
	t := m.thread(threadID)
	q, isNew, err := f(sess, m.questions(t), t.seq+1)
	if err != nil {
		return Question{}, err
	}
	q.Votes = t.questions[q.ID].Votes
	t.questions[q.ID] = q
	if isNew {
		t.seq = q.Seq
		t.queue[q.ID] = true
	}
	q.Votes, _ = m.vote(t, q.ID, userID)
	return q, nil
}

func (m *memStorage) vote(t *memThread, questionID, userID string) (int, bool) {
	q := t.questions[questionID]
	if t.voters[questionID+"\x00"+userID] {
		return q.Votes, false
	}
	t.voters[questionID+"\x00"+userID] = true
	q.Votes++
	t.questions[questionID] = q
	return q.Votes, true
}

func (m *memStorage) Vote(_ context.Context, threadID, questionID string, _ int64, userID string) (int, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if sess, err := m.get(threadID); err != nil || sess.Ended() {
		return 0, false, fmt.Errorf("session: upvote %s: %w", threadID, ErrEnded)
	}
	t := m.thread(threadID)
	q, ok := t.questions[questionID]
	if !ok || q.Status == StatusWithdrawn {
		return 0, false, fmt.Errorf("session: upvote %s: question %q: %w", threadID, questionID, ErrNotFound)
	}
	if q.Status == StatusSkipped {
		return 0, false, fmt.Errorf("session: upvote %s: question %q is skipped: %w", threadID, questionID, ErrState)
	}
	n, added := m.vote(t, questionID, userID)
	return n, added, nil
}

func (m *memStorage) Unvote(_ context.Context, threadID, questionID string, _ int64, userIDs []string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.thread(threadID)
	q := t.questions[questionID]
	for _, u := range userIDs {
		if t.voters[questionID+"\x00"+u] {
			delete(t.voters, questionID+"\x00"+u)
			q.Votes--
		}
	}
	t.questions[questionID] = q
	return q.Votes, nil
}

func (m *memStorage) Next(_ context.Context, threadID string) (Question, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := m.thread(threadID)
	var waiting []Question
	for id := range t.queue {
		waiting = append(waiting, t.questions[id])
	}
	if len(waiting) == 0 {
		return Question{}, false, nil
	}
	return slices.MaxFunc(waiting, func(a, b Question) int {
		return cmp.Or(cmp.Compare(a.Votes, b.Votes), cmp.Compare(b.Seq, a.Seq))
	}), true, nil
}

func (m *memStorage) Question(_ context.Context, threadID, questionID string) (Question, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.question(threadID, questionID)
}

func (m *memStorage) question(threadID, questionID string) (Question, error) {
	q, ok := m.thread(threadID).questions[questionID]
	if !ok {
		return Question{}, fmt.Errorf("session: thread %s: question %q: %w", threadID, questionID, ErrNotFound)
	}
	return q, nil
}

func (m *memStorage) questions(t *memThread) []Question {
	return slices.SortedFunc(maps.Values(t.questions), func(a, b Question) int { return cmp.Compare(a.Seq, b.Seq) })
}

func (m *memStorage) Questions(_ context.Context, threadID string) ([]Question, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.questions(m.thread(threadID)), nil
}

func (m *memStorage) UpdateQuestion(_ context.Context, threadID, questionID string, f func(Session, *Question) (bool, error)) (Question, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	sess, err := m.get(threadID)
	q, qerr := m.question(threadID, questionID)
	if err = cmp.Or(err, qerr); err != nil {
		return Question{}, err
	}
	waiting, err := f(sess, &q)
	if err != nil {
		return Question{}, err
	}
	// Next ranks by the stored votes and seq, so a question back in the
	// queue takes its place by them, as in Redis.
	t := m.thread(threadID)
	t.questions[q.ID] = q
	if waiting {
		t.queue[q.ID] = true
	} else {
		delete(t.queue, q.ID)
	}
	return q, nil
}
