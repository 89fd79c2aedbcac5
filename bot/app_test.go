package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/approved"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	"github.com/briefbot/briefbot/knowledge/redistest"
	"github.com/briefbot/briefbot/knowledge/search"
)

// The lazily decoded lexicon answers exactly as the lexicon does: the
// same no-model answers and refusals on the blind test half, so that no
// optional part of the Vocabulary (how familiar a word is, the country
// it names) is lost in the wrapper.
func TestLazyLexiconAnswersAsTheLexicon(t *testing.T) {
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	corpus, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	kb := func() *answer.Knowledge {
		return &answer.Knowledge{Version: corpus.Version, Briefings: corpus.Briefings, Chunks: corpus.Chunks,
			Retriever: search.New(corpus.Chunks, search.WithExpander(expander()))}
	}
	lazy := answer.New(kb(), answer.WithVocabulary(vocabulary()))
	eager := answer.New(kb(), answer.WithVocabulary(lexicon.Default()))
	var qs []string
	sc := bufio.NewScanner(bytes.NewReader(must(os.ReadFile("../knowledge/testdata/blind/test.jsonl"))))
	for sc.Scan() {
		var q struct{ Question string }
		if json.Unmarshal(sc.Bytes(), &q) == nil && q.Question != "" {
			qs = append(qs, q.Question)
		}
	}
	if len(qs) < 100 {
		t.Fatalf("%d questions read", len(qs))
	}
	// The optional parts the core looks for, word by word.
	v := vocabulary()
	c, okC := v.(interface{ Country(string) string })
	f, okF := v.(interface{ Familiarity(string) float32 })
	if !okC || !okF {
		t.Fatalf("the lazy lexicon lacks Country (%v) or Familiarity (%v)", okC, okF)
	}
	lex := lexicon.Default()
	for _, w := range []string{"russian", "germany", "tokyo", "stance", "the", "nato", "zzxq"} {
		if v.Known(w) != lex.Known(w) || c.Country(w) != lex.Country(w) || f.Familiarity(w) != lex.Familiarity(w) {
			t.Errorf("%q: lazy lexicon differs from the lexicon", w)
		}
	}
	for _, q := range qs {
		a, errA := lazy.Ask(context.Background(), answer.Request{Question: q}, nil)
		b, errB := eager.Ask(context.Background(), answer.Request{Question: q}, nil)
		if errA != nil || errB != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%q: lazy %+v (%v), eager %+v (%v)", q, a, errA, b, errB)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// A knowledge change made while Redis is down (the files are the truth,
// so the bot swaps anyway) cannot re-check the approved answers at once;
// they are not served meanwhile, and once Redis answers again they are
// re-checked and served, without waiting for another knowledge change.
func TestSwapRevalidatesWhenRedisIsBack(t *testing.T) {
	rs := redistest.StartPersistent(t)
	db := redisstore.New(rs.Client(t), redisstore.Options{Prefix: rs.Prefix()})
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	v1, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	v2 := v1
	v2.Version = "v2-same-text"
	a := &app{log: slog.New(slog.DiscardHandler), db: db, approved: approved.New(db.Approved())}
	a.engine = answer.New(a.knowledgeFor(context.Background(), v1))
	ctx := context.Background()
	const q = "Why does France oppose a NATO office in Tokyo?"
	ans, err := a.engine.Ask(ctx, answer.Request{Question: q}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.approved.Approve(ctx, "g1", q, ans, "", "mod"); err != nil {
		t.Fatal(err)
	}
	rs.Stop()
	a.swap(v2)
	rs.Restart()
	eventually(t, "the approved answer served on the new version", func() bool {
		got, ok, err := a.approved.Lookup(ctx, "g1", q, v2.Version)
		return err == nil && ok && got.Text == ans.Text
	})
}

// The re-check of approved answers waiting for Redis ends when the app
// closes: it does not go on trying a closed client for the rest of the
// process (a test binary's, or a process that outlives its app).
func TestRevalidateRetryEndsWithTheApp(t *testing.T) {
	rs := redistest.StartPersistent(t)
	db := redisstore.New(rs.Client(t), redisstore.Options{Prefix: rs.Prefix()})
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	v1, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	v2 := v1
	v2.Version = "v2-same-text"
	a := &app{log: slog.New(slog.DiscardHandler), db: db, approved: approved.New(db.Approved())}
	a.engine = answer.New(a.knowledgeFor(context.Background(), v1))
	rs.Stop()
	a.swap(v2)
	retrying := func() bool {
		buf := make([]byte, 1<<20)
		return strings.Contains(string(buf[:runtime.Stack(buf, true)]), "(*app).revalidate")
	}
	if !retrying() {
		t.Fatal("no retry after a failed re-check")
	}
	a.close()
	eventually(t, "the retry to end with the app", func() bool { return !retrying() })
}
