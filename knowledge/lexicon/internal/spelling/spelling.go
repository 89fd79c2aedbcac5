// Package spelling maps British and American spellings of a word onto each
// other ("scepticism" ↔ "skepticism", "organisation" ↔ "organization",
// "defence" ↔ "defense"), so that a question typed in one spelling finds a
// briefing written in the other.
//
// It is shared by the table generator (which folds variant pairs into the
// table) and by the lexicon at run time (for inflected forms the table does
// not list, such as "criticised"). The rules are deliberately narrow: each
// one either rewrites a productive suffix whose American side must be a
// known word, or names its stems outright, because a loose rule ("-our" →
// "-or") would turn "four" into "for".
package spelling

import "strings"

// Variants returns the other spellings of word (lower case), British to
// American or American to British, best first, never word itself. known
// reports whether an American form is a word (or an inflection of one); it
// is the guard that stops "promise" becoming "promize". British forms cannot
// be checked that way (the word list is American), so the reverse rules only
// fire when the American input is itself known.
func Variants(word string, known func(string) bool) []string {
	if len(word) < 3 || strings.ContainsAny(word, " _") {
		return nil
	}
	var out []string
	add := func(v string) {
		if v == "" || v == word {
			return
		}
		for _, o := range out {
			if o == v {
				return
			}
		}
		out = append(out, v)
	}
	// Whole words and stems with their own spelling, both ways.
	for _, p := range pairs {
		if b, ok := swapStem(word, p.brit, p.amer, p.tails); ok {
			add(b)
		} else if a, ok := swapStem(word, p.amer, p.brit, p.tails); ok {
			add(a)
		}
	}
	// -our ↔ -or for named stems: colour, favour, behaviour …
	for _, s := range ourStems {
		after, ok := strings.CutPrefix(word, s)
		if !ok {
			continue
		}
		if rest, ok := strings.CutPrefix(after, "our"); ok && tailOK(rest, orTails) {
			add(s + "or" + rest)
		} else if rest, ok := strings.CutPrefix(after, "or"); ok && tailOK(rest, orTails) {
			add(s + "our" + rest)
		}
	}
	// -re ↔ -er for named stems: centre, theatre, metre …
	// (Prefix tests first: this runs on every lookup of an unlisted word,
	// and building each candidate to compare would cost microseconds.)
	for _, s := range reStems {
		rest, ok := strings.CutPrefix(word, s)
		if !ok {
			continue
		}
		for _, t := range reTails {
			if rest == "re"+t.brit {
				add(s + "er" + t.amer)
			} else if rest == "er"+t.amer {
				add(s + "re" + t.brit)
			}
		}
	}
	// Doubled l before a suffix: travelled, cancelling, counsellor.
	for _, s := range llStems {
		rest, ok := strings.CutPrefix(word, s)
		if !ok {
			continue
		}
		for _, t := range llTails {
			if rest == "l"+t {
				add(s + t)
			} else if rest == t && known(word) {
				add(s + "l" + t)
			}
		}
	}
	// The productive rule: -ise/-isation/-yse ↔ -ize/-ization/-yze.
	for _, t := range izeTails {
		head, ok := strings.CutSuffix(word, t)
		if !ok || len(head) < 5 {
			continue
		}
		stem, mid := head[:len(head)-2], head[len(head)-2:]
		switch mid {
		case "is", "ys":
			if a := stem + mid[:1] + "z" + t; known(a) {
				add(a)
			}
		case "iz", "yz":
			if known(word) && !sizeWord(stem, known) {
				add(stem + mid[:1] + "s" + t)
			}
		}
	}
	return out
}

// sizeWord reports words built on "size" (capsize, oversize, downsize),
// whose -ize is no suffix and has no British -ise form.
func sizeWord(stem string, known func(string) bool) bool {
	head, ok := strings.CutSuffix(stem, "s")
	return ok && len(head) >= 2 && known(head)
}

func tailOK(rest string, tails []string) bool {
	for _, t := range tails {
		if rest == t {
			return true
		}
	}
	return false
}

// swapStem rewrites word from one stem to the other when word is the stem
// followed by one of tails.
func swapStem(word, from, to string, tails []string) (string, bool) {
	rest, ok := strings.CutPrefix(word, from)
	if !ok || !tailOK(rest, tails) {
		return "", false
	}
	return to + rest, true
}

var (
	plural = []string{"", "s"}
	verbal = []string{"", "s", "d", "ed", "ing", "er", "ers"}
)

// pairs are stems whose spellings differ in a way no rule captures.
var pairs = []struct {
	brit, amer string
	tails      []string
}{
	{"scepti", "skepti", []string{"c", "cs", "cal", "cally", "cism"}},
	{"defence", "defense", []string{"", "s", "less", "lessness"}},
	{"offence", "offense", []string{"", "s"}},
	{"pretence", "pretense", []string{"", "s"}},
	{"licence", "license", []string{"", "s"}},
	{"programme", "program", []string{"", "s"}},
	{"programmed", "programed", []string{""}},
	{"catalogue", "catalog", plural},
	{"analogue", "analog", plural},
	{"dialogue", "dialog", plural},
	{"judgement", "judgment", []string{"", "s", "al"}},
	{"ageing", "aging", []string{""}},
	{"grey", "gray", []string{"", "s", "er", "est", "ish", "ness", "ing", "ed"}},
	{"jewellery", "jewelry", []string{""}},
	{"aluminium", "aluminum", []string{""}},
	{"plough", "plow", verbal},
	{"mould", "mold", []string{"", "s", "y", "ed", "ing", "er", "ers", "ering"}},
	{"tyre", "tire", plural},
	{"storey", "story", []string{""}},
	{"storeys", "stories", []string{""}},
	{"cheque", "check", plural},
	{"sulphur", "sulfur", []string{"", "ic", "ous"}},
	{"moustache", "mustache", plural},
	{"pyjama", "pajama", plural},
	{"fulfil", "fulfill", []string{"", "s", "ment", "ments"}},
	{"enrol", "enroll", []string{"", "s", "ment", "ments"}},
	{"instalment", "installment", plural},
	{"skilful", "skillful", []string{"", "ly", "ness"}},
	{"wilful", "willful", []string{"", "ly", "ness"}},
	{"artefact", "artifact", plural},
	{"manoeuvr", "maneuver", []string{"e", "es", "ed", "ing", "able", "ability"}},
	{"paediatric", "pediatric", []string{"", "s", "ian", "ians"}},
	{"encyclopaedi", "encyclopedi", []string{"a", "as", "c"}},
	{"anaemi", "anemi", []string{"a", "c"}},
	{"haemorrhag", "hemorrhag", []string{"e", "es", "ed", "ing", "ic"}},
	{"oestrogen", "estrogen", plural},
	{"foetus", "fetus", []string{"", "es"}},
	{"foetal", "fetal", []string{""}},
	{"kerb", "curb", plural},
	{"cosy", "cozy", []string{""}},
	{"axe", "ax", []string{""}},
	{"practise", "practice", []string{"", "s", "d"}},
	{"practising", "practicing", []string{""}},
}

// ourStems take -our in British and -or in American spelling; orTails are
// the endings after which the difference survives (British "honorary" and
// "humorous" have no u either).
var ourStems = []string{
	"arb", "ard", "arm", "behavi", "cand", "clam", "col", "demean", "endeav",
	"fav", "ferv", "flav", "harb", "hon", "hum", "lab", "neighb", "od",
	"parl", "ranc", "rig", "rum", "sav", "savi", "splend", "tum", "val",
	"vap", "vig", "dish", "misbehavi",
}

var orTails = []string{
	"", "s", "ed", "ing", "able", "ably", "al", "ally", "ful", "fully",
	"less", "ite", "ites", "itism", "er", "ers", "hood", "hoods", "ism",
	"ist", "ists", "y",
}

// reStems take -re in British and -er in American spelling.
var reStems = []string{
	"cent", "theat", "met", "lit", "fib", "calib", "somb", "lust", "sab",
	"spect", "meag", "och", "sepulch", "goit", "mit", "reconnoit",
	"kilomet", "centimet", "millimet", "decimet", "epicent",
}

var reTails = []struct{ brit, amer string }{
	{"", ""}, {"s", "s"}, {"d", "ed"}, {"less", "less"},
}

// llStems double their final l before a suffix in British spelling.
var llStems = []string{
	"travel", "cancel", "label", "model", "fuel", "signal", "level",
	"counsel", "channel", "equal", "marvel", "quarrel", "total", "dial",
	"jewel", "tunnel", "panel", "shovel", "pedal", "duel", "rival", "libel",
	"unravel", "revel", "grovel", "snorkel", "funnel", "initial",
	"pencil", "refuel", "remodel", "tranquil",
}

var llTails = []string{"ed", "ing", "er", "ers", "or", "ors", "ity"}

// izeTails follow -is-/-iz- (and -ys-/-yz-) in the words the productive
// rule rewrites.
var izeTails = []string{
	"e", "es", "ed", "ing", "er", "ers", "able",
	"ation", "ations", "ational", "ationally",
}
