package discord

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/bwmarrin/discordgo"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (-update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// renderedMessages is what golden files hold: each message of an answer
// and the buttons under the last.
func renderedMessages(k *answer.Knowledge, question string, a answer.Answer, answerID string) string {
	parts := splitContent(renderAnswer(english, question, a), contentBudget)
	var b strings.Builder
	for i, p := range parts {
		b.WriteString("=== message " + string(rune('1'+i)) + " (" + itoa(utf8.RuneCountInString(p)) + " characters)\n")
		b.WriteString(p + "\n")
	}
	comps, _ := json.MarshalIndent(answerButtons(k, a, answerID, false, false, english), "", "  ")
	b.WriteString("=== buttons\n" + string(comps) + "\n")
	// The knowledge version changes with every edit of the briefing.
	return strings.ReplaceAll(b.String(), k.Version[:versionPrefix], "<version>")
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestRenderGolden(t *testing.T) {
	k := testKnowledge(t)
	title := k.Briefings[0].Title
	quote := func(p int) string { return k.Briefings[0].Paragraphs[p-1] }
	cite := func(n, p int) answer.Citation {
		return answer.Citation{N: n, Briefing: title, Paragraph: p, ChunkID: k.Briefings[0].ID + "#p" + itoa(p), Quote: quote(p)}
	}
	long := strings.Repeat("NATO's partners in Asia weigh the summit's words carefully [1]. ", 30) +
		"\n\n```\ncode that must stay fenced\n" + strings.Repeat("line of code\n", 60) + "```\n\n" +
		strings.Repeat("Beijing answered through its ministry spokesman 🌏 [2]. ", 20)
	tests := []struct {
		name     string
		question string
		a        answer.Answer
	}{
		{"extractive.golden", franceQ, answer.Answer{
			Text: "President Emmanuel Macron opposed the office [1]. Japan's ties matter too [2].", Mode: answer.ModeExtractive,
			Citations: []answer.Citation{cite(1, 11), cite(2, 3)}, KnowledgeVersion: k.Version}},
		{"notice.golden", "", answer.Answer{
			Text: "Macron opposed it [1].", Mode: answer.ModeExtractive, Citations: []answer.Citation{cite(1, 11)},
			Notices: []answer.Notice{{Kind: answer.NoticeModelDown}}, KnowledgeVersion: k.Version}},
		{"refusal.golden", "Who won the 2022 FIFA World Cup?", answer.Answer{
			Text: "The briefing doesn't say. I can only answer from \"" + title + "\" (2024-07-10).", Refused: true, KnowledgeVersion: k.Version}},
		{"mentions.golden", "ping <@1> @here", answer.Answer{
			Text: "@everyone look: <@&1> and <@2> [1]", Mode: answer.ModeLLM, Citations: []answer.Citation{cite(1, 2)}, KnowledgeVersion: k.Version}},
		{"long.golden", "Tell me everything", answer.Answer{
			Text: long, Mode: answer.ModeLLM, Citations: []answer.Citation{cite(1, 1), cite(2, 5)}, KnowledgeVersion: k.Version}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.name, renderedMessages(k, tt.question, tt.a, "1234567890"))
		})
	}
	t.Run("passages.golden", func(t *testing.T) {
		golden(t, "passages.golden", renderPassages([]answer.Citation{cite(1, 11), cite(2, 3)}))
	})
}

func TestSplitContent(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
	}{
		{"marker at the limit", strings.Repeat("a", 15) + " [12] tail", 18},
		{"multibyte", strings.Repeat("é🌏", 50), 17},
		{"code fence", "intro\n```\n" + strings.Repeat("x y\n", 20) + "```\nend", 30},
		{"paragraphs", strings.Repeat("word ", 10) + "\n\n" + strings.Repeat("next ", 10), 60},
		{"no spaces", strings.Repeat("x", 100), 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := splitContent(tt.in, tt.max)
			if len(parts) < 2 {
				t.Fatalf("not split: %q", parts)
			}
			for _, p := range parts {
				if n := utf8.RuneCountInString(p); n > tt.max {
					t.Errorf("part of %d runes > %d: %q", n, tt.max, p)
				}
				if !utf8.ValidString(p) {
					t.Errorf("invalid UTF-8: %q", p)
				}
				if strings.Count(p, "```")%2 != 0 {
					t.Errorf("unbalanced code fence: %q", p)
				}
				if o, c := strings.Count(p, "["), strings.Count(p, "]"); o != c {
					t.Errorf("split marker: %q", p)
				}
			}
			joined := strings.Join(parts, "")
			strip := func(s string) string {
				return strings.Join(strings.Fields(strings.ReplaceAll(s, "```", "")), "")
			}
			if strip(joined) != strip(tt.in) {
				t.Errorf("text lost or changed:\n%q\n%q", joined, tt.in)
			}
		})
	}
}

func TestSuggestions(t *testing.T) {
	k := testKnowledge(t)
	tests := []struct {
		typed     string
		wantFirst string
		wantSome  string
	}{
		{"", "What does the briefing say about NATO's 75th anniversary summit in Washington?", ""},
		{"france", "france", "divisions inside NATO"},
		{"tokyo office", "tokyo office", "office in Tokyo"},
	}
	for _, tt := range tests {
		got := suggestions(k, tt.typed)
		if len(got) == 0 || len(got) > 25 || got[0].Name != tt.wantFirst {
			t.Errorf("%q: %d choices, first %v", tt.typed, len(got), got)
			continue
		}
		found := tt.wantSome == ""
		for _, c := range got {
			if utf8.RuneCountInString(c.Name) > 100 {
				t.Errorf("choice over 100 characters: %q", c.Name)
			}
			if strings.Contains(c.Name, tt.wantSome) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no choice mentions %q: %v", tt.typed, tt.wantSome, got)
		}
	}
}

func TestRedactHidesInteractionToken(t *testing.T) {
	err := redact(errors.New(`Patch "https://discord.com/api/v9/webhooks/1/SECRET-TOKEN/messages/@original": dial tcp: refused`), "SECRET-TOKEN")
	if strings.Contains(err.Error(), "SECRET-TOKEN") || !strings.Contains(err.Error(), "<interaction-token>") {
		t.Errorf("redacted = %v", err)
	}
	if redact(nil, "x") != nil {
		t.Error("redact(nil) != nil")
	}
}

func TestPassagesShowMarkdownAsText(t *testing.T) {
	quote := "# Big claim\n> quoted\n-# small print\n- a bullet\n2. a step\nSee [the source](https://evil.example) and C:\\path *now* `x` ~~y~~ ||z||"
	got := renderPassages([]answer.Citation{{N: 1, Paragraph: 3, Briefing: "T [x](https://evil.example)", Quote: quote}})
	for _, want := range []string{
		"> \\# Big claim", "> \\> quoted", "> \\-# small print", "> \\- a bullet", "> 2\\. a step",
		"\\[the source\\](https://evil.example)", "C:\\\\path", "\\*now\\*", "\\`x\\`", "\\~\\~y\\~\\~", "\\|\\|z\\|\\|",
		"*T \\[x\\](https://evil.example)*",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("passages lack %q:\n%s", want, got)
		}
	}
}

// The question echoed above an answer is the asker's text, shown as they
// typed it: a masked link, a spoiler or a code fence in it must not make
// the bot's message carry a link, hide text or turn the answer below into
// a code block (a split answer closes and reopens fences it counts).
func TestQuestionEchoShowsMarkdownAsText(t *testing.T) {
	q := "see [the official report](https://evil.example) ||secret|| ``` why does *France* oppose the office?"
	a := answer.Answer{Text: strings.Repeat("Macron opposed the office in Tokyo [1]. ", 80), Mode: answer.ModeLLM,
		Citations: []answer.Citation{{N: 1, Briefing: "T", Paragraph: 11}}}
	for name, got := range map[string]string{
		"answer":  renderAnswer(english, q, a),
		"partial": renderPartial(english, q, "Macron opposed it [1]."),
		"queued":  renderQueued(english, q, 2),
		"merged":  tr(english, msgSessionMerged, 3, quotedQuestion(q, 200), "2 votes"),
	} {
		for _, want := range []string{`\[the official report\](https://evil.example)`, `\|\|secret\|\|`, "\\`\\`\\`", `\*France\*`} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: echo lacks %q:\n%s", name, want, truncateRunes(got, 200))
			}
		}
	}
	for i, p := range splitContent(renderAnswer(english, q, a), contentBudget) {
		if strings.Contains(p, "```") {
			t.Errorf("part %d has a code fence the answer never had:\n%s", i+1, truncateRunes(p, 200))
		}
	}
}

// A question typed past what a choice holds (100 characters) is not
// offered back cut short: picking that choice would ask the cut question
// ("…" and all). No choice is offered, and the question goes as typed.
func TestSuggestionsNeverCutTheTypedQuestion(t *testing.T) {
	typed := "Why does France oppose a NATO office in Tokyo, and what did Macron say about keeping a balance with Beijing?"
	if utf8.RuneCountInString(typed) <= 100 {
		t.Fatal("the typed question must be over 100 characters")
	}
	for _, c := range suggestions(testKnowledge(t), typed) {
		if s, _ := c.Value.(string); strings.HasSuffix(s, "…") && strings.HasPrefix(typed, strings.TrimSuffix(s, "…")) {
			t.Errorf("choice %q is the typed question cut short", s)
		}
	}
	if got := suggestions(testKnowledge(t), typed); len(got) != 0 {
		t.Errorf("%d choices for a question too long for one, want none (Enter asks what was typed)", len(got))
	}
}

// TestNoticesInTheAskersLanguage: every notice the answering core gives
// is said in each language the bot speaks; the English is answer's own.
func TestNoticesInTheAskersLanguage(t *testing.T) {
	all := []answer.Notice{{Kind: answer.NoticeModelBusy}, {Kind: answer.NoticeModelSlow}, {Kind: answer.NoticeModelDown}, {Kind: answer.NoticeModelSetup},
		{Kind: answer.NoticeModelRejected}, {Kind: answer.NoticeDropped, N: 2}, {Kind: answer.NoticeCut, N: 900}}
	for _, n := range all {
		if got := noticeText(english, []answer.Notice{n}); got != n.Text() {
			t.Errorf("%s in English: %q, the core says %q", n.Kind, got, n.Text())
		}
		for _, l := range locales {
			got := noticeText(l, []answer.Notice{n})
			if l != english && got == n.Text() {
				t.Errorf("%s: %s left in English", l, n.Kind)
			}
			if (n.N != 0) != strings.Contains(got, strconv.Itoa(n.N)) {
				t.Errorf("%s: %s without its number: %q", l, n.Kind, got)
			}
		}
	}
	over := answer.Notice{Kind: answer.NoticeOverviewInEnglish, Lang: "fr"}
	if got := noticeText(discordgo.German, []answer.Notice{over}); got != over.Text() || !strings.Contains(got, "anglais") {
		t.Errorf("an overview in English, asked in French: %q", got)
	}
	two := noticeText(discordgo.French, []answer.Notice{{Kind: answer.NoticeCut, N: 900}, {Kind: answer.NoticeModelSlow}})
	if !strings.HasPrefix(two, "Votre question faisait 900 caractères") || !strings.HasSuffix(two, "le briefing.") {
		t.Errorf("two notices: %q", two)
	}
}

// A spoiler or a strikethrough in an answer is shown as written, streamed
// and final: neither can hide or reverse what the checked sentence says.
func TestAnswerSpoilersAndStrikethroughShownAsWritten(t *testing.T) {
	text := "NATO ~~opposes~~ the ||Tokyo office|| [1]."
	want := `NATO \~\~opposes\~\~ the \|\|Tokyo office\|\| [1].`
	if got := renderAnswer(english, "", answer.Answer{Text: text}); !strings.HasPrefix(got, want) {
		t.Errorf("final: %q", got)
	}
	if got := renderPartial(english, "", text); !strings.HasPrefix(got, want) {
		t.Errorf("streamed: %q", got)
	}
}

// A refusal names briefings' titles and topics, written by moderators
// and authors: shown as written, never as a masked link, a spoiler or
// a mention.
func TestRefusalShowsTitlesAsWritten(t *testing.T) {
	a := answer.Answer{Mode: answer.ModeExtractive, Refused: true,
		Text: `The briefing doesn't say. I can only answer from "[Click](https://evil.example) ||now||" (1 May 2024). It covers: *bold*; @everyone.`}
	got := renderAnswer(english, "Who won?", a)
	for _, bad := range []string{"[Click](", "||now||", "*bold*", "@everyone"} {
		if strings.Contains(got, bad) {
			t.Errorf("refusal shows %q as Markdown:\n%s", bad, got)
		}
	}
	if !strings.Contains(got, `\[Click\]`) || !strings.Contains(got, "ℹ️ The briefing doesn't say.") {
		t.Errorf("refusal:\n%s", got)
	}
}

// An educator's own words in an edited refused draft keep their emphasis,
// as an edited answer's do; the bot's refusal is shown as written.
func TestEditedRefusalKeepsEmphasis(t *testing.T) {
	draft := answer.Answer{Mode: answer.ModeExtractive, Refused: true, Text: "The briefing doesn't say. It covers: *x*."}
	edited, err := session.CheckEdit(draft, "The briefing does **not** cover the 2025 summit; ask me about *AUKUS*.")
	if err != nil || !edited.Refused {
		t.Fatalf("edit: %+v, %v", edited, err)
	}
	q := session.Question{Seq: 1, Text: "Who won?", Draft: &edited, Edited: true}
	if got := renderSessionAnswer(english, q); !strings.Contains(got, "**not**") {
		t.Errorf("edited refusal rendered:\n%s", got)
	}
	q.Draft, q.Edited = &draft, false
	if got := renderSessionAnswer(english, q); !strings.Contains(got, `\*x\*`) {
		t.Errorf("the bot's refusal rendered:\n%s", got)
	}
}

// A line of the bot's under an answer that ends in a list's item (the
// "writing…" line, the approved mark) is set off by a blank line:
// Discord's Markdown would read it as the item going on.
func TestLineUnderAListIsItsOwn(t *testing.T) {
	for text, sep := range map[string]string{
		"Macron objects [1].":                       "\n",
		"Concerns:\n- provoking China [1]":          "\n\n",
		"Concerns:\n12. provoking China [1]":        "\n\n",
		"- provoking China [1]\nSo he objects [1].": "\n",
	} {
		if got := renderPartial(english, "", text); !strings.HasSuffix(got, text+sep+writingLine) {
			t.Errorf("partial of %q: %q", text, got)
		}
		a := answer.Answer{Text: text, Mode: answer.ModeApproved}
		if got := renderAnswer(english, "", a); !strings.Contains(got, text+sep+"-# ") {
			t.Errorf("approved %q: %q", text, got)
		}
	}
}

// A streamed answer longer than a message shows the whole sentences that
// fit, under the writing line: never a sentence cut in the middle.
func TestRenderPartialLongAnswer(t *testing.T) {
	sentence := "Macron fears that an office in Tokyo could unnecessarily provoke China [1]. "
	text := strings.TrimSpace(strings.Repeat(sentence, 40))
	got := renderPartial(english, "Why does France oppose it?", text)
	if n := utf8.RuneCountInString(got); n > contentBudget {
		t.Fatalf("%d runes, over the budget", n)
	}
	if !strings.HasSuffix(got, "[1].\n"+writingLine) {
		t.Errorf("does not end with a whole sentence and the writing line:\n…%s", got[max(0, len(got)-200):])
	}
}

// Text with no citation markers (a passage, a notice) is cut at a
// sentence's end, not after an abbreviation's period inside one.
func TestSplitPassageTextNotAtAnAbbreviation(t *testing.T) {
	text := strings.Repeat("x", 1850) + " leaders gather in Washington D.C. for their anniversary summit and more words follow here"
	parts := splitContent(text, 1900)
	if len(parts) < 2 {
		t.Fatalf("one part")
	}
	if strings.HasSuffix(parts[0], "D.C.") {
		t.Errorf("cut after an abbreviation: …%s | %s…", parts[0][len(parts[0])-30:], parts[1][:20])
	}
}
