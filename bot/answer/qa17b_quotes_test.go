package answer

import (
	"strings"
	"testing"
)

// QA 17b: paragraph 5 quotes an anonymous diplomat over three sentences:
// “It's not something anyone is pursuing at present. China's
// demonstration that it is committed to reconstituting the Russian
// military-industrial base and supporting their war on Ukraine has been
// sufficient to demonstrate … So no need for the tokenism of an office in
// Tokyo.” balanceQuotes marks the first and last sentences as quoted, but
// the middle one carries no quote mark of its own, so the extractive
// answer prints it bare: asked "does china support russia's war in
// ukraine", the bot states in the briefing's own voice "China's
// demonstration that it is committed to reconstituting the Russian
// military-industrial base and supporting their war on Ukraine …" — an
// anonymous source's claim shown as the article's fact. It should appear
// inside quote marks (“…China's demonstration … theatres.…”), as the
// other sentences of the quotation do.
func TestQA17bMidQuotationSentenceShownUnquoted(t *testing.T) {
	e := newEngine(t, nil)
	for _, q := range []string{
		"does china support russia's war in ukraine",
		"are the atlantic and indo-pacific linked",
		"what did the diplomat say about china and russia",
	} {
		a := qa17bAsk(t, e, q)
		i := strings.Index(a.Text, "China’s demonstration")
		if i < 0 {
			t.Errorf("%q: the diplomat's middle sentence not quoted at all: %q", q, a.Text)
			continue
		}
		if !strings.HasSuffix(a.Text[:i], "“…") && !strings.HasSuffix(a.Text[:i], "“") {
			t.Errorf("%q: the diplomat's words shown as the briefing's own, without quote marks: %q", q, a.Text)
		}
	}
}

// QA 17b: a sentence opening with "He" is taken from a second passage
// and put after the first passage's sentence about someone else:
// "what's the diplomat's name" is answered "A senior diplomat … speaking
// on condition of anonymity … [1] He further urged NATO to “form the
// right perception of China, …” [2]" — Lin Jian's demands (¶8) read as
// the anonymous diplomat's. (quoteTail keeps a quotation's tail to the
// best passage for the same reason; a pronoun-led sentence is the same
// trap.) Within a thread, "what's his name" after "what did the diplomat
// say" does the same.
func TestQA17bPronounSentenceFromAnotherPassageMisattributed(t *testing.T) {
	e := newEngine(t, nil)
	check := func(label string, a Answer) {
		t.Helper()
		if strings.Contains(a.Text, "He further urged") && !strings.Contains(a.Text, "Lin Jian") {
			t.Errorf("%s: Lin Jian's words follow the diplomat's under \"He\": %q (paragraphs %v)", label, a.Text, qa17bParagraphs(a))
		}
	}
	check("what's the diplomat's name", qa17bAsk(t, e, "what's the diplomat's name"))
	first := qa17bAsk(t, e, "what did the diplomat say")
	check("what's his name (after: what did the diplomat say)",
		qa17bAsk(t, e, "what's his name", Turn{Question: "what did the diplomat say", Answer: first.Text}))
}
