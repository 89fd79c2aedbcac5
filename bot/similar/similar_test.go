package similar

import (
	"slices"
	"testing"
)

func TestKeyAndWords(t *testing.T) {
	if got, want := Key("  Who is in the QUAD?! "), "who is in the quad"; got != want {
		t.Errorf("Key = %q, want %q", got, want)
	}
	if got, want := Key("Lin Jian’s remark"), Key("lin jian's remark"); got != want {
		t.Errorf("curly apostrophe: %q vs %q", got, want)
	}
	if got, want := Words("Why does France oppose NATO's offices in Tokyo?"), []string{"france", "nato", "office", "oppose", "tokyo"}; !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
	if got := Words("Why does France not oppose it?"); !slices.Contains(got, "not") {
		t.Errorf("negation dropped: %q", got)
	}
}

func TestNear(t *testing.T) {
	tests := []struct {
		a, b string
		min  float64
		want bool
	}{
		{"Who is in the Quad?", "who is in the quad", 0.8, true},
		{"Why does France oppose a NATO office in Tokyo?", "Why does France oppose the NATO office in Tokyo", 0.8, true},
		{"Why does France oppose a NATO office in Tokyo?", "Why does France oppose a NATO office in Seoul?", 0.8, false},
		{"Why does France oppose a NATO office in Tokyo?", "Why does France not oppose a NATO office in Tokyo?", 0.8, false},
		{"Who won the World Cup in 2022?", "Who won the World Cup in 2018?", 0.6, false},
		{"who won the world cup", "who won the 2022 world cup", 0.6, false},
		{"who won the football world cup", "who won the world cup", 0.6, true},
		{"what is it?", "what is this?", 0.6, false}, // no content words: only equal keys match
		// The question word asks something else: never the same question.
		{"When did NATO invite Japan?", "Why did NATO invite Japan?", 0.8, false},
		{"Who invited Japan to the NATO summit?", "Where was Japan invited to the NATO summit?", 0.6, false},
		{"How did China respond to NATO's summit?", "Did China respond to NATO's summit?", 0.6, false},
		{"Why does France oppose a NATO office in Tokyo?", "Why does France never oppose a NATO office in Tokyo?", 0.8, false},
		{"Why does France oppose a NATO office in Tokyo?", "Why does France oppose no NATO office in Tokyo?", 0.8, false},
		// ...but the same question word, reworded, still matches.
		{"When did NATO invite Japan?", "when did nato invite japan to the summit", 0.6, true},
		{"Which countries did NATO invite?", "What countries did NATO invite?", 0.8, true},
		{"Who's in the Quad alliance?", "who is in the quad alliance", 0.8, true},
		{"", "", 0.6, false},
	}
	for _, tt := range tests {
		got := Near(Key(tt.a), Words(tt.a), Key(tt.b), Words(tt.b), tt.min)
		if got != tt.want {
			t.Errorf("Near(%q, %q, %v) = %v, want %v (words %q / %q)", tt.a, tt.b, tt.min, got, tt.want, Words(tt.a), Words(tt.b))
		}
	}
}
