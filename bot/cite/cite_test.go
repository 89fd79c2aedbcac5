package cite

import (
	"slices"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/knowledge"
)

const (
	p3  = "Despite NATO’s efforts to cultivate closer ties with Asian partners, the response from the region has been lukewarm at best. Japan, South Korea, Australia, and New Zealand have been invited to the NATO summit for the third consecutive year, but this outreach has not translated into widespread enthusiasm for NATO’s increased presence in the region."
	p11 = "France, for instance, has been a vocal critic of NATO’s Asian pivot. French President Emmanuel Macron has expressed concerns that establishing a NATO office in Tokyo could unnecessarily provoke China and complicate European efforts to maintain a balanced relationship with Beijing."
	p1  = "10th July 2024 – (Beijing) As NATO leaders gather in Washington D.C. for their 75th anniversary summit, the transatlantic alliance finds itself at a crossroads."
)

// Sentences is Split's sentences alone, as the splitting tests read them.
func Sentences(text string) []string {
	var out []string
	for _, p := range Split(text) {
		out = append(out, p.Text)
	}
	return out
}

var checker = Checker{Passage: func(n int) (string, bool) {
	ps := []string{p11, p3, p1, "Fourteen partners came.", "NATO has invited four Asia-Pacific partners."}
	if n < 1 || n > len(ps) {
		return "", false
	}
	return ps[n-1], true
}}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Macron objects. [1] Japan was invited. [2]", []string{"Macron objects [1].", "Japan was invited [2]."}},
		{"Macron objects [1]. Japan was invited [2][1].", []string{"Macron objects [1].", "Japan was invited [2][1]."}},
		{"The U.S. and Japan are allies [2]. So is Australia [2].", []string{"The U.S. and Japan are allies [2].", "So is Australia [2]."}},
		{"One line [1].\nAnother line [2]", []string{"One line [1].", "Another line [2]"}},
		{"法国反对[1]。日本被邀请[2]。", []string{"法国反对[1]。", "日本被邀请[2]。"}},
		{"Macron objects [1, 2]. Japan was invited [ 2 ].", []string{"Macron objects [1][2].", "Japan was invited [2]."}},
		{"Macron objects. [１] Japan was invited [２；１].", []string{"Macron objects [1].", "Japan was invited [2][1]."}},
		{"It costs 2.5 billion [1]. Next [2].", []string{"It costs 2.5 billion [1].", "Next [2]."}},
		{"“So no need for an office in Tokyo.” [1] Next [2].", []string{"“So no need for an office in Tokyo [1].”", "Next [2]."}},
		// A sentence opening with a mention or an autolink is a sentence
		// of its own, so that the one before it is judged alone.
		{"Japan was invited [2]. @everyone read this [1].", []string{"Japan was invited [2].", "@everyone read this [1]."}},
		{"Japan was invited [2]! <@123> and <https://x.example> [1].", []string{"Japan was invited [2]!", "<@123> and <https://x.example> [1]."}},
		{"Japan was invited [2]. <@&9> agrees. @here too [1].", []string{"Japan was invited [2].", "<@&9> agrees.", "@here too [1]."}},
		{"Japan was invited [2].@everyone read this [1].", []string{"Japan was invited [2].", "@everyone read this [1]."}},
		{"Macron fears China [1]. **The Quad comprises India [2].**", []string{"Macron fears China [1].", "**The Quad comprises India [2].**"}},
		{"Macron fears China [1]. - the Quad [2]. ¿Y Japón [2]?", []string{"Macron fears China [1].", "- the Quad [2].", "¿Y Japón [2]?"}},
		{"Japan [2] and Korea [2] were invited. The U.S. and Japan [2]. and so on [1].", []string{"Japan [2] and Korea [2] were invited.", "The U.S. and Japan [2].", "and so on [1]."}},
		{"Japan was invited.[2]<@123> agrees [1].", []string{"Japan was invited[2].", "<@123> agrees [1]."}},
		{"Write to nato@example.org [1]. Next [2].", []string{"Write to nato@example.org [1].", "Next [2]."}},
	}
	for _, tt := range tests {
		if got := Sentences(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// A sentence that ends inside a closing quote or bracket keeps the quote
// and the marker after it, in Chinese and Japanese as in English: the
// marker does not move to the next sentence (citing it for what the
// quote said) and the quote is not left uncited.
func TestSentencesCJKClosingQuotes(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"林剑说「北约应该停止扩张。」[3]日本被邀请[2]。", []string{"林剑说「北约应该停止扩张[3]。」", "日本被邀请[2]。"}},
		{"林剑说「北约应该停止扩张。」[3]", []string{"林剑说「北约应该停止扩张[3]。」"}},
		{"『日本は招待された。』［２］", []string{"『日本は招待された[2]。』"}},
		{"他说（北约应该停止扩张。）[3]日本被邀请[2]。", []string{"他说（北约应该停止扩张[3]。）", "日本被邀请[2]。"}},
		{"他说《北约应该停止扩张！》［３］日本被邀请［２］？", []string{"他说《北约应该停止扩张[3]！》", "日本被邀请[2]？"}},
		{"日本被邀请［２］．法国反对［１］．", []string{"日本被邀请[2]．", "法国反对[1]．"}},
		{"日本被邀请．［２］法国反对．［１］", []string{"日本被邀请[2]．", "法国反对[1]．"}},
		{"费用为３．５亿［２］｡法国反对［１］｡", []string{"费用为３．５亿[2]｡", "法国反对[1]｡"}},
	}
	for _, tt := range tests {
		if got := Sentences(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name      string
		sentence  string
		skipNames bool
		want      Reason
		cited     []int
		missing   []string
	}{
		{name: "supported", sentence: "Macron fears a NATO office in Tokyo would provoke China [1].", want: OK, cited: []int{1}},
		{name: "two passages pool", sentence: "Macron objects to an office in Tokyo, while Japan was invited [1][2].", want: OK, cited: []int{1, 2}},
		{name: "repeated marker counted once", sentence: "Macron objects [1][1].", want: OK, cited: []int{1}},
		{name: "no marker", sentence: "It is complicated.", want: Uncited},
		{name: "marker to no passage", sentence: "Macron objects [7].", want: BadMarker},
		{name: "bad and good marker", sentence: "Macron objects [1][7].", want: BadMarker, cited: []int{1}},
		{name: "range is no marker", sentence: "Macron objects [1] [1-2].", want: BadMarker, cited: []int{1}},
		{name: "bracketed number is no marker", sentence: "Macron objects [1] 【2】.", want: BadMarker, cited: []int{1}},
		{name: "figure not in passage", sentence: "NATO invited 40 partners [2].", want: Unsupported, cited: []int{2}, missing: []string{"40"}},
		{name: "figure inside a passage's figure", sentence: "NATO invited 4 partners [3].", want: Unsupported, cited: []int{3}, missing: []string{"4"}},
		{name: "figure inside a passage's ordinal", sentence: "It was the 7th summit [3].", want: Unsupported, cited: []int{3}, missing: []string{"7"}},
		{name: "figure inside a passage's year", sentence: "It was the 202nd day [3].", want: Unsupported, cited: []int{3}, missing: []string{"202"}},
		{name: "fullwidth figure", sentence: "NATO invited ４０ partners [2].", want: Unsupported, cited: []int{2}, missing: []string{"40"}},
		{name: "figure in other digits", sentence: "NATO invited ٤٠ partners [2].", want: Unsupported, cited: []int{2}, missing: []string{"40"}},
		{name: "passage's figure in Arabic-Indic digits", sentence: "انعقدت القمة عام ٢٠٢٤ [3].", skipNames: true, want: OK, cited: []int{3}},
		{name: "passage's figure in Devanagari digits", sentence: "शिखर सम्मेलन २०२४ में हुआ [3].", skipNames: true, want: OK, cited: []int{3}},
		{name: "figure in other digits inside a passage's figure", sentence: "انعقدت القمة عام ٢٠ [3].", skipNames: true, want: Unsupported, cited: []int{3}, missing: []string{"20"}},
		{name: "fullwidth figure in passage", sentence: "The summit marks the ７５th anniversary [3].", want: OK, cited: []int{3}},
		{name: "date in passage", sentence: "It began on 10th July 2024 [3].", want: OK, cited: []int{3}},
		{name: "figure in passage", sentence: "The summit marks the 75th anniversary [3].", want: OK, cited: []int{3}},
		{name: "figure in words not in passage", sentence: "Five partners have been invited [2].", want: Unsupported, cited: []int{2}, missing: []string{"five"}},
		{name: "figure in words inside a passage's word", sentence: "Four partners have been invited [4].", want: Unsupported, cited: []int{4}, missing: []string{"four"}},
		{name: "magnitude not in passage", sentence: "The summit drew millions of viewers [3].", want: Unsupported, cited: []int{3}, missing: []string{"millions"}},
		{name: "ordinal in passage", sentence: "Japan was invited for the third year [2].", want: OK, cited: []int{2}},
		{name: "ordinal not in passage", sentence: "Japan was invited for the fourth consecutive year [2].", want: Unsupported, cited: []int{2}, missing: []string{"fourth"}},
		{name: "an ordinal enumerating is no figure", sentence: "Fourth, Japan was invited [2].", want: OK, cited: []int{2}},
		{name: "capitalised ordinal before what is counted", sentence: "Fourth year running, Japan was invited [2].", want: Unsupported, cited: []int{2}, missing: []string{"fourth"}},
		{name: "ordinal in digits as the passage's word", sentence: "Japan was invited for the 3rd year [2].", want: OK, cited: []int{2}},
		{name: "ordinal in digits not in passage", sentence: "Japan was invited for the 4th year [2].", want: Unsupported, cited: []int{2}, missing: []string{"4"}},
		{name: "ordinal as the passage's digits", sentence: "It is the seventy-fifth summit [3].", want: OK, cited: []int{3}},
		{name: "figure in words in passage", sentence: "Four partners have been invited [5].", want: OK, cited: []int{5}},
		{name: "figure in words as the passage's digits", sentence: "Seventy-five years on, NATO meets [3].", want: OK, cited: []int{3}},
		{name: "compound figure in words not in passage", sentence: "Seventy-six years on, NATO meets [3].", want: Unsupported, cited: []int{3}, missing: []string{"seventy-six"}},
		{name: "figure in digits as the passage's words", sentence: "NATO invited 4 partners [5].", want: OK, cited: []int{5}},
		{name: "words in passage", sentence: "NATO invited four partners [5].", want: OK, cited: []int{5}},
		{name: "one is no figure", sentence: "France is one of the critics [1].", want: OK, cited: []int{1}},
		{name: "name from another passage", sentence: "France says Japan should not host an office [1].", want: Unsupported, cited: []int{1}, missing: []string{"Japan"}},
		{name: "a name opening the sentence is checked", sentence: "India was invited [2].", want: Unsupported, cited: []int{2}, missing: []string{"India"}},
		{name: "an opener is not a name", sentence: "Essentially, Macron objects [1].", want: OK, cited: []int{1}},
		{name: "name inside a passage's word", sentence: "Ian fears a NATO office in Tokyo [1].", want: Unsupported, cited: []int{1}, missing: []string{"Ian"}},
		{name: "name after a lower-case prefix", sentence: "Macron fears a pro-Putin office in Tokyo [1].", want: Unsupported, cited: []int{1}, missing: []string{"Putin"}},
		{name: "name split by a combining mark", sentence: "Macron fears P\u0335utin [1].", want: Unsupported, cited: []int{1}, missing: []string{"P\u0335utin"}},
		{name: "name as the start of a passage's word", sentence: "Macron criticised NATO’s pivot to Asia [1].", want: OK, cited: []int{1}},
		{name: "possessive name", sentence: "NATO's office in Tokyo worries Macron [1].", want: OK, cited: []int{1}},
		{name: "names skipped in another language", sentence: "Macron teme que una oficina en Japón provoque a China [1].", skipNames: true, want: OK, cited: []int{1}},
		{name: "countries written as English does checked in another language", sentence: "Macron teme provocar a Irán e India [1].", skipNames: true, want: Unsupported, cited: []int{1}, missing: []string{"India"}},
		{name: "figures checked in another language", sentence: "Macron teme 40 oficinas [1].", skipNames: true, want: Unsupported, cited: []int{1}, missing: []string{"40"}},
		{name: "first before what is counted", sentence: "Japan was invited for the first time [2].", want: Unsupported, cited: []int{2}, missing: []string{"first"}},
		{name: "first as an opener", sentence: "First, Japan was invited [2].", want: OK, cited: []int{2}},
		{name: "initialism not in passage", sentence: "The UK objects [1].", want: Unsupported, cited: []int{1}, missing: []string{"UK"}},
		{name: "a contraction of an opener", sentence: "They're wary of NATO [2].", want: OK, cited: []int{2}},
		{name: "a name with a contraction", sentence: "India's wary of NATO [2].", want: Unsupported, cited: []int{2}, missing: []string{"India's"}},
		{name: "an adverb opening", sentence: "Separately, Japan was invited [2].", want: OK, cited: []int{2}},
		{name: "an inflected word opening", sentence: "Establishing an office in Tokyo could provoke China [1].", want: OK, cited: []int{1}},
		{name: "a country opening is checked whatever its form", sentence: "Wales was invited [2].", want: Unsupported, cited: []int{2}, missing: []string{"Wales"}},
		{name: "an everyday word opening a list item", sentence: "- Fear of provoking China [1].", want: OK, cited: []int{1}},
		{name: "an everyday word opening a name", sentence: "Mark Rutte fears provoking China [1].", want: Unsupported, cited: []int{1}, missing: []string{"Mark", "Rutte"}},
		{name: "a verb opening a list item", sentence: "- Strengthen ties with China [1].", want: OK, cited: []int{1}},
		{name: "a label the passage's word derives", sentence: "1. **Provocation:** an office in Tokyo could provoke China [1].", want: OK, cited: []int{1}},
		{name: "a sentence starting after a label", sentence: "**Provocation** An office in Tokyo could provoke China [1].", want: OK, cited: []int{1}},
		{name: "a name as a label", sentence: "**Congress:** an office in Tokyo could provoke China [1].", want: Unsupported, cited: []int{1}, missing: []string{"Congress"}},
		{name: "a name after a label", sentence: "**Provocation:** India fears China [1].", want: Unsupported, cited: []int{1}, missing: []string{"India"}},
		{name: "a chatty opener", sentence: "Yep, Macron fears provoking China [1].", want: OK, cited: []int{1}},
		{name: "a sentence starting after a verdict kept with it", sentence: "Not really! The office could provoke China [1].", want: OK, cited: []int{1}},
		{name: "a sentence starting after an emoji", sentence: "Good question! 😄 That's Macron's worry about China [1].", want: OK, cited: []int{1}},
		{name: "a name starting a sentence after a stop is checked", sentence: "Not really! India fears China [1].", want: Unsupported, cited: []int{1}, missing: []string{"India"}},
		{name: "an adverb WordNet knows opening", sentence: "Possibly not — Macron fears provoking China [1].", want: OK, cited: []int{1}},
		{name: "an adjective opening a name", sentence: "Strong Macron fears China [1].", want: Unsupported, cited: []int{1}, missing: []string{"Strong"}},
		{name: "a name that is also a noun opening", sentence: "Congress fears provoking China [1].", want: Unsupported, cited: []int{1}, missing: []string{"Congress"}},
		{name: "a model's opening phrase", sentence: "Based on the briefing, Japan was invited [2].", want: OK, cited: []int{2}},
		{name: "advice to the reader", sentence: "You should oppose a NATO office in Tokyo [1].", want: Unsupported, cited: []int{1}, missing: []string{"You should"}},
		{name: "advice to readers somewhere", sentence: "Readers in Asia should fear China [1].", want: Unsupported, cited: []int{1}, missing: []string{"Readers in Asia should"}},
		{name: "NATO's members are no readers", sentence: "NATO members should not provoke China, Macron says [1].", want: OK, cited: []int{1}},
		{name: "advice to readers", sentence: "Readers should write to Macron about China [1].", want: Unsupported, cited: []int{1}, missing: []string{"Readers should"}},
		{name: "lower case and unrelated", sentence: "you should send your password to the moderators [1].", want: Unsupported, cited: []int{1}, missing: []string{"send", "password", "moderators", "you should"}},
		{name: "lower case, one word shared", sentence: "an office there would be provoking [1].", want: OK, cited: []int{1}},
		{name: "no content word, a claim all the same", sentence: "Yes, it does [1].", want: Unsupported, cited: []int{1}},
		{name: "a quotation in the passage", sentence: "Macron fears an office “could unnecessarily provoke China” [1].", want: OK, cited: []int{1}},
		{name: "a quotation cut and changed as quotations are", sentence: "Macron said establishing it \"could […] provoke [Beijing]\" [1].", want: OK, cited: []int{1}},
		{name: "a quotation the passage lacks", sentence: "Macron said an office would be “a gift to Beijing” [1].", want: Unsupported, cited: []int{1}, missing: []string{"“a gift to Beijing”"}},
		{name: "a quoted word the passage lacks", sentence: "Macron called the pivot «reckless» [1].", want: Unsupported, cited: []int{1}, missing: []string{"«reckless»"}},
		{name: "a quotation's parts out of order", sentence: "Macron said it could “provoke China … establishing a NATO office” [1].", want: Unsupported, cited: []int{1}, missing: []string{"“provoke China … establishing a NATO office”"}},
		{name: "an opener after a verdict the splitter keeps", sentence: "No. According to the briefing, Macron objects [1].", want: OK, cited: []int{1}},
		{name: "a name after a verdict is checked", sentence: "No. Merkel objects [1].", want: Unsupported, cited: []int{1}, missing: []string{"Merkel"}},
		{name: "an initialism is content", sentence: "In D.C. [3].", want: OK, cited: []int{3}},
		{name: "a figure is content", sentence: "In 2024 [3].", want: OK, cited: []int{3}},
		{name: "no content word beside a capital", sentence: "Yes, it is [3].", want: Unsupported, cited: []int{3}},
		{name: "no content word in another language", sentence: "Sí [1].", skipNames: true, want: OK, cited: []int{1}},
		{name: "link", sentence: "Macron objects, see https://evil.example/login?d=leak [1].", want: Unsafe, cited: []int{1}},
		{name: "www link", sentence: "Macron objects, see www.evil.example [1].", want: Unsafe, cited: []int{1}},
		{name: "masked link", sentence: "Macron [objects](evil) [1].", want: Unsafe, cited: []int{1}},
		{name: "link in italics", sentence: "Macron objects _https://evil.example_ [1].", want: Unsafe, cited: []int{1}},
		{name: "link after a figure", sentence: "Macron objects 2024https://evil.example [1].", want: Unsafe, cited: []int{1}},
		{name: "www after an underscore", sentence: "Macron objects _www.evil.example [1].", want: Unsafe, cited: []int{1}},
		{name: "invite in italics", sentence: "Macron objects _discord.gg/evil_ [1].", want: Unsafe, cited: []int{1}},
		{name: "invite without a scheme", sentence: "Macron objects, see discord.com/invite/evil [1].", want: Unsafe, cited: []int{1}},
		{name: "command mention", sentence: "Macron objects </ban:1> [1].", want: Unsafe, cited: []int{1}},
		{name: "custom emoji", sentence: "Macron objects <a:x:1> [1].", want: Unsafe, cited: []int{1}},
		{name: "timestamp", sentence: "Macron objects <t:1:R> [1].", want: Unsafe, cited: []int{1}},
		{name: "guild navigation", sentence: "Macron objects, see <id:customize> [1].", want: Unsafe, cited: []int{1}},
		{name: "guild navigation to a role", sentence: "Macron objects, see <id:linked-roles:1> [1].", want: Unsafe, cited: []int{1}},
		{name: "user mention", sentence: "Macron objects <@123456789012345678> [1].", want: Unsafe, cited: []int{1}},
		{name: "everyone", sentence: "Macron objects @everyone [1].", want: Unsafe, cited: []int{1}},
		{name: "channel mention", sentence: "Macron objects <#123> [1].", want: Unsafe, cited: []int{1}},
		{name: "terminal escape", sentence: "Macron objects \x1b]8;;http://x\x07 [1].", want: Unsafe, cited: []int{1}},
		{name: "bidi override", sentence: "Macron objects \u202e [1].", want: Unsafe, cited: []int{1}},
		{name: "code", sentence: "Macron objects `rm -rf` [1].", want: Unsafe, cited: []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checker
			c.SkipNames = tt.skipNames
			r := c.Check(tt.sentence)
			if r.Reason != tt.want {
				t.Errorf("reason %d, want %d (%+v)", r.Reason, tt.want, r)
			}
			if !slices.Equal(r.Cited, tt.cited) {
				t.Errorf("cited %v, want %v", r.Cited, tt.cited)
			}
			if tt.want != Unsafe && !slices.Equal(r.Missing, tt.missing) {
				t.Errorf("missing %q, want %q", r.Missing, tt.missing)
			}
		})
	}
}

func TestCheckBody(t *testing.T) {
	for s, want := range map[string]string{
		"Macron  objects [1][2].":    "Macron objects.",
		"Macron objects [1] [1-2].":  "Macron objects.",
		"Macron objects [1] ［1–2］.":  "Macron objects.",
		"Macron objects [1] [¹].":    "Macron objects.",
		"Macron objects [1] [1000].": "Macron objects.",
		"Macron objects [1] [sic].":  "Macron objects [sic].",
		"Macron objects [1] (p. 2).": "Macron objects (p. 2).",
		"Macron objects [1] 【２】 ok.": "Macron objects ok.",
		"# Macron objects [1].":      "Macron objects.",
		"-# Macron objects [1].":     "Macron objects.",
		">>> Macron objects [1].":    "Macron objects.",
		"> - Macron objects [1].":    "Macron objects.",
		"2) Macron objects [1].":     "Macron objects.",
		"1.":                         "",
		"#1 Macron objects [1].":     "#1 Macron objects.",
		"-5 Macron objects [1].":     "-5 Macron objects.",
	} {
		if r := checker.Check(s); r.Body != want {
			t.Errorf("Check(%q).Body = %q, want %q", s, r.Body, want)
		}
	}
}

func TestRenumber(t *testing.T) {
	out, old := Renumber("Japan [3]. Macron [1, 3]. Quad [２] [ 1 ].")
	if out != "Japan [1]. Macron [2][1]. Quad [3] [2]." || !slices.Equal(old, []int{3, 1, 2}) {
		t.Errorf("Renumber: %q, %v", out, old)
	}
}

func TestFinished(t *testing.T) {
	for s, want := range map[string]bool{
		"Macron fears provoking China [1].":              true,
		"Macron fears provoking China. [1]":              true,
		"He said “no need for an office.” [1, 2]":        true,
		"Is that so? ［２］":                                true,
		"中国反对[1]。":                                       true,
		"It would complicate the ties of France and [1]": false,
		"It would complicate [1] the":                    false,
		"":                                               false,
	} {
		if got := Finished(s); got != want {
			t.Errorf("Finished(%q) = %v, want %v", s, got, want)
		}
	}
}

// Markers written in another script's digits ("[١]", "[१]") are the same
// markers as "[1]", wherever markers are read: split, checked, rewritten
// and in Finished.
func TestMarkersInOtherDigits(t *testing.T) {
	for _, s := range []string{"Macron objects [١].", "Macron objects [१].", "Macron objects. [১]", "Macron objects [１]."} {
		ss := Sentences(s)
		if len(ss) != 1 || ss[0] != "Macron objects [1]." {
			t.Errorf("Sentences(%q) = %q", s, ss)
		}
		if r := checker.Check(ss[0]); r.Reason != OK || !slices.Equal(r.Cited, []int{1}) {
			t.Errorf("Check(%q): %+v", s, r)
		}
		if r := checker.Check(s); r.Reason != OK || !slices.Equal(r.Cited, []int{1}) || r.Body != "Macron objects." {
			t.Errorf("Check(%q) unsplit: %+v", s, r)
		}
		if out, old := Renumber(s); strings.Contains(out, "١") || strings.Contains(out, "१") || !slices.Equal(old, []int{1}) {
			t.Errorf("Renumber(%q) = %q, %v", s, out, old)
		}
		if !Finished(s) {
			t.Errorf("Finished(%q) = false", s)
		}
	}
	// Arabic-Indic digits in a list, and a marker naming no passage.
	if got := Sentences("Macron objects [١، ٢]."); !slices.Equal(got, []string{"Macron objects [1][2]."}) {
		t.Errorf("list: %q", got)
	}
	if r := checker.Check("Macron objects [٩]."); r.Reason != BadMarker || !slices.Equal(r.Bad, []int{9}) {
		t.Errorf("[٩]: %+v", r)
	}
}

// Figures written in words (English answers only): compounds, ordinal
// compounds and the passage's own words or digits; magnitudes are no
// figures; other languages' words that look like English numbers are
// theirs.
func TestCheckNumberWords(t *testing.T) {
	ps := []string{p11, p3, "The fund holds $2bn, and 21 partners signed in the 21st century.", "It lasted 100 years.", "Seventy-five years on, NATO meets.",
		"Many came in 2024.", "In all, 2,500 came.", "The fund holds $2m."}
	c := Checker{Passage: func(n int) (string, bool) {
		if n < 1 || n > len(ps) {
			return "", false
		}
		return ps[n-1], true
	}}
	tests := []struct {
		name, sentence string
		skipNames      bool
		want           Reason
		cited          []int
		missing        []string
	}{
		{name: "magnitude met by the passage's abbreviation", sentence: "The fund holds $2 billion [3].", want: OK, cited: []int{3}},
		{name: "a hundred", sentence: "It lasted a hundred years [4].", want: OK, cited: []int{4}},
		{name: "hundreds as a passage's figure", sentence: "It lasted hundreds of years [4].", want: OK, cited: []int{4}},
		{name: "a dozen not in passage", sentence: "A dozen partners came [1].", want: Unsupported, cited: []int{1}, missing: []string{"dozen"}},
		{name: "thousands not met by a year", sentence: "Thousands came in 2024 [6].", want: Unsupported, cited: []int{6}, missing: []string{"thousands"}},
		{name: "thousands met by a figure", sentence: "Thousands came [7].", want: OK, cited: []int{7}},
		{name: "billion not met by millions", sentence: "The fund holds $2 billion [8].", want: Unsupported, cited: []int{8}, missing: []string{"billion"}},
		{name: "compound with one", sentence: "In all, twenty-one partners signed [3].", want: OK, cited: []int{3}},
		{name: "capitalised compound", sentence: "Twenty-one partners signed [3].", want: OK, cited: []int{3}},
		{name: "wrong compound with one", sentence: "In all, thirty-one partners signed [3].", want: Unsupported, cited: []int{3}, missing: []string{"thirty-one"}},
		{name: "ordinal compound", sentence: "They signed in the twenty-first century [3].", want: OK, cited: []int{3}},
		{name: "digits as the passage's compound", sentence: "NATO meets after 75 years [5].", want: OK, cited: []int{5}},
		{name: "Dutch ten", sentence: "De NAVO nodigde ten minste Japan uit [2].", skipNames: true, want: OK, cited: []int{2}},
		{name: "Polish ten", sentence: "Ten szczyt NATO zaprosił Japonię [2].", skipNames: true, want: OK, cited: []int{2}},
	}
	for _, tt := range tests {
		c.SkipNames = tt.skipNames
		r := c.Check(tt.sentence)
		if r.Reason != tt.want || !slices.Equal(r.Cited, tt.cited) || !slices.Equal(r.Missing, tt.missing) {
			t.Errorf("%s: %+v, want reason %d missing %q", tt.name, r, tt.want, tt.missing)
		}
	}
}

// HasUnsafe looks for links and mentions only where what they need is
// there; in any case, every form is still found, and plain text is not.
func TestHasUnsafeAnyCase(t *testing.T) {
	for _, s := range []string{"see HTTPS://evil.example", "see WWW.Evil.example", "join DISCORD.GG/abc", "join Discord.com/invite/x",
		"[x](y)", "hi @everyone", "ping <@123>", "<#456> channel", "a `code` span", "bidi \u202e here", "bell \x07"} {
		if !HasUnsafe(s) {
			t.Errorf("HasUnsafe(%q) = false", s)
		}
	}
	for _, s := range []string{"Macron fears a NATO office in Tokyo.", "A 3:1 vote, 50% <- that's it", "email-free text with www inside a word: awww."} {
		if HasUnsafe(s) {
			t.Errorf("HasUnsafe(%q) = true", s)
		}
	}
}

// A Fence marks fence lines and everything between them as code, ``` and
// ~~~ alike, and an inline ``` pair opens nothing.
func TestFence(t *testing.T) {
	var f Fence
	in := []string{"Before [1].", "```sh", "sudo rm -rf / [1]", "```", "Between [1].", "~~~ [1]", "run this [1].", "~~~", "Inline ```x``` [1].", "After [1]."}
	want := []bool{false, true, true, true, false, true, true, true, true, false}
	for i, s := range in {
		if got := f.Code(s); got != want[i] {
			t.Errorf("%q: code %v, want %v", s, got, want[i])
		}
	}
}

// Initialisms are met by their dotted and spelt-out forms, a country's
// adjective by the country and the country by its adjective (not by its
// capital), and "first" before what is counted by the passage's "first".
func TestCheckInitialismsAndFirst(t *testing.T) {
	ps := []string{"The Quad (comprising the U.S., Japan, Australia, and India).", "The United States has allies.", "It was the first summit.",
		"China's influence grows.", "Chinese firms grow.", "Lin Jian said: “We must stop scaremongering.”",
		"Xinjiang is far.", "Indiana and Asian partners were invited.", "The fund holds $2 million.",
		"They told us the allies have grown."}
	c := Checker{Passage: func(n int) (string, bool) {
		if n < 1 || n > len(ps) {
			return "", false
		}
		return ps[n-1], true
	}}
	for s, want := range map[string]Reason{
		"The US and Japan are in the Quad [1].":          OK,
		"The US has allies [2].":                         OK,
		"The USA has allies [2].":                        OK,
		"The EU has allies [2].":                         Unsupported,
		"It was the first summit [3].":                   OK,
		"Chinese influence grows [4].":                   OK,
		"The United States has allies [10].":             Unsupported,
		"American allies grow [10].":                     Unsupported,
		"China's firms grow [5].":                        OK,
		"Japanese firms grow [4].":                       Unsupported,
		"The summit was in Beijing [4].":                 Unsupported,
		"Lin Jian said we must stop scaremongering [6].": OK,
		"China fears **R**ussia [4].":                    Unsupported,
		"china fears russia and moscow [4].":             Unsupported,
		"chinese influence grows [4].":                   OK,
		"us and them: China's influence grows [4].":      OK,
		"Xi visited [7].":                                Unsupported,
		"India was invited [8].":                         Unsupported,
		"Asia's partners were invited [8].":              OK,
		"The fund holds $2bn [9].":                       Unsupported,
		"The fund holds $2m [9].":                        OK,
		"The fund holds $2 million [9].":                 OK,
		"It was the first summit [2].":                   Unsupported,
	} {
		if r := c.Check(s); r.Reason != want {
			t.Errorf("%q: %+v, want reason %d", s, r, want)
		}
	}
}

// Examples listed after "such as" or "including" are the cited passage's:
// one swapped for another is no name, and the names check misses it.
func TestExamplesMissing(t *testing.T) {
	support := knowledge.Normalize("Another option could be to focus on non-military aspects of security cooperation, such as cybersecurity, climate change mitigation, and disaster response.")
	for _, tt := range []struct {
		sentence string
		want     []string
	}{
		{"It suggests areas such as cybersecurity, climate change mitigation, and counter-terrorism.", []string{"counter-terrorism"}},
		{"It suggests areas such as cybersecurity, climate change and disaster response.", nil},
		{"It suggests areas such as cybersecurity, climate mitigation, and disaster relief.", nil}, // each shares a word
		{"It suggests one area such as counter-terrorism.", nil},                                   // one example may paraphrase
		{"Cooperation including cyber defence and counter-terrorism.", []string{"counter-terrorism"}},
		{"Cooperation like cybersecurity, counter-terrorism and disaster response.", []string{"counter-terrorism"}},
		{"Some members, like France, are wary of counter-terrorism work.", nil}, // a comparison, not a list
		{"Working together, like talking and counter-terrorism drills.", nil},   // two: "like" lists three or more
	} {
		if got := examplesMissing(tt.sentence, support); !slices.Equal(got, tt.want) {
			t.Errorf("examplesMissing(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// A count the passage leaves to the reader is met by the list the
// sentence points to: a group's members listed after its name, or the
// countries listed before a verb; not a count of something else.
func TestPassageCounts(t *testing.T) {
	c := Checker{Passage: func(n int) (string, bool) {
		ps := []string{
			"One approach could be to enhance cooperation between NATO and existing Indo-Pacific security frameworks, such as the Quad (comprising the U.S., Japan, Australia, and India) or the AUKUS partnership between Australia, the UK, and the U.S.",
			p3,
		}
		if n < 1 || n > len(ps) {
			return "", false
		}
		return ps[n-1], true
	}}
	for _, tt := range []struct {
		sentence string
		shown    bool
	}{
		{"India is one of the four members of the Quad [1].", true},
		{"Australia is one of the three partners in AUKUS [1].", true},
		{"New Zealand is one of the four countries invited to the summit [2].", true},
		{"India is one of the three members of the Quad [1].", false},
		{"New Zealand is one of the five countries invited to the summit [2].", false},
		{"Australia has belonged to AUKUS for three years [1].", false}, // counts no members
		{"Japan is one of the four members of NATO [1].", false},        // the sentence points to no list
	} {
		if r := c.Check(tt.sentence); r.Shown() != tt.shown {
			t.Errorf("%q: shown %v, want %v (missing %q)", tt.sentence, r.Shown(), tt.shown, r.Missing)
		}
	}
}

// A summary's label is no name.
func TestTLDRLabel(t *testing.T) {
	for _, s := range []string{"**TL;DR:** Macron objects to a NATO office in Tokyo [1].", "TLDR: Macron objects [1]."} {
		if r := checker.Check(s); !r.Shown() {
			t.Errorf("%q dropped: %q", s, r.Missing)
		}
	}
	if r := checker.Check("**TL;DR:** Xi objects to a NATO office in Tokyo [1]."); r.Shown() {
		t.Error("a name after the label went unchecked")
	}
}
