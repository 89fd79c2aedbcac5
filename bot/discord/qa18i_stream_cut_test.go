package discord

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/answer"
)

// QA 18i on checkedCut / sentenceEnd (0538116): a streamed answer longer
// than one message is cut after the last citation marker that fits,
// followed by `[.!?)"”’*_~|]*` and a space. The gate's own output is what
// reaches renderPartial, and it writes its markers and stops in ways the
// pattern does not expect.

// qa18iRoom is the room renderPartial has for an answer's text under no
// question echo: the message budget less the "writing…" line and the
// blank line belowAnswer may add.
func qa18iRoom() int { return contentBudget - utf8.RuneCountInString(writingLine) - 2 }

// qa18iBody is a streamed edit's answer text, without the writing line.
func qa18iBody(edit string) string {
	return strings.TrimSpace(strings.TrimSuffix(edit, writingLine))
}

// NOTHING shown: the gate ends a Chinese or Japanese sentence with its
// markers BEFORE the full-width stop ("马克龙担心激怒中国 [2]。 法国反对
// [2]。", TestGateCJKClosingQuoteKeepsItsMarker), as it puts every
// marker before its sentence's closing punctuation (pass). sentenceEnd
// knows only ASCII stops after the marker: no "[n]。", "[n]！", "[n]？"
// is a cut. Once a Chinese or Japanese answer outgrows a message, every
// streamed edit is the bare "✍️ writing…" line — the member who asked in
// Chinese watches the checked answer they were reading vanish, and
// nothing come back, for as long as the model writes, though some 1,900
// characters of checked sentences are there to show.
func TestQA18iPartialCutShowsNothingOfCJKAnswer(t *testing.T) {
	for name, sentence := range map[string]string{
		"Chinese":  "法国总统马克龙担心在东京设立北约办事处可能会不必要地挑衅中国 [1]。 ",
		"Japanese": "マクロン大統領は、東京にNATO事務所を設置すれば中国を不必要に刺激しかねないと懸念している [1]。 ",
	} {
		n := qa18iRoom()/utf8.RuneCountInString(sentence) + 3
		text := strings.Repeat(sentence, n)
		if strings.TrimSpace(text) == "" || utf8.RuneCountInString(text) <= qa18iRoom() {
			t.Fatalf("%s: control: want an answer longer than a message", name)
		}
		// Before it outgrows the message, the edit shows it.
		if got := qa18iBody(renderPartial(english, "", strings.Repeat(sentence, 3))); !strings.Contains(got, "[1]。") {
			t.Fatalf("%s: control: a short answer's edit shows %q", name, got)
		}
		got := renderPartial(english, "", text)
		if body := qa18iBody(got); !strings.Contains(body, "[1]") {
			t.Errorf("%s: %d checked sentences (%d characters) streamed, the edit shows none of them:\n%q",
				name, n, utf8.RuneCountInString(text), got)
		}
	}
}

// Half a sentence's citations: the gate writes a sentence citing two
// passages as "… [1] [2]." (a space between its markers: pass writes
// " [n]" for each). sentenceEnd matches "[1]" followed by a space just as
// it matches a sentence's end, so when the room ends inside " [2].", the
// edit ends "… Macron fears provoking China [1]" — no full stop, and only
// one of the two citations the claim was checked with: its part from [2]
// ("NATO leaders gather in Washington") is shown cited to [1], which says
// nothing of it, and stays so until the answer is done.
func TestQA18iPartialCutBetweenASentencesMarkers(t *testing.T) {
	filler := "Macron fears that an office in Tokyo could unnecessarily provoke China [1]. "
	short := "NATO invited partners [3]. "
	last := "As NATO leaders gather in Washington, Macron fears an office in Tokyo could provoke China [1] [2]."
	at := strings.Index(last, " [2].")
	shorter := "Japan was invited [3]. "
	found := false
	for n := 18; n <= 24 && !found; n++ {
		for m := 0; m < 6 && !found; m++ {
			for q := 0; q < 12 && !found; q++ {
				prefix := strings.Repeat(filler, n) + strings.Repeat(short, m) + strings.Repeat(shorter, q)
				start := utf8.RuneCountInString(prefix)
				// The room ends after "[1]" but before the end of "[2].".
				if room := qa18iRoom(); room < start+at || room >= start+len(last) {
					continue
				}
				found = true
				got := renderPartial(english, "", prefix+last)
				body := qa18iBody(got)
				if strings.HasSuffix(body, "China [1]") {
					t.Errorf("the streamed edit shows a sentence cut between its markers, without [2] or its stop:\n…%s", body[max(0, len(body)-140):])
				}
			}
		}
	}
	if !found {
		t.Fatal("control: no prefix puts the room's end inside the markers")
	}
}

// A counted list shown in part: the gate emits a counted list ("The Quad
// has four members [2]:" and its items) in one piece, never its lead-in
// with fewer items than it counts (TestQA18hGateCloseEmitsCountedListPieceByPiece;
// the gate's own output: "The Quad has four members [2]:\n- the U.S.
// [2].\n- Japan [2]\n- Australia [2]\n- India [2]"). Each item ends in
// its marker, which sentenceEnd takes for a sentence's end: once the
// answer outgrows a message the edit shows "The Quad has four members
// [2]:" over two or three of them, and keeps showing that incomplete
// list — "four members: the U.S., Japan" — until the answer is done.
func TestQA18iPartialCutInsideCountedList(t *testing.T) {
	filler := "Macron fears that an office in Tokyo could unnecessarily provoke China [1]. "
	short := "NATO invited partners [3]. "
	list := "The Quad has four members [2]:\n- the U.S. [2].\n- Japan [2]\n- Australia [2]\n- India [2]"
	cutInside := 0
	for m := 0; m < 8; m++ {
		text := strings.Repeat(filler, 23) + strings.Repeat(short, m) + list
		body := qa18iBody(renderPartial(english, "", text))
		if strings.Contains(body, "four members") && !strings.Contains(body, "India") {
			cutInside++
			t.Errorf("%d characters: the streamed edit shows the counted list in part:\n…%s", utf8.RuneCountInString(text), body[max(0, len(body)-120):])
		}
	}
	if cutInside == 0 {
		t.Log("no cut fell inside the list")
	}
}

// Text disappears: the streamed edits of a long answer show it up to the
// last checked sentence that fits (some 1,880 characters); the final
// answer is split by bestCut, which prefers a paragraph break anywhere in
// the message's second half. An answer with a blank line at ~1,000
// characters streams 1,880 characters into the member's message, then
// the final edit of that same message shows only the first 1,000: the
// 800-odd characters the member was reading vanish from under their eyes
// and reappear in a new message below. What an edit showed should still
// be there when the message is final.
func TestQA18iFinalMessageShowsLessThanTheStream(t *testing.T) {
	filler := "Macron fears that an office in Tokyo could unnecessarily provoke China [1]. "
	text := strings.TrimSpace(strings.Repeat(filler, 13)) + "\n\n" + strings.TrimSpace(strings.Repeat(filler, 20))
	streamed := qa18iBody(renderPartial(english, "", text))
	if utf8.RuneCountInString(streamed) < 1500 {
		t.Fatalf("control: the streamed edit shows %d characters", utf8.RuneCountInString(streamed))
	}
	parts := splitContent(renderAnswer(english, "", answer.Answer{Mode: answer.ModeLLM, Text: text}), contentBudget)
	if len(parts) < 2 {
		t.Fatalf("control: the final answer is in %d message(s)", len(parts))
	}
	if !strings.HasPrefix(parts[0], streamed) {
		t.Errorf("the last streamed edit showed %d characters of the answer in the member's message; its final edit shows %d: %d characters they were reading are gone from it",
			utf8.RuneCountInString(streamed), utf8.RuneCountInString(parts[0]), utf8.RuneCountInString(streamed)-utf8.RuneCountInString(parts[0]))
	}
}
