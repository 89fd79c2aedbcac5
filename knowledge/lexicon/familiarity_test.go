package lexicon

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestFamiliarityOrder asserts only orders WordNet's tag counts clearly give
// (each pair at least 0.1 apart in the current table). Some that one might
// expect do not hold: "guy" and "population" tie, "stuff" and "troops" are
// close, and "option" is as rare as "liaison".
func TestFamiliarityOrder(t *testing.T) {
	l := Default()
	pairs := [][2]string{
		{"think", "budget"},
		{"come", "liaison"},
		{"good", "referendum"},
		{"big", "annual"},
		{"want", "budget"},
		{"picture", "budget"},
		{"guy", "budget"},
		{"stuff", "liaison"},
		{"stuff", "annual"},
		{"come", "troops"},
		{"think", "population"},
		{"be", "think"},
		{"place", "summit"},
		{"question", "anniversary"},
		{"world", "referendum"},
	}
	for _, p := range pairs {
		a, b := l.Familiarity(p[0]), l.Familiarity(p[1])
		if a <= b {
			t.Errorf("Familiarity(%q) = %.3f, not above Familiarity(%q) = %.3f", p[0], a, p[1], b)
		}
	}
}

// TestFamiliarityScale keeps the values quoted in Familiarity's doc comment
// true.
func TestFamiliarityScale(t *testing.T) {
	l := Default()
	doc := map[string]float32{
		"be": 1, "come": 0.69, "think": 0.66, "want": 0.62, "good": 0.60,
		"big": 0.51, "picture": 0.49, "guy": 0.38, "stuff": 0.37, "troops": 0.35,
		"budget": 0.26, "annual": 0.18, "liaison": 0.16, "referendum": 0.11,
		"population": 0.38, "option": 0.14, "person": 0.91,
	}
	for w, want := range doc {
		if got := l.Familiarity(w); math.Abs(float64(got-want)) > 0.006 {
			t.Errorf("Familiarity(%q) = %.3f, documented as %.2f", w, got, want)
		}
	}
}

func TestFamiliarityUnknown(t *testing.T) {
	l := Default()
	for _, w := range []string{"", "  ", "cyber", "xyzzyq", "zelenskyy", "briefbot", "lol123"} {
		if got := l.Familiarity(w); got != 0 {
			t.Errorf("Familiarity(%q) = %.3f, want 0", w, got)
		}
	}
	// Any word WordNet lists is above 0, however rare (n = 1 is 18/255).
	for _, w := range []string{"liaison", "referendum", "troops", "pm", "zymurgy"} {
		if got := l.Familiarity(w); got < 18.0/255 || got > 1 {
			t.Errorf("Familiarity(%q) = %.3f, want in [0.07, 1]", w, got)
		}
	}
}

func TestFamiliarityInflections(t *testing.T) {
	l := Default()
	tests := map[string]string{
		"thinks":        "think",
		"thinking":      "think",
		"thought":       "think", // a lemma too, but mostly think's past
		"pictures":      "picture",
		"went":          "go",
		"plans":         "plan",
		"fights":        "fight",
		"deals":         "deal",
		"members":       "member",
		"countries":     "country",
		"created":       "create",
		"won":           "win", // a lemma too (the currency)
		"opened":        "open",
		"bigger":        "big",
		"Thinks":        "think",
		"Japan's":       "japan",
		"defence":       "defense", // the spelling WordNet tagged
		"organisations": "organization",
	}
	for infl, base := range tests {
		if got, want := l.Familiarity(infl), l.Familiarity(base); got != want || got == 0 {
			t.Errorf("Familiarity(%q) = %.3f, want %.3f as %q", infl, got, want, base)
		}
	}
	// One step only: "found" takes the value of "find", whose past it
	// mostly is, but "founded" is the past of "found" (establish), not of
	// "find".
	if a, b := l.Familiarity("found"), l.Familiarity("find"); a != b {
		t.Errorf("Familiarity(found) = %.3f, want find's %.3f", a, b)
	}
	if a, b := l.Familiarity("founded"), l.Familiarity("find"); a >= b {
		t.Errorf("Familiarity(founded) = %.3f, not below find's %.3f", a, b)
	}
}

func TestFamiliarityAllocs(t *testing.T) {
	l := Default()
	for _, w := range []string{"think", "countries", "created", "went", "xyzzyq", "organisations"} {
		if n := testing.AllocsPerRun(100, func() { _ = l.Familiarity(w) }); n != 0 {
			t.Errorf("Familiarity(%q): %.0f allocations, want 0", w, n)
		}
	}
}

// TestDecodeOldVersion: a table of an older format is rejected, saying so,
// rather than misread.
func TestDecodeOldVersion(t *testing.T) {
	for _, v := range []string{"1", "2"} {
		_, err := decode("BBLEX" + v + "\n" + table[len(magic):])
		if !errors.Is(err, errCorrupt) || !strings.Contains(err.Error(), `format "`+v+`", want "3"`) {
			t.Errorf("decode of a version-%s table: err = %v, want a format error", v, err)
		}
	}
}

var famSink float32

func BenchmarkFamiliarity(b *testing.B) {
	l := Default()
	words := []string{"think", "budget", "liaison", "troops", "office", "xyzzyq"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		famSink += l.Familiarity(words[i%len(words)])
		i++
	}
}

// BenchmarkFamiliarityInflected covers words the table does not list,
// looked up through the exceptions and the suffix rules.
func BenchmarkFamiliarityInflected(b *testing.B) {
	l := Default()
	words := []string{"thinks", "countries", "went", "created", "organisations", "pictures"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		famSink += l.Familiarity(words[i%len(words)])
		i++
	}
}
