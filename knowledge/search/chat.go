package search

// chatForms maps the abbreviations and informal forms members type in
// Discord to the words a briefing uses. Only forms that are unambiguous in
// questions about news go here; WordNet covers the standard vocabulary.
var chatForms = map[string]string{
	"ppl":       "people",
	"govt":      "government",
	"gov":       "government",
	"natos":     "nato",
	"secgen":    "secretary general",
	"sg":        "secretary general",
	"mfa":       "foreign ministry",
	"fm":        "foreign ministry",
	"pm":        "prime minister",
	"pres":      "president",
	"intl":      "international",
	"natl":      "national",
	"mil":       "military",
	"econ":      "economic",
	"bc":        "because",
	"cuz":       "because",
	"coz":       "because",
	"w":         "with",
	"abt":       "about",
	"aussies":   "australia",
	"aussie":    "australia",
	"kiwis":     "new zealand",
	"kiwi":      "new zealand",
	"nz":        "new zealand",
	"sk":        "south korea",
	"rok":       "south korea",
	"dprk":      "north korea",
	"nk":        "north korea",
	"prc":       "china",
	"ccp":       "china",
	"uk":        "uk",
	"america":   "usa",
	"american":  "usa",
	"americans": "usa",
	"yanks":     "usa",
	"states":    "usa",
	"nukes":     "nuclear",
	"nuke":      "nuclear",
	"nuclear":   "nuclear",
	"cyber":     "cybersecurity",
	"sec":       "secretary",
	"gen":       "general",
	// The commonest slips of the commonest words, too short for the
	// speller ("what is teh quad" was refused for a word the briefing
	// lacks).
	"teh":  "the",
	"hte":  "the",
	"adn":  "and",
	"taht": "that",
	"waht": "what",
	"wut":  "what",
}

// chatTokens is chatForms with each replacement tokenized, once rather than
// on every question.
var chatTokens = func() map[string][]string {
	m := make(map[string][]string, len(chatForms))
	for form, r := range chatForms {
		m[form] = tokenize(r)
	}
	return m
}()

// expandChat replaces informal forms in a tokenized question.
func expandChat(words []string) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if r, ok := chatTokens[w]; ok {
			out = append(out, r...)
			continue
		}
		out = append(out, w)
	}
	return out
}
