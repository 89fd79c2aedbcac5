package quiz

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/lexicon"
)

// span is a blankable piece of a sentence: [start, end) in bytes.
type span struct {
	start, end int
	text       string
	kind       Kind
	key        string // canonical form: two spans with one key name one thing
}

// regions are the places the lexicon has no capital for; they let "Asia"
// and "the Indo-Pacific" be asked about and serve as each other's
// distractors.
var regions = map[string]string{
	"asia": "Asia", "europe": "Europe", "africa": "Africa", "indo-pacific": "Indo-Pacific",
	"asia-pacific": "Asia-Pacific", "middle east": "Middle East", "latin america": "Latin America",
	"arctic": "Arctic", "atlantic": "Atlantic", "pacific": "Pacific", "oceania": "Oceania",
}

// titleWords precede or make up an office, never a person's name.
var titleWords = map[string]bool{
	"president": true, "secretary": true, "general": true, "minister": true, "prime": true,
	"foreign": true, "ministry": true, "chancellor": true, "spokesperson": true, "senator": true,
}

var (
	tokenRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}.’'\-]*`)
	// dateRE: "10th July 2024", "July 2024", "10 July".
	dateRE = regexp.MustCompile(`\b(?:\d{1,2}(?:st|nd|rd|th)? )?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{4})?\b`)
	// numberRE: a year, an ordinal or a cardinal written in digits.
	numberRE = regexp.MustCompile(`\b\d{1,3}(?:,\d{3})*(?:st|nd|rd|th)?\b|\b\d{4}\b`)
	// datelineRE is the "10th July 2024 – (Beijing)" that opens a news
	// story: part of the sentence, but not part of a sensible question.
	datelineRE = regexp.MustCompile(`^[^()]{0,40}\(\p{L}[\p{L} .]*\)\s+`)
	// ordinalWords are numbers written out, asked about like figures.
	ordinalWords = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	months       = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

type token struct {
	start, end int
	text       string
}

// tokens splits a sentence into words, dropping a trailing full stop that
// is not part of an initialism ("D.C." keeps its, "Tokyo." loses it) and a
// possessive ("NATO’s" → "NATO").
func tokens(s string) []token {
	var out []token
	for _, loc := range tokenRE.FindAllStringIndex(s, -1) {
		t := s[loc[0]:loc[1]]
		if strings.HasSuffix(t, ".") && !isInitialism(t) {
			t = strings.TrimRight(t, ".")
		}
		for _, suf := range []string{"’s", "'s", "’", "'"} {
			t = strings.TrimSuffix(t, suf)
		}
		t = strings.TrimRight(t, "-")
		if t == "" {
			continue
		}
		out = append(out, token{loc[0], loc[0] + len(t), t})
	}
	return out
}

func isInitialism(t string) bool {
	parts := strings.Split(strings.TrimSuffix(t, "."), ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 || !unicode.IsUpper([]rune(p)[0]) {
			return false
		}
	}
	return true
}

func capitalised(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// classify says what kind of name phrase is, or "" when it is none we ask
// about; key identifies the thing named, so "U.S." and "United States"
// are one country.
func classify(phrase string, n int) (Kind, string) {
	lex := lexicon.Default()
	norm := knowledge.Normalize(phrase)
	if c := lex.Capital(norm); c != "" {
		return KindCountry, "capital:" + c
	}
	if c := lex.CountryOfCapital(norm); c != "" {
		return KindCity, "country:" + c
	}
	if _, ok := regions[norm]; ok {
		return KindRegion, "region:" + norm
	}
	if n == 1 && len(phrase) >= 2 && strings.ToUpper(phrase) == phrase && !strings.ContainsAny(phrase, ".-0123456789") {
		return KindOrganisation, "org:" + norm
	}
	if n == 2 {
		ws := strings.Fields(norm)
		unknown := false
		for _, w := range ws {
			if titleWords[w] || stopWords[w] || strings.ContainsAny(w, ".-'") || lex.Capital(w) != "" || lex.CountryOfCapital(w) != "" {
				return "", ""
			}
			if !lex.Known(w) {
				unknown = true
			}
		}
		if unknown {
			return KindPerson, "person:" + norm
		}
	}
	return "", ""
}

// nameSpans finds places, organisations and people: runs of capitalised
// words, matched longest first against what classify knows.
func nameSpans(s string) []span {
	toks := tokens(s)
	var out []span
	for i := 0; i < len(toks); {
		found := false
		for n := 3; n >= 1; n-- {
			if i+n > len(toks) || !runOfCapitals(s, toks[i:i+n]) {
				continue
			}
			phrase := s[toks[i].start:toks[i+n-1].end]
			if k, key := classify(phrase, n); k != "" {
				out = append(out, span{toks[i].start, toks[i+n-1].end, phrase, k, key})
				i += n
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// runOfCapitals: every token capitalised and separated by one space only,
// so a name never spans a comma.
func runOfCapitals(s string, ts []token) bool {
	for j, t := range ts {
		if !capitalised(t.text) {
			return false
		}
		if j > 0 && s[ts[j-1].end:t.start] != " " {
			return false
		}
	}
	return true
}

// figureSpans finds dates, years and numbers (in digits or ordinal words).
func figureSpans(s string) []span {
	var out []span
	taken := func(a, b int) bool {
		for _, sp := range out {
			if a < sp.end && b > sp.start {
				return true
			}
		}
		return false
	}
	for _, loc := range dateRE.FindAllStringIndex(s, -1) {
		t := s[loc[0]:loc[1]]
		if !strings.ContainsAny(t, "0123456789") {
			continue // a bare month is more a word than a date
		}
		out = append(out, span{loc[0], loc[1], t, KindDate, "date:" + strings.ToLower(t)})
	}
	for _, loc := range numberRE.FindAllStringIndex(s, -1) {
		if taken(loc[0], loc[1]) {
			continue
		}
		t := s[loc[0]:loc[1]]
		k := KindNumber
		if len(t) == 4 && (strings.HasPrefix(t, "19") || strings.HasPrefix(t, "20")) {
			k = KindYear
		}
		out = append(out, span{loc[0], loc[1], t, k, "num:" + t})
	}
	for _, t := range tokens(s) {
		for _, w := range ordinalWords {
			if strings.EqualFold(t.text, w) && !taken(t.start, t.end) {
				out = append(out, span{t.start, t.end, t.text, KindNumber, "num:" + strings.ToLower(t.text)})
			}
		}
	}
	return out
}

// figureDistractors makes wrong figures near the right one, for briefings
// with too few figures of their own: years a little off, ordinals and
// counts that read naturally in the same place.
func figureDistractors(sp span) []string {
	switch sp.kind {
	case KindYear:
		y, _ := strconv.Atoi(sp.text)
		return []string{strconv.Itoa(y - 1), strconv.Itoa(y + 1), strconv.Itoa(y - 2), strconv.Itoa(y + 2)}
	case KindDate:
		return dateDistractors(sp.text)
	}
	for i, w := range ordinalWords {
		if strings.EqualFold(sp.text, w) {
			var out []string
			for _, j := range []int{i - 1, i + 1, i + 2, i - 2, i + 3} {
				if j >= 0 && j < len(ordinalWords) {
					out = append(out, matchCase(ordinalWords[j], sp.text))
				}
			}
			return out
		}
	}
	d := strings.ReplaceAll(digits(sp.text), ",", "")
	n, err := strconv.Atoi(d)
	if err != nil {
		return nil
	}
	ordinal := len(sp.text) > len(d) && !strings.Contains(sp.text, ",")
	var cands []int
	switch {
	case n <= 30:
		cands = []int{n + 1, n - 1, n + 2, n - 2, n + 3}
	default:
		cands = []int{n - 25, n + 25, n - 15, n + 15, n * 2}
	}
	var out []string
	for _, c := range cands {
		if c <= 0 {
			continue
		}
		if ordinal {
			out = append(out, ordinalSuffix(c))
		} else {
			out = append(out, strconv.Itoa(c))
		}
	}
	return out
}

func ordinalSuffix(n int) string {
	suf := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suf = "st"
	case n%10 == 2:
		suf = "nd"
	case n%10 == 3:
		suf = "rd"
	}
	return strconv.Itoa(n) + suf
}

// dateDistractors moves the month of a date back and forward.
func dateDistractors(date string) []string {
	var out []string
	for i, m := range months {
		if !strings.Contains(date, m) {
			continue
		}
		for _, d := range []int{-1, 1, -2, 2} {
			out = append(out, strings.Replace(date, m, months[(i+d+12)%12], 1))
		}
	}
	return out
}

func matchCase(w, like string) string {
	if capitalised(like) {
		return strings.ToUpper(w[:1]) + w[1:]
	}
	return w
}

// titleCase capitalises each word of a lexicon lemma for display.
func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}
