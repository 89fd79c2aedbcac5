package answer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
	"unicode"

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

// cacheKey identifies an answer: the question's words, the knowledge
// version and the briefing the question is scoped to (if any), the model
// and the prompt version, and the conversation so far.
func (e *Engine) cacheKey(kb *Knowledge, q string, history []Turn) string {
	if e.cache == nil {
		return ""
	}
	parts := []string{"answer/v2", kb.Version, e.modelName, prompts.Version, questionWords(q)}
	if kb.scope != "" {
		// Its own head, so that no scoped key equals an unscoped one
		// (unscoped keys, and so the answers cached under them, stay as
		// they were).
		parts[0] = "answer/v2/briefing\x00" + kb.scope
	}
	for _, t := range history {
		parts = append(parts, questionWords(t.Question), knowledge.Normalize(t.Answer))
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

// questionWords is a question as the cache tells questions apart: its
// words, in order, in lower case, without punctuation. A class types the
// same question with and without its question mark, "Tokyo" and "tokyo",
// "what's" and "whats": one answer serves them all (and one model call,
// composeOnce).
func questionWords(q string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		switch {
		case r == '\'':
			return -1 // "what's" is "whats"
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			// A mark is part of its word: Hindi's vowel signs and Thai's
			// tone marks tell questions apart ("की" is not "कि").
			return r
		}
		return ' '
	}, knowledge.Normalize(q))), " ")
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
