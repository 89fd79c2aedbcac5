package quiz

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// Every extractive question: four distinct options, the correct one in its
// cited paragraph, no wrong one supported by it, the quote a verbatim
// sentence of the paragraph, the chunk id that of the paragraph.
func TestGenerateGrounded(t *testing.T) {
	b := briefing(t)
	for _, seed := range []uint64{0, 1, 2, 3, 42, 1234} {
		for _, n := range []int{1, 5, 10} {
			qs, err := Generate(b, n, seed)
			if err != nil {
				t.Fatal(err)
			}
			if len(qs) != n {
				t.Fatalf("seed %d: %d questions, want %d", seed, len(qs), n)
			}
			paras := map[int]bool{}
			for _, q := range qs {
				checkGrounded(t, b, q)
				paras[q.Paragraph] = true
			}
			if len(paras) < n {
				t.Errorf("seed %d n %d: only %d paragraphs for %d questions", seed, n, len(paras), n)
			}
		}
	}
}

func checkGrounded(t *testing.T, b knowledge.Briefing, q Question) {
	t.Helper()
	if len(q.Options) != Options || q.Correct < 0 || q.Correct >= Options {
		t.Fatalf("%q: options %q correct %d", q.Text, q.Options, q.Correct)
	}
	para := b.Paragraphs[q.Paragraph-1]
	if !Supported(q.Answer(), para) || (q.Kind != KindModel && !inText(q.Answer(), para)) {
		t.Errorf("p%d: correct option %q not in its paragraph", q.Paragraph, q.Answer())
	}
	seen := map[string]bool{}
	for i, o := range q.Options {
		n := knowledge.Normalize(o)
		if seen[n] {
			t.Errorf("%q: option %q twice", q.Text, o)
		}
		seen[n] = true
		if i == q.Correct {
			continue
		}
		if Supported(o, para) || inText(o, para) {
			t.Errorf("p%d: wrong option %q occurs in the cited paragraph", q.Paragraph, o)
		}
	}
	if !slices.Contains(knowledge.Sentences(para), q.Quote) {
		t.Errorf("p%d: quote %q is not a sentence of the paragraph", q.Paragraph, q.Quote)
	}
	if !strings.HasPrefix(q.ChunkID, b.ID+"#p") || !strings.HasSuffix(strings.Split(q.ChunkID, ".")[0], "#p"+strconv.Itoa(q.Paragraph)) {
		t.Errorf("chunk id %q for paragraph %d", q.ChunkID, q.Paragraph)
	}
	if q.Kind != KindModel {
		if !strings.Contains(q.Text, blank) || strings.Contains(knowledge.Normalize(strings.ReplaceAll(q.Text, blank, " ")), " "+knowledge.Normalize(q.Answer())+" ") {
			t.Errorf("%q: blank missing or answer still visible", q.Text)
		}
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n/10%10)) + string(rune('0'+n%10)))
}

func TestGenerateDeterministic(t *testing.T) {
	b := briefing(t)
	a, _ := Generate(b, 6, 7)
	c, _ := Generate(b, 6, 7)
	if !slices.EqualFunc(a, c, func(x, y Question) bool {
		return x.Text == y.Text && slices.Equal(x.Options, y.Options) && x.Correct == y.Correct
	}) {
		t.Error("same seed, different quiz")
	}
	d, _ := Generate(b, 6, 8)
	if slices.EqualFunc(a, d, func(x, y Question) bool { return x.Text == y.Text && slices.Equal(x.Options, y.Options) }) {
		t.Error("different seeds, same quiz")
	}
	// The correct option is not always in the same place.
	pos := map[int]bool{}
	for _, q := range a {
		pos[q.Correct] = true
	}
	if len(pos) < 2 {
		t.Errorf("correct option always at %v", pos)
	}
}

func TestGenerateEdges(t *testing.T) {
	if qs, err := Generate(knowledge.Briefing{ID: "x", Paragraphs: []string{"Nothing here to ask about at all, really nothing."}}, 3, 1); err == nil || len(qs) != 0 {
		t.Errorf("no candidates: %v %v", qs, err)
	}
	if qs, err := Generate(briefing(t), 0, 1); err != nil || qs != nil {
		t.Errorf("n=0: %v %v", qs, err)
	}
	// More than the briefing has: fewer questions, no error, no repeats.
	qs, err := Generate(briefing(t), 500, 1)
	if err != nil || len(qs) < 10 || len(qs) >= 500 {
		t.Fatalf("n=500: %d questions, %v", len(qs), err)
	}
	answers := map[string]bool{}
	for _, q := range qs {
		if answers[q.Text] {
			t.Errorf("question %q twice", q.Text)
		}
		answers[q.Text] = true
	}
}

// The paragraph naming the summit's city asks for it with cities that are
// not in the paragraph (Beijing, its dateline, excluded).
func TestGenerateCityQuestion(t *testing.T) {
	b := briefing(t)
	qs, _ := Generate(b, 500, 1)
	for _, q := range qs {
		if q.Paragraph == 1 && q.Kind == KindCity {
			if q.Answer() != "Washington D.C." || slices.Contains(q.Options, "Beijing") {
				t.Errorf("city question: %q %q", q.Text, q.Options)
			}
			return
		}
	}
	t.Error("no city question on paragraph 1")
}

func TestSupported(t *testing.T) {
	p := "French President Emmanuel Macron has expressed concerns that establishing a NATO office in Tokyo could unnecessarily provoke China."
	tests := []struct {
		option string
		want   bool
	}{
		{"Emmanuel Macron", true},
		{"It could provoke China", true}, // lemma: provoke
		{"an office in Tokyo", true},     // stop words ignored
		{"NATO’s office", true},          // possessive, curly quote
		{"Olaf Scholz", false},           // not there
		{"an office in Seoul", false},    // one word missing is enough
		{"the", false},                   // nothing to support
		{"75 offices", false},            // figure missing
	}
	for _, tt := range tests {
		if got := Supported(tt.option, p); got != tt.want {
			t.Errorf("Supported(%q) = %v, want %v", tt.option, got, tt.want)
		}
	}
}

// inText reports whether phrase occurs in text as whole words, after
// normalisation ("UK" is not in "Ukraine").
func inText(phrase, text string) bool {
	return strings.Contains(" "+strings.Join(words(text), " ")+" ", " "+strings.Join(words(phrase), " ")+" ")
}

// A briefing with one date has no other dates to offer as wrong answers:
// the wrong ones are the same date with the month moved.
func TestGenerateDateQuestionWithoutOtherDates(t *testing.T) {
	b := knowledge.Briefing{ID: "moon", Title: "Moon", Paragraphs: []string{
		"The European agency landed its first probe near the lunar south pole on 4 March 2031, after a decade of delays.",
		"Engineers said the lander would study water ice in shadowed craters for at least two lunar days.",
	}}
	qs, err := Generate(b, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Kind != KindDate {
			continue
		}
		if q.Answer() != "4 March 2031" {
			t.Fatalf("date question %q answers %q", q.Text, q.Answer())
		}
		for _, o := range q.Options {
			if o != q.Answer() && !slices.Contains([]string{"4 January 2031", "4 February 2031", "4 April 2031", "4 May 2031"}, o) {
				t.Errorf("option %q is not the date with its month moved (options %q)", o, q.Options)
			}
		}
		return
	}
	t.Errorf("no date question in %+v", qs)
}
