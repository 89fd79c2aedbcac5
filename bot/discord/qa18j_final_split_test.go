package discord

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/answer"
)

// QA 18j on bestCut's new thresholds (8cd68b8): a paragraph's or a line's
// end is now a cut only in the last fifth of the message (from ~1,517 of
// 1,896 runes); anywhere else in the upper half, the cut falls after the
// last ". " — an abbreviation's stop counts — or else at the last space.
// splitContent cuts every long final answer, and Show passages, with it.

// qa18jStreamed is the answer text the last streamed edit showed.
func qa18jStreamed(text string) string {
	return strings.TrimSpace(strings.TrimSuffix(renderPartial(english, "", text), writingLine))
}

// qa18jFinal is the final answer, split as ask.go sends it.
func qa18jFinal(text string) []string {
	return splitContent(renderAnswer(english, "", answer.Answer{Mode: answer.ModeLLM, Text: text}), contentBudget)
}

const qa18jFiller = "Macron fears that an office in Tokyo could unnecessarily provoke China [1]. "

// Text disappears from the member's message, twice over.
//
// (a) A paragraph ending at ~1,370 characters, then one long checked
// sentence (~600 characters, no ". " in it). The stream shows the answer
// up to the paragraph's end. The final split may no longer cut at that
// paragraph break (below 4/5 of the limit), so it takes the last ". "
// — INSIDE the first paragraph: the final edit of the member's message
// drops the last sentence they were reading, which reappears at the top
// of the next message. Before 8cd68b8 the paragraph break was the cut and
// the message kept exactly what streamed: the change meant to stop text
// moving makes it move here.
//
// (b) A numbered list whose items hold several checked sentences, as
// models write them ("1. **Provoking China**: … [1]. He also … [1]. …").
// The stream cuts after a sentence inside item 5 (~1,830 characters);
// the final split prefers the line break before item 5 (~1,530, inside
// the last fifth): the two sentences of item 5 the member was reading
// vanish from their message and reappear in a new one below. (Not new in
// 8cd68b8: what 18i's fix leaves — a line break within the last fifth
// still beats a checked sentence's end nearer the limit.)
//
// Before 8cd68b8, (a) passes; (b) fails there too.
func TestQA18jFinalMessageShowsLessThanTheStream(t *testing.T) {
	long := "Many Asian countries are wary of being drawn into what they perceive as a Cold War-style confrontation between the West and China, particularly as NATO, whose members include the United States, France, Germany and the United Kingdom, among many others, has invited Japan, South Korea, Australia and New Zealand to its summit for the third consecutive year, and they are concerned that NATO's involvement could exacerbate tensions and undermine the delicate balance of power in the region, which several of them have long tried to preserve through their own bilateral ties with both Washington and Beijing [2]."
	item := "%d. **Provoking China**: Macron fears that an office in Tokyo could unnecessarily provoke China [1]. He also fears it could complicate European efforts to maintain a balanced relationship with Beijing [1]. Many Asian countries share the worry that NATO's involvement could exacerbate tensions [2]. They fear it could undermine the delicate balance of power in the region [2].\n"
	list := "Macron's worries are these [1]:\n\n"
	for i := 1; i <= 6; i++ {
		list += fmt.Sprintf(item, i)
	}
	for name, text := range map[string]string{
		"paragraph then one long sentence":     strings.TrimSpace(strings.Repeat(qa18jFiller, 18)) + "\n\n" + long,
		"list items of several sentences each": strings.TrimSpace(list),
	} {
		streamed := qa18jStreamed(text)
		parts := qa18jFinal(text)
		if len(parts) < 2 || utf8.RuneCountInString(streamed) < 1200 {
			t.Fatalf("%s: control: %d parts, %d characters streamed", name, len(parts), utf8.RuneCountInString(streamed))
		}
		if !strings.HasPrefix(parts[0], streamed) {
			lost := strings.TrimPrefix(streamed, strings.TrimSpace(parts[0]))
			t.Errorf("%s: the last streamed edit showed %d characters in the member's message; its final edit shows %d — gone from under their eyes, moved to the next message:\n%q",
				name, utf8.RuneCountInString(streamed), utf8.RuneCountInString(parts[0]), lost)
		}
	}
}

// Half a sentence as a message's last words: a paragraph ends at ~1,460
// characters (too far back for the new threshold), then a long checked
// sentence holding "Washington D.C." The last ". " before the limit is
// the abbreviation's: message 1 ends "NATO leaders gather in Washington
// D.C." — a sentence-looking fragment, uncited, never passed as such —
// and message 2 opens "for their 75th anniversary summit, …". The stream
// never showed this (checkedCut skips a stop with no marker before it:
// TestQA18hPartialCutInsideAnAbbreviation); before 8cd68b8 the final
// split cut at the paragraph break.
func TestQA18jFinalSplitAtAbbreviation(t *testing.T) {
	dc := "NATO leaders gather in Washington D.C. for their 75th anniversary summit, where Japan, South Korea, Australia and New Zealand are invited for the third consecutive year, although this outreach has not translated into widespread enthusiasm for NATO's increased presence in the region among the many Asian countries that are wary of being drawn into what they perceive as a Cold War-style confrontation between the West and China, and that are particularly concerned that its involvement could exacerbate tensions in the region [3]."
	text := strings.TrimSpace(strings.Repeat(qa18jFiller, 19)) + "\n\n" + dc
	parts := qa18jFinal(text)
	if len(parts) < 2 {
		t.Fatalf("control: %d part(s) for %d characters", len(parts), utf8.RuneCountInString(text))
	}
	for i, p := range parts[:len(parts)-1] {
		if strings.HasSuffix(p, "D.C.") {
			t.Errorf("message %d ends inside a checked sentence, at its abbreviation:\n…%s\nnext message: %.80s…", i+1, p[max(0, len(p)-90):], parts[i+1])
		}
	}
}

// A quote loses its "> ": Show passages quotes each cited paragraph as
// one "> " line. Two ordinary paragraphs (~1,100 and ~1,300 characters)
// no longer split at the blank line between them (~1,120, below 4/5 of
// the limit): the cut falls after a ". " inside the SECOND quote, and
// its rest opens the next message as plain text — no quote bar, no
// ¶ heading, indistinguishable from the bot's own words, while the
// passage it belongs to is cut off mid-paragraph above. Before 8cd68b8
// the cut was the blank line and each passage stayed one quote.
func TestQA18jShowPassagesSplitsAQuote(t *testing.T) {
	q1 := strings.TrimSpace(strings.Repeat("Despite NATO's efforts to cultivate closer ties with Asian partners, the response from the region has been lukewarm at best. ", 9))
	q2 := strings.TrimSpace(strings.Repeat("Many Asian countries are wary of being drawn into what they perceive as a Cold War-style confrontation between the West and China. ", 10))
	text := renderPassages([]answer.Citation{
		{N: 1, Briefing: "NATO in the Indo-Pacific", Paragraph: 4, ChunkID: "nato#p4", Quote: q1},
		{N: 2, Briefing: "NATO in the Indo-Pacific", Paragraph: 5, ChunkID: "nato#p5", Quote: q2},
	})
	parts := splitContent(text, contentBudget)
	if len(parts) < 2 {
		t.Fatalf("control: %d part(s)", len(parts))
	}
	for i, p := range parts {
		for _, line := range strings.Split(p, "\n") {
			if line != "" && !strings.HasPrefix(line, "> ") && !strings.HasPrefix(line, "**[") {
				t.Errorf("Show passages message %d has a passage's text outside its quote:\n%.120s…", i+1, line)
			}
		}
	}
}

// A marker in a message of its own: a Chinese answer, as the gate writes
// it ("…挑衅中国 [1]。 …"), over 1,900 characters, with a paragraph break
// in the upper half but before its last fifth. bestCut knows no "。": no
// ". " is found, and the cut falls at the last space — which, for some
// lengths of what comes before (5 of 36 here), is the one the gate puts
// BEFORE a sentence's marker, not the one after its stop. Message 1 then ends with a sentence without its citation
// ("…挑衅中国"), message 2 opens with "[1]。" alone; the stream had cut
// after "[1]。" (checkedCut knows CJK stops since 18i). Before 8cd68b8
// the paragraph break was the cut.
func TestQA18jFinalSplitCJKMarkerOrphaned(t *testing.T) {
	s := "法国总统马克龙担心在东京设立北约办事处可能会不必要地挑衅中国 [1]。 "
	bad := 0
	for k := 0; k < utf8.RuneCountInString(s); k++ {
		lead := strings.Repeat("北", k) + " [2]。 "
		text := lead + strings.TrimSpace(strings.Repeat(s, 30)) + "\n\n" + strings.TrimSpace(strings.Repeat(s, 30))
		parts := qa18jFinal(text)
		if len(parts) < 2 {
			t.Fatalf("control: %d part(s)", len(parts))
		}
		if strings.HasPrefix(parts[1], "[") || !strings.HasSuffix(parts[0], "。") {
			bad++
			if bad <= 2 {
				t.Errorf("offset %d: message 1 ends %q, message 2 opens %q — a sentence cut from its marker, across messages",
					k, string([]rune(parts[0])[max(0, utf8.RuneCountInString(parts[0])-20):]), string([]rune(parts[1])[:12]))
			}
		}
	}
	if bad > 2 {
		t.Errorf("… and %d more offsets like them", bad-2)
	}
}
