package discord

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
)

// QA 18k on splitContent for Show passages: a cited paragraph is quoted
// whole, up to maxPassageRunes (3,000) — longer than a message. bestCut
// only knows ASCII stops followed by a space for a passage's sentences,
// and splitContent reopens a code block in the next part but not a quote.
// Neither hole is new in b9edb9c (both fail before it too).

// The rest of a long passage shown as the bot's own words: a cited
// paragraph of ~2,600 characters is one "> " line. It is cut at a
// sentence's end (fine), but message 2 opens with the paragraph's rest as
// plain text: no quote bar, no "[n] ¶" heading — a member reads the
// briefing's words as the bot's, exactly what the quoting is there to
// prevent (TestQA18jShowPassagesSplitsAQuote's harm, for a passage that
// cannot fit in one message).
func TestQA18kShowPassagesLongParagraphLosesItsQuote(t *testing.T) {
	para := strings.TrimSpace(strings.Repeat("Many Asian countries are wary of being drawn into what they perceive as a Cold War-style confrontation between the West and China. ", 20))
	text := renderPassages([]answer.Citation{{N: 1, Briefing: "NATO summit briefing", Paragraph: 4, ChunkID: "nato#p4", Quote: para}})
	parts := splitContent(text, contentBudget)
	if len(parts) < 2 {
		t.Fatalf("not split: %d runes", len([]rune(text)))
	}
	for i, p := range parts[1:] {
		if !strings.HasPrefix(p, ">") {
			t.Errorf("message %d opens outside the quote: %q…", i+2, qa18kHead(p, 80))
		}
	}
}

// A Chinese passage cut mid-sentence: a cited Chinese paragraph of ~2,400
// characters has no space and no ". ": no rule of bestCut finds a cut in
// the message's upper half (its only line break and spaces are in the
// "**[1] ¶4** — *title*" heading), and the cut falls at the limit itself,
// in the middle of a sentence — the first half of a clause ending message
// 1, the rest opening message 2 (unquoted, too). The sentences end in
// "。" every 45 characters: any of them would do. (endsChecked knows
// "。", but only after a marker; an answer's split knows it, a passage's
// does not.)
func TestQA18kShowPassagesChineseParagraphCutMidSentence(t *testing.T) {
	para := strings.Repeat("马克龙担心在东京设立北约办事处会不必要地挑衅中国，并使欧洲与北京保持平衡关系的努力复杂化。", 53)
	text := renderPassages([]answer.Citation{{N: 1, Briefing: "北约峰会简报", Paragraph: 4, ChunkID: "nato#p4", Quote: para}})
	parts := splitContent(text, contentBudget)
	if len(parts) < 2 {
		t.Fatalf("not split: %d runes", len([]rune(text)))
	}
	if !strings.HasSuffix(parts[0], "。") {
		t.Errorf("message 1 ends mid-sentence: …%q; message 2 opens %q…", qa18kTail(parts[0], 20), qa18kHead(parts[1], 20))
	}
}
