package redisstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"testing"
	"time"
)

func TestEncodeRoundTrip(t *testing.T) {
	v := []float32{0.6, 0.8}
	got, ok := decode(string(encode(v)))
	if !ok || !slices.Equal(got, v) {
		t.Errorf("round trip: %v -> %v", v, got)
	}
	if _, ok := decode("abc"); ok {
		t.Error("a corrupt entry decoded")
	}
}

func TestVectors(t *testing.T) {
	ctx := context.Background()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) {
			c := be.db().Vectors()
			texts := []string{"one", "two"}
			if err := c.SetVectors(ctx, "m", texts, [][]float32{{1, 0}, {0, 1}}, time.Hour); err != nil {
				t.Fatal(err)
			}
			h := sha256.Sum256([]byte("one"))
			key := be.opts.Prefix + "emb:m:" + hex.EncodeToString(h[:16])
			if ttl := be.rdb.PTTL(ctx, key).Val(); ttl <= 0 || ttl > time.Hour {
				t.Errorf("%s TTL = %s, want (0, 1h]", key, ttl)
			}
			h3 := sha256.Sum256([]byte("three"))
			be.rdb.Set(ctx, be.opts.Prefix+"emb:m:"+hex.EncodeToString(h3[:16]), "bad", 0)
			// A new process reads them back; unknown, other-model and
			// unreadable entries are misses.
			got, err := be.restarted().Vectors().Vectors(ctx, "m", []string{"two", "three", "one"})
			if err != nil || len(got) != 3 || !slices.Equal(got[0], []float32{0, 1}) || got[1] != nil || !slices.Equal(got[2], []float32{1, 0}) {
				t.Fatalf("Vectors = %v, %v", got, err)
			}
			if got, _ := c.Vectors(ctx, "other", texts); got[0] != nil {
				t.Error("another model's cache hit")
			}
		})
	}
}
