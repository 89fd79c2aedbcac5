package answer

import (
	"context"
	"slices"
	"testing"

	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// without a model, a follow-up naming a subject the briefing does not
// have ("what about Germany?", "and what about Brazil?") after a question
// on France is searched with the France question (b0775f9 falls back to it
// when the follow-up alone is not covered) and answered with Macron's
// passage, as if it said something about Germany; it should be refused.
func TestQA5FollowUpUnknownSubjectNotAnsweredAboutTheFirst(t *testing.T) {
	e := New(testKnowledge(t), WithVocabulary(lexicon.Default()))
	france := []Turn{{Question: "Why does France oppose a NATO office in Tokyo?"}}
	for _, q := range []string{"what about Germany?", "and what about Brazil?"} {
		a, err := e.Ask(context.Background(), Request{Question: q, History: france}, nil)
		if err != nil || !a.Refused {
			t.Errorf("%q after France = %q (refused %v, %v); want a refusal, not France's answer", q, a.Text, a.Refused, err)
		}
	}
}

// "is there anything on India?" names a new subject, but "there" is
// in backWords, so refersBack takes it as pointing back and it is searched
// with the question before: after a question on France it is answered
// with Macron's passage (¶11) and nothing about India (¶20).
func TestQA5IsThereFollowUpIsANewSubject(t *testing.T) {
	e := New(testKnowledge(t), WithVocabulary(lexicon.Default()))
	france := []Turn{{Question: "Why does France oppose a NATO office in Tokyo?"}}
	a, err := e.Ask(context.Background(), Request{Question: "is there anything on India?", History: france}, nil)
	if err != nil || slices.ContainsFunc(a.Citations, func(c Citation) bool { return c.Paragraph == 11 }) {
		t.Errorf("'is there anything on India?' after France = %q %+v, %v; answered about France", a.Text, a.Citations, err)
	}
	if !refersBack("what about India?") && refersBack("is there anything on India?") {
		t.Errorf("refersBack: existential 'there' read as pointing back")
	}
}

// an initialism the briefing does not have ("the UN", "the EU") is
// answered with passages on something else — the United States' role and
// alliances (¶10, ¶14), ASEAN and the SCO — instead of refused; as a
// follow-up ("and the EU?") it is now searched on its own (b0775f9), so a
// thread gets the same unrelated answer.
func TestQA5UnknownInitialismNotAnsweredWithUnrelatedPassages(t *testing.T) {
	e := New(testKnowledge(t), WithVocabulary(lexicon.Default()))
	france := []Turn{{Question: "Why does France oppose a NATO office in Tokyo?"}}
	for _, r := range []Request{{Question: "what about the UN?"}, {Question: "and the EU?", History: france}} {
		a, err := e.Ask(context.Background(), r, nil)
		if err != nil || !a.Refused {
			t.Errorf("%q = %q; want a refusal: the briefing says nothing of it", r.Question, a.Text)
		}
	}
}
