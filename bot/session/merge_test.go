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

// Questions that ask the opposite, or ask another thing of the same
// words, are not merged with their votes: a negation ("not", "doesn't"),
// a word of opposite meaning ("oppose" and "support"), another question
// word ("why" and "when"). Question words and negations were stop words
// of the overlap, and the rest was enough to merge. Duplicates in other
// cases, punctuation or words still merge.
func TestOppositeQuestionsNotMerged(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Why does France support the office?", "Why does France not support the office?", false},
		{"Why does France support the office?", "Why doesn't France support the office?", false},
		{"Why does France support the office?", "Why does France oppose the office?", false},
		{"Why is France in favour of a NATO office in Tokyo?", "Why is France against a NATO office in Tokyo?", false},
		{"Why did Japan join the summit in Washington?", "When did Japan join the summit in Washington?", false},
		{"Why did Macron criticise the office?", "Who did Macron criticise over the office?", false},
		{"Did defence spending increase in Japan?", "Did defence spending decrease in Japan?", false},
		// Still the same question.
		{"Why does France support the office?", "why does france support the office", true},
		{"Why does France not support the office?", "why doesn't France support the office", true},
		{"Why does France oppose the NATO Tokyo office", "why does france oppose the NATO office in Tokyo?", true},
		{"Why does France oppose a NATO office in Tokyo?", "Why is France opposed to NATO's Tokyo office?", true},
		{"Which countries attended the summit in Washington?", "What countries attended the Washington summit?", true},
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
