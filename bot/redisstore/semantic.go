package redisstore

import (
	"context"
	"encoding/binary"
	"math"
	"time"
)

// Vectors implements semantic.Cache with one MGET.
func (v *Vectors) Vectors(ctx context.Context, model string, texts []string) ([][]float32, error) {
	keys := make([]string, len(texts))
	for i, t := range texts {
		keys[i] = v.keys.embedding(model, t)
	}
	ctx, cancel := v.withTimeout(ctx)
	defer cancel()
	cached, err := v.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, err
	}
	out := make([][]float32, len(texts))
	for i := range out {
		if s, ok := cached[i].(string); ok {
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
