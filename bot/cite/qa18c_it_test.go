package cite

import "testing"

// 18a refused "It has/provides/offers no …" as said of NATO, not of the
// article (absenceItHas), but only that form: "It doesn't provide …",
// "It does not address …" read the same "it" as the article, and their
// words, all the passages', pass as "not told". After a cited sentence on
// NATO the member reads that NATO provides no security for Japan, no
// presence in the region, and does not address China's concerns —
// claims about NATO no passage makes (paragraph 2 speaks of "NATO's
// increased presence in the region").
func TestQA18cAbsenceItDoesNotIsNotTheArticle(t *testing.T) {
	qa17fNotShown(t, qa17fChecker, "It doesn't provide security for Japan.")
	qa17dNotShown(t,
		"It doesn't provide a presence in the region.",
		"It doesn't offer Asian partners a presence in the region.",
	)
	for _, text := range []string{
		"NATO has invited four Asia-Pacific partners [5]. It doesn't provide a presence in the region.",
		"NATO has invited four Asia-Pacific partners [5]. It does not address China's concerns.",
	} {
		for _, r := range checker.CheckText(text) {
			if r.Shown() && len(r.Cited) == 0 {
				t.Errorf("shown from %q: %q", text, r.Body)
			}
		}
	}
}
