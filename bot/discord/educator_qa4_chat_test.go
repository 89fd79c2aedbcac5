package discord

import (
	"context"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// real questions the new chat filter drops silently (no reply, not
// queued). A Japanese or Chinese question has no spaces, so it counts as
// one "word" and, without a question mark (Japanese questions usually
// end in か/。), is chat whatever its length; short questions in the
// bot's other languages are chat while their English twins
// ("why is France against it") are queued, because only English
// question words are known.
func TestQA4NonEnglishQuestionsAreNotChat(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"なぜフランスは東京のNATO事務所に反対しているのですか",
		"日本はどう考えていますか。",
		"为什么法国反对北约在东京设立办事处",
		"Warum ist Frankreich dagegen",
		"Pourquoi la France s'y oppose",
		"por qué Francia se opone",
	} {
		if sessionChat(text) {
			t.Errorf("sessionChat(%q) = true, want false (a question)", text)
		}
	}
}

// a follow-up with a question mark after a word of assent is
// dropped as chat ("ok, why?" is two words opening with "ok"), though
// "why?" alone is queued; a question after a comma ("thanks, but why
// does …") is chat whatever its length, while the same after "!" is
// queued; a question opening with "Great Britain" or the city of Nice
// is chat because its first word is a chat word.
func TestQA4FollowUpsAfterChatWordsAreNotChat(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"ok, why?",
		"nope, why?",
		"ok what?",
		"thanks, but why does France oppose the office",
		"interesting, how does that affect Japan",
		"yes but why",
		"but why", // while "and why" and "so why" are queued
		"ok but why",
		"wait why",
		"thanks! why?", // "thanks! why does France oppose it" is queued
		"thanks. why though",
		"same, why?",
		"Great Britain and France oppose the office, what does Japan say",
	} {
		if sessionChat(text) {
			t.Errorf("sessionChat(%q) = true, want false (a question)", text)
		}
	}
}

// QA4, end to end: a Japanese member's question in a session thread is
// neither queued nor answered: the member is told nothing.
func TestQA4JapaneseQuestionQueued(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Japanese")
	m := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild,
		Content: "なぜフランスは東京のNATO事務所に反対しているのですか",
		Author:  &discordgo.User{ID: eduMember, Username: "u" + eduMember}})
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		if qs, err := e.ed.Sessions.Questions(ctx, thread); err == nil && len(qs) == 1 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("the Japanese question was not queued (bot replies to it: %q)", e.repliesTo(thread, m.ID))
}

// chat still queued (taking a number, a member's quota, a draft at
// a model's cost, and a /session next): thanks in the bot's other
// languages, which is chat "whatever its length" in English ("Thank you
// so much for explaining all of that today"), thanks at a message's end,
// and "+1 to …".
func TestQA4ChatStillQueued(t *testing.T) {
	t.Parallel()
	for _, text := range []string{
		"Vielen Dank für die tolle Erklärung heute",
		"Muchas gracias por la explicación, profesor",
		"Merci beaucoup pour cette super session aujourd'hui",
		"this was super helpful, thank you so much",
		"That makes a lot of sense now, thanks",
		"+1 to everything Anna said just now",
	} {
		if !sessionChat(text) {
			t.Errorf("sessionChat(%q) = false, want true (chat)", text)
		}
	}
}
