package cite

import "testing"

// qa16eChecker cites three passages the prompt labels paragraphs 4, 12
// and 3; none of them says "2", "3 years" or "12 ministers".
var qa16eChecker = Checker{Passage: func(n int) (string, bool) {
	ps := []string{
		"Three ministers resigned on Monday, NATO said.",
		"Three ministers resigned after the vote, NATO said.",
		"The law passed five years ago; 40 firms have left since.",
	}
	if n < 1 || n > len(ps) {
		return "", false
	}
	return ps[n-1], true
}, Paragraph: func(n int) int { return []int{4, 12, 3}[n-1] }}

// A reference to a cited passage followed by a comma (or "and") and a
// figure swallows the figure when the figure happens to be the number of
// another cited passage: "Per passage 1, 2 ministers resigned" is read as
// "passages 1, 2" and the wrong "2" is never checked. Passage numbers are
// small (1..8), so any small figure after "passage N," collides.
func TestQA16eReferenceSwallowsFigureAfterComma(t *testing.T) {
	for _, s := range []string{
		"Per passage 1, 2 ministers resigned [1][2].",
		"Per paragraph 4, 12 ministers resigned [1][2].",
		"As paragraph 12 and 4 ministers said, NATO acted [1][2].",
		"Per para. 3, 12 ministers resigned [3][2].",
	} {
		if r := qa16eChecker.Check(s); r.Shown() {
			t.Errorf("%q shown (missing %v): its figure is in no cited passage", s, r.Missing)
		}
	}
	// The same figures without the reference are caught.
	for _, s := range []string{"2 ministers resigned [1][2].", "12 ministers resigned [1][2]."} {
		if r := qa16eChecker.Check(s); r.Shown() {
			t.Fatalf("control %q shown", s)
		}
	}
}

// "passage" is also an ordinary news word (a law's passage, safe
// passage): "Since the law's passage 3 years ago" is taken for a
// reference to passage [3] and the wrong "3 years" is never checked.
func TestQA16eLegislativePassageHidesFigure(t *testing.T) {
	s := "Since the law's passage 3 years ago, 40 firms have left [3]."
	if r := qa16eChecker.Check(s); r.Shown() {
		t.Errorf("%q shown (missing %v): the law passed five years ago", s, r.Missing)
	}
	if r := qa16eChecker.Check("Since the law passed 3 years ago, 40 firms have left [3]."); r.Shown() {
		t.Fatal("control shown")
	}
}
