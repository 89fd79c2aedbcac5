package discord

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// longAnswer is an answer too long for one Discord message: 40 numbered
// sentences, so that a lost or repeated one shows.
func longAnswer() answer.Answer {
	var b strings.Builder
	for n := range 40 {
		fmt.Fprintf(&b, "Sentence %02d: France, for instance, has been a vocal critic of the Asian pivot, the briefing says. [1] ", n)
	}
	return answer.Answer{Text: strings.TrimSpace(b.String()), Mode: answer.ModeLLM,
		Citations: []answer.Citation{{N: 1, Briefing: "B", Paragraph: 11, ChunkID: "nato-indo-pacific-2024#p11", Quote: "France, for instance…"}}}
}

// checkSplit checks that messages carry every sentence of longAnswer once,
// in order, each within Discord's limit, with the buttons under the last
// one only.
func checkSplit(t *testing.T, ms []*discordgo.Message) {
	t.Helper()
	if len(ms) < 2 {
		t.Fatalf("%d messages, want the answer split over several", len(ms))
	}
	var all strings.Builder
	for i, m := range ms {
		if n := utf8.RuneCountInString(m.Content); n > 2000 {
			t.Errorf("message %d has %d characters, over Discord's 2,000", i, n)
		}
		if last := i == len(ms)-1; last != (len(m.Components) > 0) {
			t.Errorf("message %d of %d: %d component rows; the buttons go under the last message only", i+1, len(ms), len(m.Components))
		}
		all.WriteString(m.Content + "\n")
	}
	text := all.String()
	at := 0
	for n := range 40 {
		s := fmt.Sprintf("Sentence %02d:", n)
		i := strings.Index(text[at:], s)
		if i < 0 || strings.Count(text, s) != 1 {
			t.Fatalf("%q missing, out of order or repeated in:\n%s", s, text)
		}
		at += i
	}
	if !strings.Contains(text, "¶11") {
		t.Errorf("the sources are missing:\n%s", text)
	}
}

func TestLongAnswerSplitOverMessages(t *testing.T) {
	t.Parallel()
	h := start(t, setup{answerer: fixed{longAnswer()}})

	// /ask: the first part replaces the placeholder, the rest follow.
	i := h.ask(franceQ, false)
	first := h.waitFinal(i)
	var follow []*discordgo.Message
	h.until("the follow-ups with the buttons", func() bool {
		follow = h.srv.Followups(i.Token)
		return len(follow) > 0 && len(follow[len(follow)-1].Components) > 0
	})
	checkSplit(t, append([]*discordgo.Message{first}, follow...))

	// A mention: the answer is split in the thread the same way.
	q := h.mention(franceQ)
	var ms []*discordgo.Message
	h.until("the answer's last part in the thread", func() bool {
		ms = ms[:0]
		for _, m := range h.srv.ChannelMessages(q.ID) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && m.Content != thinkingText {
				ms = append(ms, m)
			}
		}
		return len(ms) > 1 && len(ms[len(ms)-1].Components) > 0
	})
	checkSplit(t, ms)
	h.checkNoMentions()
}
