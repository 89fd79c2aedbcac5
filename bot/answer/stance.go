package answer

import (
	"regexp"
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

// stanceSubject finds whose stance a question asks for.
var stanceSubject = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:what|how) (?:did|does|do|has|have|had|would|will) (?:the )?([\pL ]{2,40}?) (?:say|said|says|think|thought|feel|respond|responded|react|reacted|view|see|make of|answer|reply|replied)\b`),
	regexp.MustCompile(`\b(?:the )?([\pL]{2,20}(?: [\pL]{2,20})?)(?:'s|’s) (?:official |own |public |real |actual )?(?:position|stance|view|views|opinion|response|reaction|take|attitude|thoughts)\b`),
	regexp.MustCompile(`\b(?:position|stance|views?|opinion|response|reaction|attitude) of (?:the )?([\pL]{2,20}(?: [\pL]{2,20})?)\b`),
	regexp.MustCompile(`\b(?:did|does|do|has|have|is|was) (?:the )?([\pL]{2,20}(?: [\pL]{2,20})?) (?:support|supported|oppose|opposed|back|backed|agree|agreed|object|objected|welcome|welcomed|critici[sz]e|critici[sz]ed|endorse|endorsed|in favou?r)\b`),
}

// stanceSaid marks a sentence that reports a stance.
var stanceSaid = regexp.MustCompile(`\b(sa(id|ys?)|stated?|argu(ed|es)|warn(ed|s)?|express(ed|es)|oppos(ed|es|ition)|opponent|reject(ed|s)|accus(ed|es)|call(ed|s)|urg(ed|es)|insist(ed|s)|not(ed|es)|told|claim(ed|s)?|critici[sz](ed|es|m)|welcom(ed|es)|support(ed|s)?|object(ed|s|ion)|voic(ed|es)|emphasi[sz](ed|es)|stress(ed|es)|believ(e|es|ed)|sees|views?|positions?|stance|hesitant|wary|cautious|concern(s|ed)?|skeptic(al|ism)|sceptic(al|ism)|reluctan(t|ce)|remarks?|statements?|announc(ed|es)|according to|maintain(ed|s)|favou?r(ed|s)?|back(ed|s)|resist(ed|s|ance)?|vocal|pushed|objections?)\b`)

// stanceApart reports whether the question asks the stance of a name or
// country that no retrieved sentence reports a stance of.
func stanceApart(q string, res search.Result, vocab Vocabulary) bool {
	var subject string
	for _, re := range stanceSubject {
		if m := re.FindStringSubmatch(q); m != nil {
			subject = m[1]
			break
		}
	}
	if subject == "" || vocab == nil {
		return false
	}
	c, _ := vocab.(countries)
	owner := map[string]bool{}
	for _, w := range letterRun.FindAllString(subject, -1) {
		if writtenAsName(w, res) {
			owner[w] = true
		}
		if c != nil && c.Country(w) != "" {
			owner[w], owner[c.Country(w)] = true, true
		}
	}
	if len(owner) == 0 {
		// Not a name ("the anonymous diplomat", "critics"): whether the
		// briefing reports them is for the other features to weigh.
		return false
	}
	return !ownerSaid(res, owner, c, stanceSaid)
}

// writtenAsName reports whether the retrieved passages hold word (lower
// case) and always capitalise it: a name ("NATO", "Lin", "Japan"), not a
// word that starts a sentence now and then. It scans the passages without
// allocating: it runs for a few words of a question, on every question.
func writtenAsName(word string, res search.Result) bool {
	seen := false
	for _, h := range res.Hits {
		text := h.Chunk.Text
		for i := 0; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				i += n
				continue
			}
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n2
			}
			if strings.EqualFold(text[i:j], word) {
				if !unicode.IsUpper(r) {
					return false
				}
				seen = true
			}
			i = j
		}
	}
	return seen
}
