package answer

import (
	"strings"
	"testing"
)

// QA 17b: "what is teh quad" ("teh", the commonest typo of "the") gets
// "The briefing doesn't say.", though "what is the quad" and "wat is the
// quad" are answered from ¶20.
func TestQA17bChatTyposRefused(t *testing.T) {
	e := newEngine(t, nil)
	for _, q := range []string{"what is teh quad", "wat is teh quad"} {
		a := qa17bAsk(t, e, q)
		if a.Refused || !qa17bCitesAny(a, 20) {
			t.Errorf("%q: refused %v, cites %v: %q; want ¶20 as for the question spelt right", q, a.Refused, qa17bParagraphs(a), a.Text)
		}
	}
}

// QA 17b: "wat is aukus" — English chat spelling of "what is aukus",
// which is answered from ¶20 — is taken for Dutch ("wat is" is Dutch
// too), and the member is told, first in Dutch, "Ik kan hier alleen
// vragen in het Engels beantwoorden …" — asked in English, told to ask
// again in English. "wat is the quad" and "wat is nato doing in asia" are
// answered; two words of Dutch and a name are no Dutch question.
func TestQA17bChatSpellingTakenForDutch(t *testing.T) {
	e := newEngine(t, nil)
	a := qa17bAsk(t, e, "wat is aukus")
	if strings.Contains(a.Text, "Engels") || a.Refused || !qa17bCitesAny(a, 20) {
		t.Errorf("\"wat is aukus\": refused %v, cites %v: %q; want ¶20, as for \"what is aukus\"", a.Refused, qa17bParagraphs(a), a.Text)
	}
}
