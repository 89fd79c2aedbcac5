package similar

import "testing"

func qa5Near(a, b string) bool { return Near(Key(a), Words(a), Key(b), Words(b), 0.8) }

// a real rewording of an approved question that asks the same thing
// with another question word ("what is the reason" is "why", "how come"
// is "why") is no longer served the approved answer: Near requires the
// same question words. Both were served before af7293d.
func TestQA5RewordingWithAnotherQuestionWordStillMatches(t *testing.T) {
	approved := "Why does France oppose a NATO office in Tokyo?"
	for _, q := range []string{
		"What is the reason France opposes a NATO office in Tokyo?",
		"How come France opposes a NATO office in Tokyo?",
	} {
		if !qa5Near(approved, q) {
			t.Errorf("%q is not the same question as %q", q, approved)
		}
	}
	// Discord spelling without the apostrophe: "whats" is no question
	// word to asks(), though "what's" is.
	approved = "What is France's objection to a NATO office in Tokyo?"
	for _, q := range []string{
		"whats frances objection to a nato office in tokyo",
	} {
		if !qa5Near(approved, q) {
			t.Errorf("%q is not the same question as %q", q, approved)
		}
	}
}

// a request without a question word ("Tell me about…", "Explain…",
// "Describe…" — the stop list drops those words as saying how one asks)
// asks what the approved "What is…?" asks, with the very same content
// words (Jaccard 1), and is no longer served its answer: asks() needs
// both to hold the same question words, and a request holds none.
func TestQA5RequestWithoutQuestionWordStillMatches(t *testing.T) {
	for _, p := range [][2]string{
		{"What is the Quad?", "Tell me about the Quad"},
		{"What is Macron's view on a NATO office in Tokyo?", "Explain Macron's view on a NATO office in Tokyo"},
		{"What did Lin Jian say about NATO?", "Lin Jian on NATO?"},
	} {
		if !qa5Near(p[0], p[1]) {
			t.Errorf("%q is not the same question as approved %q (Jaccard %.2f)", p[1], p[0], Jaccard(Words(p[0]), Words(p[1])))
		}
	}
}

// the question-word check reads English words only: a question in
// another language asking "when" instead of "why" is still the same
// question as the approved one, and is served its answer.
func TestQA5OtherLanguageQuestionWordDiffers(t *testing.T) {
	for _, p := range [][2]string{
		{"Warum lehnt Frankreich ein Verbindungsbüro der NATO in Tokio ab?", "Wann lehnt Frankreich ein Verbindungsbüro der NATO in Tokio ab?"},
		{"¿Por qué Francia se opone a la oficina de enlace de la OTAN en Tokio?", "¿Cuándo se opone Francia a la oficina de enlace de la OTAN en Tokio?"},
	} {
		if qa5Near(p[0], p[1]) {
			t.Errorf("%q matched %q", p[1], p[0])
		}
	}
}
