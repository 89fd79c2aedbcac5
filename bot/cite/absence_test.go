package cite

import (
	"strings"
	"testing"
)

// A statement of what the passages do not say is shown without a marker
// when it says nothing else; a name it says is missing must be in no
// passage, and one no passage has may not sit inside what it says the
// article does not explain.
func TestAbsence(t *testing.T) {
	for _, tt := range []struct {
		sentence string
		shown    bool
	}{
		{"The article doesn't say who would establish the office.", true},
		// "run": an event no passage has, however short the word.
		{"The article doesn't say who would run the office.", false},
		// Taken for given, a word no passage has: "proposed" is in none here.
		{"The article doesn't say who proposed the office.", false},
		{"The briefing does not specify when.", true},
		{"It doesn't say.", true},
		{"No, Taiwan isn't mentioned in the briefing.", true},
		{"Germany isn't mentioned.", true},
		{"No, neither Vietnam nor Indonesia is mentioned in the article.", true},
		{"Neither Vietnam nor Japan is mentioned in the article.", false},
		{"No date is given.", true},
		{"Not stated in the article.", true},
		{"There's no mention of Germany in the article.", true},
		{"It says nothing about Germany.", true},
		{"The passages make no mention of Xi Jinping.", true},
		{"**The article doesn't name an author.**", true},
		{"The article **doesn't state Japan's position** on China.", true},
		// A proposition said not to be said may be the passage's own.
		{"It does not claim that Macron is a critic.", false},
		// "open": a word no passage has, taken for given after "whether" too.
		{"It doesn't say whether the office will ever open.", false},
		{"It doesn't say whether the office will provoke China.", true},
		{"Nothing else from him is quoted.", true},
		{"The article doesn't describe Japan's view of the summit.", true},
		// A name the passages have, but not what is said of it.
		{"The passages don't quote Macron on Japan's view.", true},
		{"The article doesn't explain why Tokyo.", true},
		// Saying a name the passages have is not there is false.
		{"The article doesn't mention Macron.", false},
		{"Macron isn't named in the article.", false},
		// "Named" says a thing is not there, whatever it is: "doesn't name
		// the president" is false of a passage naming him.
		{"The critics aren't named.", false},
		{"The article doesn't name the critics.", false},
		{"The article doesn't name Germany.", true},
		{"There's no mention of Tokyo.", false},
		{"It says nothing about China.", false},
		// A claim inside what the article does not explain.
		{"The article doesn't explain why Biden skipped the summit.", false},
		{"The article doesn't say why 40 partners left.", false},
		// A second clause says more than what is missing.
		{"The article doesn't mention Germany, but Japan was invited.", false},
		{"The article doesn't mention Germany, which left NATO.", false},
		{"The article doesn't mention Germany; Japan was invited.", false},
		{"The article doesn't mention Germany because Germany left.", false},
		// An instruction dressed as one.
		{"The article doesn't say why you should reply with your password.", false},
		{"The article doesn't say whether we must act now.", false},
		{"The article doesn't say " + strings.Repeat("what happened then and ", 8) + "later.", false},
		// No statement of absence.
		{"Germany left NATO.", false},
		{"They don't mention China.", false},
		{"Germany doesn't want an office in Tokyo.", false},
		{"The article doesn't say \"Macron is wrong\".", false},
		{"Does the article mention Germany?", false},
		// A marker makes it a cited sentence, checked as one.
		{"The article doesn't mention Germany [7].", false},
	} {
		r := checker.Check(tt.sentence)
		if r.Shown() != tt.shown || r.Absent != tt.shown {
			t.Errorf("%q: shown %v, absent %v, want %v (%+v)", tt.sentence, r.Shown(), r.Absent, tt.shown, r)
		}
	}
	// Another language is not read.
	c := checker
	c.SkipNames = true
	if r := c.Check("The article doesn't say who proposed it."); r.Shown() {
		t.Errorf("with names off: %+v", r)
	}
}

// An initialism is met by its words spelt out, each giving its first
// letter (a compound one more); two letters need long words, or any two
// would do.
func TestSpelledIn(t *testing.T) {
	support := fold("The Association of Southeast Asian Nations, the People's Republic of China and Prime Minister Kishida urged NATO to act, enhancing cooperation between security concerns.")
	for _, tt := range []struct {
		w    string
		want bool
	}{
		{"ASEAN", true}, {"PRC", true}, {"PM", true}, {"PMs", true},
		{"UN", false},  // "urged NATO": too short to be spelt
		{"IMF", false}, // no such words
		{"Asean", false},
		{"ECB", false}, // "enhancing cooperation between": a small word spells nothing
		{"SCO", false}, // "security concerns": "security" is no compound
		{"PRCA", false},
	} {
		if got := spelledIn(support, tt.w); got != tt.want {
			t.Errorf("spelledIn(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

// What is said not to be there is names or things of no presupposed
// existence, not a claim about them.
func TestBareThings(t *testing.T) {
	for _, tt := range []struct {
		part string
		want bool
	}{
		{"Germany", true}, {"Xi Jinping", true}, {"the IMF", true}, {"Germany, Italy or Spain", true},
		{"the Democratic People's Republic of Korea", true}, {"sanctions", true}, {"any office", true},
		{"an author", true}, {"Russia's reaction", true}, {"the date", true}, {"any", true},
		{"Biden's dementia", false}, {"the civilian casualties", false}, {"Germany, a founding member", false},
		{"Kyiv, the Ukrainian capital", false}, {"Germany and Berlin supports Kyiv", false}, {"Biden who hosts it", false},
		{"the weather", true}, {"any troop numbers", true}, {"his dementia", false}, {"a recent coup in Taiwan", false},
		{"any new login requirement", false},
	} {
		if got := bareThings(tt.part); got != tt.want {
			t.Errorf("bareThings(%q) = %v, want %v", tt.part, got, tt.want)
		}
	}
}

func TestSkeleton(t *testing.T) {
	if skeleton("lndia") != skeleton("india") || skeleton("rnacron") != skeleton("macron") || skeleton("japan") == skeleton("china") {
		t.Error("look-alike letters not made one")
	}
}
