package cite

import (
	"regexp"
	"strings"

	"github.com/briefbot/briefbot/knowledge"
)

// A statement of absence says only what the passages do not say: "The
// article doesn't say who proposed the office.", "Germany isn't
// mentioned.", "No date is given.", "It says nothing about Russia." A
// model answering the part of a question the briefing covers says so of
// the rest, and has no passage to cite for it. Whether the briefing
// covers something is the model's to say — its refusals are shown on the
// same judgment — so such a sentence is shown without a marker, when it
// holds nothing else: no second clause ("…, but Japan was invited"), no
// reader or writer ("you", "we"), and names only as what it says is
// missing. Its names are checked against
// every passage the checker has (the whole briefing, for a model's answer
// when it fits the prompt):
//
//   - Saying a name is not mentioned ("doesn't mention Macron", "Macron
//     isn't named") when a passage names it is false: not shown.
//   - Saying the article does not tell something about a name it names
//     ("doesn't quote Stoltenberg on China", "doesn't explain why Tokyo")
//     is shown.
//   - A name no passage has may only be what is missing ("says nothing
//     about Germany"), never inside what the article is said not to
//     explain: "doesn't explain why Biden skipped the summit" would show
//     a claim about Biden that nothing checks.
//
// Figures no passage holds are never shown. Only English is read.
var (
	absenceVerdict = `(?:(?:no|nope|not really|unfortunately|sadly|however|also|but)\s*[,.!—–-]?\s*)?`
	absenceSource  = `(?:the|this)\s+(?:article|briefing|text|piece|passages?|paragraphs?|report|story|source|excerpts?|author|writer)`
	absenceVerb    = `say|state|claim|mention|name|list|specify|give|provide|offer|report|cover|describe|detail|explain|discuss|address|identify|quote|cite|define|predict|include|go\s+into|get\s+into|spell\s+out|elaborate\s+on|clarify|indicate|reveal|attribute|touch\s+on|comment\s+on|talk\s+about|refer\s+to|confirm|contain|answer|tell\s+us|offer\s+any`
	absenceDone    = `mentioned|named|given|specified|stated|reported|covered|described|listed|identified|quoted|discussed|explained|addressed|included|detailed|provided|answered|said|offered|cited|indicated|disclosed`
	absenceWhere   = `(?:\s+(?:anywhere\s+)?(?:in|by)\s+` + absenceSource + `)?(?:\s+(?:at\s+all|either|here|anywhere))?`

	// absenceActive: "The article doesn't say …", "It says nothing about
	// …", "The passages make no mention of …". Group 1 is the verb, group
	// 2 what follows it.
	absenceActive = regexp.MustCompile(`(?i)^` + absenceVerdict + `(?:` + absenceSource + `|it)\s+(?:` +
		`(?:does\s+not|doesn'?t|did\s+not|didn'?t|do\s+not|don'?t|never)\s+(?:actually\s+|really\s+|explicitly\s+|directly\s+|specifically\s+)?(` + absenceVerb + `)` +
		`|(says?|gives?|offers?|provides?|reports?|mentions?|contains?|includes?)\s+nothing` +
		`|(?:makes?|has|have|gives?|offers?|provides?|contains?|includes?)\s+(no)` +
		`|(?:is|are)\s+(silent)` +
		`)\b(.*)$`)
	// absencePassive: "Germany isn't mentioned (in the article).", "No
	// date is given.", "Not stated." Group 1 is what is missing.
	absencePassive = regexp.MustCompile(`(?i)^` + absenceVerdict + `(?:(.{0,80}?)\s+(?:is|are|was|were)\s*(?:n'?t|not)\s+(?:actually\s+|explicitly\s+)?(?:` + absenceDone + `)|not\s+(?:` + absenceDone + `)|(no\s+.{1,80}?|nothing(?:\s+else)?(?:\s+.{1,40}?)?)\s+(?:is|are|was|were)\s+(?:` + absenceDone + `))` + absenceWhere + `$`)
	// absenceThere: "There's no mention of Germany (in the article)."
	absenceThere = regexp.MustCompile(`(?i)^` + absenceVerdict + `there(?:'s|\s+is|\s+are)\s+no\s+(.{1,80}?)` + absenceWhere + `$`)

	// absenceOther: a second clause or a relative one, which says more
	// than what is missing.
	absenceOther = regexp.MustCompile(`(?i)[;:]|\b(?:but|although|though|whereas|while|because|since|except|yet|instead|only|however|unlike)\b|,\s*(?:so|and|who|which|where|whose)\b|\bother\s+than\b|\bapart\s+from\b`)
	// absenceClause: what the verb is followed by is a clause, which
	// says something of its own ("why Tokyo was chosen").
	absenceClause = regexp.MustCompile(`(?i)^\s*(?:(?:exactly|precisely|anything\s+about|much\s+about)\s+)?(?:why|how|what|when|where|who|whom|whose|which|whether|if|that)\b`)
	// absenceExists: the verbs that say a name is not there at all
	// ("doesn't mention", "doesn't name"), as "says nothing about", "is
	// silent on" and "makes no mention of" (absenceNoun) do: false of a
	// name a passage has.
	absenceExists = regexp.MustCompile(`(?i)^(?:mention|name|list|include|refer\s+to|contain)$`)
	absenceNoun   = regexp.MustCompile(`(?i)^\s*(?:mentions?|references?|word)\b`)
	absenceDoneIs = regexp.MustCompile(`(?i)\b(?:mentioned|named|listed|included|cited)\b`)
	// absencePerson: the reader or the writer. What the article does not
	// say is said of the article: "doesn't say why you should reply with
	// your password" is an instruction planted in a question, and passes
	// no other check (nothing in it is a name).
	absencePerson = regexp.MustCompile(`\b(?:[Yy]ou|[Yy]ours?|I|[Mm]e|[Mm]y|[Ww]e|us|[Oo]ur)\b`)
	// leadingVerdict is absenceVerdict alone.
	leadingVerdict = regexp.MustCompile(`(?i)^` + absenceVerdict)
)

// maxAbsenceWords bounds a statement of absence: it says what is
// missing, not more.
const maxAbsenceWords = 24

// absence reports whether body (a sentence without markers) is a statement
// of absence that may be shown (see above); all returns every passage's
// text, normalised and joined.
func absence(body string, all func() string) bool {
	s := strings.TrimRight(strings.TrimSpace(strings.NewReplacer("*", "", "_", "").Replace(body)), ".! ")
	if s == "" || strings.ContainsAny(s, "\"“”?") || absenceOther.MatchString(leadingVerdict.ReplaceAllString(s, "")) ||
		absencePerson.MatchString(s) || len(strings.Fields(s)) > maxAbsenceWords {
		return false
	}
	// exists: it says a name is not there at all; clause: what it says
	// the article does not tell is a clause, which says something itself.
	var exists, clause bool
	if m := absenceActive.FindStringSubmatch(s); m != nil {
		exists = absenceExists.MatchString(strings.Join(strings.Fields(m[1]), " ")) || m[2] != "" || m[4] != "" ||
			m[3] != "" && absenceNoun.MatchString(m[5])
		clause = absenceClause.MatchString(m[5])
	} else if m := absencePassive.FindStringSubmatch(s); m != nil {
		exists = absenceDoneIs.MatchString(s)
	} else if m := absenceThere.FindStringSubmatch(s); m != nil {
		exists = absenceNoun.MatchString(m[1])
	} else {
		return false
	}
	// The sentence's names and figures no passage has, and all of them.
	absent := missing(s, all(), true)
	named := missing(s, "", true)
	for _, n := range absent {
		if clause || numberRE.MatchString(n) || isNumberWord(strings.ToLower(n)) {
			return false
		}
	}
	return !exists || len(named) == len(absent)
}

// allPassages is every passage the checker has, normalised and joined.
func (c Checker) allPassages() string {
	var b strings.Builder
	for n := 1; ; n++ {
		t, ok := c.Passage(n)
		if !ok {
			return b.String()
		}
		b.WriteString(knowledge.Normalize(t))
		b.WriteByte(' ')
	}
}
