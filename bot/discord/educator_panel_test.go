package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge"
)

// waitPanel waits until the session's panel contains every one of want.
func (e *eduHarness) waitPanel(thread, panelID string, want ...string) *discordgo.Message {
	e.t.Helper()
	var m *discordgo.Message
	e.until("the panel to show "+strings.Join(want, ", "), func() bool {
		m = e.srv.Message(thread, panelID)
		for _, w := range want {
			if m == nil || !strings.Contains(m.Content, w) {
				return false
			}
		}
		return true
	})
	return m
}

func TestSessionPanelShowsLiveCounts(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	const a, b, c, d = eduMember, eduMember2, "210000000000000005", "210000000000000006"
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Asia week"), boolOpt("approve", true))))
	thread := threadRE.FindStringSubmatch(r.Content)[1]
	panel := e.srv.ChannelMessages(thread)[0]
	if !panel.Pinned || !strings.Contains(panel.Content, "📊 **Queue:** no questions yet.") {
		t.Fatalf("new panel: %q", panel.Content)
	}

	// Queued, merged and upvoted questions show.
	france := seqOf(t, e.inThread(thread, a, franceQ))
	e.inThread(thread, b, "why does france oppose a nato office in tokyo")
	quadReply := e.inThread(thread, c, "Who is in the Quad?")
	quad := seqOf(t, quadReply)
	e.waitPanel(thread, panel.ID, "📊 **Queue:** 2 waiting · 0 answered", "Next up: **#"+france+"**", "— 2 votes")

	// After a restart the new process finds the panel from the session.
	e.newBot()
	e.reply(e.press(quadReply, buttonIDs(quadReply)[0], a))
	e.reply(e.press(quadReply, buttonIDs(quadReply)[0], d))
	e.waitPanel(thread, panel.ID, "Next up: **#"+quad+"** “Who is in the Quad?” — 3 votes")

	// Approved, posted and skipped.
	rv := e.reply(e.slash(eduRole, thread, "session", sub("next")))
	e.reply(e.press(rv, buttonIDs(rv)[0], eduRole))
	e.waitPanel(thread, panel.ID, "2 waiting (1 approved) · 0 answered")
	e.reply(e.slash(eduRole, thread, "session", sub("next")))
	e.waitPanel(thread, panel.ID, "1 waiting · 1 answered", "Next up: **#"+france+"**")
	rv = e.reply(e.slash(eduRole, thread, "session", sub("next")))
	e.reply(e.press(rv, buttonIDs(rv)[2], eduRole))
	m := e.waitPanel(thread, panel.ID, "0 waiting · 1 answered · 1 skipped")
	if strings.Contains(m.Content, "Next up") {
		t.Errorf("next up with nothing waiting: %q", m.Content)
	}
	aukus := seqOf(t, e.inThread(thread, d, "What is AUKUS?"))
	e.waitPanel(thread, panel.ID, "1 waiting · 1 answered · 1 skipped", "What is AUKUS?")
	// Its draft is stored in the background; ending the session while
	// it is stored can fail (redisstore's session writes conflict), and
	// an educator ends a session some time after the last question.
	e.until("the last draft", func() bool {
		q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+aukus)
		return err == nil && q.Draft != nil
	})

	// Ending it: the final counts, edited before the thread is locked.
	e.reply(e.slash(eduRole, thread, "session", sub("end")))
	m = e.waitPanel(thread, panel.ID, "This session has ended", "📊 **Final:** 1 answered · 1 skipped · 1 not reached")
	if strings.Contains(m.Content, "Upvote") {
		t.Errorf("ended panel still invites questions: %q", m.Content)
	}
	e.checkNoMentions()
}

// TestPanelRendering keeps the panel as members see it, new, running and
// ended, in testdata/educator_panel.golden.
func TestPanelRendering(t *testing.T) {
	br := testKnowledge(t).Briefings[0]
	sess := session.Session{Title: "Asia *week*", BriefingID: br.ID, Approve: true}
	qs := []session.Question{
		{Seq: 1, Text: "Why does France oppose a NATO office in Tokyo?", Status: session.StatusApproved, Votes: 2},
		{Seq: 2, Text: "Who is in the _Quad_? <@123>", Status: session.StatusDrafted, Votes: 2},
		{Seq: 3, Text: "What is AUKUS?", Status: session.StatusPosted, Votes: 5},
		{Seq: 4, Text: "How many astronauts?", Status: session.StatusSkipped, Votes: 1},
	}
	var out strings.Builder
	out.WriteString(renderPanel(english, sess, br, nil) + "\n\n--- running\n" + renderPanel(english, sess, br, qs))
	sess.EndedAt = time.Date(2024, 7, 11, 10, 0, 0, 0, time.UTC)
	out.WriteString("\n\n--- ended\n" + renderPanel(english, sess, knowledge.Briefing{ID: "gone", Title: "gone"}, qs) + "\n")
	golden(t, "educator_panel.golden", out.String())
}
