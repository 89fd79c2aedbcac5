package discord

import (
	"context"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestSessionChat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		chat bool
	}{
		{"thanks!", true},
		{"Thank you so much for explaining all of that today", true},
		{"lol", true},
		{"+1", true},
		{"ok", true},
		{"👍🎉", true},
		{"?", true},
		{"same here", true},
		{"ok?", true},
		{"lol??", true},
		{"Yes, but why does France oppose it?", false},
		{"great question, thanks everyone", true},
		{"Welcome everyone, ask away", true},
		{"Why does France oppose the office?", false},
		{"why does france oppose a nato office in tokyo", false},
		{"explain why France opposes the office", false},
		{"Please explain why France opposes the office", false},
		{"hey everyone, tell me about the Tokyo office", false},
		{"thanks! why does France oppose it", false},
		{"I wonder what Japan thinks", false},
		{"France's position on the NATO liaison office in Tokyo is unclear to me", false},
		{"No one has explained what Macron said about the office", false},
	} {
		if got := sessionChat(tc.text); got != tc.chat {
			t.Errorf("sessionChat(%q) = %v, want %v", tc.text, got, tc.chat)
		}
	}
}

// Chat in a session's thread — thanks, laughter, "+1", an emoji — and
// the educator's own messages are not queued: they took numbers, counted
// against a member's five waiting questions, were drafted and posted by
// /session next. A question without a question mark still is.
func TestSessionChatIsNotQueued(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Chat")
	say := func(user, text string) {
		e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: text,
			Author: &discordgo.User{ID: user, Username: "u" + user}})
	}
	// The educator who started it (eduManager), welcoming the class, and
	// asking something themselves.
	say(eduManager, "Welcome everyone, ask away")
	say(eduManager, "Why does Japan want NATO in Asia? Think about it while we start.")
	for _, text := range []string{"thanks!", "lol", "+1", "ok", "👍🎉", "great question, thanks everyone"} {
		say(eduMember, text)
	}
	// A question without a question mark, after the chat: queued, and
	// the member's quota was not used up by the chat.
	asked := e.inThread(thread, eduMember, "explain why France opposes the office")
	seq := seqOf(t, asked)
	time.Sleep(300 * time.Millisecond) // the chat's handling, had it been queued
	qs, err := e.ed.Sessions.Questions(ctx, thread)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 1 || qs[0].Text != "explain why France opposes the office" || seq != "1" {
		var texts []string
		for _, q := range qs {
			texts = append(texts, q.Text)
		}
		t.Errorf("queued %q (the question #%s), want the member's question only, as #1", texts, seq)
	}
	// The bot replied to the question only: not to chat, nor to the
	// educator.
	for _, x := range e.srv.ChannelMessages(thread) {
		if x.MessageReference != nil && x.ID != asked.ID {
			t.Errorf("the bot replied to message %s (not the question): %q", x.MessageReference.MessageID, x.Content)
		}
	}
}
