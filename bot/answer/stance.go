package answer

import (
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/knowledge/search"
)

// A question may ask what someone said or thinks — "what did india say
// about nato in asia", "new zealand's position on the office", "how did
// russia respond" — of a name or country the briefing does name, but
// only in passing (in a list of invitees, say). Every word is met; what
// is asked, the stance, is not there. It is there when some retrieved
// sentence holds the name with a word of speech or stance ("said",
// "opposed", "hesitant", "according to").

// stanceSubject finds whose stance a question asks for, in the question
// as lower-cased. The subject may take in a word or two around the name
// (leadWords drops "is", "the"…). RE2's \b knows only ASCII letters, so
// a name starting with another letter ("österreich's") takes in the word
// before it; and a plural possessive ("the united states' position") or
// "u.s." is not matched. Misses only leave the question to the other
// features.
var stanceSubject = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:what|how) (?:did|does|do|has|have|had|would|will) ([\pL ]{2,40}?) (?:say|said|says|think|thought|feel|respond|responded|react|reacted|view|see|make of|answer|reply|replied)\b`),
	regexp.MustCompile(`\b([\pL]{2,20}(?: [\pL]{2,20})?)(?:'s|’s) (?:official |own |public |real |actual )?(?:position|stance|view|views|opinion|response|reaction|take|attitude|thoughts)\b`),
	regexp.MustCompile(`\b(?:position|stance|views?|opinion|response|reaction|attitude) of ([\pL]{2,20}(?: [\pL]{2,20})?)\b`),
	regexp.MustCompile(`\b(?:did|does|do|has|have|is|was) ([\pL]{2,20}(?: [\pL]{2,20})?) (?:support|supported|oppose|opposed|back|backed|agree|agreed|object|objected|welcome|welcomed|critici[sz]e|critici[sz]ed|endorse|endorsed|in favou?r)\b`),
}

// stanceStems are what every stanceSubject pattern needs one of: most
// questions hold none, and a substring test is cheaper than the patterns.
var stanceStems = []string{"say", "said", "think", "thought", "feel", "respon", "react", "view",
	"see", "make of", "answer", "repl", "position", "stance", "opinion", "take", "attitude",
	"support", "oppos", "back", "agree", "object", "welcom", "critici", "endorse", "favo"}

func mayAskStance(q string) bool {
	return slices.ContainsFunc(stanceStems, func(stem string) bool { return strings.Contains(q, stem) })
}

// stanceWords mark a sentence that reports a stance. A set, not a
// regexp: it is looked up for every word of every sentence holding the
// subject, and an alternation of sixty words is slow in RE2.
var stanceWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`say said says stated argue argued argues warn warned
		warns express expressed expresses oppose opposed opposes opposition opponent opponents reject
		rejected rejects accuse accused accuses call called calls urge urged urges insist insisted
		insists noted notes told claim claimed claims criticize criticized criticizes criticise
		criticised criticises criticism critic critics welcome welcomed welcomes support supported
		supports object objected objects objection objections voiced voices emphasize emphasized
		emphasizes emphasise emphasised emphasises stress stressed stresses believe believed believes
		sees view views position positions stance hesitant wary cautious concerned
		skeptical sceptical skepticism scepticism reluctant reluctance remark remarks statement
		statements announced announces favor favors favored favour favours
		favoured backed backs resist resisted resists resistance vocal pushed
		agree agreed agrees respond responded responds response reply replied replies
		react reacted reacts reaction think thinks thought feel feels felt endorse endorsed
		endorses keen condemn condemned condemns`) {
		stanceWords[w] = true
	}
}

// reportsStance reports whether a sentence (lower case) reports a stance.
func reportsStance(s string) bool {
	if strings.Contains(s, "according to") {
		return true
	}
	for w := range words(s) {
		if stanceWords[w] {
			return true
		}
	}
	return false
}

// stanceApart reports whether the question asks the stance of a name or
// country that no retrieved sentence reports a stance of.
func stanceApart(q string, res search.Result, vocab Vocabulary) bool {
	if vocab == nil || !mayAskStance(q) {
		return false
	}
	var subject string
	for _, re := range stanceSubject {
		if m := re.FindStringSubmatch(q); m != nil {
			subject = m[1]
			break
		}
	}
	// The patterns take up to two words before "'s": not "is" of "what is
	// asean's stance".
	c, _ := vocab.(countries)
	var names []string
	owner, allNames := map[string]bool{}, true
	for w := range words(subject) {
		if leadWords[w] {
			continue
		}
		names = append(names, w)
		if !addOwner(owner, w, res, c) {
			allNames = false
		}
	}
	switch {
	case len(owner) == 0:
		// Not a name ("the anonymous diplomat", "critics"): whether the
		// briefing reports them is for the other features to weigh.
		return false
	case len(names) > 1 && allNames:
		// A name of several words ("south korea", "new zealand") is held
		// as a whole: "South China Sea" does not hold South Korea. Not in
		// the passages as a whole, it is not this feature's call.
		phrase := strings.Join(names, " ")
		return passagesHold(res, phrase) && !ownerSays(res, func(s string) bool { return strings.Contains(s, phrase) }, reportsStance)
	}
	return !ownerSays(res, func(s string) bool { return holdsOwner(s, owner, c) }, reportsStance)
}

// leadWords are words a stance pattern may take in before its subject.
var leadWords = map[string]bool{"is": true, "was": true, "are": true, "were": true, "the": true,
	"what": true, "whats": true, "about": true, "on": true, "of": true, "so": true, "and": true, "but": true}

// passagesHold reports whether a retrieved passage holds phrase (lower case).
func passagesHold(res search.Result, phrase string) bool {
	return slices.ContainsFunc(res.Hits, func(h search.Hit) bool {
		return strings.Contains(strings.ToLower(h.Chunk.Text), phrase)
	})
}

// writtenAsName reports whether the retrieved passages hold word (lower
// case) and always capitalise it: a name ("NATO", "Lin", "Japan"), not a
// word that starts a sentence now and then.
func writtenAsName(word string, res search.Result) bool {
	seen := false
	for _, h := range res.Hits {
		for w := range words(h.Chunk.Text) {
			if strings.EqualFold(w, word) {
				if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
					return false
				}
				seen = true
			}
		}
	}
	return seen
}

// words yields the runs of letters of text, as they are written, without
// allocating: it runs over the retrieved passages for every question.
func words(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for i := 0; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				i += n
				continue
			}
			j := i + n
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += n
			}
			if !yield(text[i:j]) {
				return
			}
			i = j
		}
	}
}
