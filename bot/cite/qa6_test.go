package cite

import (
	"fmt"
	"strings"
	"testing"
)

// Emphasis closing after "[n]." keeps the next sentence joined to it
// (afterMarker skips only `"'”’)»` after the stop), so the two are checked
// as one against both passages: "India was invited to the summit" passes
// on ¶20's India. The split after "[n]." (013cda3) was meant for this.
func TestQA6EmphasisAfterMarkerStopSplits(t *testing.T) {
	for _, text := range []string{
		"*India was invited to the summit [3].* The Quad includes India [20].",
		"**Macron leads the Quad [20].** France fears provoking China [11].",
		"__India was invited to the summit [3].__ The Quad includes India [20].",
	} {
		if got := Sentences(text); len(got) != 2 {
			t.Errorf("%q split as %q, want 2 sentences", text, got)
		}
	}
	qa6Wrong(t, false, Sentences("*India was invited to the summit [3].* The Quad includes India [20].")[0])
}

// A marker after an abbreviation's stop ("the U.S. [20].") is moved
// inside it by trailingMarks ("U.S [20].."): the sentence after it is no
// longer split off (pooling ¶20 and ¶11: "The U.S. opposes the Tokyo
// office" passes), and a marker mid-sentence after "U.S." ends the
// sentence there ("…not led by the U.S. [10] alone" is shown as "…not
// led by the U.S. [1].", the opposite claim).
func TestQA6AbbreviationMarkerSplit(t *testing.T) {
	for _, text := range []string{
		"AUKUS links Australia, the UK and the U.S. [20]. **The U.S.** opposes the Tokyo office [11].",
		"AUKUS links Australia, the UK and the U.S. [20]. - The U.S. opposes the Tokyo office [11].",
		"AUKUS links Australia, the UK and the U.S. [20]. the U.S. opposes the Tokyo office [11].",
	} {
		if got := Sentences(text); len(got) != 2 {
			t.Errorf("%q split as %q, want 2 sentences", text, got)
		}
	}
	for _, text := range []string{
		"The alliance is not led by the U.S. [10] alone, the briefing says.",
		"The Quad groups the U.S. [20] with Japan, Australia and India.",
	} {
		if got := Sentences(text); len(got) != 1 {
			t.Errorf("%q split mid-sentence: %q", text, got)
		}
	}
}

// Dotted initialisms are never checked as names: each letter is a
// word of one letter. "The EU opposes…" is refused, "The E.U. opposes…"
// passes.
func TestQA6DottedInitialismChecked(t *testing.T) {
	qa6Wrong(t, false,
		"The E.U. opposes the Tokyo office [11].",
		"The U.K. and France oppose the Tokyo office [11].",
		"The U.N. has criticised NATO's Asian pivot [11].",
	)
}

// Ordinals from "third" (108b3f7) are figures wherever they stand:
// a model's enumeration ("A third factor…", "Third, …") is refused.
// "first"/"second" count only before what is counted; "third" and on
// could too (the fourth-consecutive-year case stays caught).
func TestQA6OrdinalEnumerationHonest(t *testing.T) {
	qa6Honest(t, false,
		"A third factor is North Korea's nuclear ambitions [2].",
		"The third reason is economic: Asian countries trade heavily with China [17].",
		"Third, many Asian countries have deep economic ties with China [17].",
	)
}

// The advice rule reads "you … should" across a clause: another
// subject's "should" a few words after "you" is taken for advice.
func TestQA6AdviceAcrossClauseHonest(t *testing.T) {
	qa6Honest(t, false,
		"If you're asking whether NATO should open an office in Tokyo, Macron opposes it [11].",
		"As you might expect, Lin Jian said NATO should not use China to justify its insertion into the Asia-Pacific [8].",
	)
}

// Advice the rule misses, by small variants of its own forms.
func TestQA6AdviceVariants(t *testing.T) {
	qa6Wrong(t, false,
		"You'd better prepare for a Cold War-style confrontation [4].",
		"We all need to prepare for a confrontation in the region [4].",
		"I recommend that readers oppose NATO's Asian pivot [11].",
	)
}

// foreignCountries (87e851b) refuses the usual foreign spellings of
// the briefing's own places: "Tokio" (Spanish, German, Dutch, Polish),
// "Peking" (German) are capitals in the lexicon, and "USA" (German,
// Italian) is not met by the passage's "U.S.".
func TestQA6ForeignSpellingsHonest(t *testing.T) {
	qa6Honest(t, true,
		"Emmanuel Macron teme que una oficina de la OTAN en Tokio provoque a China [11].",
		"Frankreichs Präsident Macron fürchtet, ein NATO-Büro in Tokio könnte China provozieren [11].",
		"Peking arbeitet aktiv daran, seine Beziehungen zu anderen asiatischen Staaten zu stärken [9].",
		"Die USA, Japan, Australien und Indien bilden die Quad [20].",
	)
}

// The demonym rule (31e8ef2) maps "American" to "america" and
// "British" to "great britain", which the passages never write: they say
// "the United States", "U.S.", "UK".
func TestQA6AmericanBritishHonest(t *testing.T) {
	qa6Honest(t, false,
		"American officials are keen to expand NATO's role in countering China [10].",
		"Close American allies like Japan and South Korea trade heavily with China [17].",
		"The British are partners in AUKUS with Australia and the U.S. [20].",
	)
}

// A hyphenated word starting with a name is looked for whole.
func TestQA6HyphenatedNamesHonest(t *testing.T) {
	qa6Honest(t, false,
		"A Tokyo-based NATO office could provoke China, Macron warns [11].",
		"Beijing-backed initiatives such as the SCO and CICA exclude Western powers [9].",
		"NATO's Secretary-General, Jens Stoltenberg, calls the security landscape global [2].",
	)
}

// Sentence adverbs in -ly and answer labels open sentences as
// "Specifically," does, and are taken for names.
func TestQA6AdverbOpenersHonest(t *testing.T) {
	qa6Honest(t, false,
		"Primarily, Macron worries about provoking China [11].",
		"Conversely, the United States is keen to expand NATO's role in countering China [10].",
		"Answer: France opposes a NATO office in Tokyo [11].",
	)
}

// hasMagnitude scans all the cited passages again for every
// magnitude word: one 2 KB sentence of "5bn" cited to the 23 paragraphs
// took ~180 ms, against ~1-3 ms for any other 2 KB sentence; each
// magnitude is now looked for once a sentence. A benchmark, not a timed
// test.
func BenchmarkCheckRepeatedMagnitudes(b *testing.B) {
	c := qa6Checker(b, false)
	var all strings.Builder
	for i := 1; i <= 23; i++ {
		fmt.Fprintf(&all, "[%d]", i)
	}
	s := strings.Repeat("5bn ", 490) + all.String() + "."
	for b.Loop() {
		c.Check(s)
	}
}

// BenchmarkSentencesManyStartsAndAMention splits a 4 KB text of short
// cited sentences, a mention at its end: the mention was looked for
// again from every sentence's start (about 30 ms for 4 KB).
func BenchmarkSentencesManyStartsAndAMention(b *testing.B) {
	text := strings.Repeat("x [1]. y ", 450) + "z. @everyone"
	for b.Loop() {
		Sentences(text)
	}
}
