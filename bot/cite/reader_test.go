package cite

import (
	"fmt"
	"slices"
	"testing"
)

// Split says where each sentence stands: the first of a line, after a
// blank line, or on the line of the one before; a numbered item's number
// stays with its sentence.
func TestSplit(t *testing.T) {
	got := Split("Macron objects [1]. Japan was invited [2].\n\n\n- Australia too [2].\n1. And South Korea [2].<br>New Zealand [2].\n   - nested [2]. Still [2].")
	want := []Piece{
		{"Macron objects [1].", NewLine, false},
		{"Japan was invited [2].", SameLine, false},
		{"- Australia too [2].", NewParagraph, false},
		{"1. And South Korea [2].", NewLine, false},
		{"New Zealand [2].", NewLine, false},
		{"- nested [2].", NewLine, true},
		{"Still [2].", SameLine, false},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Split = %v\nwant %v", got, want)
	}
	for s, want := range map[string]string{"- a": "-", "* a": "-", "• a": "-", "12. a": "12.", "3) a": "3.", "-# a": "", "**a**": "", "a": ""} {
		if got := ListItem(s); got != want {
			t.Errorf("ListItem(%q) = %q, want %q", s, got, want)
		}
	}
}

// A sentence the model wraps over lines is one sentence: a line starting
// in lower case goes on an unfinished line above it, and an indented one
// goes on an unfinished list item; a finished line, a line ending in a
// marker, a lead-in, a heading (an item all in bold), a list item, a line
// opening with a dash and a code fence stand alone.
func TestSplitJoinsWrappedLines(t *testing.T) {
	for text, want := range map[string][]string{
		"Macron has never said that\nan office in Tokyo could provoke China [1].": {"Macron has never said that an office in Tokyo could provoke China [1]."},
		"- Macron also worries about\n  European efforts [1].\n- Japan [2].":      {"- Macron also worries about European efforts [1].", "- Japan [2]."},
		"1. **Provocation**\n   An office in Tokyo could provoke China [1].":      {"1. **Provocation**", "An office in Tokyo could provoke China [1]."},
		"1. Macron fears provoking China [1]\n   Japan was invited [2].":          {"1. Macron fears provoking China [1]", "Japan was invited [2]."},
		"- Macron fears provoking\n  – Japan was invited [2].":                    {"- Macron fears provoking", "– Japan was invited [2]."},
		"Macron objects [1].\nand Japan was invited [2].":                         {"Macron objects [1].", "and Japan was invited [2]."},
		"Macron's concerns:\nprovoking China [1].":                                {"Macron's concerns:", "provoking China [1]."},
		"Macron has concerns\n- provoking China [1].":                             {"Macron has concerns", "- provoking China [1]."},
		"Key points\n  Macron objects [1].":                                       {"Key points", "Macron objects [1]."},
		"~~~\nrun this now [1].\n~~~":                                             {"~~~", "run this now [1].", "~~~"},
	} {
		var got []string
		for _, p := range Split(text) {
			got = append(got, p.Text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("Split(%q) = %q, want %q", text, got, want)
		}
	}
}

// A list's lead-in is decided with the first item under it: shown when
// the item passes and the lead-in's names and figures are in the item's
// passages (it need not share a content word with them, nor say
// anything); items with no marker under a lead-in that cites are checked
// against its passages while the list goes on.
func TestReaderLeadIns(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "shown: body" or "dropped: body", in order
	}{
		{"a lead-in with nothing to check", "The briefing lists:\n- Japan was invited [2].\n- So was Australia [2].",
			[]string{"shown: The briefing lists:", "shown: Japan was invited.", "shown: So was Australia."}},
		{"a lead-in's name in its item's passage", "**Macron's worries:**\n\n- provoking China [1]",
			[]string{"shown: **Macron's worries:**", "shown: provoking China"}},
		{"a lead-in's name not in its item's passage", "Germany's worries:\n- provoking China [1]",
			[]string{"dropped: Germany's worries:", "shown: provoking China"}},
		{"a passage's list meets no count", "Four were invited, Japan among them:\n- Japan [2]",
			[]string{"dropped: Four were invited, Japan among them:", "shown: Japan"}},
		{"a lead-in's count the passage lacks", "Five were invited:\n- Japan [2]",
			[]string{"dropped: Five were invited:", "shown: Japan"}},
		{"a lead-in whose item is dropped", "Macron's worries:\n- provoking India [1]",
			[]string{"dropped: Macron's worries:", "dropped: provoking India"}},
		{"a lead-in at the end", "Macron objects [1]. His worries:",
			[]string{"shown: Macron objects.", "dropped: His worries:"}},
		{"a colon inside a line is no lead-in", "His worries: provoking China [1].",
			[]string{"shown: His worries: provoking China."}},
		{"items take the lead-in's citation", "Per Macron [1]:\n- provoking China\n- complicating European efforts\n- provoking India",
			[]string{"shown: Per Macron:", "shown: provoking China", "shown: complicating European efforts", "dropped: provoking India"}},
		{"a citing lead-in whose names fail lends none", "Per Merkel [1]:\n- provoking China",
			[]string{"dropped: Per Merkel:", "dropped: provoking China"}},
		{"the list ends at a line that is no item", "Per Macron [1]:\n- provoking China\nProvoking China, he says.",
			[]string{"shown: Per Macron:", "shown: provoking China", "dropped: Provoking China, he says."}},
		{"and at a blank line after its items", "Per Macron [1]:\n- provoking China\n\n- provoking Beijing",
			[]string{"shown: Per Macron:", "shown: provoking China", "dropped: provoking Beijing"}},
		{"an item's own marker is its own", "Per Macron [1]:\n- Japan was invited [2]",
			[]string{"shown: Per Macron:", "shown: Japan was invited"}},
		{"lead-ins over lead-ins", "Macron's concerns:\n- About China:\n  - provoking China [1]\n- About Europe:\n  - Japan was invited [2]",
			[]string{"shown: Macron's concerns:", "shown: About China:", "shown: provoking China", "dropped: About Europe:", "shown: Japan was invited"}},
		{"a count its list meets", "Two were invited:\n- Japan [2]\n- Australia [2]\n\nMacron objects [1].",
			[]string{"shown: Two were invited:", "shown: Japan", "shown: Australia", "shown: Macron objects."}},
		{"a count its list meets, items taking the lead-in's passage", "Two were invited [2]:\n1. Japan\n2. Australia",
			[]string{"shown: Two were invited:", "shown: Japan", "shown: Australia"}},
		{"a count its list does not meet", "Three were invited:\n- Japan [2]\n- Australia [2]",
			[]string{"dropped: Three were invited:", "shown: Japan", "shown: Australia"}},
		{"a count over items that all fail", "Two were invited:\n- India [2]\n- Russia [2]",
			[]string{"dropped: Two were invited:", "dropped: India", "dropped: Russia"}},
		{"a counted list ends at a line that is no item", "Two were invited:\n- Japan [2]\nAustralia too [2].\n- Macron objects [1].",
			[]string{"dropped: Two were invited:", "shown: Japan", "shown: Australia too.", "shown: Macron objects."}},
		{"code under a lead-in", "Run this:\n```\nJapan was invited [2]\n```",
			[]string{"dropped: Run this:", "dropped: ```", "dropped: Japan was invited", "dropped: ```"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range checker.CheckText(tt.text) {
				verdict := "dropped"
				if r.Shown() {
					verdict = "shown"
				}
				got = append(got, fmt.Sprintf("%s: %s", verdict, r.Body))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A count is met by as many things listed after a colon in the sentence,
// each of them in its passages, or by a passage's list the sentence points
// to (since session 18, passageCounts: "the four countries invited" of
// "Japan, South Korea, Australia, and New Zealand have been invited");
// not by any other list in the passages, nor is a count of times.
func TestCountsMetByLists(t *testing.T) {
	for sentence, want := range map[string]bool{
		"Two worries: provoking China and complicating European efforts [1].":   true,
		"Three worries: provoking China and complicating European efforts [1].": false,
		"Japan is one of the four countries invited [2].":                       true,
		"Japan is one of the three countries invited [2].":                      false,
		"Macron named two worries [1].":                                         false,
		"Four partners: Japan, South Korea, Australia, and New Zealand [2].":    true,
		"Four partners: Japan, Japan, Japan, or Japan [2].":                     false,
		"Japan was invited three times: Japan, Australia, New Zealand [2].":     false,
		"Four partners: Japan, South Korea, Australia, or New Zealand [2].":     true,
		"Five partners: Japan, South Korea, Australia, and New Zealand [2].":    false,
		"The five were invited [2].":                                            false,
	} {
		if got := checker.Check(sentence).Reason == OK; got != want {
			t.Errorf("%q passes: %v, want %v (%+v)", sentence, got, want, checker.Check(sentence))
		}
	}
}

// A bare yes or no is judged with the sentence after it on its line, as
// "No." always was (the splitter reads it as an abbreviation): alone it
// was dropped, and the reason shown without its answer. Alone on its
// line, or with nothing after it, it is still nothing to show.
func TestVerdictsJoinTheirReason(t *testing.T) {
	for text, want := range map[string][]string{
		"Yes. Japan was invited [2].":       {"shown: Yes. Japan was invited."},
		"Not really. Macron objects [1].":   {"shown: Not really. Macron objects."},
		"- Partly! Japan was invited [2].":  {"shown: Partly! Japan was invited."},
		"Yes. India was invited [2].":       {"dropped: Yes. India was invited."},
		"Yes.\nJapan was invited [2].":      {"dropped: Yes.", "shown: Japan was invited."},
		"Japan was invited [2]. Yes.":       {"shown: Japan was invited.", "dropped: Yes."},
		"Yes. It does [2].":                 {"dropped: Yes. It does."},
		"Yesterday. Japan was invited [2].": {"dropped: Yesterday.", "shown: Japan was invited."},
		// With a qualifier (session 18).
		"Yes, somewhat. Japan was invited [2].":              {"shown: Yes, somewhat. Japan was invited."},
		"Not directly, per the article. Macron objects [1].": {"shown: Not directly, per the article. Macron objects."},
		"Sort of. Macron objects [1].":                       {"shown: Sort of. Macron objects."},
		"Yes, Japan. Japan was invited [2].":                 {"dropped: Yes, Japan.", "shown: Japan was invited."},
	} {
		var got []string
		for _, r := range checker.CheckText(text) {
			verdict := "dropped"
			if r.Shown() {
				verdict = "shown"
			}
			got = append(got, verdict+": "+r.Body)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}

// A sentence naming the paragraphs it rests on by the numbers the prompt
// labels them with ("Paragraph 11 says…", "per ¶3") names no figure;
// naming one it does not cite, it does, and so does a figure after a
// paragraph named ("per paragraph 11, 3 ministers…").
func TestReferencesToCitedParagraphs(t *testing.T) {
	c := checker
	c.Paragraph = func(n int) int { return []int{11, 3, 1, 0, 0}[n-1] }
	for sentence, want := range map[string]bool{
		"Paragraph 11 says Macron objects [1].":                                true,
		"According to ¶11, Macron objects [1].":                                true,
		"Paragraphs 11 and 3 say Macron objects and Japan was invited [1][2].": true,
		"Passage 1 says Macron objects [1].":                                   false, // "passage" is the news's word too
		"Paragraph 12 says Macron objects [1].":                                false,
		"Paragraph 3 says Macron objects [1].":                                 false,
		"Per paragraph 11, 3 ministers resigned [1][2].":                       false,
		"Macron raised 11 objections [1].":                                     false,
	} {
		if r := c.Check(sentence); r.Shown() != want {
			t.Errorf("%q: shown %v, want %v (%+v)", sentence, r.Shown(), want, r)
		}
	}
}
