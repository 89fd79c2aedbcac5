package redisstore

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/knowledge/search"
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

// BenchmarkAskCacheHitRedis measures a question answered from the Redis
// answer cache by the answering engine (extractive answers are cached
// too, so no model is needed to fill it).
func BenchmarkAskCacheHitRedis(b *testing.B) {
	srv := redistest.Start(b)
	srcs, err := knowledge.Sources("")
	if err != nil {
		b.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		b.Fatal(err)
	}
	kb := &answer.Knowledge{Version: c.Version, Briefings: c.Briefings, Chunks: c.Chunks,
		Retriever: search.New(c.Chunks, search.WithExpander(search.NewLexiconExpander(lexicon.Default())))}
	cache := New(srv.Client(b), Options{Prefix: srv.Prefix()}).AnswerCache()
	e := answer.New(kb, answer.WithVocabulary(lexicon.Default()), answer.WithCache(cache, time.Hour))
	ctx := context.Background()
	const q = "Why does France oppose a NATO office in Tokyo?"
	e.Ask(ctx, answer.Request{Question: q}, nil)
	b.ReportAllocs()
	for b.Loop() {
		a, err := e.Ask(ctx, answer.Request{Question: q}, nil)
		if err != nil || !a.Cached {
			b.Fatalf("not a cache hit: %v", err)
		}
	}
}
