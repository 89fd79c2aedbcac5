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
	absencePassive = regexp.MustCompile(`(?i)^` + absenceVerdict + `(?:(.{1,80}?)\s+(?:is|are|was|were)\s*(?:n'?t|not)\s+(?:actually\s+|explicitly\s+)?|not\s+|(?:no|nothing|neither)((?:\s+[\p{L}\p{N}'’*_"“][^;:]{0,79}?)?)\s+(?:is|are|was|were)\s+)(` + absenceDone + `)` + absenceWhere + `$`)
	// absenceNone: "There's no mention of Germany (in the article)."
	// Group 1 is the kind of information, 2 its preposition, 3 what it is
	// of.
	absenceNone = regexp.MustCompile(`(?i)^` + absenceVerdict + `there(?:'s|\s+is|\s+are)\s+no\s+(?:\w+\s+)?(mention|reference|word|information|detail|data|figure|date|statement|comment|quote|explanation|timeline)s?\b(?:\s+(of|about|on|from|regarding|as\s+to)\b)?(.*?)` + absenceWhere + `$`)

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
		explain explains discuss discusses address addresses define defines list lists give gives cover covers
		location locations venue cost costs size age nationality role roles title budget deadline schedule`) {
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
	if !absenceCue(body) {
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
	s = unlabelled(s)
	bare := strings.TrimSpace(leadingVerdict.ReplaceAllString(s, ""))
	if s == "" || strings.ContainsAny(s, "\"“”«»()[]{}") || absenceOther.MatchString(bare) || innerStop.MatchString(s+" ") || dottedWord.MatchString(s) ||
		absencePerson.MatchString(s) || numberRE.MatchString(s) || len(strings.Fields(s)) > maxAbsenceWords || mixedScript(s) {
		return false
	}
	missingPart, exists, topic, ok := absenceParts(s)
	if !ok {
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
	if topic {
		// "doesn't discuss X", "doesn't say anything about X": true when
		// nothing of X is there; of a kind of information a name has
		// ("Russia's reaction", "Japan's position"), also when it is
		// told of in the passages' words — but not a name alone
		// ("China") or a thing the passages have ("Macron's concerns").
		return absentWords(missingPart, true, support, lemmas) ||
			!bareNames(missingPart) && infoHeads(missingPart) && absentWords(missingPart, false, support, lemmas)
	}
	return absentWords(missingPart, exists, support, lemmas)
}

// absentWords reports whether missingPart's words may be said missing
// from support (folded passage text, with its lemmas): not there at all
// (exists), or not told (see absence).
func absentWords(missingPart string, exists bool, support string, lemmas map[string]bool) bool {
	// A kind said not to be there ("doesn't mention any countries", "a
	// date") is there whenever a passage has one of its kind, which no
	// word of it tells.
	if exists && (absenceKind.MatchString(missingPart) || !bareThings(missingPart) || abbreviatedIn(support, missingPart)) {
		return false
	}
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
		acronym := len(w) >= 2 && strings.ToUpper(w) == w
		if !acronym && (functionWords[f] || shortWords[f]) || infoWords[f] && !exists || !name && len([]rune(f)) < 3 {
			continue
		}
		// A name is met as the checker meets names ("Korean" by
		// "Korea", "Chinese" by "China").
		named := name && (nameIn(support, f) || stemIn(support, f) || sameCountry(f, support) ||
			slices.ContainsFunc(initialism(w), func(a string) bool { return startsWord(support, fold(a)) }) ||
			dottedIn(support, f) || countryIn(support, f) || countryNames[f] != nil && namesCountry(support, f))
		if exists {
			// Said not to be there: any likeness in a passage makes it
			// false ("NATOs", "macron").
			if named || present(support, f) || present(support, strings.TrimSuffix(f, "s")) || lemmas[lexicon.Default().Lemma(f)] ||
				present(strings.ReplaceAll(support, "-", ""), f) || spelledIn(support, w) || present(skeleton(support), skeleton(f)) {
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

// absenceParts returns what s (a sentence as absence reads it) says is
// missing, and whether it says it is not there at all (exists) rather
// than not told; ok is false when s is no statement of absence, or one
// whose words read as said of the world ("It has no Asian partners":
// "it" is NATO; "Macron's concerns were not addressed": by whom?).
func absenceParts(s string) (missingPart string, exists, topic, ok bool) {
	located := absenceLocated.MatchString(s)
	if m := absenceActive.FindStringSubmatch(s); m != nil {
		if absenceItHas.MatchString(s) && !infoHeads(absenceWhereEnd.ReplaceAllString(m[6], "")) {
			// "It has no Asian partners", "It provides no security":
			// after a sentence about NATO, "it" is NATO. The article
			// "has no date", "doesn't give examples".
			return "", false, false, false
		}
		missingPart = absenceWhereEnd.ReplaceAllString(m[6], "")
		exists = m[2] != "" || m[3] != "" || m[5] != ""
		if m[4] != "" {
			// "makes no mention of X" says X is not there; "gives no
			// date" says no date is told.
			noun, rest, _ := strings.Cut(strings.TrimSpace(missingPart), " ")
			exists = absenceNoun.MatchString(noun)
			if exists {
				missingPart = rest
			}
		}
		if exists {
			// "says nothing about X", "no mention of X": X.
			missingPart = absenceOf.ReplaceAllString(missingPart, "")
		}
		if about := absenceAbout.FindStringSubmatch(missingPart); about != nil && m[1] != "" {
			// "doesn't say anything about X", "doesn't provide any
			// information on X": a topic.
			missingPart = about[1]
			topic = !absenceQuestion.MatchString(missingPart)
		} else if absenceTopic.MatchString(m[1]) {
			// "doesn't discuss China" is false of a passage about
			// China, whatever is said of it; "doesn't discuss why…" asks.
			topic = !absenceQuestion.MatchString(missingPart)
		}
		return missingPart, exists, topic, true
	}
	if m := absencePassive.FindStringSubmatch(s); m != nil {
		if absenceEvent.MatchString(m[3]) && !located {
			// "The summit's outcome was not disclosed" reads as an
			// event; "… not disclosed in the article" does not.
			return "", false, false, false
		}
		missingPart = m[1] + " " + m[2]
		if n := absenceNeither.FindStringSubmatch(strings.Trim(missingPart, " ,")); n != nil {
			// "Neither Vietnam nor Indonesia is mentioned": both.
			missingPart, exists = n[1]+" and "+n[2], absenceExists.MatchString(m[3])
		}
		exists = absenceExists.MatchString(m[3])
		topic = absenceTopic.MatchString(m[3]) && !absenceQuestion.MatchString(m[1])
		if about := absenceAboutNothing.FindStringSubmatch(m[2]); about != nil {
			// "Nothing about China is said."
			missingPart, topic = about[1], true
		}
		return missingPart, exists, topic, true
	}
	if m := absenceNone.FindStringSubmatch(s); m != nil {
		missingPart = m[3]
		exists = absenceNoun.MatchString(m[1])
		topic = strings.EqualFold(m[1], "information")
		if strings.TrimSpace(missingPart) == "" {
			return "", false, false, false // "There's no date in the article": a date is a kind, not a thing
		}
		if !located && (!exists && !topic || strings.EqualFold(m[2], "from")) {
			// "There's no statement from Macron", "no word from Germany",
			// "no timeline for the office": said of the world, not of
			// the article.
			return "", false, false, false
		}
		return missingPart, exists, topic, true
	}
	return "", false, false, false
}

var (
	// absenceTopic: verbs that say a thing is not a subject of the
	// article at all.
	absenceTopic = regexp.MustCompile(`(?i)^(?:cover|discuss|address|touch\s+on|talk\s+about|covered|discussed|addressed)$`)
	// absenceAbout: "anything about X", "any information on X".
	absenceAbout        = regexp.MustCompile(`(?i)^\s*(?:anything|a\s+(?:single\s+)?word|any\s+(?:information|info|data)|information)\s+(?:at\s+all\s+)?(?:about|on|regarding|concerning|of)\s+(.+)$`)
	absenceAboutNothing = regexp.MustCompile(`(?i)^\s*(?:else\s+)?(?:about|on|regarding|concerning)\s+(.+)$`)
	// absenceOf: the preposition before what is missing.
	absenceOf = regexp.MustCompile(`(?i)^\s*(?:about|of|on|regarding|concerning|as\s+to)\s+`)
	// absenceNeither: "neither X nor Y", the subject of a passive.
	absenceNeither = regexp.MustCompile(`(?i)^\s*(?:neither\s+)?(.+?)\s+nor\s+(.+?)\s*$`)
	// absenceWhereEnd: where the silence is, at the end of what is
	// missing ("Beijing at all", "Germany in the article").
	absenceWhereEnd = regexp.MustCompile(`(?i)` + absenceWhere + `\s*$`)
	// absenceItHas: "it" has, gives or addresses nothing: what NATO
	// might not ("It has no Asian partners", "It doesn't provide security
	// for Japan", "It does not address China's concerns") — but for kinds
	// of information ("It doesn't give examples").
	absenceItHas = regexp.MustCompile(`(?i)^` + absenceVerdict + `it\s+(?:(?:has|have|includes?|contains?|provides?|offers?|gives?)\s+(?:no|nothing)|(?:does\s+not|doesn'?t|did\s+not|didn'?t|never)\s+(?:actually\s+|really\s+)?(?:provide|offer|give|include|contain|address|confirm|answer|reveal|attribute))\b`)
	// absenceEvent: participles as much of the world's doings as of a
	// text's, read as the article's silence only with "in the article".
	absenceEvent = regexp.MustCompile(`(?i)^(?:addressed|disclosed|answered|revealed|confirmed|announced)$`)
	// absenceLocated: the sentence says where the silence is.
	absenceLocated = regexp.MustCompile(`(?i)\b(?:in|by|from)\s+` + absenceSource + `\b`)
	// dottedWord: a word with a stop between letters ("freenitro.gift"),
	// a domain a planted question would hand on; not an initialism's
	// ("D.C.", "U.S.").
	dottedWord = regexp.MustCompile(`\p{L}{2,}\.\p{L}{2,}`)
)

// unlabelled is s without a bold label's words ("Germany: The article
// doesn't mention Germany.", "Timeline: No date is given." — emphasis is
// gone by then) when the label says nothing the statement does not: one
// to three words, each a word of the statement or one naming a kind of
// information.
func unlabelled(s string) string {
	label, rest, ok := strings.Cut(s, ":")
	if !ok || rest == "" {
		return s
	}
	label, rest = strings.TrimLeft(label, "-•+ "), strings.TrimSpace(rest)
	words := strings.Fields(label)
	if len(words) == 0 || len(words) > 3 {
		return s
	}
	if absenceElliptic.MatchString(rest) {
		// "Germany: Not mentioned." says "Germany is not mentioned."
		return label + " is " + rest
	}
	if m := absenceActive.FindStringSubmatch(absenceText(rest)); m != nil && m[1] != "" && strings.TrimSpace(absenceWhereEnd.ReplaceAllString(m[6], "")) == "" {
		// "Germany: The article doesn't say." says nothing of Germany.
		return absenceText(rest) + " anything about " + label
	}
	if absenceIt.MatchString(rest) {
		// "Germany: It isn't mentioned."
		return label + rest[2:]
	}
	l := fold(rest)
	lx := lexicon.Default()
	for _, w := range words {
		f := fold(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
		name := unicode.IsUpper([]rune(w)[0])
		// No negation or verb of its own ("Japan not invited", "China
		// invited"): a label that says something is a claim.
		if absenceProposition.MatchString(w) || lx.Lemma(f) != f && !lx.Noun(f) || !name && !lx.Noun(f) && !infoWords[f] && !shortWords[f] {
			return s
		}
		if !infoWords[f] && !hasWord(l, f) && !shortWords[f] {
			return s
		}
	}
	return rest
}

// absenceIt is a passive statement about "it": the label.
var absenceIt = regexp.MustCompile(`(?i)^it\s+(?:is|was)(?:n'?t|\s+not)\s`)

// absenceElliptic is a statement of absence with no subject: "Not
// mentioned.", "Not stated in the article."
var absenceElliptic = regexp.MustCompile(`(?i)^not\s+(?:` + absenceDone + `)\b`)

// bareThings reports whether what is said not to be there is only that:
// names ("Germany", "the IMF", "Xi Jinping") or things of no presupposed
// existence ("sanctions", "any office", "an author"), listed with commas,
// "and" or "or" — not "Biden's dementia" or "the civilian casualties",
// whose words say there are such, nor an apposition ("Kyiv, the Ukrainian
// capital") or a clause ("Biden who hosts it"). A thing a name has, said
// with "the" or "'s", is one of the kinds of information ("Russia's
// reaction", "the date").
func bareThings(part string) bool {
	if absenceRelative.MatchString(part) {
		return false
	}
	for i, item := range absenceConjunct.Split(strings.TrimSpace(part), -1) {
		words := strings.Fields(item)
		if len(words) == 0 {
			continue
		}
		first := strings.ToLower(words[0])
		definite := first == "the" || first == "this" || first == "that" || first == "these" || first == "those"
		possessed := absencePossessive[first]
		if first == "a" || first == "an" || first == "any" || definite || possessed {
			words = words[1:]
		}
		if len(words) == 0 {
			continue // "doesn't name any"
		}
		nameFirst := unicode.IsUpper([]rune(words[0])[0])
		// An item after a comma opens with a name or "any": ", a founding
		// member" says what the name before it is.
		if i > 0 && !nameFirst && first != "any" && absenceAfterComma(part, item) {
			return false
		}
		var common []string
		for _, w := range words {
			f := fold(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
			switch {
			case unicode.IsUpper([]rune(w)[0]):
			case absenceNameJoin[f] && nameFirst:
			case absencePreposition[f]:
				// "a recent coup in Taiwan", "an identity check for
				// members": a thing said with what it is of is a claim.
				return false
			default:
				common = append(common, f)
			}
			if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
				possessed = true
			}
		}
		allInfo := !slices.ContainsFunc(common, func(f string) bool { return !infoWords[f] })
		switch {
		case len(common) == 0 || allInfo:
		case possessed || nameFirst:
			return false // "Biden's dementia", "his dementia", "Berlin supports Kyiv"
		case definite && len(common) > 1:
			return false // "the civilian casualties"; not "the weather"
		case len(common) > 2:
			return false // "any new login requirement"; not "any troop numbers"
		}
	}
	return true
}

var (
	absenceRelative = regexp.MustCompile(`(?i)\b(?:who|whom|which|that|whose|where|currently|now|recently|once|formerly|still|also)\b`)
	absenceConjunct = regexp.MustCompile(`(?i)\s*(?:,\s*(?:and\s+|or\s+|nor\s+)?|\s\band\s+|\s\bor\s+|\s\bnor\s+)`)
	// absencePossessive opens a thing someone has ("his dementia").
	absencePossessive = map[string]bool{"his": true, "her": true, "their": true, "its": true, "our": true, "my": true, "your": true}
	// absencePreposition ties a thing to what it is of, for or in.
	absencePreposition = map[string]bool{"for": true, "in": true, "on": true, "at": true, "with": true, "from": true, "by": true, "about": true, "against": true, "to": true, "of": true, "over": true, "between": true, "among": true}
	// absenceNameJoin are the small words inside a name ("Democratic
	// People's Republic of Korea").
	absenceNameJoin = map[string]bool{"of": true, "the": true, "and": true, "de": true, "la": true, "von": true, "van": true, "al": true, "bin": true}
)

// spelledIn reports whether support (folded) spells out initialism w
// ("IMF", "the PRC", "EVs", "ASEAN"): consecutive words, "of" and "the"
// aside, each giving its first letter (and a compound another). Two letters need words of
// five letters or more ("Prime Minister", "artificial intelligence"), or
// any two words would do ("urged NATO").
func spelledIn(support, w string) bool {
	w = strings.TrimSuffix(w, "s")
	if len(w) < 2 || len(w) > 6 || strings.ToUpper(w) != w || strings.IndexFunc(w, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		return false
	}
	a := strings.ToLower(w)
	words := strings.FieldsFunc(support, func(r rune) bool { return !unicode.IsLetter(r) })
	var spell func(pos, j int) bool
	spell = func(pos, j int) bool {
		if pos == len(a) {
			return true
		}
		for ; j < len(words) && (spellSkip[words[j]] || words[j] == "s"); j++ {
		}
		if j >= len(words) || len(a) == 2 && len(words[j]) < 5 || words[j][0] != a[pos] || functionWords[words[j]] || shortWords[words[j]] {
			return false // "enhancing cooperation between" spells no ECB
		}
		return spell(pos+1, j+1) || pos+1 < len(a) && compoundLetter(words[j], a[pos+1]) && spell(pos+2, j+1)
	}
	for j, word := range words {
		if word[0] == a[0] && !spellSkip[word] && spell(0, j) {
			return true
		}
	}
	return false
}

// spellSkip are the words an initialism leaves out ("the People's
// Republic of China").
var spellSkip = map[string]bool{"of": true, "the": true, "for": true, "de": true}

// compoundLetter reports whether word is a compound of two words of three
// letters or more, the second starting with c: "southeast" gives ASEAN
// its E; "security" gives no C.
func compoundLetter(word string, c byte) bool {
	l := lexicon.Default()
	for i := 3; i+3 <= len(word); i++ {
		if word[i] == c && l.Known(word[:i]) && l.Known(word[i:]) {
			return true
		}
	}
	return false
}

// abbreviatedIn reports whether support (folded) has the initialism of a
// thing part spells out ("artificial intelligence" of "AI").
func abbreviatedIn(support, part string) bool {
	for _, item := range absenceConjunct.Split(strings.TrimSpace(part), -1) {
		var initials strings.Builder
		n := 0
		for _, w := range strings.Fields(fold(item)) {
			if absenceNameJoin[w] || w == "a" || w == "an" || w == "any" {
				continue
			}
			initials.WriteString(w[:1])
			n++
		}
		if n >= 2 && !shortWords[initials.String()] && hasWord(support, initials.String()) {
			return true
		}
	}
	return false
}

// skeleton is s (folded) with the letters that look alike in a sans-serif
// font made one: "lndia" is "india", "rnacron" "macron".
func skeleton(s string) string {
	return skeletonFold.Replace(s)
}

var skeletonFold = strings.NewReplacer("rn", "m", "vv", "w", "cl", "d", "l", "i", "1", "i", "|", "i", "0", "o")

// namesSaidMissing reports whether s says names are not there ("Tokyo
// isn't mentioned", "the article doesn't discuss China") that a passage
// has.
func namesSaidMissing(s string, all func() string) bool {
	missingPart, exists, topic, ok := absenceParts(absenceText(s))
	if !ok || !exists && !topic || !bareNames(missingPart) {
		return false
	}
	text := all()
	return !absentWords(missingPart, true, fold(text), passageLemmas(text))
}

// laterRefersBack reports whether statement s, after a claim, says what
// the claim is about is missing: it has no subject of its own, or a
// pronoun ("…, but he isn't named"). (Alone, "They aren't named." is as
// often of the anonymous diplomat, whom no passage names.)
func laterRefersBack(s string) bool {
	if absenceBareBack.MatchString(s) {
		return true // "…, but isn't named in the article"
	}
	missingPart, exists, topic, ok := absenceParts(absenceText(s))
	p := strings.ToLower(strings.TrimSpace(missingPart))
	// "they" and "them" may be of the claim's object ("ties with other
	// Asian nations [9], but they are not named"); "he", "she", "it" and
	// no subject at all are of its subject.
	return ok && (exists || topic) && (refersBack(missingPart) && p != "they" && p != "them" && p != "those" && p != "these" || p == "it")
}

// absenceBareBack is a statement of absence with no subject of its own,
// after a claim: "…, but isn't named in the article".
var absenceBareBack = regexp.MustCompile(`(?i)^(?:is|are|was|were|has|have)(?:n'?t|\s+not|\s+never)\s+(?:been\s+)?(?:` + absenceDone + `)\b`)

// namedSubject reports whether claim opens with a name ("Japan was
// invited", "Macron fears…"), not with a description ("A senior
// diplomat…", "Some experts…", "Experts argue…", "Chinese officials…",
// "Speaking on condition of anonymity, …"): what a later "but isn't
// named" says of.
func namedSubject(claim string) bool {
	first, _, _ := strings.Cut(withoutOpener(claim), " ")
	first = strings.Trim(first, ",:'’")
	f := fold(strings.TrimSuffix(first, "'s"))
	if first == "" || !unicode.IsUpper([]rune(first)[0]) || functionWords[f] || shortWords[f] || absenceDeterminers[f] {
		return false
	}
	l := lexicon.Default()
	demonym := l.Country(f) != "" && l.Country(f) != f || regional[f]
	return !demonym && !everyday(f) && !nounless(f) && !inflected(f)
}

// regional are adjectives of a region, which describe ("Western experts",
// "Asian officials") as a country's do.
var regional = map[string]bool{"western": true, "eastern": true, "northern": true, "southern": true, "european": true, "asian": true,
	"african": true, "arab": true, "pacific": true, "atlantic": true, "nordic": true, "baltic": true, "latin": true, "middle": true}

// describesNamed reports whether claim opens with a description a
// passage gives a named person ("A spokesperson for the Chinese Foreign
// Ministry…" of "Lin Jian, a spokesperson for the Chinese Foreign
// Ministry"; "The French President…" of "French President Emmanuel
// Macron"): a word of its first five, near two capitalised words in a row
// of the passage, neither opening a sentence.
func describesNamed(claim string, passages []string) bool {
	words := strings.Fields(withoutOpener(claim))
	for _, w := range words[:min(5, len(words))] {
		w = strings.ToLower(strings.Trim(w, ",.:;'’\"“”"))
		if len(w) < 4 || functionWords[w] || absenceDeterminers[w] {
			continue
		}
		for _, p := range passages {
			pw := strings.Fields(p)
			for i, x := range pw {
				if strings.ToLower(strings.Trim(x, ",.:;'’\"“”")) != w {
					continue
				}
				for k := max(1, i-4); k+1 < len(pw) && k <= i+4; k++ {
					if k != i && k+1 != i && personName(pw[k-1], pw[k], pw[k+1]) {
						return true
					}
				}
			}
		}
	}
	return false
}

// withoutOpener is claim without list marks and an opener naming the
// source ("According to the article, the French President…").
func withoutOpener(claim string) string {
	return sourceOpener.ReplaceAllString(strings.TrimLeft(claim, "*_-•> "), "")
}

var sourceOpener = regexp.MustCompile(`(?i)^(?:according to|per|in|as)\s+(?:the|this)\s+(?:article|briefing|piece|report|text|passage|paragraph)(?:\s+\w+)?,?\s+`)

// personName reports whether a and b are two capitalised words in a row,
// not after a full stop (before), and not an initialism.
func personName(before, a, b string) bool {
	capital := func(w string) bool {
		rs := []rune(strings.Trim(w, ",.:;'’\"“”"))
		return len(rs) > 1 && unicode.IsUpper(rs[0]) && unicode.IsLower(rs[1])
	}
	if !capital(a) || !capital(b) || strings.HasSuffix(before, ".") || strings.HasSuffix(a, ",") || strings.HasSuffix(a, ".") {
		return false
	}
	// A thing's name WordNet knows ("Cold War", "Prime Minister") is
	// no person's.
	return !lexicon.Default().Known(strings.ToLower(strings.Trim(a, ",.:;'’\"“”") + " " + strings.Trim(b, ",.:;'’\"“”")))
}

var absenceDeterminers = map[string]bool{"some": true, "many": true, "several": true, "most": true, "both": true, "each": true, "every": true, "another": true, "other": true, "others": true, "these": true, "those": true, "this": true, "that": true}

// refersBack reports whether what is said missing is a pronoun or
// nothing: a person or a thing named before.
func refersBack(missingPart string) bool {
	return absenceBack[strings.ToLower(strings.TrimSpace(missingPart))]
}

var absenceBack = map[string]bool{"": true, "he": true, "she": true, "they": true, "him": true, "her": true, "them": true, "these": true, "those": true}

// infoHeads reports whether every word of part but names and small words
// names a kind of information ("Russia's reaction", "Japan's position").
func infoHeads(part string) bool {
	for _, w := range strings.FieldsFunc(part, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		f := fold(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
		if !unicode.IsUpper([]rune(w)[0]) && !infoWords[f] && !functionWords[f] && !shortWords[f] && !absencePossessive[f] {
			return false
		}
	}
	return true
}

// bareNames reports whether part is names alone ("China", "the Quad",
// "Japan and South Korea").
func bareNames(part string) bool {
	for _, item := range absenceConjunct.Split(strings.TrimSpace(part), -1) {
		for i, w := range strings.Fields(item) {
			if !unicode.IsUpper([]rune(w)[0]) && !(i == 0 && strings.EqualFold(w, "the")) && !absenceNameJoin[strings.ToLower(w)] {
				return false
			}
		}
	}
	return true
}

// absenceJoin is where a statement of absence may follow a claim in one
// sentence: after a comma, a semicolon or a dash, or a conjunction.
var absenceJoin = regexp.MustCompile(`(?i)(?:\s*[;,—–]\s*(?:(?:but|although|though|whereas|while|yet|and|however|so)\b,?\s*)?|\s+(?:but|although|though|whereas|while|yet|and|however)\b,?\s*)`)

// laterAbsence returns where a statement of absence after a claim starts
// in body ("Macron fears provoking China, but the article doesn't mention
// Beijing"), and the statement; 0 when there is none.
func laterAbsence(body string) (int, string) {
	if !absenceCue(body) {
		return 0, ""
	}
	// The last join first: "Japan and South Korea were invited, but
	// Germany isn't mentioned" is a claim and a statement, not "Japan"
	// and a passive whose subject runs to "Germany".
	locs := absenceJoin.FindAllStringIndex(body, -1)
	for i := len(locs) - 1; i >= 0; i-- {
		if loc := locs[i]; loc[0] > 0 && (absenceForm(body[loc[1]:]) || absenceBareBack.MatchString(body[loc[1]:])) {
			// A join inside the statement ("doesn't mention Germany,
			// Italy or Spain") leaves a tail that is no statement; an
			// earlier one starts it.
			return loc[0], body[loc[1]:]
		}
	}
	return 0, ""
}

// absenceCue reports whether body says "no", "not", "nothing", "never" or
// "silent": every statement of absence does.
func absenceCue(body string) bool {
	l := strings.ToLower(body)
	return strings.Contains(l, "no") || strings.Contains(l, "n't") || strings.Contains(l, "n’t") || strings.Contains(l, "never") || strings.Contains(l, "silent")
}

// absenceAfterComma reports whether item follows a comma in part.
func absenceAfterComma(part, item string) bool {
	i := strings.Index(part, item)
	return i > 0 && strings.HasSuffix(strings.TrimRight(part[:i], " "), ",")
}

// absenceProposition: what is said not to be told is a proposition ("that
// Japan was invited"; not "that" alone, a pronoun) or holds a negation.
var absenceProposition = regexp.MustCompile(`(?i)^[\s,]*(?:\w+ly\s+)?that\s+\S+\s+\S|\b(?:not|never|no|none|nobody|nothing|without|neither|nor)\b|n['’]t\b`)

// absenceKind: words naming a kind of thing, not one thing.
var absenceKind = regexp.MustCompile(`(?i)\b(?:countr(?:y|ies)|nations?|states|cit(?:y|ies)|capitals?|places?|locations?|people|persons?|anyone|anybody|someone|individuals?|names?|numbers?|figures?|statistics?|dates?|years?|days?|months?|times?|amounts?|percentages?|organi[sz]ations?|groups?|officials?|leaders?|heads?|politicians?|presidents?|ministers?|diplomats?|spokes(?:person|people|man|men|woman|women)|experts?|members?|allies|partners?|alliances?|regions?|continents?|governments?|institutions?|agencies|bodies|events?|quotes?|quotations?|sources?|details?|facts?|specifics?|information|data)\b`)

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
func present(support, w string) bool { return startsWord(support, stem5(w)) }

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

// cited returns the text of passages ns, as written.
func (c Checker) cited(ns []int) []string {
	var out []string
	for _, n := range ns {
		if t, ok := c.Passage(n); ok {
			out = append(out, t)
		}
	}
	return out
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
