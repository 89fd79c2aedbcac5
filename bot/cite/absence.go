package cite

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// A statement of absence says only what the passages do not say: "The
// article doesn't mention Germany.", "No date is given.", "The passages
// don't quote Stoltenberg on China." A model answering the part of a
// question the briefing covers says so of the rest, and has no passage to
// cite for it. Whether the briefing covers something is the model's to
// say — its refusals are shown on the same judgment — so such a sentence
// is shown without a marker when it says nothing else, and what it says
// is missing is checked against every passage the checker has (the whole
// briefing, for a model's answer when it fits the prompt), case and
// accents aside:
//
//   - Said not to be there at all ("doesn't mention X", "X isn't
//     named", "there's no mention of X", "says nothing about X"): no
//     word of X may be in a passage, in any form — "doesn't mention
//     Macron", "NATOs", "any office" and "doesn't name the president" are
//     false.
//   - Said not to be told ("doesn't say who…", "doesn't explain why…",
//     "no reason is given", "whether…"): every word of what is not told
//     must be a passage's word, or a form of its lemma, but for words
//     naming kinds of information ("date", "reason", "details") —
//     "doesn't explain why Macron resigned" would show as given an event
//     no passage has, and "closed" is not "closer". Not a proposition
//     ("that Japan was invited", said not to be said when it is) and no
//     negation ("why Japan was not invited" turns a passage round).
//
// Nothing else may be in it: no second clause or sentence (", but …",
// "; …", "! 😄 …", "e.g. …"), no quotation (double or single), no
// figure, no reader or writer ("you", "we") and no "should" (an
// instruction planted in a question has no name to check), no word
// mixing scripts. Only English is read. A false presupposition made of
// the passages' own words ("why Macron opposed the Quad") still passes, as
// a claim pooling two cited passages does.
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
	absenceOther = regexp.MustCompile(`(?i)[;:!?—–]|\p{So}|\b(?:but|although|though|whereas|while|because|since|except|yet|instead|only|however|unlike|e\.g|i\.e)\b|,\s*(?:so|and|who|which|where|whose)\b|\bother\s+than\b|\bapart\s+from\b`)
	// absencePerson: the reader or the writer, or what one should do.
	// What the article does not say is said of the article: "doesn't
	// say why you should reply with your password" is an instruction
	// planted in a question.
	absencePerson = regexp.MustCompile(`\b(?:[Yy]ou|[Yy]ours?|u|ur|I|[Mm]e|[Mm]y|[Ww]e|us|[Oo]ur)\b|\b(?i:should|must|ought|need\s+to|have\s+to|has\s+to)\b`)
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
		statements quote quotes evidence example examples mention mentions context background further more anything
		else such claim claims specific exact exactly precise precisely particular direct directly official officials
		officially its their his her them they what which when where why how much many long term terms reaction
		reactions response responses think thinks thought believe believes feel feels want wants plan plans intend
		intends expect expects government governments leader leaders say says said state states describe describes
		explain explains discuss discusses address addresses define defines list lists give gives cover covers`) {
		infoWords[w] = true
	}
}

// shortWords are function words too short for functionWords, which a
// sentence may open with a capital ("The critics…").
var shortWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an of in on at to for by and or nor as is are was were be it its his her he she they no not any all
		but how who why was did has had may can its our one own per via yet too out off new way did got get let put set use
		him them than then that this what when whom whose key top far now big few lot old low non pro`) {
		shortWords[w] = true
	}
}

// absenceForm reports whether body reads as a statement of absence,
// whether or not it may be shown: one with a marker is held to
// absence's rules all the same ("China isn't mentioned [1]." is false of
// a passage naming China).
func absenceForm(body string) bool {
	// Every form says "not", "no", "nothing", "never" or "silent": most
	// sentences, checked as they stream, need no regexp to be told apart.
	l := strings.ToLower(body)
	if !strings.Contains(l, "no") && !strings.Contains(l, "n't") && !strings.Contains(l, "n’t") && !strings.Contains(l, "never") && !strings.Contains(l, "silent") {
		return false
	}
	s := absenceText(body)
	return absenceActive.MatchString(s) || absencePassive.MatchString(s) || absenceNone.MatchString(s)
}

// absenceLead: what makes a list's lead-in say what is missing
// ("Countries the article doesn't mention:", "Not mentioned in the
// article:"): no list of what the briefing says follows it.
var absenceLead = regexp.MustCompile(`(?i)\b(?:doesn'?t|does\s+not|don'?t|do\s+not|isn'?t|aren'?t|not)\s+(?:mention|name|list|include|cover|say|mentioned|named|listed|included|covered|said)\b`)

// clauseEnd is where a sentence's first clause ends: a second one
// (absenceOther), a dash, an emoji.
var clauseEnd = regexp.MustCompile(`(?i)[;:!?—–]|\p{So}|\b(?:but|although|though|whereas|while|because|since|except|yet|instead|only|however)\b|,\s*(?:so|and|who|which|where|whose)\b`)

// firstClause is body up to where its first clause ends.
func firstClause(body string) string {
	if loc := clauseEnd.FindStringIndex(body); loc != nil && loc[0] > 0 {
		return body[:loc[0]]
	}
	return body
}

// absenceText is body as absence reads it: emphasis and its final stops
// gone.
func absenceText(body string) string {
	return strings.TrimRight(strings.TrimSpace(strings.NewReplacer("*", "", "_", "").Replace(body)), ".!: ")
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
	// exists: it says a thing is not there at all (also "doesn't name
	// X", "X isn't named": "doesn't name the president" is false of a
	// passage naming him).
	var missingPart string
	var exists bool
	if m := absenceActive.FindStringSubmatch(s); m != nil {
		missingPart = m[6]
		exists = m[2] != "" || m[3] != "" || m[5] != ""
		if m[4] != "" {
			// "makes no mention of X" says X is not there; "gives no
			// date" says no date is told.
			noun, rest, _ := strings.Cut(strings.TrimSpace(m[6]), " ")
			exists = absenceNoun.MatchString(noun)
			if exists {
				missingPart = rest
			}
		}
	} else if m := absencePassive.FindStringSubmatch(s); m != nil {
		missingPart = m[1] + " " + m[2]
		exists = absenceExists.MatchString(m[3])
	} else if m := absenceNone.FindStringSubmatch(s); m != nil {
		missingPart = m[2]
		exists = absenceNoun.MatchString(m[1])
		if strings.TrimSpace(missingPart) == "" {
			return false // "There's no date in the article": a date is a kind, not a thing
		}
	} else {
		return false
	}
	// A kind said not to be there ("doesn't mention any countries", "a
	// date") is there whenever a passage has one of its kind, which no
	// word of it tells.
	if exists && absenceKind.MatchString(missingPart) {
		return false
	}
	// A letter outside ASCII once accents are gone ("Macrօn", "Chına",
	// an enclosing mark) is a name written to escape the comparison.
	if strings.IndexFunc(fold(missingPart), func(r rune) bool { return r > unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsMark(r)) }) >= 0 {
		return false
	}
	// What is not told is no proposition of its own ("that Japan was
	// invited", said not to be said, when it is), and turns nothing
	// round ("why Japan was not invited").
	if absenceProposition.MatchString(missingPart) || !absenceQuestion.MatchString(missingPart) && (absenceFinite.MatchString(missingPart) || hasVerbForm(missingPart)) {
		return false
	}
	text := all()
	support, lemmas := fold(text), passageLemmas(text)
	for _, w := range strings.FieldsFunc(missingPart, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) && r != '\'' && r != '’' }) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if strings.ContainsAny(w, "'’") {
			return false // a quote mark, or a name cut by one ("M'acron")
		}
		name := unicode.IsUpper([]rune(w)[0])
		f := fold(w)
		if isNumberWord(f) || magnitudes[strings.TrimSuffix(f, "s")] > 0 {
			return false // a figure
		}
		// What is said not to be there is checked whole ("doesn't
		// mention any leaders", when they are): words of information
		// too.
		if functionWords[f] || shortWords[f] || infoWords[f] && !exists || !name && len([]rune(f)) < 3 {
			continue
		}
		// A name is met as the checker meets names ("Korean" by
		// "Korea", "Chinese" by "China").
		named := name && (nameIn(support, f) || stemIn(support, f) || sameCountry(f, support) ||
			slices.ContainsFunc(initialism(w), func(a string) bool { return startsWord(support, fold(a)) }) ||
			dottedIn(support, f) || countryIn(support, f))
		if exists {
			// Said not to be there: any likeness in a passage makes it
			// false ("NATOs", "macron").
			if named || present(support, f) || present(support, strings.TrimSuffix(f, "s")) || lemmas[lexicon.Default().Lemma(f)] ||
				present(strings.ReplaceAll(support, "-", ""), f) {
				return false
			}
			continue
		}
		// Taken for given: a passage must have the word itself, or
		// another form of its lemma ("criticised", "critic"), not one
		// merely starting alike ("closed" is not "closer").
		if !named && !hasWord(support, f) && !lemmas[lexicon.Default().Lemma(f)] {
			return false
		}
	}
	return true
}

// absenceProposition: what is said not to be told is a proposition ("that
// Japan was invited"; not "that" alone, a pronoun) or holds a negation.
var absenceProposition = regexp.MustCompile(`(?i)^[\s,]*(?:\w+ly\s+)?that\s+\S+\s+\S|\b(?:not|never|no|none|nobody|nothing|without|neither|nor)\b|n['’]t\b`)

// absenceKind: words naming a kind of thing, not one thing.
var absenceKind = regexp.MustCompile(`(?i)\b(?:countr(?:y|ies)|nations?|states|cit(?:y|ies)|places?|locations?|people|persons?|anyone|anybody|someone|individuals?|names?|numbers?|figures?|statistics?|dates?|years?|days?|months?|times?|amounts?|percentages?|organi[sz]ations?|groups?|officials?|leaders?|events?|quotes?|quotations?|sources?|details?|facts?|specifics?|information|data)\b`)

// absenceQuestion: what is not told opens as a question does ("who…",
// "whether…"), or is a thing ("Russia's reaction"); anything else with a
// verb of its own is a proposition ("doesn't say Japan was invited").
var (
	absenceQuestion = regexp.MustCompile(`(?i)^[\s,]*(?:\w+ly\s+)?(?:who|whom|whose|what|which|when|where|why|how|whether|if)\b`)
	absenceFinite   = regexp.MustCompile(`(?i)\b(?:is|are|was|were|be|been|has|have|had|will|would|shall|could|can|may|might|did|does|do)\b`)
)

// hasVerbForm reports whether s holds, after its first word, an
// inflected word WordNet knows as no noun — a verb of its own ("NATO
// invited Japan", "Macron expressed concerns"): what follows "doesn't
// say" is then a proposition, not a thing.
func hasVerbForm(s string) bool {
	l := lexicon.Default()
	for i, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if i == 0 || len(w) < 3 {
			continue
		}
		// An inflection of no noun ("invited"), an irregular verb's
		// ("sent"), or a past in -ed of a word WordNet also lists as an
		// adjective ("expressed").
		if l.Lemma(w) != w && !l.Noun(w) || l.IrregularVerb(w) || len(w) > 4 && strings.HasSuffix(w, "ed") && (l.Known(w[:len(w)-2]) || l.Known(w[:len(w)-1])) {
			return true
		}
	}
	return false
}

// dottedIn reports whether support has short name f written with stops
// ("dc" as "d.c.").
func dottedIn(support, f string) bool {
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	var b strings.Builder
	for _, r := range f {
		b.WriteRune(r)
		b.WriteByte('.')
	}
	return strings.Contains(support, b.String()) || strings.Contains(support, strings.TrimSuffix(b.String(), "."))
}

// countryIn reports whether f names a country (or its people) that
// support names in any of its forms ("America", "the USA" and "the U.S.";
// "Britain" and "the UK").
func countryIn(support, f string) bool {
	l := lexicon.Default()
	c := l.Country(f)
	if c == "" {
		c = l.Country(l.Lemma(f))
	}
	if c == "" {
		return false
	}
	if namesCountry(support, c) {
		return true
	}
	for w := range strings.FieldsFuncSeq(support, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
		w = strings.Trim(w, ".")
		if l.Country(strings.ReplaceAll(w, ".", "")) == c || l.Country(w) == c {
			return true
		}
	}
	return false
}

// passageLemmas is the set of the lemmas of text's words.
func passageLemmas(text string) map[string]bool {
	l := lexicon.Default()
	out := map[string]bool{}
	for w := range strings.FieldsFuncSeq(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		out[l.Lemma(w)] = true
	}
	return out
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
