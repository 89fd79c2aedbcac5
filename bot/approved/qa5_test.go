package approved

import (
	"context"
	"testing"
)

// af7293d requires the same question words in both questions, so
// members' ordinary rewordings of an approved question are no longer
// served its approved answer (they were before): a request with no
// question word ("Explain why…", "Tell me about…"), another word for the
// same ask ("What is the reason…", "How come…") and Discord's "whats".
func TestQA5ApprovedServedToRewordings(t *testing.T) {
	ctx := context.Background()
	s := New(newMem())
	if _, err := s.Approve(ctx, g, "Why does France oppose a NATO office in Tokyo?", france, "", "77"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Approve(ctx, g, "What is the Quad?", quad, "", "77"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"What is the reason France opposes a NATO office in Tokyo?",
		"How come France opposes a NATO office in Tokyo?",
		"Tell me about the Quad",
		"the quad?",
	} {
		if _, ok, err := s.Lookup(ctx, g, q, v1); err != nil || !ok {
			t.Errorf("%q: not served the approved answer (ok %v, %v)", q, ok, err)
		}
	}
}
