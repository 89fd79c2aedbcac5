package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/prompts"
)

// Grounding reports how a model's answer fared against its passages.
type Grounding struct {
	Sentences int `json:"sentences"` // sentences the model wrote
	Kept      int `json:"kept"`      // kept: a valid citation and checked facts
	Uncited   int `json:"uncited"`   // dropped: no valid citation
	Unchecked int `json:"unchecked"` // dropped: a number or name not in the cited passages
	BadMarks  int `json:"bad_markers"`
}

var markerRE = regexp.MustCompile(`\s*\[(\d{1,3})\]`)

// verified is a model answer after our checks.
type verified struct {
	text      string
	cites     []Citation
	refused   bool
	grounding Grounding
}

// verify checks a model's answer against the passages it was given: markers
// pointing to no passage are removed; every kept sentence has a valid
// citation, and its numbers and names occur in the passages it cites;
// citations are renumbered in order of first use and rendered from the
// passages themselves, never from the model's words.
//
// checkNames is false for answers in another language than the briefing's,
// where names are translated ("Japón") and cannot be matched; numbers are
// checked in every language.
func verify(raw string, passages []knowledge.Chunk, checkNames bool) verified {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return verified{}
	}
	if strings.Contains(raw, prompts.Refusal) {
		return verified{refused: true}
	}
	var v verified
	renum := map[int]int{} // passage number → citation number
	var out []string
	for _, s := range splitAnswer(raw) {
		v.grounding.Sentences++
		var cited []int
		body := markerRE.ReplaceAllStringFunc(s, func(m string) string {
			n, _ := strconv.Atoi(strings.Trim(strings.TrimSpace(m), "[]"))
			if n < 1 || n > len(passages) {
				v.grounding.BadMarks++
				return ""
			}
			if !slices.Contains(cited, n) {
				cited = append(cited, n)
			}
			return ""
		})
		body = strings.TrimSpace(body)
		if len(cited) == 0 {
			if body != "" {
				v.grounding.Uncited++
			}
			continue
		}
		var support strings.Builder
		for _, n := range cited {
			support.WriteString(knowledge.Normalize(passages[n-1].Text))
			support.WriteByte(' ')
		}
		if !factsSupported(body, support.String(), checkNames) {
			v.grounding.Unchecked++
			continue
		}
		var marks strings.Builder
		for _, n := range cited {
			c, ok := renum[n]
			if !ok {
				c = len(v.cites) + 1
				renum[n] = c
				v.cites = append(v.cites, citationFor(c, passages[n-1]))
			}
			marks.WriteString(" [" + strconv.Itoa(c) + "]")
		}
		// The marker goes before the sentence's closing punctuation if the
		// model put it after; either way one space precedes it.
		end := ""
		if i := strings.LastIndexFunc(body, func(r rune) bool { return !strings.ContainsRune(".!?。！？", r) }); i >= 0 && i < len(body)-1 {
			body, end = body[:i+1], body[i+1:]
		}
		out = append(out, body+marks.String()+end)
		v.grounding.Kept++
	}
	v.text = strings.Join(out, " ")
	return v
}

// splitAnswer splits a model's answer into sentences, each keeping the
// markers that follow its final punctuation ("… China. [1] Next …").
func splitAnswer(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		rs := []rune(strings.TrimSpace(para))
		start := 0
		for i := 0; i < len(rs); i++ {
			if !strings.ContainsRune(".!?。！？", rs[i]) {
				continue
			}
			j := i + 1
			for j < len(rs) && strings.ContainsRune("\"'”’)", rs[j]) {
				j++
			}
			// Take markers that follow the punctuation.
			for {
				k := j
				for k < len(rs) && rs[k] == ' ' {
					k++
				}
				if loc := markerRE.FindStringIndex(string(rs[k:])); loc != nil && loc[0] == 0 {
					j = k + len([]rune(string(rs[k:])[:loc[1]]))
					continue
				}
				break
			}
			cjk := unicode.Is(unicode.Han, rs[i]) || strings.ContainsRune("。！？", rs[i])
			if j < len(rs) && rs[j] != ' ' && !cjk {
				continue // "U.S.A" or "2.5": not a sentence end
			}
			if s := strings.TrimSpace(string(rs[start:j])); s != "" {
				out = append(out, s)
			}
			start = j
			i = j - 1
		}
		if s := strings.TrimSpace(string(rs[start:])); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var numberRE = regexp.MustCompile(`\d[\d,.]*\d|\d`)

// factsSupported reports whether every number and every capitalised name in
// sentence occurs in support (normalised passage text). A sentence's first
// word is capitalised anyway and is not taken for a name.
func factsSupported(sentence, support string, checkNames bool) bool {
	for _, n := range numberRE.FindAllString(sentence, -1) {
		if !strings.Contains(support, strings.TrimRight(n, ".,")) {
			return false
		}
	}
	if !checkNames {
		return true
	}
	words := strings.FieldsFunc(sentence, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '-' || r == '\'' || r == '’')
	})
	for i, w := range words {
		rs := []rune(w)
		if i == 0 || len(rs) < 2 || !unicode.IsUpper(rs[0]) || unicode.Is(unicode.Han, rs[0]) {
			continue
		}
		w = strings.TrimSuffix(strings.TrimSuffix(knowledge.Normalize(w), "'s"), "'")
		if !strings.Contains(support, w) {
			return false
		}
	}
	return true
}
