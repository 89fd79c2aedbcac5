package answer

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
	openai "github.com/sashabaranov/go-openai"
)

// Two different sentences whose letters and digits are the same ("1.5" and
// "15") are both shown: the second is not a repeat.
func TestRepeatKeyKeepsTheDecimalPoint(t *testing.T) {
	ps := []knowledge.Chunk{
		{ID: "b#p1", Title: "B", Paragraph: 1, Text: "In the north, turnout fell by 1.5 points."},
		{ID: "b#p2", Title: "B", Paragraph: 2, Text: "In the south, turnout fell by 15 points."},
	}
	var shown strings.Builder
	g := newGate(ps, true, func(s string) { shown.WriteString(s) })
	g.write("Turnout fell by 1.5 points [1]. Turnout fell by 15 points [2].")
	v := g.close()
	if !strings.Contains(v.text, "15 points") || v.grounding.Repeated != 0 {
		t.Errorf("final %q, grounding %+v", v.text, v.grounding)
	}
}

// Hindi sentences differing only in a vowel sign (कम "less" / काम "work")
// are different sentences.
func TestRepeatKeyKeepsVowelSigns(t *testing.T) {
	ps := []knowledge.Chunk{
		{ID: "b#p1", Title: "B", Paragraph: 1, Text: "सरकार ने कम किया।"},
		{ID: "b#p2", Title: "B", Paragraph: 2, Text: "सरकार ने काम किया।"},
	}
	g := newGate(ps, false, nil)
	g.write("सरकार ने कम किया [1]।\nसरकार ने काम किया [2]।")
	v := g.close()
	t.Logf("%q %+v", v.text, v.grounding)
	if !strings.Contains(v.text, "काम") || v.grounding.Repeated != 0 {
		t.Errorf("final %q, grounding %+v", v.text, v.grounding)
	}
}

// A reply the token limit always cuts (a long answer) asked by a class at
// once is one model call: not cached, but given to those waiting for it.
func TestCutReplyAskedAtOnceIsOneCall(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Delay: 200 * time.Millisecond, FinishReason: "length",
			Text: fmt.Sprintf("Macron fears provoking China [%d]. He also", passageNumber(req, 11))}
	})
	e := New(testKnowledge(t), WithVocabulary(lexicon.Default()), WithModel(newModel(t, srv, 5*time.Second), "m"), WithCache(&mapCache{m: map[string][]byte{}}, time.Hour))
	_, shown := askAtOnce(t, e, srv, franceQ, 5)
	if n := srv.ChatCalls(); n != 1 {
		t.Errorf("%d model calls for one question asked 5 times at once; waiter shown %q", n, shown[1])
	}
}

// A cut reply that the cut turned into a refusal (its one cited sentence
// was unfinished) is not cached as a refusal for everyone.
func TestCutRefusalNotCached(t *testing.T) {
	srv := llmtest.New(t)
	calls := 0
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		calls++
		if calls == 1 {
			return llmtest.Reply{FinishReason: "length", Text: "NOT_IN_BRIEFING in full.\nHowever, Macron fears provoking"}
		}
		return llmtest.Reply{Text: fmt.Sprintf("NOT_IN_BRIEFING in full.\nHowever, Macron fears provoking China [%d].", passageNumber(req, 11))}
	})
	e := newEngine(t, srv, WithCache(&mapCache{m: map[string][]byte{}}, time.Hour))
	a1, _ := e.Ask(context.Background(), Request{Question: franceQ}, nil)
	a2, _ := e.Ask(context.Background(), Request{Question: franceQ}, nil)
	if a2.Refused || a2.Cached {
		t.Errorf("first %q refused %v; second %q refused %v cached %v (%d calls)", a1.Text, a1.Refused, a2.Text, a2.Refused, a2.Cached, srv.ChatCalls())
	}
}

// The same reply whole answers (it refuses part, and answers the rest).
func TestUncutPartRefusalAnswers(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Text: fmt.Sprintf("NOT_IN_BRIEFING in full.\nHowever, Macron fears provoking China [%d].", passageNumber(req, 11))}
	})
	e := newEngine(t, srv, WithCache(&mapCache{m: map[string][]byte{}}, time.Hour))
	a, _ := e.Ask(context.Background(), Request{Question: franceQ}, nil)
	if a.Refused {
		t.Errorf("uncut: %q", a.Text)
	}
}

// A refusal is not streamed: final at once, it is shown only whole, as a
// refusal (front ends render the titles and topics it names as written).
// An extractive answer still is.
func TestRefusalNotStreamed(t *testing.T) {
	e := newEngine(t, nil)
	var pieces []string
	a, err := e.Ask(context.Background(), Request{Question: "Who won the 2022 FIFA World Cup?"}, func(s string) { pieces = append(pieces, s) })
	if err != nil || !a.Refused || len(pieces) != 0 {
		t.Errorf("refusal: refused %v, streamed %q, %v", a.Refused, pieces, err)
	}
	a, err = e.Ask(context.Background(), Request{Question: franceQ}, func(s string) { pieces = append(pieces, s) })
	if err != nil || a.Refused || strings.Join(pieces, "") != a.Text {
		t.Errorf("answer: streamed %q, text %q, %v", pieces, a.Text, err)
	}
}
