package discord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/llm"
	"github.com/briefbot/briefbot/bot/llm/llmanswer"
	"github.com/briefbot/briefbot/bot/llm/llmtest"
	"github.com/briefbot/briefbot/prompts"
)

// startStreamingPrompt is startStreaming with pieces made from the whole
// parsed prompt (every passage's number and text), so that a test can
// write a long answer quoting the briefing, each sentence citing its
// passage.
func startStreamingPrompt(t *testing.T, delay time.Duration, pieces func(p prompts.Parsed) []string) *harness {
	t.Helper()
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		p, _ := prompts.ParseAnswer(req.Messages[len(req.Messages)-1].Content)
		return llmtest.Reply{PieceDelay: delay, Pieces: pieces(p)}
	})
	model, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: llmtest.ChatModel}, nil)
	if err != nil {
		t.Fatal(err)
	}
	engine := newEngine(t, answer.WithModel(llmanswer.New(model), llmtest.ChatModel), answer.WithAnswerLimits(32000, 0))
	return start(t, setup{answerer: engine, cfg: Config{EditInterval: 30 * time.Millisecond}})
}

// everySentence is every sentence of every passage of the prompt, quoted
// and cited, but those with quotation marks.
func everySentence(p prompts.Parsed) []string {
	var out []string
	for _, ps := range p.Passages {
		for _, s := range strings.SplitAfter(ps.Text, ". ") {
			s = strings.TrimSuffix(strings.TrimSpace(s), ".")
			if strings.ContainsAny(s, "“”\"") || len(s) < 40 {
				continue
			}
			out = append(out, fmt.Sprintf("%s [%d]. ", s, ps.N))
		}
	}
	return out
}

// partialEdits are the contents of the edits of i's original message that
// are not its final one (no buttons come with them).
func partialEdits(t *testing.T, h *harness, i *discordgo.Interaction) []string {
	t.Helper()
	var out []string
	for _, r := range h.srv.Requests() {
		if r.Method != http.MethodPatch || !strings.Contains(r.Path, i.Token) || !strings.Contains(r.Path, "/messages/@original") {
			continue
		}
		var edit struct {
			Content    string
			Components *[]json.RawMessage
		}
		if err := json.Unmarshal(r.Body, &edit); err != nil {
			t.Fatal(err)
		}
		if edit.Components == nil {
			out = append(out, edit.Content)
		}
	}
	return out
}

// QA 17a: a model answer longer than one Discord message, streamed. Once
// the checked sentences shown pass 1,900 characters, every streamed edit
// is the same text cut at 1,900 characters with "…": the member sees a
// checked sentence cut in the middle (a claim the checker never passed:
// "…could unnecessarily…" ends where the cut falls), the "✍️ writing…"
// line gone, and the message frozen, until the final edit splits the
// answer over two messages; each of those edits is sent to Discord all
// the same, unchanged, once a second. A streamed edit should show whole
// checked sentences only, under the "writing…" line.
func TestQA17aLongStreamedAnswerKeepsWholeSentencesAndWritingLine(t *testing.T) {
	t.Parallel()
	h := startStreamingPrompt(t, 10*time.Millisecond, everySentence)
	i := h.ask(franceQ, false)
	h.waitFinal(i)
	// The final answer is the original message's last edit and the
	// follow-ups after it, the buttons under the last.
	h.until("the answer's last part", func() bool {
		fs := h.srv.Followups(i.Token)
		return len(fs) > 0 && len(buttonIDs(fs[len(fs)-1])) > 0
	})
	var total int
	for _, m := range append([]*discordgo.Message{h.srv.Original(i.Token)}, h.srv.Followups(i.Token)...) {
		total += len([]rune(m.Content))
	}
	if total < 2100 {
		t.Fatalf("the answer is %d characters long, want one longer than a message", total)
	}
	partials := partialEdits(t, h, i)
	if len(partials) == 0 {
		t.Fatal("no streamed edit")
	}
	same := 0
	for k, c := range partials {
		if k > 0 && c == partials[k-1] {
			same++ // an edit that changes nothing, sent to Discord all the same
		}
		if !strings.HasSuffix(c, writingLine) {
			end := c[max(0, len(c)-120):]
			t.Errorf("a streamed edit (%d characters) does not end with the writing line; it ends:\n…%s", len([]rune(c)), end)
		}
	}
	if same > 0 {
		t.Errorf("%d of %d streamed edits repeat the edit before them unchanged (the answer frozen at the cut)", same, len(partials))
	}
}

// QA 17a: "Show passages" under a long answer that cites many paragraphs.
// The answer's Sources line lists every citation ([1] ¶1 … [20] ¶24), but
// the button's custom id holds only the references that fit in Discord's
// 100 characters: a member clicking it is shown the first sixteen or so
// passages, and the paragraphs the answer's last sentences cite are not
// among them, with nothing to say so. Every citation the answer shows
// should be quotable.
func TestQA17aShowPassagesShowsEveryCitation(t *testing.T) {
	t.Parallel()
	h := startStreamingPrompt(t, time.Millisecond, everySentence)
	i := h.ask(franceQ, false)
	h.waitFinal(i)
	h.until("the answer's last part", func() bool {
		fs := h.srv.Followups(i.Token)
		return len(fs) > 0 && len(buttonIDs(fs[len(fs)-1])) > 0
	})
	fs := h.srv.Followups(i.Token)
	last := fs[len(fs)-1]
	all := h.srv.Original(i.Token).Content
	for _, m := range fs {
		all += "\n" + m.Content
	}
	// The Sources line's citations: "[n] ¶p".
	src := all[strings.LastIndex(all, "-# Sources"):]
	var cited []string
	for _, f := range strings.Split(src, " · ") {
		if strings.HasPrefix(f, "[") || strings.Contains(f, ": [") {
			ref := f[strings.Index(f, "["):]
			cited = append(cited, ref)
		}
	}
	if len(cited) < 18 {
		t.Fatalf("the answer cites %d paragraphs, want many:\n%s", len(cited), src)
	}
	var show string
	for _, id := range buttonIDs(last) {
		if strings.HasPrefix(id, prefixSources) {
			show = id
		}
	}
	if show == "" {
		t.Fatalf("no Show passages button: %v", buttonIDs(last))
	}
	c := h.click(last, show, "200000000000000009")
	h.waitCallback(c)
	// The passages come in order, over several messages: the id's last
	// one shown, all are.
	lastRef := "**" + cited[len(cited)-1] + "**"
	var shown string
	h.until("every part of the passages", func() bool {
		shown = ""
		if o := h.srv.Original(c.Token); o != nil {
			shown = o.Content
		}
		for _, m := range h.srv.Followups(c.Token) {
			shown += "\n" + m.Content
		}
		return strings.Contains(shown, lastRef)
	})
	var missing []string
	for _, ref := range cited {
		if !strings.Contains(shown, "**"+ref+"**") {
			missing = append(missing, ref)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the answer cites %d passages; Show passages leaves out %v", len(cited), missing)
	}
}
