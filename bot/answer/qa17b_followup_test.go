package answer

import "testing"

// QA 17b: in a thread, "who is lin jian" → "what else did he say" →
// "what did he urge" is refused ("The briefing doesn't say"), though ¶8
// says "He further urged NATO to …" and "what did lin jian urge nato to
// do" asked alone is answered from it.
func TestQA17bFollowUpOnLinJianRefused(t *testing.T) {
	e := newEngine(t, nil)
	var hist []Turn
	for _, q := range []string{"who is lin jian", "what else did he say"} {
		a := qa17bAsk(t, e, q, hist...)
		hist = append(hist, Turn{Question: q, Answer: a.Text})
	}
	a := qa17bAsk(t, e, "what did he urge", hist...)
	if a.Refused || !qa17bCitesAny(a, 8) {
		t.Errorf("\"what did he urge\" after Lin Jian: refused %v, cites %v: %q; want ¶8", a.Refused, qa17bParagraphs(a), a.Text)
	}
}
