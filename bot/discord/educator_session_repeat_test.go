package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// repliesTo are the bot's replies in thread to message id.
func (e *eduHarness) repliesTo(thread, id string) []string {
	var out []string
	for _, m := range e.srv.ChannelMessages(thread) {
		if m.MessageReference != nil && m.MessageReference.MessageID == id {
			out = append(out, m.Content)
		}
	}
	return out
}

// A member who asks their own waiting question again is not replied
// "Same as question #n" about their own question at each repeat: they
// are told once that they asked it already, and further repeats get no
// reply. Another member asking it is still told it is the same.
func TestSessionOwnRepeatIsToldOnce(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Repeats")
	seq := seqOf(t, e.inThread(thread, eduMember, franceAsked))
	if r := e.inThread(thread, eduMember, franceAsked); !strings.Contains(r.Content, "You asked this already: it is question #"+seq) {
		t.Errorf("the first repeat: %q", r.Content)
	}
	var repeats []*discordgo.Message
	for _, text := range []string{strings.ToLower(franceAsked), franceReworded} {
		repeats = append(repeats, e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: text,
			Author: &discordgo.User{ID: eduMember, Username: "u" + eduMember}}))
	}
	e.until("every repeat followed", func() bool {
		qs, err := e.ed.Sessions.Questions(ctx, thread)
		return err == nil && len(qs) == 1 && len(qs[0].Asks) == 4
	})
	if other := e.inThread(thread, eduMember2, franceReworded); !strings.Contains(other.Content, "Same as question #"+seq) {
		t.Errorf("another member's repeat: %q", other.Content)
	}
	time.Sleep(100 * time.Millisecond) // the repeats' replies, had there been any
	for _, r := range repeats {
		if got := e.repliesTo(thread, r.ID); len(got) != 0 {
			t.Errorf("the bot replied to the member's repeat %q: %q", r.Content, got)
		}
	}
	if q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq); err != nil || q.Votes != 2 {
		t.Errorf("the question: %+v %v, want 2 votes", q, err)
	}
}

// A question answered already, asked again, is told where its answer is
// once a member: asked again after that, it gets no reply, not the same
// one each time.
func TestSessionRepeatOfAnAnsweredQuestionIsToldOnce(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Answered repeats")
	seq := seqOf(t, e.inThread(thread, eduMember, franceAsked))
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); !strings.Contains(r.Content, "Posted question #"+seq) {
		t.Fatalf("next = %q", r.Content)
	}
	for _, user := range []string{eduMember, eduMember2} {
		if r := e.inThread(thread, user, franceReworded); !strings.Contains(r.Content, "answered above") {
			t.Errorf("%s's first repeat: %q", user, r.Content)
		}
	}
	again := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: franceAsked,
		Author: &discordgo.User{ID: eduMember2, Username: "u" + eduMember2}})
	e.until("the second repeat followed", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && len(q.Asks) == 4
	})
	time.Sleep(100 * time.Millisecond) // its reply, had there been one
	if got := e.repliesTo(thread, again.ID); len(got) != 0 {
		t.Errorf("the bot replied to the second repeat: %q", got)
	}
}
