package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

func briefingIndex(t testing.TB, opts ...Option) *Index {
	t.Helper()
	return New(briefingChunks(t), opts...)
}

// briefingChunks returns the embedded briefings' chunks.
func briefingChunks(t testing.TB) []knowledge.Chunk {
	t.Helper()
	srcs, err := knowledge.Sources("")
	if err != nil {
		t.Fatal(err)
	}
	c, err := knowledge.Build(srcs)
	if err != nil {
		t.Fatal(err)
	}
	return c.Chunks
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NATO’s push into the Indo-Pacific", "nato push into the indo pacific"},
		{"the U.S. and the UK", "the usa and the uk"},
		{"Washington D.C. for", "washington dc for"},
		{"US allies, not us", "usa allies not us"},
		{"don't STOP", "don't stop"},
		{"75th anniversary, 2024!", "75th anniversary 2024"},
		{"ﬁne\u00a0café", "fine café"},
	}
	for _, tt := range tests {
		if got := strings.Join(tokenize(tt.in), " "); got != tt.want {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearchFindsParagraph(t *testing.T) {
	ix := briefingIndex(t)
	tests := []struct {
		query string
		para  int
	}{
		{"Why does France oppose a NATO office in Tokyo?", 11},
		{"macron tokyo ofice", 11},              // a typo
		{"quad memebers", 20},                   // a typo
		{"WHO IS LIN JIAN", 8},                  // capitals
		{"what is the date of the briefing", 1}, // the dateline
	}
	for _, tt := range tests {
		res := ix.Search(tt.query, 3)
		if len(res.Hits) == 0 || res.Hits[0].Chunk.Paragraph != tt.para {
			var got []int
			for _, h := range res.Hits {
				got = append(got, h.Chunk.Paragraph)
			}
			t.Errorf("%q: top paragraphs %v, want %d first", tt.query, got, tt.para)
		}
	}
}

// Two words in a row that stand in a row in a paragraph rank it above a
// paragraph holding them apart. Without questions: the paragraphs' own words
// are what this is about (¶19's questions ask about "resistance" too).
func TestPhraseOutranksWords(t *testing.T) {
	chunks := briefingChunks(t)
	for i := range chunks {
		chunks[i].Questions = nil
	}
	res := New(chunks).Search("meeting resistance", 3)
	if len(res.Hits) == 0 || res.Hits[0].Chunk.Paragraph != 2 {
		t.Errorf("top hits %v, want ¶2 (\"meeting resistance\") first", res.Hits)
	}
}

// A paragraph's questions (doc2query) find it for words its text lacks,
// but do not make those words said: the question's words report them
// missing, and Overlap and Mass, which measure what a text holds, are
// those of the text alone.
func TestQuestionsFieldRanksButIsNotSaid(t *testing.T) {
	chunks := []knowledge.Chunk{
		{ID: "b#p1", BriefingID: "b", Paragraph: 1, Text: "The Secretary General spoke about the summit in Washington."},
		{ID: "b#p2", BriefingID: "b", Paragraph: 2, Text: "Trade with China matters to every member of the group."},
		{ID: "b#p3", BriefingID: "b", Paragraph: 3, Text: "Leaders met again the next year in another city."},
	}
	plain := New(chunks)
	chunks[0].Questions = []string{"What did the alliance's boss say?", "Who is the boss of the alliance?"}
	ix := New(chunks)
	q := "what did the boss say"
	if res := plain.Search(q, 3); len(res.Hits) != 0 {
		t.Fatalf("without questions %q found %v: the test needs a word no text has", q, res.Hits)
	}
	res := ix.Search(q, 3)
	if len(res.Hits) == 0 || res.Hits[0].Chunk.Paragraph != 1 {
		t.Fatalf("%q: hits %v, want ¶1, whose questions ask it", q, res.Hits)
	}
	for _, w := range res.Words {
		if w.Word == "boss" && (w.Found || w.Credit != 0) {
			t.Errorf("boss reported found (%+v): only a question of ¶1 has it", w)
		}
	}
	if got := res.Overlap(chunks[0].Text); got != 0 {
		t.Errorf("Overlap of ¶1's text = %v, want 0: its text has no word of %q", got, q)
	}
	if got := res.Mass(); got != 0 {
		t.Errorf("Mass = %v, want 0: no word of %q is in any text", got, q)
	}
	if got := res.Spread(); got != 0 {
		t.Errorf("Spread = %v, want 0", got)
	}
	// A word both fields have still counts as said, once.
	both := ix.Search("what did the secretary general say", 3)
	want := plain.Search("what did the secretary general say", 3)
	if both.Mass() != want.Mass() || both.Overlap(chunks[0].Text) != want.Overlap(chunks[0].Text) {
		t.Errorf("Mass/Overlap with questions %v/%v, without %v/%v: the questions field must not change them",
			both.Mass(), both.Overlap(chunks[0].Text), want.Mass(), want.Overlap(chunks[0].Text))
	}
}

func TestTypoCorrectionIsReported(t *testing.T) {
	res := briefingIndex(t).Search("macron tokyo ofice", 1)
	var via string
	for _, w := range res.Words {
		if w.Word == "ofice" {
			via = w.Via
		}
	}
	if via != "office" {
		t.Errorf("ofice corrected to %q, want office; words %+v", via, res.Words)
	}
}

func TestNumbersAreNotCorrected(t *testing.T) {
	res := briefingIndex(t).Search("who won the 2022 world cup", 3)
	for _, w := range res.Words {
		if w.Word == "2022" && (w.Found || !w.Rare) {
			t.Errorf("2022 should be a rare, missing word: %+v", w)
		}
	}
}

func TestEmptyAndStopwordQueries(t *testing.T) {
	ix := briefingIndex(t)
	for _, q := range []string{"", "   ", "what is the", "?!"} {
		if res := ix.Search(q, 5); len(res.Hits) != 0 {
			t.Errorf("%q returned %d hits", q, len(res.Hits))
		}
	}
	if res := ix.Search("nato", 0); len(res.Hits) != 0 {
		t.Error("k=0 returned hits")
	}
}

func TestDeterministicTies(t *testing.T) {
	var chunks []knowledge.Chunk
	for i := range 6 {
		chunks = append(chunks, knowledge.Chunk{ID: fmt.Sprint(i), BriefingID: fmt.Sprint(i), Text: "identical words here"})
	}
	ix := New(chunks)
	for range 20 {
		res := ix.Search("identical words", 3)
		if len(res.Hits) != 3 || res.Hits[0].Chunk.ID != "0" || res.Hits[1].Chunk.ID != "1" || res.Hits[2].Chunk.ID != "2" {
			t.Fatalf("ties not in corpus order: %+v", res.Hits)
		}
	}
}

type fakeExpander map[string][]Expansion

func (f fakeExpander) Expand(w string) []Expansion { return f[w] }

func TestExpansion(t *testing.T) {
	q := "bureau in the japanese capital"
	plain := briefingIndex(t).Search(q, 3)
	exp := briefingIndex(t, WithExpander(fakeExpander{
		"bureau": {{Word: "office", Weight: 0.9}},
	})).Search(q, 3)
	var found bool
	for _, w := range exp.Words {
		if w.Word == "bureau" {
			found = w.Found && w.Via == "office"
		}
	}
	if !found {
		t.Errorf("bureau not matched via office: %+v", exp.Words)
	}
	if len(exp.Hits) == 0 || exp.Hits[0].Chunk.Paragraph != 5 && exp.Hits[0].Chunk.Paragraph != 11 {
		t.Errorf("expanded query top hit = %+v (plain: %+v)", exp.Hits, plain.Hits)
	}
}

func TestOverlap(t *testing.T) {
	res := briefingIndex(t).Search("French President Macron office Tokyo", 1)
	hi := res.Overlap("French President Emmanuel Macron has expressed concerns that establishing a NATO office in Tokyo could provoke China.")
	lo := res.Overlap("The Quad comprises the U.S., Japan, Australia and India.")
	if !(hi > lo && lo == 0) {
		t.Errorf("overlap: relevant %.2f, unrelated %.2f", hi, lo)
	}
}

func TestLexiconTypoFallback(t *testing.T) {
	x := NewLexiconExpander(lexicon.Default())
	for in, want := range map[string]string{"releif": "relief", "econmy": "economy", "ab": ""} {
		if got := x.Correct(in); got != want {
			t.Errorf("Correct(%q) = %q, want %q", in, got, want)
		}
	}
}

// Mass bounds Overlap: no text holds more of the question than all of it.
func TestMassBoundsOverlap(t *testing.T) {
	ix := briefingIndex(t, lex())
	res := ix.Search("why does france oppose a nato office in tokyo", 5)
	var all strings.Builder
	for _, c := range ix.Chunks() {
		all.WriteString(c.Text + "\n")
	}
	m, o := res.Mass(), res.Overlap(all.String())
	if m <= 0 || o > m+1e-9 || res.Overlap(res.Hits[0].Chunk.Text) > m+1e-9 {
		t.Errorf("mass %v, overlap of the corpus %v", m, o)
	}
}

// A hyphenated compound English knows and the briefing lacks is one word
// ("one-on-one" is not "one" twice); one the lexicon does not know, or that
// the briefing has as a phrase, stays split as the index has it.
func TestHyphenatedCompounds(t *testing.T) {
	ix := briefingIndex(t, lex())
	words := func(q string) []string {
		var out []string
		for _, w := range ix.Search(q, 3).Words {
			out = append(out, w.Word)
		}
		return out
	}
	for _, tt := range []struct{ q, want string }{
		{"which countries have one-on-one defence pacts", "countries one-on-one defence pacts"},
		{"the Indo-Pacific region", "indo pacific region"},
		{"non-military cooperation", "non military cooperation"},
	} {
		if got := strings.Join(words(tt.q), " "); got != tt.want {
			t.Errorf("words of %q = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// Chat acronyms are filler in a question, not words it asks about; those
// that are also acronyms a briefing may use (FFS, an Algerian party; IDC,
// a parliamentary committee) are kept.
func TestChatFillerIsNotATopic(t *testing.T) {
	for _, w := range []string{"wtf", "omg", "fyi", "iirc", "nvm", "tbh", "lol"} {
		if s := stem(w); s != "" {
			t.Errorf("stem(%q) = %q, want it dropped as filler", w, s)
		}
	}
	for _, w := range []string{"ffs", "idc", "jk", "cica", "nato"} {
		if stem(w) == "" {
			t.Errorf("stem(%q) dropped: a briefing may be about it", w)
		}
	}
}

// Spread is the share of one briefing's chunks holding the question's most
// central word, met itself or by a typo; with two briefings, each is
// counted against its own size, and a related word does not count.
func TestSpread(t *testing.T) {
	chunks := []knowledge.Chunk{
		{ID: "a1", BriefingID: "a", Title: "Harbour report", Text: "The ferry left the harbour at dawn."},
		{ID: "a2", BriefingID: "a", Title: "Harbour report", Text: "Gulls followed the ferry."},
		{ID: "a3", BriefingID: "a", Title: "Harbour report", Text: "Fishermen sold mackerel on the quay."},
		{ID: "a4", BriefingID: "a", Title: "Harbour report", Text: "Rain came at noon."},
		{ID: "b1", BriefingID: "b", Title: "Orchard notes", Text: "Apples ripened early; the mackerel sky promised rain."},
		{ID: "b2", BriefingID: "b", Title: "Orchard notes", Text: "Pickers came from the village."},
	}
	ix := New(chunks, WithExpander(fakeExpander{"boat": {{Word: "ferry", Weight: 1}}}))
	tests := []struct {
		query string
		want  float64
	}{
		{"what about the harbour?", 1},           // a title word: every chunk of a
		{"when did the ferry leave?", 0.5},       // two of a's four
		{"who sold mackerel?", 0.5},              // one of a's four, one of b's two
		{"what did the fishermen do?", 0.25},     // one of four
		{"tell me about fishermenn", 0.25},       // a typo counts
		{"recipe for onion soup", 0},             // nothing met
		{"pickers and apples in the orchard", 1}, // b's title
		{"any boat?", 0},                         // ferry, but only as a related word
	}
	for _, tt := range tests {
		if got := ix.Search(tt.query, 3).Spread(); got != tt.want {
			t.Errorf("Spread(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

// A name English does not know outweighs common words: "which countries
// make up the AUKUS arrangement?" is about the one paragraph naming
// AUKUS, not the ones with "countries" and "arrangements" (ranked first
// when every exact match weighed alike, and the question was refused).
// Without a lexicon to tell names from words, every word weighs alike.
func TestNamesOutweighCommonWords(t *testing.T) {
	const q = "which countries make up the AUKUS arrangement?"
	res := briefingIndex(t, lex()).Search(q, 3)
	if len(res.Hits) == 0 || res.Hits[0].Chunk.Paragraph != 20 {
		t.Errorf("%q: top hits %+v, want paragraph 20 first", q, res.Hits)
	}
	ix := briefingIndex(t, lex())
	for _, w := range []string{"aukus", "cica", "stoltenberg"} {
		if !ix.isName(w, false) {
			t.Errorf("isName(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"countries", "nato", "tokyo"} {
		if ix.isName(w, false) {
			t.Errorf("isName(%q) = true, want false (a word English knows)", w)
		}
	}
	if briefingIndex(t).isName("aukus", false) {
		t.Errorf("without a lexicon, isName = true")
	}
	// The ranking's weight only: how much of the question a text covers
	// counts the name once.
	if a, b := res.Overlap("AUKUS"), res.Overlap("arrangements"); a == 0 || b == 0 || a > 2*b {
		t.Errorf("Overlap(AUKUS) = %v, Overlap(arrangements) = %v: the name counted more than once", a, b)
	}
}

// A briefing's questions choose the paragraph within it, not the
// briefing: beside a briefing with none (a moderator's upload), they do
// not lift its paragraphs above the other's that say what is asked.
func TestQuestionsDoNotChooseTheBriefing(t *testing.T) {
	nato := briefingChunks(t) // with the shipped questions
	trade := []knowledge.Chunk{
		{ID: "eu-trade#p1", BriefingID: "eu-trade", Paragraph: 1, Text: "The European Commission announced provisional tariffs of up to 38 percent on electric vehicles imported from China."},
		{ID: "eu-trade#p2", BriefingID: "eu-trade", Paragraph: 2, Text: "Germany warned that the duties could provoke retaliation and hurt European exporters."},
		{ID: "eu-trade#p3", BriefingID: "eu-trade", Paragraph: 3, Text: "Beijing called the move protectionism and said it would defend the interests of Chinese companies."},
	}
	ix := New(append(nato, trade...), lex())
	res := ix.Search("how did beijing react to the tariffs?", 3)
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.Chunk.ID)
	}
	if len(got) == 0 || !strings.HasPrefix(got[0], "eu-trade#") {
		t.Errorf("hits %v, want the trade briefing's first: the NATO briefing's questions on Beijing's reaction chose its briefing", got)
	}
	// Within the briefing its text meets best, the questions still rank.
	alone := New(briefingChunks(t), lex()).Search("what does the alliance's chief call today's security picture?", 3)
	both := ix.Search("what does the alliance's chief call today's security picture?", 3)
	if len(alone.Hits) == 0 || len(both.Hits) == 0 || alone.Hits[0].Chunk.ID != both.Hits[0].Chunk.ID {
		t.Errorf("a NATO question: alone %v, beside another briefing %v; want the same paragraph first", alone.Hits, both.Hits)
	}
}
