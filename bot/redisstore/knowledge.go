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
	return data, err == nil, err
}

// Put implements store.Storage: both SETs in one MULTI/EXEC.
func (k *Knowledge) Put(ctx context.Context, version string, data []byte) error {
	ctx, cancel := k.withTimeout(ctx)
	defer cancel()
	_, err := k.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, k.keys.corpus(version), data, 0)
		p.Set(ctx, k.keys.currentCorpus(), version, 0)
		return nil
	})
	return err
}

// Current implements store.Storage.
func (k *Knowledge) Current(ctx context.Context) (string, error) {
	ctx, cancel := k.withTimeout(ctx)
	defer cancel()
	v, err := k.rdb.Get(ctx, k.keys.currentCorpus()).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return v, err
}
