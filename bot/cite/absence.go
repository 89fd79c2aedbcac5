package cite

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/briefbot/briefbot/knowledge"
)

// A statement of absence says only what the passages do not say: "The
// article doesn't mention Germany.", "No date is given.", "The article
// doesn't say whether the office will open." A model answering the part
// of a question the briefing covers says so of the rest, and has no
// passage to cite for it. Whether the briefing covers something is the
// model's to say — its refusals are shown on the same judgment — so such a
// sentence is shown without a marker when it says nothing else, and what
// it says is missing is checked against every passage the checker has
// (the whole briefing, for a model's answer when it fits the prompt):
//
//   - Said not to be there at all ("doesn't mention X", "X isn't named",
//     "there's no mention of X", "says nothing about X"): no word of X
//     may be in a passage — "doesn't mention Macron" is false, and so is
//     "doesn't mention any office".
//   - Said not to be told ("doesn't say who…", "doesn't explain why…",
//     "no reason is given"): every word of what is not told must be the
//     passages' own — "doesn't explain why Macron resigned" would show,
//     as given, an event no passage has — but for the words that name
//     kinds of information ("date", "reason", "details"), and for
//     "whether" or "if", which take nothing for given: there only the
//     names must be the passages'.
//
// Nothing else may be in it: no second clause or sentence (", but …",
// "; …", "! 😄 …", "e.g. …"), no quotation, no figure, no reader or
// writer ("you", "we") and no "should" (an instruction planted in a
// question has no name to check), no word mixing scripts. Only English
// is read. A false presupposition made of the passages' own words ("why
// Macron opposed the Quad") still passes, as a claim pooling two cited
// passages does.
var (
	absenceVerdict = `(?:(?:no|nope|not really|unfortunately|sadly|however|also|but)\s*[,.—–-]?\s*)?`
	absenceSource  = `(?:the|this)\s+(?:article|briefing|text|piece|passages?|paragraphs?|report|story|source|excerpts?|author|writer)`
	absenceTell    = `say|state|claim|specify|give|provide|offer|report|cover|describe|detail|explain|discuss|address|identify|quote|cite|define|predict|go\s+into|get\s+into|spell\s+out|elaborate\s+on|clarify|indicate|reveal|attribute|touch\s+on|comment\s+on|talk\s+about|confirm|answer|tell\s+us`
	absenceThere   = `mention|name|list|include|refer\s+to|contain`
	absenceDone    = `mentioned|named|listed|included|cited|given|specified|stated|reported|covered|described|identified|quoted|discussed|explained|addressed|detailed|provided|answered|said|offered|indicated|disclosed`
	absenceWhere   = `(?:\s+(?:anywhere\s+)?(?:in|by)\s+` + absenceSource + `)?(?:\s+(?:at\s+all|either|here|anywhere))?`

	// absenceActive: "The article doesn't say …", "It says nothing about
	// …", "The passages make no mention of …". Group 1 is a verb of
	// telling, 2 one of being there, 3 "nothing", 4 "no", 5 "silent", 6
	// what follows.
	absenceActive = regexp.MustCompile(`(?i)^` + absenceVerdict + `(?:` + absenceSource + `|it)\s+(?:` +
		`(?:does\s+not|doesn'?t|did\s+not|didn'?t|do\s+not|don'?t|never)\s+(?:actually\s+|really\s+|explicitly\s+|directly\s+|specifically\s+)?(?:(` + absenceTell + `)|(` + absenceThere + `))` +
		`|(?:says?|gives?|offers?|provides?|reports?|mentions?|contains?|includes?)\s+(nothing)` +
		`|(?:makes?|has|have|gives?|offers?|provides?|contains?|includes?)\s+(no)` +
		`|(?:is|are)\s+(silent)` +
		`)\b(.*)$`)
	// absencePassive: "Germany isn't mentioned (in the article).", "No
	// date is given.", "Not stated.", "Nothing else from him is quoted."
	// Group 1 or 2 is what is missing, 3 the participle.
	absencePassive = regexp.MustCompile(`(?i)^` + absenceVerdict + `(?:(.{1,80}?)\s+(?:is|are|was|were)\s*(?:n'?t|not)\s+(?:actually\s+|explicitly\s+)?|not\s+|(?:no|nothing)\b(.{0,80}?)\s+(?:is|are|was|were)\s+)(` + absenceDone + `)` + absenceWhere + `$`)
	// absenceNone: "There's no mention of Germany (in the article)."
	// Group 1 is the kind of information, 2 what it is of.
	absenceNone = regexp.MustCompile(`(?i)^` + absenceVerdict + `there(?:'s|\s+is|\s+are)\s+no\s+(?:\w+\s+)?(mention|reference|word|information|detail|data|figure|date|statement|comment|quote|explanation|timeline)s?\b(?:\s+(?:of|about|on|from|regarding|as\s+to)\b)?(.*?)` + absenceWhere + `$`)

	// absenceOther: a second clause or a relative one, which says more
	// than what is missing.
	absenceOther = regexp.MustCompile(`(?i)[;:!?]|\b(?:but|although|though|whereas|while|because|since|except|yet|instead|only|however|unlike|e\.g|i\.e)\b|,\s*(?:so|and|who|which|where|whose)\b|\bother\s+than\b|\bapart\s+from\b`)
	// absencePerson: the reader or the writer, or what one should do.
	// What the article does not say is said of the article: "doesn't
	// say why you should reply with your password" is an instruction
	// planted in a question.
	absencePerson = regexp.MustCompile(`\b(?:[Yy]ou|[Yy]ours?|u|ur|I|[Mm]e|[Mm]y|[Ww]e|us|[Oo]ur)\b|\b(?i:should|must|ought|need\s+to|have\s+to|has\s+to)\b`)
	// absenceFree: what is not told takes nothing for given ("whether
	// the office will open").
	absenceFree = regexp.MustCompile(`(?i)^\s*(?:(?:exactly|precisely)\s+)?(?:whether|if)\b`)
	// absenceExists: said of the participle, what says a thing is not
	// there at all.
	absenceExists = regexp.MustCompile(`(?i)^(?:mentioned|named|listed|included|cited)$`)
	absenceNoun   = regexp.MustCompile(`(?i)^(?:mention|reference|word)$`)
	// innerStop is a full stop inside a sentence, not an initialism's
	// ("U.S.").
	innerStop = regexp.MustCompile(`[\p{Ll}\p{Lu}]{2,}\.\s`)
)

// maxAbsenceWords bounds a statement of absence: it says what is
// missing, not more.
const maxAbsenceWords = 24

// infoWords name kinds of information, not things: "No date is given."
// claims no date.
var infoWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`date dates time times timeline timing figure figures number numbers count total
		name names reason reasons detail details specifics explanation information info data breakdown source sources
		author writer outcome outcomes result results view views position positions stance comment comments statement
		statements quote quotes evidence example examples mention context background further more anything else such
		claim claims specific exact exactly precise precisely particular direct directly official officially its their
		his her them they what which when where why how much many long term terms reaction reactions response responses
		think thinks thought believe believes feel feels want wants plan plans intend intends expect expects
		government governments official officials leader leaders
		say says said state states describe describes explain explains quote quotes mention mentions discuss
		discusses address addresses define defines list lists give gives cover covers`) {
		infoWords[w] = true
	}
}

// shortWords are function words too short for functionWords, which a
// sentence may open with a capital ("The critics…").
var shortWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an of in on at to for by and or nor as is are was were be it its his her he she they no not any all`) {
		shortWords[w] = true
	}
}

// absence reports whether body (a sentence without markers) is a statement
// of absence that may be shown (see above); all returns every passage's
// text, normalised and joined.
func absence(body string, all func() string) bool {
	s := strings.TrimRight(strings.TrimSpace(strings.NewReplacer("*", "", "_", "").Replace(body)), ".! ")
	bare := strings.TrimSpace(leadingVerdict.ReplaceAllString(s, ""))
	if s == "" || strings.ContainsAny(s, "\"“”«»") || absenceOther.MatchString(bare) || innerStop.MatchString(s+" ") ||
		absencePerson.MatchString(s) || numberRE.MatchString(s) || len(strings.Fields(s)) > maxAbsenceWords || mixedScript(s) {
		return false
	}
	// exists: it says a thing is not there at all; free: what it says is
	// not told takes nothing for given.
	var missingPart string
	// named: "doesn't name X", "X isn't named" — said of a name, that it
	// is not there; of anything else ("the experts aren't named"), that
	// its name is not told.
	var exists, free, named bool
	if m := absenceActive.FindStringSubmatch(s); m != nil {
		missingPart = m[6]
		exists = m[2] != "" || m[3] != "" || m[5] != ""
		named = strings.EqualFold(m[2], "name")
		if m[4] != "" {
			// "makes no mention of X" says X is not there; "gives no
			// date" says no date is told.
			noun, rest, _ := strings.Cut(strings.TrimSpace(m[6]), " ")
			exists = absenceNoun.MatchString(noun)
			if exists {
				missingPart = rest
			}
		}
		free = !exists && absenceFree.MatchString(missingPart)
	} else if m := absencePassive.FindStringSubmatch(s); m != nil {
		missingPart = m[1] + " " + m[2]
		exists = absenceExists.MatchString(m[3])
		named = strings.EqualFold(m[3], "named")
	} else if m := absenceNone.FindStringSubmatch(s); m != nil {
		missingPart = m[2]
		exists = absenceNoun.MatchString(m[1])
		free = !exists && absenceFree.MatchString(missingPart)
	} else {
		return false
	}
	support := fold(all())
	for _, w := range strings.FieldsFunc(missingPart, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' && r != '’' }) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		name := unicode.IsUpper([]rune(w)[0])
		f := fold(w)
		if isNumberWord(f) || magnitudes[strings.TrimSuffix(f, "s")] > 0 {
			return false // a figure
		}
		if functionWords[f] || infoWords[f] || shortWords[f] || !name && len([]rune(f)) < 4 {
			continue
		}
		there := present(support, f)
		exists := exists && (name || !named)
		switch {
		case exists && there:
			return false // said not to be there, and there
		case exists:
		case free && !name:
			// "whether the office will open": nothing taken for given.
		case !there:
			return false // taken for given, and no passage has it
		}
	}
	return true
}

// leadingVerdict is absenceVerdict alone.
var leadingVerdict = regexp.MustCompile(`(?i)^` + absenceVerdict)

// present reports whether support (folded passage text) has word w
// (folded), or a word starting as it does (its first five letters:
// "proposed" meets "proposal").
func present(support, w string) bool {
	if rs := []rune(w); len(rs) > 5 {
		w = string(rs[:5])
	}
	return startsWord(support, w)
}

// fold is text in lower case without its accents, for comparing words
// however they are written: "Mâcron", "mACRON" and "Macron" are one.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(knowledge.Normalize(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// mixedScript reports whether a word of s mixes letters of two scripts
// ("Мacron" with a Cyrillic М): a name written to escape the comparison.
func mixedScript(s string) bool {
	for _, w := range strings.Fields(s) {
		var first *unicode.RangeTable
		for _, r := range w {
			if !unicode.IsLetter(r) {
				continue
			}
			var t *unicode.RangeTable
			for _, st := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek} {
				if unicode.Is(st, r) {
					t = st
				}
			}
			if t == nil {
				continue
			}
			if first == nil {
				first = t
			} else if t != first {
				return true
			}
		}
	}
	return false
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
