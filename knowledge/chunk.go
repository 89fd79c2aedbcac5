package knowledge

import (
	"fmt"
	"strings"
	"unicode"
)

// MaxChunkRunes is the size above which a paragraph is split at sentence
// boundaries. Paragraph-sized chunks keep citations at the granularity a
// reader checks; only unusually long paragraphs are split.
const MaxChunkRunes = 1200

// ChunkBriefing turns a briefing into chunks aligned to its paragraphs.
func ChunkBriefing(b Briefing) []Chunk {
	var out []Chunk
	for i, p := range b.Paragraphs {
		n := i + 1
		parts := splitLong(p, MaxChunkRunes)
		for j, text := range parts {
			c := Chunk{
				ID:         fmt.Sprintf("%s#p%d", b.ID, n),
				BriefingID: b.ID,
				Title:      b.Title,
				Date:       b.Date,
				Paragraph:  n,
				Text:       text,
			}
			if len(parts) > 1 {
				c.Part = j + 1
				c.ID = fmt.Sprintf("%s#p%d.%d", b.ID, n, j+1)
			}
			out = append(out, c)
		}
	}
	return out
}

// splitLong packs whole sentences into pieces of at most max runes. A
// sentence longer than max (text with no sentence end: a pasted table, a
// list without full stops) is cut at spaces, and a word longer than max at
// max runes: no piece is larger than max, however the text is written.
func splitLong(p string, max int) []string {
	if len([]rune(p)) <= max {
		return []string{p}
	}
	var out []string
	var cur strings.Builder
	curLen := 0
	var pieces []string
	for _, s := range Sentences(p) {
		if len([]rune(s)) <= max {
			pieces = append(pieces, s)
			continue
		}
		for _, w := range strings.Fields(s) {
			for rs := []rune(w); len(rs) > 0; {
				n := min(len(rs), max)
				pieces = append(pieces, string(rs[:n]))
				rs = rs[n:]
			}
		}
	}
	for _, s := range pieces {
		l := len([]rune(s))
		if curLen > 0 && curLen+1+l > max {
			out = append(out, cur.String())
			cur.Reset()
			curLen = 0
		}
		if curLen > 0 {
			cur.WriteByte(' ')
			curLen++
		}
		cur.WriteString(s)
		curLen += l
	}
	if curLen > 0 {
		out = append(out, cur.String())
	}
	return out
}

// abbreviations end with a period without ending a sentence.
var abbreviations = map[string]bool{
	"u.s.": true, "u.k.": true, "d.c.": true, "mr.": true, "mrs.": true, "ms.": true,
	"dr.": true, "st.": true, "e.g.": true, "i.e.": true, "etc.": true, "vs.": true,
	"no.": true, "jan.": true, "feb.": true, "aug.": true, "sept.": true, "oct.": true,
	"nov.": true, "dec.": true, "gen.": true, "sen.": true, "rep.": true, "gov.": true,
	"u.n.": true, "e.u.": true, "prof.": true, "inc.": true, "ltd.": true, "co.": true,
}

// Sentences splits text at sentence ends: '.', '!' or '?' (optionally
// followed by closing quotes or brackets) then a space and an upper-case
// letter, digit or opening quote — except after a known abbreviation — and
// after a full-width '。', '！' or '？' whatever follows.
func Sentences(text string) []string {
	var out []string
	rs := []rune(text)
	start := 0
	for i := 0; i < len(rs); i++ {
		wide := strings.ContainsRune("。！？", rs[i])
		if rs[i] != '.' && rs[i] != '!' && rs[i] != '?' && !wide {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune("\"'”’)]」』", rs[j]) {
			j++
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		// Full-width marks end a sentence whatever follows: Chinese and
		// Japanese put no space after them.
		if !wide {
			if j >= len(rs) || !unicode.IsSpace(rs[j]) {
				continue
			}
			if k < len(rs) && !(unicode.IsUpper(rs[k]) || unicode.IsDigit(rs[k]) || strings.ContainsRune("\"“‘'(", rs[k])) {
				continue
			}
			if rs[i] == '.' && isAbbreviation(rs[start:i+1]) && !startsSentence(rs[k:]) {
				continue
			}
		}
		if s := strings.TrimSpace(string(rs[start:j])); s != "" {
			out = append(out, s)
		}
		start = k
		i = k - 1
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

// sentenceStarters are words that, capitalised after an abbreviation such as
// "U.S.", almost always open a new sentence rather than continue a name.
var sentenceStarters = map[string]bool{
	"the": true, "this": true, "that": true, "these": true, "those": true, "it": true,
	"he": true, "she": true, "they": true, "we": true, "i": true, "in": true, "but": true,
	"and": true, "as": true, "a": true, "an": true, "its": true, "their": true, "there": true,
	"while": true, "however": true, "such": true, "if": true, "for": true, "on": true,
}

func startsSentence(rest []rune) bool {
	end := 0
	for end < len(rest) && unicode.IsLetter(rest[end]) {
		end++
	}
	return sentenceStarters[strings.ToLower(string(rest[:end]))]
}

// isAbbreviation reports whether the last word of upto is a known
// abbreviation. Only that word is looked at (and copied): upto is the
// sentence so far, which may be a whole paragraph.
// EndsInAbbreviation reports whether text ends with a known
// abbreviation's period ("Washington D.C.", "e.g."), which ends no
// sentence (see Sentences).
func EndsInAbbreviation(text string) bool { return isAbbreviation([]rune(text)) }

func isAbbreviation(upto []rune) bool {
	k := len(upto)
	for k > 0 && !unicode.IsSpace(upto[k-1]) {
		k--
	}
	s := strings.TrimLeft(string(upto[k:]), "(\"“‘'")
	return abbreviations[strings.ToLower(s)]
}
