package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// A student who posts "?", "!!!" or an emoji alone in a session's thread
// asked nothing the bot can answer: the question service refuses such
// text as empty. It was queued as a question anyway (and "!!!" merged
// into "?" as the same question), could not be drafted, and sat on top
// of the queue: every /session next tried to draft it and failed, with
// no review to Skip it from, so the real questions behind it were never
// reached.
func TestEducatorQAWordlessMessagesAreNotQueued(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	r := e.reply(e.slash(eduManager, "", "session", sub("start", strOpt("title", "Asia week"), boolOpt("approve", true))))
	thread := threadRE.FindStringSubmatch(r.Content)[1]
	for _, text := range []string{"?", "!!!", "👍"} {
		e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: text,
			Author: &discordgo.User{ID: eduMember2, Username: "u" + eduMember2}})
	}
	seq := seqOf(t, e.inThread(thread, eduMember, franceQ))
	time.Sleep(300 * time.Millisecond) // the wordless messages' handling, had they been queued
	qs, err := e.ed.Sessions.Questions(context.Background(), thread)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, q := range qs {
		texts = append(texts, q.Text)
	}
	if len(qs) != 1 || qs[0].Text != franceQ {
		t.Errorf("queued %q, want the member's question only", texts)
	}
	if r := e.reply(e.slash(eduManager, thread, "session", sub("next"))); !strings.Contains(r.Content, "question #"+seq) || len(buttonIDs(r)) != 3 {
		t.Errorf("/session next = %q", r.Content)
	}
}
