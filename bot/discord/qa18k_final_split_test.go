package discord

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/bot/answer"
)

// QA 18k on bestCut after b9edb9c: the end of a checked sentence
// (endsChecked: a "[n]" marker, its stop, then a space) is now the FIRST
// cut tried, anywhere in the message's upper half, before a paragraph's
// or a line's end. endsChecked takes any "[n]" followed by a space for a
// sentence's end — and a final answer holds such markers where no
// sentence ends.

const qa18kFiller = "Macron fears that an office in Tokyo could unnecessarily provoke China [1]. "

func qa18kCite(n, p int) answer.Citation {
	return answer.Citation{N: n, Briefing: "NATO summit briefing", Paragraph: p, ChunkID: fmt.Sprintf("nato#p%d", p), Quote: "Macron opposed it."}
}

// The Sources line cut in two: an answer of ~1,820 characters citing a
// dozen paragraphs. Its Sources line ("-# Sources · *NATO summit
// briefing*: [1] ¶11 · [2] ¶12 · …") starts below the limit and ends past
// it. Every "[n] ¶" in it is, for endsChecked, a checked sentence's end
// (a marker, then a space), and that rule now comes before the blank
// line above the Sources line: message 1 ends "… [1] ¶11 · [2] ¶12 · [3]"
// and message 2 opens "¶13 · [4] ¶14 · …" — no "-#", so it shows as a
// line of big plain text, paragraph numbers with no briefing's name,
// under a message whose Sources line stops mid-list. Before b9edb9c the
// blank line (in the last fifth) was the cut and the Sources line moved
// whole to message 2.
func TestQA18kFinalSplitCutsTheSourcesLine(t *testing.T) {
	var cites []answer.Citation
	for i := 1; i <= 14; i++ {
		cites = append(cites, qa18kCite(i, 10+i))
	}
	src := sourcesLine(english, cites)
	for n := 22; n <= 24; n++ {
		text := strings.TrimSpace(strings.Repeat(qa18kFiller, n))
		msg := renderAnswer(english, "", answer.Answer{Mode: answer.ModeLLM, Text: text, Citations: cites})
		parts := splitContent(msg, contentBudget)
		if len(parts) < 2 {
			continue
		}
		whole := false
		for _, p := range parts {
			whole = whole || strings.Contains(p, src)
		}
		if !whole {
			t.Errorf("%d sentences: the Sources line is cut between messages:\nmessage 1 ends …%q\nmessage 2 opens %q…",
				n, qa18kTail(parts[0], 80), qa18kHead(parts[1], 80))
		}
	}
}

// Half a checked sentence as a message's last words: the gate passes
// sentences with a marker inside them ("Japan [2] and South Korea [3]
// were invited …": cite_test's "Japan [2] and Korea [2] were invited."
// is one sentence). endsChecked takes "Japan [2]" followed by " and" for
// a sentence's end, and b9edb9c tries it before anything else: whenever
// such a sentence straddles the limit, message 1 ends "… Japan [2] and
// South Korea [3]" and message 2 opens "were invited to the summit …" —
// a claim cut in two, the first half reading as a sentence of its own. Before b9edb9c the
// final split cut at the last ". " (the final half fails only since
// b9edb9c). The stream (checkedCut, same rule, since 18h) shows the same
// half-sentence over "✍️ writing…".
func TestQA18kSplitInsideASentenceAtAnInnerMarker(t *testing.T) {
	sentence := "Japan [2] and South Korea [3] were invited to the summit for the third consecutive year, alongside Australia and New Zealand, which several European members see as a sign of a broader shift in the alliance's priorities [2]. "
	end := regexp.MustCompile(`\[\d+\][.!?]$`)
	text := strings.TrimSpace(strings.Repeat(sentence, 12))
	if parts := qa18jFinal(text); len(parts) > 1 && !end.MatchString(parts[0]) {
		t.Errorf("final: message 1 ends …%q, message 2 opens %q…", qa18kTail(parts[0], 60), qa18kHead(parts[1], 60))
	}
	if s := qa18jStreamed(text); !end.MatchString(s) {
		t.Errorf("stream: the edit ends …%q over the writing line", qa18kTail(s, 60))
	}
}

// A table cut inside a row: answers (and approved answers educators
// write) set comparisons as a Markdown table, a marker in each cell:
// "| Japan | Invited for the third year [2] | Wary of China [1] |". A
// row's end ("[1] |") is no checked end for sentenceEnd (a space before
// the pipe), but the cell inside it ("[2]" then " |") is, and b9edb9c
// tries it before a line's end: the final split ALWAYS falls mid-row.
// Message 1's last row stops after its second cell; message 2 opens
// "| Wary of China [1] |", a one-cell row under no header. Before
// b9edb9c the line's end in the last fifth was the cut and rows stayed
// whole.
func TestQA18kFinalSplitCutsATableRow(t *testing.T) {
	rows := []string{"Japan", "South Korea", "Australia", "New Zealand", "France", "Germany", "Italy", "Poland", "Canada", "Norway"}
	var b strings.Builder
	b.WriteString("The partners' positions differ [1]:\n\n| Country | Summit | View of China |\n|---|---|---|\n")
	for i := 0; i < 24; i++ {
		fmt.Fprintf(&b, "| %s | Invited to the summit for the third consecutive year [2] | Wary of provoking China in the region [1] |\n", rows[i%len(rows)])
	}
	parts := qa18jFinal(b.String())
	if len(parts) < 2 {
		t.Fatalf("not split")
	}
	for i, p := range parts {
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, "|") && (!strings.HasSuffix(l, "|") || strings.Count(l, "|") != 4) {
				t.Errorf("message %d holds half a table row: %q", i+1, l)
			}
		}
	}
}

func qa18kTail(s string, n int) string {
	rs := []rune(s)
	return string(rs[max(0, len(rs)-n):])
}

func qa18kHead(s string, n int) string {
	rs := []rune(s)
	return string(rs[:min(n, len(rs))])
}
