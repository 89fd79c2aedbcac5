package discord

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
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

// manyBriefings answers as the engine does but knows n briefings.
type manyBriefings struct {
	asking.Answerer
	kb *answer.Knowledge
}

func (m manyBriefings) Knowledge() *answer.Knowledge { return m.kb }

// /briefing with more briefings than one message holds: every one listed
// once, across messages within Discord's limit, all for the asker alone.
func TestBriefingListSplitOverMessages(t *testing.T) {
	t.Parallel()
	base := newEngine(t)
	kb := *base.Knowledge()
	first := kb.Briefings[0]
	kb.Briefings = nil
	for n := range 30 {
		b := first
		b.ID, b.Title = fmt.Sprintf("brief-%02d", n), fmt.Sprintf("Briefing number %02d", n)
		kb.Briefings = append(kb.Briefings, b)
	}
	h := start(t, setup{answerer: manyBriefings{base, &kb}})
	i := h.command("briefing")
	h.waitCallback(i)
	var ms []*discordgo.Message
	h.until("the list's last part", func() bool {
		ms = append([]*discordgo.Message{h.srv.Original(i.Token)}, h.srv.Followups(i.Token)...)
		return strings.Contains(ms[len(ms)-1].Content, "Briefing number 29")
	})
	if len(ms) < 2 {
		t.Fatalf("%d messages, want the list split", len(ms))
	}
	var all strings.Builder
	for n, m := range ms {
		if utf8.RuneCountInString(m.Content) > 2000 || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("part %d: %d characters, flags %b; want ≤ 2,000 and ephemeral", n, utf8.RuneCountInString(m.Content), m.Flags)
		}
		all.WriteString(m.Content + "\n")
	}
	for n := range 30 {
		if c := strings.Count(all.String(), fmt.Sprintf("Briefing number %02d", n)); c != 1 {
			t.Errorf("briefing %02d listed %d times", n, c)
		}
	}
}

// A member replying to the last part of a long answer (it holds the
// buttons) replies to the answer: the follow-up is answered after it
// (here in the channel, where no thread could open and no conversation
// holds the answer but its record).
func TestReplyToALongAnswersLastPart(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: fixed{longAnswer()}}
	h := start(t, setup{answerer: rec})
	lastPart := func(channelID string) *discordgo.Message {
		var last *discordgo.Message
		h.until("the answer's last part", func() bool {
			ms := h.srv.ChannelMessages(channelID)
			for i := len(ms) - 1; i >= 0; i-- {
				if ms[i].Author != nil && ms[i].Author.ID == discordtest.DefaultBotUserID && len(ms[i].Components) > 0 {
					last = ms[i]
					return true
				}
			}
			return false
		})
		return last
	}
	replyTo := func(channelID string, part *discordgo.Message) {
		h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: channelID, Content: "<@" + discordtest.DefaultBotUserID + "> and why?",
			Mentions: []*discordgo.User{botUser()}, Type: discordgo.MessageTypeReply,
			MessageReference: &discordgo.MessageReference{MessageID: part.ID, ChannelID: channelID, GuildID: h.guild}, ReferencedMessage: part})
	}

	// In the channel: Discord refuses the thread.
	general := h.srv.GeneralChannel(h.guild)
	h.srv.FailNext("POST", "/channels/"+general+"/messages/310000000000000001/threads", http.StatusForbidden)
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: general, ID: "310000000000000001",
		Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()}})
	replyTo(general, lastPart(general))
	h.until("the follow-up asked", func() bool { return len(rec.requests()) == 2 })
	if hist := rec.requests()[1].History; len(hist) == 0 || hist[len(hist)-1].Question != franceQ {
		t.Errorf("the follow-up to the last part has history %+v, want the answer's turn", hist)
	}
}
