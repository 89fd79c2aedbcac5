package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/session"
)

// A member who edits their waiting question has it read as edited: its
// words in the queue change, it is drafted again for them, and /session
// next posts the edited question with that answer, its number and votes
// kept. Before, the queue kept the old words, and their draft answered
// those.
func TestSessionEditedQuestionIsReworded(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Edits"))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	reply := e.inThread(thread, eduMember, moonQuestion)
	seq := seqOf(t, reply)
	e.until("the first draft", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Draft != nil
	})
	if r := e.reply(e.press(reply, buttonIDs(reply)[0], eduMember2)); !strings.Contains(r.Content, "Upvoted") {
		t.Fatalf("upvote = %q", r.Content)
	}
	const edited = "Why does France oppose a NATO office in Tokyo?"
	at := time.Now()
	e.srv.Dispatch("MESSAGE_UPDATE", &discordgo.Message{ID: reply.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild,
		Content: edited, EditedTimestamp: &at, Author: &discordgo.User{ID: eduMember, Username: "u" + eduMember}})
	var q session.Question
	e.until("the edited question drafted again", func() bool {
		var err error
		q, err = e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Text == edited && q.Draft != nil
	})
	if q.Votes != 2 {
		t.Errorf("the edited question has %d votes, want 2 (kept)", q.Votes)
	}
	if !strings.Contains(q.Draft.Text, "Macron") && !strings.Contains(q.Draft.Text, "France") && !strings.Contains(q.Draft.Text, "French") {
		t.Errorf("the new draft does not answer the edited question: %q", q.Draft.Text)
	}
	r = e.reply(e.slash(eduRole, thread, "session", sub("next")))
	if !strings.Contains(r.Content, "Posted question #"+seq) {
		t.Fatalf("next = %q", r.Content)
	}
	ps := e.posted(thread)
	if len(ps) != 1 || !strings.Contains(ps[0].Content, edited) || strings.Contains(ps[0].Content, moonQuestion) {
		t.Errorf("posted: %v", ps)
	}
	e.checkNoMentions()
}
