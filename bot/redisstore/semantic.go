package redisstore

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/redis/go-redis/v9"
)

// Vectors implements semantic.Cache with one pipeline of GETs: one round
// trip to a single server, one per node on Redis Cluster (the keys are in
// many slots, which one MGET cannot span there).
func (v *Vectors) Vectors(ctx context.Context, model string, texts []string) ([][]float32, error) {
	ctx, cancel := v.withTimeout(ctx)
	defer cancel()
	gets := make([]*redis.StringCmd, len(texts))
	_, err := v.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, t := range texts {
			gets[i] = p.Get(ctx, v.keys.embedding(model, t))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, err
	}
	out := make([][]float32, len(texts))
	for i, g := range gets {
		if s, err := g.Result(); err == nil {
			out[i], _ = decode(s)
		}
	}
	return out, nil
}

// SetVectors implements semantic.Cache with one pipeline of SETs.
func (v *Vectors) SetVectors(ctx context.Context, model string, texts []string, vecs [][]float32, ttl time.Duration) error {
	ctx, cancel := v.withTimeout(ctx)
	defer cancel()
	pipe := v.rdb.Pipeline()
	for i, t := range texts {
		pipe.Set(ctx, v.keys.embedding(model, t), encode(vecs[i]), ttl)
	}
	_, err := pipe.Exec(ctx)
	return err
}

func encode(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func decode(s string) ([]float32, bool) {
	if len(s) == 0 || len(s)%4 != 0 {
		return nil, false
	}
	v := make([]float32, len(s)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32([]byte(s[4*i : 4*i+4])))
	}
	return v, true
}
