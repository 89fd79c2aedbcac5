package redisstore

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

func BenchmarkAnswerCacheGetHit(b *testing.B) {
	srv := redistest.Start(b)
	c := New(srv.Client(b), Options{Prefix: srv.Prefix()}).AnswerCache()
	ctx := context.Background()
	key := state.CacheKey("what is nato doing in the indo-pacific", "v1", "model", "p1")
	val := make([]byte, 2048) // about one rendered answer
	if err := c.Set(ctx, key, val, time.Hour); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok, err := c.Get(ctx, key); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkLimiterAllow measures the allowed path (check user, take guild,
// take user) with limits high enough never to deny.
func BenchmarkLimiterAllow(b *testing.B) {
	srv := redistest.Start(b)
	huge := state.Limit{Rate: 1 << 30, Burst: 1 << 30, Period: time.Second}
	l := New(srv.Client(b), Options{Prefix: srv.Prefix()}).Limiter(state.Limits{User: huge, Guild: huge})
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		d, err := l.Allow(ctx, "g1", strconv.Itoa(i%100))
		if err != nil || !d.Allowed {
			b.Fatal(d, err)
		}
	}
}
