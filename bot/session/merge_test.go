package session

import "testing"

// Questions that differ in a figure or a name (a country, a person, an
// organisation) ask different things, however many words they share, and
// are not merged: merged, one asker's question would never be answered
// and they would be told it was "the same as" another. Rewordings of one
// question still merge.
func TestNearDuplicatesDifferingInANameOrFigureNotMerged(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Why does France oppose a NATO office in Tokyo?", "Why does Japan oppose a NATO office in Tokyo?", false},
		{"Why does France oppose a NATO office in Tokyo?", "why does japan oppose a nato office in tokyo", false},
		{"Why does France oppose a NATO office in Tokyo?", "Why does France oppose a NATO office in Seoul?", false},
		{"Why does France oppose a NATO office in Tokyo?", "Why does Macron oppose a NATO office in Tokyo?", false},
		{"How many Asian partners attended the summit in 2023?", "How many Asian partners attended the summit in 2024?", false},
		{"What does paragraph 4 say about the summit?", "What does paragraph 29 say about the summit?", false},
		{"What did Stoltenberg say about China's military build-up?", "What did Kishida say about China's military build-up?", false},
		// The same question in other words, or other cases, merges.
		{"Why does France oppose a NATO office in Tokyo?", "why does france oppose a nato office in tokyo", true},
		{"Why does France oppose a NATO office in Tokyo?", "Why is France opposed to NATO's Tokyo office?", true},
		{"Why does France oppose a NATO office in Tokyo?", "France: why does it oppose a NATO office in Tokyo?", true},
		{"How many Asian partners attended the 2024 summit?", "how many asian partners attended the summit of 2024", true},
	}
	for _, tt := range tests {
		if got := signature(tt.a).same(signature(tt.b)); got != tt.same {
			t.Errorf("same(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
		if got := signature(tt.b).same(signature(tt.a)); got != tt.same {
			t.Errorf("same(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.same)
		}
	}
}
