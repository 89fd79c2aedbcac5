package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
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
