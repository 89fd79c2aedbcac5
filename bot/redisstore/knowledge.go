package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// KnowledgeTimeout is the knowledge store's default deadline: a corpus is
// megabytes, not a small value.
const KnowledgeTimeout = 5 * time.Second

// Corpus implements store.Storage: one GET.
func (k *Knowledge) Corpus(ctx context.Context, version string) ([]byte, bool, error) {
	ctx, cancel := k.withTimeout(ctx)
	defer cancel()
	data, err := k.rdb.Get(ctx, k.keys.corpus(version)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	return data, err == nil, Explain(k.rdb, err)
}

// KnowledgeGrace is how long a corpus is kept once another version is
// made current: long enough for a process still reading the old files to
// start from it; after it, such a process builds it again. Without it,
// every reindex of changed files would leave a corpus of megabytes behind
// for ever.
const KnowledgeGrace = 24 * time.Hour

// putCorpusScript writes the corpus (KEYS[1]) and makes its version
// (ARGV[2]) current (KEYS[2]) in one step; the corpus it supersedes,
// ARGV[3] followed by the old version, expires after ARGV[4] seconds. All
// three keys share the {kb} tag, so one slot on Redis Cluster.
var putCorpusScript = redis.NewScript(`
local old = redis.call('GET', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
if old and old ~= ARGV[2] then
  redis.call('EXPIRE', ARGV[3] .. old, ARGV[4])
end
return 1
`)

// Put implements store.Storage: the corpus and the current version in one
// script, so a reader sees the old index or the whole new one.
func (k *Knowledge) Put(ctx context.Context, version string, data []byte) error {
	ctx, cancel := k.withTimeout(ctx)
	defer cancel()
	return Explain(k.rdb, putCorpusScript.Run(ctx, k.rdb,
		[]string{k.keys.corpus(version), k.keys.currentCorpus()},
		data, version, k.keys.corpus(""), int(KnowledgeGrace/time.Second)).Err())
}

// Current implements store.Storage.
func (k *Knowledge) Current(ctx context.Context) (string, error) {
	ctx, cancel := k.withTimeout(ctx)
	defer cancel()
	v, err := k.rdb.Get(ctx, k.keys.currentCorpus()).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return v, Explain(k.rdb, err)
}
