package discord

import (
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// A member replies to someone else's message and mentions the bot: "@bot
// is this true?", or the mention alone. What they ask about is the
// message they reply to: it is asked with their words, not left out
// (the bot said "the briefing doesn't say" to "is this true?", and
// "please ask a question" to the bare mention).
func TestMembersQAMentionInAReplyAsksAboutTheMessage(t *testing.T) {
	t.Parallel()
	me := "<@" + discordtest.DefaultBotUserID + ">"
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	alice := &discordgo.User{ID: "300000000000000009", Username: "alice"}
	claim := "Why is France against the NATO office in Tokyo?"
	orig := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Author: alice, Content: claim})
	for _, text := range []string{me + " can you answer this?", me} {
		q := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: text, Mentions: []*discordgo.User{botUser()},
			Type: discordgo.MessageTypeReply, ReferencedMessage: orig,
			MessageReference: &discordgo.MessageReference{MessageID: orig.ID, ChannelID: orig.ChannelID, GuildID: h.guild}})
		h.until("the thread", func() bool { return h.srv.Channel(q.ID) != nil })
		a := h.waitAnswerIn(q.ID, 0)
		if !strings.Contains(a.Content, "Macron") || !strings.Contains(a.Content, "¶11") {
			t.Errorf("%q in a reply to %q: answer = %q, want France's objection, cited", text, claim, a.Content)
		}
	}
	for _, r := range rec.requests() {
		if !strings.Contains(r.Question, claim) {
			t.Errorf("asked %q, want the message replied to in the question", r.Question)
		}
	}
}

// The message replied to takes only the room the member's own words leave
// in a question: questions are cut at their end, and the end of a long
// reply is what the member asks ("… WHAT DOES THE BRIEFING SAY ABOUT
// JAPAN?" was cut off behind a 300-character quote).
func TestMembersQAQuotedMessageLeavesTheQuestion(t *testing.T) {
	t.Parallel()
	me := "<@" + discordtest.DefaultBotUserID + ">"
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	alice := &discordgo.User{ID: "300000000000000009", Username: "alice"}
	orig := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Author: alice, Content: strings.Repeat("NATO is going to Asia and everyone is upset about it. ", 10)})
	ask := " WHAT DOES THE BRIEFING SAY ABOUT JAPAN?"
	text := me + " " + strings.Repeat("I have been reading about this for a while now. ", 8) + ask
	q := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: text, Mentions: []*discordgo.User{botUser()},
		Type: discordgo.MessageTypeReply, ReferencedMessage: orig,
		MessageReference: &discordgo.MessageReference{MessageID: orig.ID, ChannelID: orig.ChannelID, GuildID: h.guild}})
	h.until("the thread", func() bool { return h.srv.Channel(q.ID) != nil })
	h.waitAnswerIn(q.ID, 0)
	reqs := rec.requests()
	if len(reqs) == 0 {
		t.Fatal("nothing asked")
	}
	if got := reqs[0].Question; !strings.HasSuffix(got, strings.TrimSpace(ask)) || !strings.Contains(got, "NATO is going to Asia") {
		t.Errorf("asked %q, want the start of the message replied to, then the member's words to their end", got)
	}
}

// A thread's title shows no Markdown: a question whose member hid part of
// it behind a spoiler (||…||) showed that part to everyone in the title.
func TestThreadNameHidesSpoilers(t *testing.T) {
	for q, want := range map[string]string{
		"did ||france|| oppose the office?":           "did ▒▒▒ oppose the office?",
		"||why|| and ||how||?":                        "▒▒▒ and ▒▒▒?",
		"a | pipe and || alone":                       "a | pipe and || alone",
		"is ||Japan | Korea|| mentioned?":             "is ▒▒▒ mentioned?",
		"is ||A|B|| the answer?":                      "is ▒▒▒ the answer?",
		"why does `a || b` differ from `c || d` here": "why does `a || b` differ from `c || d` here",
		"`x` and ||y||":                               "`x` and ▒▒▒",
		"":                                            "Question",
	} {
		if got := threadName(q); got != want {
			t.Errorf("threadName(%q) = %q, want %q", q, got, want)
		}
	}
}

// A member who lengthens their reply while its answer is written: the
// quote of the message replied to takes only the room the edited words
// leave, as it did for the first text (it kept the room the short first
// text had left, and the end of the edit — its question — was cut).
func TestMembersQAQuotedMessageFitsAnEdit(t *testing.T) {
	t.Parallel()
	me := "<@" + discordtest.DefaultBotUserID + ">"
	g := newGated(newEngine(t), "France objects to the office [1].")
	h := start(t, setup{answerer: g})
	t.Cleanup(sync.OnceFunc(func() { close(g.release) }))
	alice := &discordgo.User{ID: "300000000000000009", Username: "alice"}
	orig := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Author: alice, Content: strings.Repeat("NATO is going to Asia and everyone is upset about it. ", 10)})
	q := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: me + " is this true?", Mentions: []*discordgo.User{botUser()},
		Type: discordgo.MessageTypeReply, ReferencedMessage: orig,
		MessageReference: &discordgo.MessageReference{MessageID: orig.ID, ChannelID: orig.ChannelID, GuildID: h.guild}})
	<-g.started
	ask := "WHAT DOES THE BRIEFING SAY ABOUT JAPAN?"
	h.edit(q, me+" "+strings.Repeat("I have been reading about this for a while now. ", 8)+ask)
	h.until("the edit asked", func() bool { return len(g.requests()) >= 2 })
	got := g.requests()[1].Question
	if !strings.HasSuffix(got, ask) || !strings.Contains(got, "NATO is going to Asia") {
		t.Errorf("the edit asked %q, want the start of the message replied to, then the edited words to their end", got)
	}
}
