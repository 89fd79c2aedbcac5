package answer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/prompts"
)

// Cache stores finished answers; the Redis answer cache is the real one.
type Cache interface {
	Get(ctx context.Context, key string) ([]byte, bool, error)
	Set(ctx context.Context, key string, val []byte, ttl time.Duration) error
}

// DefaultCacheTTL is how long a finished answer is reused.
const DefaultCacheTTL = 24 * time.Hour

// cacheKey identifies an answer: the normalised question, the knowledge
// version, the model and the prompt version, and the conversation so far.
func (e *Engine) cacheKey(kb *Knowledge, q string, history []Turn) string {
	if e.cache == nil {
		return ""
	}
	parts := []string{"answer/v1", kb.Version, e.modelName, prompts.Version, knowledge.Normalize(q)}
	for _, t := range history {
		parts = append(parts, knowledge.Normalize(t.Question), knowledge.Normalize(t.Answer))
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

func (e *Engine) cached(ctx context.Context, key string) (Answer, bool) {
	if key == "" {
		return Answer{}, false
	}
	data, ok, err := e.cache.Get(ctx, key)
	if err != nil {
		e.log.Warn("answer cache unavailable", "err", err)
		return Answer{}, false
	}
	var a Answer
	if !ok || json.Unmarshal(data, &a) != nil {
		return Answer{}, false
	}
	a.Cached = true
	return a, true
}

func (e *Engine) store(ctx context.Context, key string, a Answer) {
	if key == "" {
		return
	}
	data, err := json.Marshal(a)
	if err == nil {
		err = e.cache.Set(ctx, key, data, e.cacheTTL)
	}
	if err != nil {
		e.log.Warn("answer cache unavailable", "err", err)
	}
}
