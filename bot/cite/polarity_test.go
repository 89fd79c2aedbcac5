package cite

import (
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

// polarityPassages are the briefing's words that a model most often turns
// round (paragraphs 3, 12, 15, 19, 20, 22 and 8 of the first briefing).
var polarityPassages = []string{
	"Japan, South Korea, Australia, and New Zealand have been invited to the NATO summit for the third consecutive year, but this outreach has not translated into widespread enthusiasm for NATO’s increased presence in the region.",
	"While there is growing consensus that China poses significant challenges to the international order, there is less agreement on how NATO should respond, particularly in regions far from its traditional area of operations.",
	"Many Asian countries value their strategic autonomy and are reluctant to be seen as aligning too closely with any one power bloc.",
	"Given the scepticism and resistance to NATO’s direct involvement in Asia, some experts argue that Western countries should focus on strengthening existing regional security arrangements rather than trying to expand NATO’s role.",
	"NATO, with its focus on military deterrence, is less well-equipped to address the complex interplay between economic and security issues in the Indo-Pacific.",
	"This could include information sharing, joint exercises focused on non-traditional security threats, and coordination on global challenges like climate change.",
	"Lin Jian said NATO should not use China to justify its insertion into the Asia-Pacific. He further urged NATO to stop forming exclusive clubs in the name of collective defence.",
	"NATO’s push into Asia is not just facing external resistance; it is also highlighting internal divisions within the alliance. While some members, particularly the United States, are keen to expand NATO’s role, others are more hesitant.",
	"Unlike Europe, the Indo-Pacific lacks a single, overarching security framework.",
	"The alliance's leaders would do well to focus on areas where NATO can add value without exacerbating regional tensions or undermining existing security arrangements.",
	"They are particularly concerned that NATO’s involvement could exacerbate tensions and undermine the delicate balance of power in the region.",
}

var polarityChecker = Checker{Passage: func(n int) (string, bool) {
	if n < 1 || n > len(polarityPassages) {
		return "", false
	}
	return polarityPassages[n-1], true
}}

// A sentence that states plainly what its passage denies, or says of all
// what the passage says of many or some, is not shown, and says why; one
// that keeps the denial in its own words, reports a demand as an
// accusation, or names the thing without saying it is so, is.
func TestPolarity(t *testing.T) {
	for _, tt := range []struct {
		sentence string
		shown    bool
	}{
		// A denial dropped.
		{"The outreach has translated into widespread enthusiasm for NATO's presence [1].", false},
		{"Asian partners have responded with widespread enthusiasm to NATO's outreach [1].", false},
		{"NATO is especially well-equipped to address the interplay of economic and security issues [5].", false},
		{"The Indo-Pacific, like Europe, has a single overarching security framework [9].", false},
		{"Many Asian countries are eager to align closely with NATO [3].", false},
		{"There is broad agreement within NATO on how to respond [2].", false},
		// "non-" and "rather than" deny too.
		{"The article proposes joint exercises focused on traditional military threats [6].", false},
		{"Some experts argue Western countries should expand NATO's role [4].", false},
		// A demand's denial, reported as a demand.
		{"Lin Jian urged NATO to form exclusive clubs in the name of collective defence [7].", false},
		{"He said NATO should use China to justify its insertion into the Asia-Pacific [7].", false},
		// "all" and "every" for "many" and "some".
		{"All Asian countries value their strategic autonomy [3].", false},
		{"Every NATO member is keen to expand NATO's role [8].", false},
		{"NATO members all want to expand NATO's role [8].", false},
		// "not just" turned into "only".
		{"NATO's push faces only external resistance [8].", false},

		// The denial kept, in the passage's words or the sentence's own.
		{"The outreach has not translated into widespread enthusiasm [1].", true},
		{"The outreach hasn't really translated into widespread enthusiasm [1].", true},
		{"There is little widespread enthusiasm for NATO's presence [1].", true},
		{"NATO is less well-equipped to address the interplay between economic and security issues [5].", true},
		{"Many Asian countries don't want to be seen aligning too closely with one bloc [3].", true},
		{"They are wary of aligning too closely with any power bloc [3].", true},
		{"The experts favour regional arrangements instead of expanding NATO's role [4].", true},
		{"These are alternatives to expanding NATO's role [4].", true},
		{"Joint exercises could focus on non-traditional security threats [6].", true},
		// The complement of a denied noun is not denied: "less agreement
		// on how NATO should respond".
		{"What they disagree on is how NATO should respond far from home [2].", true},
		// A demand reported as what NATO is accused of.
		{"China accuses NATO of using China to justify its insertion into the Asia-Pacific [7].", true},
		{"Lin Jian criticised NATO for forming exclusive clubs in the name of collective defence [7].", true},
		{"Lin Jian urged NATO to stop forming exclusive clubs [7].", true},
		// "not just" says it is so.
		{"NATO's push faces external resistance and highlights internal divisions [8].", true},
		// A thing named, not said to be so: the answer to "what does the
		// region lack?".
		{"A single, overarching security framework [9].", true},
		// The denied words named as a thing, not said to happen: a list
		// item under "The article points to several risks:".
		{"exacerbating regional tensions or undermining existing security arrangements [10]", true},
		{"NATO's role is exacerbating regional tensions [10].", false},
		// The denial after the words, or a word of the same sense.
		{"Widespread enthusiasm for NATO's increased presence has not materialised [1].", true},
		{"Many Asian countries are hesitant to be seen aligning too closely with one bloc [3].", true},
		{"Europe has a single, overarching security framework, while the Indo-Pacific does not [9].", true},
		// "far", "rather", "less" after the words hedge nothing.
		{"NATO is well-equipped to address the interplay, far from its usual area [5].", false},
		// A possibility stated as certain; not when it is someone's fear,
		// or hedged.
		{"NATO's involvement will exacerbate tensions in the region [11].", false},
		{"NATO's involvement will seriously exacerbate tensions [11].", false},
		{"They fear NATO's involvement will exacerbate tensions [11].", true},
		{"NATO's involvement will likely exacerbate tensions, they worry [11].", true},
		{"NATO's involvement could exacerbate tensions [11].", true},
		// "many" and "some" kept; "not all" hedges; "all of these" names a set.
		{"All of these countries value their strategic autonomy [3].", true},
		{"Each member has its own view of NATO's role [8].", true},
		{"Many Asian countries value their strategic autonomy [3].", true},
		{"Not all Asian countries want to align with one bloc [3].", true},
		{"Some members, especially the United States, are keen to expand NATO's role [8].", true},
	} {
		r := polarityChecker.Check(tt.sentence)
		if r.Shown() != tt.shown {
			t.Errorf("%q: shown %v, want %v (missing %q)", tt.sentence, r.Shown(), tt.shown, r.Missing)
		}
		if !tt.shown && !slices.ContainsFunc(r.Missing, func(m string) bool { return strings.HasPrefix(m, Denied) }) {
			t.Errorf("%q: dropped for %q, not for what its passage denies", tt.sentence, r.Missing)
		}
	}
}

// A passage that states plainly what another cited passage denies lets a
// sentence citing both say it.
func TestPolarityStatedElsewhere(t *testing.T) {
	c := Checker{Passage: func(n int) (string, bool) {
		ps := []string{"Other bodies are less well-equipped to address regional disputes.", "NATO is well-equipped to address regional disputes."}
		if n < 1 || n > len(ps) {
			return "", false
		}
		return ps[n-1], true
	}}
	if r := c.Check("NATO is well-equipped to address regional disputes [1][2]."); !r.Shown() {
		t.Errorf("dropped: %q", r.Missing)
	}
	if r := c.Check("NATO is well-equipped to address regional disputes [1]."); r.Shown() {
		t.Error("shown, citing only the passage that denies it")
	}
}

func TestPolarWords(t *testing.T) {
	got := strings.Join(polarWords(knowledge.Normalize("The outreach hasn’t translated — it can't; non-military aid won't.")), " ")
	want := "the outreach has n't translated it can n't ; non military aid will n't ."
	if got != want {
		t.Errorf("polarWords = %q, want %q", got, want)
	}
}
