package answer

import "testing"

// QA 17b: common ways of asking for the gist are not read as overview
// questions and are refused without a model ("The briefing doesn't
// say."), though an overview is never refused: "give me the short
// version", "cliff notes?", "eli5", "explain like i'm 5". They should get
// the lead and the conclusion (¶1, ¶23), as "tl;dr" and "sum it up" do.
func TestQA17bOverviewPhrasingsRefused(t *testing.T) {
	e := newEngine(t, nil)
	for _, q := range []string{"give me the short version", "cliff notes?", "eli5", "explain like i'm 5"} {
		a := qa17bAsk(t, e, q)
		if a.Refused || !qa17bCitesAny(a, 1) || !qa17bCitesAny(a, 23) {
			t.Errorf("%q: refused %v, cites %v: %q; want the overview (¶1 and ¶23)", q, a.Refused, qa17bParagraphs(a), a.Text)
		}
	}
}
