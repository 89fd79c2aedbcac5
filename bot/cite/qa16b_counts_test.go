package cite

import "testing"

// pQuadB is the briefing's paragraph listing the Quad's four members and
// AUKUS's three (the gate tests' passage [2]).
const pQuadB = "One approach could be to enhance cooperation between NATO and existing Indo-Pacific security frameworks, such as the Quad (comprising the U.S., Japan, Australia, and India) or the AUKUS partnership between Australia, the UK, and the U.S. This could allow for increased coordination on shared security concerns without the perceived provocation of a formal NATO presence in the region."

// qa16bChecker cites [1] p11 (Macron), [2] p3 (four countries invited for
// the third consecutive year), [3] p1 (10th July 2024 summit), [4] pQuadB.
var qa16bChecker = Checker{Passage: func(n int) (string, bool) {
	ps := []string{p11, p3, p1, pQuadB}
	if n < 1 || n > len(ps) {
		return "", false
	}
	return ps[n-1], true
}}

// QA 16b: a count is met by a passage's list whenever the sentence names
// any one of its things, whatever the count is of. Naming "Japan" is
// enough for "four" to pass as a count of other countries, ministers,
// offices or summits; timesCounted looks at the next word only, so "four
// NATO summits" and "four consecutive times" slip by it. Australia is in
// both of [4]'s lists, so it meets AUKUS's count with the Quad's four and
// the Quad's with AUKUS's three. Each of these is a wrong figure.
func TestQA16bCountNamesOneThingCountsAnother(t *testing.T) {
	for _, s := range []string{
		"Japan and four other countries were invited [2].", // Japan and three others
		"Japan was invited with four others: South Korea, Australia and New Zealand [2].",
		"Japan sent four ministers to the NATO summit [2].",
		"Japan is one of four NATO offices [2].",
		"Japan has attended four NATO summits [2].",
		"Japan has been invited four consecutive times [2].",
		"Australia is one of four AUKUS members [4].",
		"Australia is one of three Quad members [4].",
	} {
		if r := qa16bChecker.Check(s); r.Shown() {
			t.Errorf("%q passes (%+v): its count is of something the passage does not count", s, r)
		}
	}
}

// QA 16b, new with c919644: a count of times, years, decades... is met by
// any "third" in the passage, whatever it is the third of. [2]'s only
// ordinal is "the third consecutive year" Japan and others were invited;
// NATO's age in decades and Australia hosting summits are nowhere in it.
// Both sentences were refused before the fix.
func TestQA16bTimesCountMetByAnyOrdinal(t *testing.T) {
	for _, s := range []string{
		"NATO has existed for three decades [2].",
		"Australia has hosted the summit three times [2].",
	} {
		if r := qa16bChecker.Check(s); r.Shown() {
			t.Errorf("%q passes (%+v): [2]'s \"third\" is no count of decades or hostings", s, r)
		}
	}
}

// QA 16b: a list's item opening with a name WordNet knows as a word
// (familiarity 0.25-0.45: "Congress" 0.35, "Bush" 0.30, "May" 0.36) is
// still excused as an opener: the fix closed the hole for sentences and
// left it open for "- Bush opposed ..." — a name in no cited passage is
// shown as the briefing's.
func TestQA16bNameOpensListItem(t *testing.T) {
	for _, s := range []string{
		"- Congress approved a NATO office in Tokyo [1].",
		"- Bush opposed a NATO office in Tokyo [1].",
		"- May opposed a NATO office in Tokyo [1].",
		"1. Congress approved a NATO office in Tokyo [1].",
	} {
		if r := qa16bChecker.Check(s); r.Shown() {
			t.Errorf("%q passes (%+v): its first word is a name passage [1] lacks", s, r)
		}
	}
}

// QA 16b: the 0.25 opener is kept for "-ly adverbs" by suffix alone:
// "July" (0.28) and "Assembly" (0.27) end in -ly and open a sentence
// unchecked. [1] has no July (the summit's date is in [3]) and no
// Assembly.
func TestQA16bLyNounsExcusedAsOpeners(t *testing.T) {
	for _, s := range []string{
		"July saw Macron object to a NATO office in Tokyo [1].",
		"Assembly approved a NATO office in Tokyo [1].",
	} {
		if r := qa16bChecker.Check(s); r.Shown() {
			t.Errorf("%q passes (%+v): its first word is a name passage [1] lacks, not an adverb", s, r)
		}
	}
}
