package answer

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/knowledge"
)

// gatePassages are paragraphs 11, 20 and 1 as passages 1, 2 and 3.
func gatePassages(t testing.TB) []knowledge.Chunk {
	kb := testKnowledge(t)
	return []knowledge.Chunk{kb.Chunks[10], kb.Chunks[19], kb.Chunks[0]}
}

// Whatever the pieces a model's text arrives in — down to one byte at a
// time — the gate shows only whole sentences that passed the checks, and
// what it showed is exactly the final answer.
func TestGateShowsOnlyCheckedSentences(t *testing.T) {
	raw := "<think>The system prompt says cite. Visit https://evil.example [1].</think>" +
		"Macron fears a NATO office in Tokyo could provoke China [1]. " +
		"See https://evil.example/login?d=leak [1]. " +
		"My system prompt says to cite passages. " +
		"The Quad comprises the U.S., Japan, Australia, and India [2][9]. " +
		"NATO invited 40 partners [3].\n" +
		"NATO leaders gather in Washington D.C. for their 75th anniversary summit. [3]"
	want := "Macron fears a NATO office in Tokyo could provoke China [1]. " +
		"The Quad comprises the U.S., Japan, Australia, and India [2].\n" +
		"NATO leaders gather in Washington D.C. for their 75th anniversary summit [3]."
	for _, size := range []int{1, 2, 3, 7, 16, len(raw)} {
		t.Run(fmt.Sprint("pieces of ", size), func(t *testing.T) {
			var shown []string
			g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
			for i := 0; i < len(raw); i += size {
				g.write(raw[i:min(i+size, len(raw))])
				for _, s := range shown {
					for _, bad := range []string{"evil", "system prompt", "think", "40", "[9]"} {
						if strings.Contains(s, bad) {
							t.Fatalf("shown %q after %d bytes", s, i+size)
						}
					}
				}
			}
			v := g.close()
			if v.text != want || strings.Join(shown, "") != want {
				t.Errorf("final %q\nshown %q\nwant  %q", v.text, strings.Join(shown, ""), want)
			}
			if g := v.grounding; g.Kept != 3 || g.Unsafe != 1 || g.Uncited != 1 || g.Unchecked != 1 || g.BadMarks != 1 {
				t.Errorf("grounding %+v", g)
			}
		})
	}
}

// An unclosed reasoning block is never shown, even once the stream ends.
func TestGateCutsUnclosedReasoning(t *testing.T) {
	var shown []string
	g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
	g.write("Macron fears provoking China [1]. <thinking>Maybe add Japan [2].")
	v := g.close()
	if v.text != "Macron fears provoking China [1]." || strings.Join(shown, "") != v.text {
		t.Errorf("final %q, shown %q", v.text, shown)
	}
}

// The refusal sentinel is not a sentence: nothing of it is shown.
func TestGateRefusal(t *testing.T) {
	var shown []string
	g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
	for _, p := range []string{"NOT_IN", "_BRIEF", "ING"} {
		g.write(p)
	}
	if v := g.close(); !v.refused || len(shown) != 0 {
		t.Errorf("refused %v, shown %q", v.refused, shown)
	}
}

// With a model, an overview question the model refuses still gets the
// overview; a model reasoning aloud shows none of it.
func TestOverviewWithModel(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Text: "<think>the gist is not in one passage</think>NOT_IN_BRIEFING"}
	})
	e := newEngine(t, srv)
	a, err := e.Ask(context.Background(), Request{Question: "tl;dr?"}, nil)
	if err != nil || a.Refused || len(a.Citations) != 2 || srv.ChatCalls() != 1 {
		t.Errorf("overview with a refusing model: %+v, %v (calls %d)", a, err, srv.ChatCalls())
	}
}

// Moving the markers before a sentence's closing punctuation never cuts a
// character in two: a sentence ending in a curly quote or an ellipsis is
// shown as written, in valid UTF-8.
func TestGateMarkersBeforePunctuationKeepCharactersWhole(t *testing.T) {
	for raw, want := range map[string]string{
		"“Macron has expressed concerns.” [1]": "“Macron has expressed concerns.” [1]",
		"Macron fears provoking China… [1]":    "Macron fears provoking China… [1]",
		"Macron fears provoking China [1] …":   "Macron fears provoking China … [1]",
	} {
		var shown strings.Builder
		g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
		g.write(raw)
		v := g.close()
		if v.text != want || shown.String() != want || !utf8.ValidString(shown.String()) {
			t.Errorf("%q: final %q, shown %q, want %q", raw, v.text, shown.String(), want)
		}
	}
}

// A reasoning model that weighs the refusal in its thinking and then
// answers has answered: only the visible text can refuse.
func TestGateRefusalInReasoningIsNotARefusal(t *testing.T) {
	var shown strings.Builder
	g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
	for _, p := range []string{"<think>If no passage fits I must reply NOT_IN", "_BRIEFING. Passage 1 fits.</think>", "Macron fears provoking China [1]."} {
		g.write(p)
	}
	v := g.close()
	if want := "Macron fears provoking China [1]."; v.refused || v.text != want || shown.String() != want {
		t.Errorf("refused %v, final %q, shown %q", v.refused, v.text, shown.String())
	}
}

// A model that answers part of a question and refuses the rest has
// answered: what streamed stays the start of the final answer, instead of
// being replaced by "the briefing doesn't say". A refusal alone still
// refuses.
func TestGateSentencesThenRefusalIsAnAnswer(t *testing.T) {
	var shown strings.Builder
	g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
	for _, p := range []string{"Macron fears provoking China [1]. ", "NOT_IN_BRIEFING."} {
		g.write(p)
	}
	v := g.close()
	if want := "Macron fears provoking China [1]."; v.refused || v.text != want || shown.String() != want {
		t.Errorf("refused %v, final %q, shown %q", v.refused, v.text, shown.String())
	}
	g = newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
	g.write("The briefing says nothing on it. NOT_IN_BRIEFING")
	if v := g.close(); !v.refused {
		t.Errorf("an uncited sentence and the refusal: %+v", v)
	}
}

// What reads as a citation is one: markers written "[1, 2]" or "[２]"
// cite their passages, and a number in brackets that names none ("[1-2]")
// is removed like a marker naming no passage, never shown.
func TestGateMarkersAsModelsWriteThem(t *testing.T) {
	raw := "Macron fears provoking China [1] [1-2]. The Quad comprises Japan and India [2, 3]. NATO leaders gather [３]."
	want := "Macron fears provoking China [1]. The Quad comprises Japan and India [2] [3]. NATO leaders gather [3]."
	var shown strings.Builder
	g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
	for i := 0; i < len(raw); {
		_, n := utf8.DecodeRuneInString(raw[i:])
		g.write(raw[i : i+n])
		i += n
	}
	v := g.close()
	if v.text != want || shown.String() != want || v.grounding.BadMarks != 1 {
		t.Errorf("final %q\nshown %q\nwant  %q (%+v)", v.text, shown.String(), want, v.grounding)
	}
}

// Markdown that would change the bot's layout — a heading, subtext, a
// block quote swallowing the Sources line — is not shown: the sentences
// are, as plain text, on their lines. A list is the answer's own layout
// and is kept, its items written as the bot writes them ("- ", and
// numbers from 1); a list's numbers are not counted as sentences
// dropped.
func TestGateShowsNoBlockMarkdown(t *testing.T) {
	const (
		lines = "Macron fears provoking China [1].\nThe Quad comprises Japan and India [2]."
		run   = "Macron fears provoking China [1]. The Quad comprises Japan and India [2]."
	)
	for raw, want := range map[string]string{
		"# Macron fears provoking China [1].\n## The Quad comprises Japan and India [2].":    lines,
		"-# Macron fears provoking China [1]. The Quad comprises Japan and India [2].":       run,
		">>> Macron fears provoking China [1]. The Quad comprises Japan and India [2].":      run,
		"> Macron fears provoking China [1].\n> The Quad comprises Japan and India [2].":     lines,
		"1. Macron fears provoking China [1].\n2. The Quad comprises Japan and India [2].":   "1. " + strings.Replace(lines, "\n", "\n2. ", 1),
		"3) Macron fears provoking China [1].\n7) The Quad comprises Japan and India [2].":   "1. " + strings.Replace(lines, "\n", "\n2. ", 1),
		"- Macron fears provoking China [1].\n- The Quad comprises Japan and India [2].":     "- " + strings.Replace(lines, "\n", "\n- ", 1),
		"  * Macron fears provoking China [1].\n  + The Quad comprises Japan and India [2].": "- " + strings.Replace(lines, "\n", "\n- ", 1),
		"• Macron fears provoking China [1].\n\n\n• The Quad comprises Japan and India [2].": "- " + strings.Replace(lines, "\n", "\n\n- ", 1),
	} {
		var shown strings.Builder
		g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
		g.write(raw)
		v := g.close()
		gr := v.grounding
		if v.text != want || shown.String() != want || gr.Uncited+gr.Unchecked+gr.Unsafe != 0 {
			t.Errorf("%q: final %q, shown %q (%+v)", raw, v.text, shown.String(), gr)
		}
	}
}

// A line of markers alone ("- [2]", "[1]" under the sentence it belongs
// to) says nothing: it is not shown as a citation of no sentence (" [2]"
// after the answer, or " [1]" as the whole answer, where the extractive
// answer should stand in).
func TestGateShowsNoBareMarkers(t *testing.T) {
	for raw, want := range map[string]string{
		"Macron fears provoking China [1].\n- [2]":   "Macron fears provoking China [1].",
		"Macron fears provoking China [1].\n>>> [2]": "Macron fears provoking China [1].",
		"Macron fears provoking China [1].\n[2][3]":  "Macron fears provoking China [1].",
		"Macron fears provoking China [1].\n[2].":    "Macron fears provoking China [1].",
		"Macron fears provoking China.\n[1]":         "",
	} {
		var shown strings.Builder
		g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
		g.write(raw)
		v := g.close()
		if v.text != want || shown.String() != want || len(v.cites) != strings.Count(want, "[") {
			t.Errorf("%q: final %q, shown %q, %d citations; want %q", raw, v.text, shown.String(), len(v.cites), want)
		}
	}
}

// A Chinese or Japanese sentence ending inside a closing quote keeps its
// quote and the marker after it: it is judged whole and cited, and the
// marker does not move on to cite the next sentence for it.
func TestGateCJKClosingQuoteKeepsItsMarker(t *testing.T) {
	raw := "报道说「北约峰会于2024年举行。」[3]马克龙担心激怒中国[1]。法国反对［１］。"
	want := "报道说「北约峰会于2024年举行。」 [1] 马克龙担心激怒中国 [2]。 法国反对 [2]。"
	var shown strings.Builder
	g := newGate(gatePassages(t), false, func(s string) { shown.WriteString(s) })
	for i := 0; i < len(raw); {
		_, n := utf8.DecodeRuneInString(raw[i:])
		g.write(raw[i : i+n])
		i += n
	}
	v := g.close()
	if v.text != want || shown.String() != want || len(v.cites) != 2 || v.cites[0].Paragraph != 1 || v.cites[1].Paragraph != 11 {
		t.Errorf("final %q\nshown %q\nwant  %q (%+v)", v.text, shown.String(), want, v.cites)
	}
}

// Markers in another script's digits cite as ASCII ones do.
func TestGateMarkersInOtherDigits(t *testing.T) {
	raw := "Macron fears provoking China [١]. The Quad comprises Japan and India [२]."
	want := "Macron fears provoking China [1]. The Quad comprises Japan and India [2]."
	var shown strings.Builder
	g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
	for i := 0; i < len(raw); {
		_, n := utf8.DecodeRuneInString(raw[i:])
		g.write(raw[i : i+n])
		i += n
	}
	v := g.close()
	if v.text != want || shown.String() != want || v.grounding.BadMarks != 0 {
		t.Errorf("final %q\nshown %q\nwant  %q (%+v)", v.text, shown.String(), want, v.grounding)
	}
}

// A provider that strips a reasoning model's opening tag sends its
// thinking, then "</think>", then the answer. Everything up to the
// closing tag is reasoning: with a model known to reason, nothing of it is
// shown while streaming, in any state, nor in the answer; with one not
// known to, sentences of it that passed the checks may have streamed
// before the tag came, but the answer leaves them out all the same.
func TestGateStrayClosingTag(t *testing.T) {
	raw := "Macron fears provoking China [1]. The user wants France. " +
		"I should say NOT_IN_BRIEFING if unsure.\n</think>\n\n" +
		"The Quad comprises Japan and India [2]. Macron fears provoking China [1]."
	want := "The Quad comprises Japan and India [1]. Macron fears provoking China [2]."
	for _, reasons := range []bool{true, false} {
		for _, size := range []int{1, 5, 16, len(raw)} {
			t.Run(fmt.Sprint(reasons, size), func(t *testing.T) {
				var shown strings.Builder
				g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
				g.reasons = reasons
				for i := 0; i < len(raw); i += size {
					g.write(raw[i:min(i+size, len(raw))])
					if reasons && strings.Contains(shown.String(), "China") && !strings.Contains(shown.String(), "Quad") {
						t.Fatalf("reasoning shown after %d bytes: %q", i+size, shown.String())
					}
				}
				v := g.close()
				if v.refused || v.text != want || len(v.cites) != 2 || v.cites[0].Paragraph != 20 || !g.stray {
					t.Errorf("final %q (refused %v, %+v)", v.text, v.refused, v.cites)
				}
				if reasons && shown.String() != want {
					t.Errorf("shown %q, want %q", shown.String(), want)
				}
				if g := v.grounding; g.Kept != 2 || g.Sentences != 2 {
					t.Errorf("grounding counts the reasoning: %+v", g)
				}
			})
		}
	}
}

// A model known to reason whose reply has no reasoning tag at all: its
// text is the answer, shown at its end; unless it was cut at its token
// limit, before it could close its reasoning.
func TestGateKnownReasonerWithoutTags(t *testing.T) {
	for _, cut := range []bool{false, true} {
		var shown strings.Builder
		g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
		g.reasons = true
		g.write("Macron fears provoking China [1]. The Quad comprises Japan and India [2]. Next")
		if shown.Len() != 0 {
			t.Errorf("shown before the end: %q", shown.String())
		}
		g.cut = cut
		v := g.close()
		want := "Macron fears provoking China [1]. The Quad comprises Japan and India [2]."
		if cut {
			want = ""
		}
		if v.text != want || shown.String() != want {
			t.Errorf("cut %v: final %q, shown %q", cut, v.text, shown.String())
		}
	}
}

// The engine learns from a reply that its model reasons with its opening
// tag stripped, and its next answers stream nothing of the reasoning; a
// model named as a reasoner is held back from its first reply.
func TestModelReasoningWithItsOpeningTagStripped(t *testing.T) {
	for _, name := range []string{"test-model", "deepseek-r1:14b"} {
		srv := llmtest.New(t)
		srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
			n := passageNumber(req, 11)
			return llmtest.Reply{Pieces: []string{
				fmt.Sprintf("Macron fears provoking China [%d]. ", n), "So I answer.\n</think>\n",
				fmt.Sprintf("France has been a vocal critic of NATO’s Asian pivot [%d]. ", n)}}
		})
		e := newEngine(t, srv, WithModel(newModel(t, srv, 2*time.Second), name))
		for i := range 2 {
			var shown strings.Builder
			a, err := e.Ask(context.Background(), Request{Question: franceQ}, func(s string) { shown.WriteString(s) })
			if want := "France has been a vocal critic of NATO’s Asian pivot [1]."; err != nil || a.Text != want {
				t.Errorf("%s, ask %d: %q, %v", name, i, a.Text, err)
			}
			if (i > 0 || name != "test-model") && strings.Contains(shown.String(), "Macron") {
				t.Errorf("%s, ask %d: reasoning shown: %q", name, i, shown.String())
			}
		}
	}
}

// A sentence that runs on past what any answer needs (a model looping) is
// not shown, however it arrives, and its end is not taken for a sentence
// of its own; what follows it is judged as usual. Pending text stays
// small meanwhile (it is split again on every delta).
func TestGateRunOnSentence(t *testing.T) {
	raw := "Macron fears provoking China [1]. Macron fears provoking China" +
		strings.Repeat(", Macron fears provoking China", 400) + ", and Macron fears provoking China [1]. " +
		"The Quad comprises Japan and India [2]."
	want := "Macron fears provoking China [1]. The Quad comprises Japan and India [2]."
	for _, size := range []int{7, 64, len(raw)} {
		var shown strings.Builder
		g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
		most := 0
		for i := 0; i < len(raw); i += size {
			g.write(raw[i:min(i+size, len(raw))])
			most = max(most, len(g.pending))
		}
		v := g.close()
		if v.text != want || shown.String() != want || v.grounding.Unchecked != 1 || v.grounding.Kept != 2 {
			t.Errorf("pieces of %d: final %q, shown %.80q… (%+v)", size, v.text, shown.String(), v.grounding)
		}
		if size < 100 && most > 2*maxSentence+size {
			t.Errorf("pieces of %d: %d bytes pending", size, most)
		}
	}
}

// The refusal sentinel as a model escaping Markdown writes it, or with an
// invisible character in it, split across deltas, still refuses: not the
// "model rejected" fallback.
func TestGateRefusalWrittenOtherwise(t *testing.T) {
	for _, raw := range []string{"NOT\\_IN\\_BRIEFING", "NOT_IN_BRIEF\u200bING.", "**NOT\\_IN\\_BRIEFING**"} {
		var shown strings.Builder
		g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
		for i := 0; i < len(raw); i += 3 {
			g.write(raw[i:min(i+3, len(raw))])
		}
		if v := g.close(); !v.refused || shown.Len() != 0 {
			t.Errorf("%q: refused %v, shown %q", raw, v.refused, shown.String())
		}
	}
}

// A sentence of Chinese or Japanese is shown once the next one begins,
// not one sentence late: "。" ends nothing but a sentence, while a full
// stop may end "U.S." with the sentence going on.
func TestGateShowsCJKSentencesWithoutDelay(t *testing.T) {
	var shown strings.Builder
	g := newGate(gatePassages(t), false, func(s string) { shown.WriteString(s) })
	g.write("马克龙担心激怒中国[1]。法国")
	if !strings.Contains(shown.String(), "马克龙担心激怒中国") {
		t.Errorf("the first sentence is held while the second begins: shown %q", shown.String())
	}
	shown.Reset()
	g = newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
	g.write("The Quad comprises the U.S. Japan")
	if shown.Len() != 0 {
		t.Errorf("a sentence ending in an abbreviation's stop shown before the next word is whole: %q", shown.String())
	}
}

// Reasoning that ran on past what a sentence may be (the gate dropped
// the rest of it), then a stray closing tag: the answer after the tag is
// judged whole, its first sentence included.
func TestGateRunOnReasoningThenStrayTag(t *testing.T) {
	g := newGate(gatePassages(t), true, nil)
	ans := "Macron fears a NATO office in Tokyo could provoke China [1]. NATO invited partners [3]."
	raw := "Let me think, " + strings.Repeat("and then some more words, ", 200) + "</think>" + ans
	for i := 0; i < len(raw); i += 16 {
		g.write(raw[i:min(i+16, len(raw))])
	}
	if v := g.close(); !strings.Contains(v.text, "Macron fears") {
		t.Errorf("the answer's first sentence was dropped: final %q", v.text)
	}
}

// repeatsInstructions finds a run of echoRun words of the instructions
// anywhere in a sentence — at its start, its end, across punctuation and
// case — and not a shorter one.
func TestRepeatsInstructions(t *testing.T) {
	g := &gate{instructions: echoText("Rule 2: After every sentence that states a fact, put the number of its passage.")}
	for body, want := range map[string]bool{
		"after every sentence that states a fact":           true,
		"So: AFTER every sentence, that states a FACT!":     true,
		"Macron says: put the number of its passage":        true,
		"after every sentence that states":                  false, // five words
		"France fears provoking China after every sentence": false,
		"":                              false,
		"number of its passage put the": false,
	} {
		if got := g.repeatsInstructions(body); got != want {
			t.Errorf("repeatsInstructions(%q) = %v, want %v", body, got, want)
		}
	}
	if (&gate{}).repeatsInstructions("after every sentence that states a fact") {
		t.Error("a gate without instructions found them repeated")
	}
}

// A sentence that opens with a mention is judged alone: the valid sentence
// before it is shown, as it would be were the mention on a line of its own
// (knowledge.Sentences splits only before a capital, so "… China [1].
// @everyone …" was one sentence, dropped whole).
func TestGateKeepsSentenceBeforeMention(t *testing.T) {
	raw := "Macron fears a NATO office in Tokyo could provoke China [1]. @everyone Macron fears an office in Tokyo [1]. " +
		"Japan was invited [3]! <@123> NATO leaders gather in Washington D.C. [3]."
	want := "Macron fears a NATO office in Tokyo could provoke China [1]."
	for _, size := range []int{1, 5, len(raw)} {
		v := streamGate(t, raw, size, want)
		if v.grounding.Unsafe != 2 {
			t.Errorf("pieces of %d: grounding %+v, want 2 unsafe", size, v.grounding)
		}
	}
}

// Nothing inside a code block is shown, though its lines have no
// backtick of their own: "sudo rm -rf / [1]" between fences was shown as
// a cited sentence.
func TestGateHidesCodeBlocks(t *testing.T) {
	raw := "Macron fears a NATO office in Tokyo could provoke China [1].\n```sh\nsudo rm -rf / [1]\nMacron fears China [1].\n```\n" +
		"~~~\nrun this now [1].\n~~~\nNATO leaders gather in Washington D.C. for their 75th anniversary summit [3]."
	want := "Macron fears a NATO office in Tokyo could provoke China [1].\nNATO leaders gather in Washington D.C. for their 75th anniversary summit [2]."
	for _, size := range []int{1, 4, len(raw)} {
		streamGate(t, raw, size, want)
	}
}

// streamGate writes raw into a gate in pieces of size and checks that
// what it showed, and its final answer, are want.
func streamGate(t *testing.T, raw string, size int, want string) verified {
	t.Helper()
	var shown []string
	g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
	for i := 0; i < len(raw); i += size {
		g.write(raw[i:min(i+size, len(raw))])
	}
	v := g.close()
	if v.text != want || strings.Join(shown, "") != want {
		t.Errorf("pieces of %d: final %q\nshown %q\nwant  %q", size, v.text, strings.Join(shown, ""), want)
	}
	return v
}

// The tag filter read in pieces, of any size, finds what it finds read
// whole: tags split across pieces, held-back partial tags that turn out
// to be text, blocks left open, stray closing tags.
func TestTagFilterPiecesAsWhole(t *testing.T) {
	for _, raw := range []string{
		"Macron fears China [1].",
		"a <b> c <thin d <think>hidden</think> shown <THINKING>x</thinking>y",
		"reasoning here </think> The answer [1]. <think>more",
		"<thinking>a <think> b </thinking> after </reasoning> last",
		"ends in a partial <thi",
		"ends in a partial closing </reason",
		"<reasoning>" + strings.Repeat("long thinking ", 20) + "</reasoning>then",
		"<seed:think>hidden</seed:think>shown <think >x</think > y",
		"<|thinking|>hidden<|/thinking|>shown ◁think▷x◁/think▷ y <thought>z</thought>",
		"stray </seed:think> answer <b> and <a:b>",
	} {
		want, wantClosed, wantStray := visible(raw, true)
		for size := 1; size <= 7; size++ {
			var f tagFilter
			for i := 0; i < len(raw); i += size {
				f.feed(raw[i:min(i+size, len(raw))])
				if got := f.out.String(); !wantStray && !strings.HasPrefix(want, got) {
					t.Errorf("%q in pieces of %d: %q shown on the way, not the start of %q", raw, size, got, want)
				}
			}
			f.finish()
			if got := f.out.String(); got != want || f.closed != wantClosed || f.stray != wantStray {
				t.Errorf("%q in pieces of %d: %q closed %v stray %v, want %q %v %v", raw, size, got, f.closed, f.stray, want, wantClosed, wantStray)
			}
		}
	}
	if got, _, _ := visible("a <b> c <thin d <think>hidden</think> shown <THINKING>x</thinking>y", true); got != "a <b> c <thin d  shown y" {
		t.Errorf("visible whole: %q", got)
	}
	if got, _, _ := visible("text <thi", false); got != "text " {
		t.Errorf("a partial tag was not held back: %q", got)
	}
}

// A question in another language turns the name check off for answers in
// its language, not for sentences in English: "Pourquoi…?" answered in
// English with names from nowhere showed them.
func TestGateChecksEnglishSentencesOfAForeignQuestion(t *testing.T) {
	g := newGate(gatePassages(t), false, nil)
	g.write("Macron fears provoking Russia and Iran [1]. Macron teme que una oficina en Japón provoque a China [1].")
	v := g.close()
	if want := "Macron teme que una oficina en Japón provoque a China [1]."; v.text != want {
		t.Errorf("final %q, want %q", v.text, want)
	}
}

// A cited yes or no alone is a claim nothing in it can be checked by:
// "Yes, it does [1]." to "Does France support the office?" was shown.
func TestGateDropsVacuousSentences(t *testing.T) {
	g := newGate(gatePassages(t), true, nil)
	g.write("Yes, it does [1]. Macron fears a NATO office in Tokyo could provoke China [1].")
	if v := g.close(); v.text != "Macron fears a NATO office in Tokyo could provoke China [1]." || v.grounding.Unchecked != 1 {
		t.Errorf("final %q, grounding %+v", v.text, v.grounding)
	}
}

// Reasoning tags as other models and servers spell them are reasoning
// too: "<seed:think>…</seed:think>", "<|thinking|>", "◁think▷", "<thought>"
// were shown, tags and thinking alike.
func TestGateReasoningTagVariants(t *testing.T) {
	ans := "Macron fears a NATO office in Tokyo could provoke China [1]."
	for _, raw := range []string{
		"<seed:think>Maybe India [3].</seed:think>" + ans,
		"<think >Maybe India [3].</think >" + ans,
		"<|thinking|>Maybe India [3].<|/thinking|>" + ans,
		"◁think▷Maybe India [3].◁/think▷" + ans,
		"<thought>Maybe India [3].</thought>" + ans,
		"Maybe India [3]. </seed:think>" + ans,
	} {
		for _, size := range []int{1, 3, len(raw)} {
			var shown strings.Builder
			g := newGate(gatePassages(t), true, func(s string) {
				if s != Restart {
					shown.WriteString(s)
				} else {
					shown.Reset()
				}
			})
			for i := 0; i < len(raw); i += size {
				g.write(raw[i:min(i+size, len(raw))])
			}
			if v := g.close(); v.text != ans || shown.String() != ans {
				t.Errorf("%q in pieces of %d: final %q, shown %q", raw, size, v.text, shown.String())
			}
		}
	}
}

// A piece of the stream ending inside a character is held until the
// character is whole: "…China [1]。NATO\xe2\x80" then "\x99s…" showed
// "NATO���s" (the splitter had made the half character U+FFFD).
func TestGateHoldsACharacterCutInTwo(t *testing.T) {
	for _, chunks := range [][]string{
		{"Macron fears provoking China [1]。NATO\xe2\x80", "\x99s Asian pivot [1]!"},
		{"Macron fears provoking China [1]。NATO\xe2", "\x80\x99s Asian pivot [1]!"},
		{"Macron fears provoking China [1]。\xe5\x8c", "\x97\xe4\xba\xac is Beijing [1]。"},
	} {
		var shown strings.Builder
		g := newGate(gatePassages(t), true, func(s string) { shown.WriteString(s) })
		for _, c := range chunks {
			g.write(c)
		}
		v := g.close()
		if !utf8.ValidString(v.text) || strings.ContainsRune(v.text, utf8.RuneError) || !utf8.ValidString(shown.String()) || strings.ContainsRune(shown.String(), utf8.RuneError) {
			t.Errorf("chunks %q: final %q, shown %q", chunks, v.text, shown.String())
		}
	}
}

// Where the stream is cut does not change the answer: a piece ending
// between a sentence's stop and its marker ("…China. [" + "1] …") kept the
// rest a line each, the marker no longer trailed its sentence, and it was
// dropped as uncited while its marker went to the next one.
func TestGateCutBeforeATrailingMarker(t *testing.T) {
	for _, chunks := range [][]string{
		{"The Quad comprises Japan and India [2]. Macron fears provoking China. [", "1] The Quad comprises Japan and Australia [2]."},
		{"The Quad comprises Japan and India [2]。Macron fears provoking China。[", "1]The Quad comprises Japan and Australia [2]。"},
		{"The Quad comprises Japan and India [2]", "。", "Macron fears provoking China", "。", "[", "1", "]", "The Quad comprises Japan and Australia [2]", "。"},
		{"The Quad comprises Japan and India [2]! Macron fears provoking China! [", "1] The Quad comprises Japan and Australia [2]."},
	} {
		whole := newGate(gatePassages(t), true, nil)
		whole.write(strings.Join(chunks, ""))
		want := whole.close().text
		g := newGate(gatePassages(t), true, nil)
		for _, c := range chunks {
			g.write(c)
		}
		if v := g.close(); v.text != want || !strings.Contains(want, "Macron") {
			t.Errorf("chunks %q:\nin pieces %q\nwhole     %q", chunks, v.text, want)
		}
	}
}

// A marker after an abbreviation's full stop does not take the stop from
// it: "the U.S. [3]" was shown "the U.S [1].", "D.C. [3]." as "D.C [1]..".
func TestGateKeepsAnAbbreviationsStop(t *testing.T) {
	for raw, want := range map[string]string{
		"NATO leaders gather in Washington D.C. [3].":                                    "NATO leaders gather in Washington D.C. [1].",
		"NATO leaders gather in Washington D.C. [3] They mark the 75th anniversary [3].": "NATO leaders gather in Washington D.C. [1]. They mark the 75th anniversary [1].",
		"Macron fears provoking China [1].":                                              "Macron fears provoking China [1].",
	} {
		g := newGate(gatePassages(t), true, nil)
		g.write(raw)
		if v := g.close(); v.text != want {
			t.Errorf("%q: final %q, want %q", raw, v.text, want)
		}
	}
}

// The answer keeps its layout — paragraphs, lines, list items — whatever
// the pieces it streams in: a list of cited items was shown as one run of
// text ("…provoke China [1] it could complicate…"). A line whose first
// sentence is dropped still starts a line (as the list item it was); a
// numbered list is numbered anew, with no gap where an item was dropped.
// A list's lead-in is shown with its first item that passes, checked
// against that item's passages ("Germany's worries:" is not); items with
// no marker under a lead-in that cites take its citation.
func TestGateKeepsTheAnswersLayout(t *testing.T) {
	raw := "Macron's concerns:\n" +
		"- An office in Tokyo could provoke China [1].\n" +
		"- It could complicate European efforts with Beijing [1].\n\n" +
		"**The Quad's members:**\n" +
		"1. The U.S. [2]\n" +
		"2. Germany [2]\n" +
		"3. See https://evil.example [2]. Japan, Australia and India [2].\n\n\n" +
		"Germany's worries:\n" +
		"- Macron fears provoking China [1].\n" +
		"Per Macron [1]:\n" +
		"- it could complicate European efforts\n" +
		"- it could provoke Russia\n" +
		"- it could provoke China\n\n" +
		"NATO leaders gather in Washington D.C. [3]. They mark the 75th anniversary [3]."
	want := "Macron's concerns:\n" +
		"- An office in Tokyo could provoke China [1].\n" +
		"- It could complicate European efforts with Beijing [1].\n\n" +
		"**The Quad's members:**\n" +
		"1. The U.S. [2].\n" +
		"2. Japan, Australia and India [2].\n\n" +
		"- Macron fears provoking China [1].\n" +
		"Per Macron [1]:\n" +
		"- it could complicate European efforts [1]\n" +
		"- it could provoke China [1]\n\n" +
		"NATO leaders gather in Washington D.C. [3]. They mark the 75th anniversary [3]."
	for _, size := range []int{1, 2, 5, 16, len(raw)} {
		streamGate(t, raw, size, want)
	}
}

// A lead-in whose count only its list can meet ("The Quad has four
// members [2]:") is held with the list until it ends, then shown with it
// when as many items came, whatever the pieces: what streamed is the
// answer.
func TestGateCountedListStreams(t *testing.T) {
	raw := "The Quad has four members [2]:\n- the U.S.\n- Japan\n- Australia\n- India\n\nThe Quad has three members [2]:\n- Japan is one\n- India is one\n"
	want := "The Quad has four members [1]:\n- the U.S. [1].\n- Japan [1]\n- Australia [1]\n- India [1]\n\n- Japan is one [1]\n- India is one [1]"
	for _, size := range []int{1, 3, 16, len(raw)} {
		streamGate(t, raw, size, want)
	}
}

// A model naming the paragraph it cites by the number the prompt labels
// it with ("Paragraph 11 says…") is shown; the number is no figure of the
// paragraph.
func TestGateParagraphReference(t *testing.T) {
	raw := "Paragraph 11 says Macron fears provoking China [1]. Paragraph 12 says Macron fears provoking China [1]."
	for _, size := range []int{1, len(raw)} {
		streamGate(t, raw, size, "Paragraph 11 says Macron fears provoking China [1].")
	}
}

// A statement of what the passages do not say is shown without a marker,
// but only once something else is: before the first cited sentence it is
// held, so that a reply of nothing else, the model refusing in words,
// shows nothing. One that says a name the passages have is missing is
// false, and dropped.
func TestGateStatementsOfAbsence(t *testing.T) {
	raw := "The briefing doesn't say whether the office would provoke China. Macron fears provoking China [1]. Germany isn't mentioned."
	for _, size := range []int{1, 3, 7, len(raw)} {
		v := streamGate(t, raw, size, raw)
		if v.grounding.Kept != 3 || v.grounding.Uncited != 0 {
			t.Errorf("pieces of %d: grounding %+v", size, v.grounding)
		}
	}
	// Nothing is shown before the cited sentence has passed.
	var shown []string
	g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
	g.write("The briefing doesn't say whether the office would provoke China. Macron fears provoking ")
	if len(shown) > 0 {
		t.Errorf("shown before a cited sentence: %q", shown)
	}
	g.write("China [1]. ")
	g.close()
	// Shown together, in one emit: the held statement with the sentence
	// that lets it be shown.
	if want := []string{"The briefing doesn't say whether the office would provoke China. Macron fears provoking China [1]."}; !slices.Equal(shown, want) {
		t.Errorf("shown %q, want %q", shown, want)
	}

	v := streamGate(t, "The briefing doesn't mention Macron. Macron fears provoking China [1].", 5, "Macron fears provoking China [1].")
	if v.grounding.Uncited != 1 {
		t.Errorf("a false statement of absence: grounding %+v", v.grounding)
	}
	// Statements of absence alone: nothing is shown; opening the reply,
	// one is the model refusing. ("Good question." is no sentence left
	// out: chatter.)
	v = streamGate(t, "Good question. It doesn't say when the office would open.", 4, "")
	if v.refused || v.grounding.Uncited != 1 {
		t.Errorf("absence alone: %+v", v)
	}
	v = streamGate(t, "The briefing doesn't say. No date is given.", 4, "")
	if !v.refused || !v.prose {
		t.Errorf("a refusal in words: %+v", v)
	}
}

// Emphasis a sentence holds whole is left as written; one it opens or
// closes for another sentence is paired in it; one unpaired inside it
// goes.
func TestPairedEmphasis(t *testing.T) {
	for in, want := range map[string]string{
		"**France:** objects [1].":             "**France:** objects [1].",
		"**Macron fears China [1].":            "**Macron fears China [1].**",
		"Japan was invited [2].**":             "**Japan was invited [2].**",
		"*Japan was invited [2].***":           "***Japan was invited [2].***",
		"Macron **fears China [1].":            "Macron **fears China [1].**",
		"2*3 billion and snake_case [1].":      "2*3 billion and snake_case [1].",
		"Japan * Korea [1].":                   "Japan * Korea [1].",
		"||Macron fears China [1].":            "||Macron fears China [1].||",
		"Macron _fears_ China [1].":            "Macron _fears_ China [1].",
		"***Macron fears China [1].":           "***Macron fears China [1].***",
		"Macron fears **China** and Japan [1]": "Macron fears **China** and Japan [1]",
	} {
		if got := paired(in); got != want {
			t.Errorf("paired(%q) = %q, want %q", in, got, want)
		}
	}
}

// A chat model's pleasantries are not shown, nor counted as a sentence
// left out: members would be told something was dropped when nothing of
// the briefing was.
func TestChatterIsNoDroppedSentence(t *testing.T) {
	v := streamGate(t, "Sure! Macron fears provoking China [1].", 4, "Macron fears provoking China [1].")
	if v.grounding.Uncited != 0 || v.grounding.Kept != 1 {
		t.Errorf("grounding %+v, want nothing left out", v.grounding)
	}
	for _, tt := range []struct {
		body string
		want bool
	}{
		{"Sure!", true}, {"Great question! 😄", true}, {"Happy to help 🙂", true}, {"🤝", true},
		{"Sure, NATO objects.", false}, {"Great question about Macron!", false}, {"Yes, Japan.", false}, {"Yes, definitely.", false},
	} {
		if got := chatter(tt.body); got != tt.want {
			t.Errorf("chatter(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// A list's lead-in reaches the watcher with the item it was checked with,
// in one emit: an edit made between two emits would show the lead-in
// alone (seen in CI under load: "Macron's worries:" over "writing…").
func TestGateEmitsLeadInWithItsItem(t *testing.T) {
	var shown []string
	g := newGate(gatePassages(t), true, func(s string) { shown = append(shown, s) })
	g.write("Macron's worries:\n- an office in Tokyo could provoke ")
	g.write("China [1]\n")
	g.close()
	for _, s := range shown {
		if strings.Contains(s, "worries:") && !strings.Contains(s, "provoke China") {
			t.Errorf("the lead-in emitted alone: %q", shown)
		}
	}
	if len(shown) == 0 {
		t.Error("nothing shown")
	}
}
