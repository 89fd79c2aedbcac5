package discord

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/bot/state"
)

// withQueueLimits gives the bot a session store with these limits, over
// the same Redis.
func (e *eduHarness) withQueueLimits(perMember, perSession int) {
	e.t.Helper()
	rdb, err := redisstore.Connect(context.Background(), e.rds.URL())
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { rdb.Close() })
	db := redisstore.New(rdb, redisstore.Options{Prefix: e.rds.Prefix()})
	e.ed.Sessions = session.NewStore(db.Sessions(), session.Options{MaxWaitingPerMember: perMember, MaxWaiting: perSession})
	e.newBot()
}

// A member may have so many questions waiting, and a session so many: a
// question past either is refused with a message saying so (once a
// minute, not once per message), while asking a waiting question again
// still counts as a vote. There were no limits: one member could queue,
// and have drafted, any number of questions.
func TestSessionQueueLimitsRefuseClearly(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	e.withQueueLimits(2, 3)
	thread := e.startSession("Asia week")
	const a, b, c = eduMember, eduMember2, "210000000000000005"
	for _, q := range []string{franceQ, "Who is in the Quad?"} {
		if r := e.inThread(thread, a, q); !strings.Contains(r.Content, "Queued as question #") {
			t.Fatalf("%q: %q", q, r.Content)
		}
	}
	if r := e.inThread(thread, a, "What is AUKUS?"); r.Content != tr(english, msgSessionMemberFull, 2) || len(buttonIDs(r)) != 0 {
		t.Errorf("a member's third waiting question: %q", r.Content)
	}
	again := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: "What did Lin Jian say?",
		Author: &discordgo.User{ID: a, Username: "u" + a}})
	if r := e.inThread(thread, b, "What is AUKUS?"); !strings.Contains(r.Content, "Queued as question #") {
		t.Fatalf("another member's question: %q", r.Content)
	}
	if r := e.inThread(thread, c, "What did Lin Jian say?"); r.Content != tr(english, msgSessionQueueFull, 3) {
		t.Errorf("a question past the session's limit: %q", r.Content)
	}
	if r := e.inThread(thread, c, "who is in the quad??"); !strings.Contains(r.Content, "Same as question #") {
		t.Errorf("asking a waiting question again, the queue full: %q", r.Content)
	}
	time.Sleep(300 * time.Millisecond) // the repeat's handling, had it replied
	for _, m := range e.srv.ChannelMessages(thread) {
		if m.MessageReference != nil && m.MessageReference.MessageID == again.ID {
			t.Errorf("a refused member told again within the minute: %q", m.Content)
		}
	}
	qs, err := e.ed.Sessions.Questions(context.Background(), thread)
	if err != nil || len(qs) != 3 {
		t.Errorf("%d questions stored (%v), want 3", len(qs), err)
	}
	e.checkNoMentions()
}

// A member over their rate limit (the one /ask takes from) still has
// their question queued, but it is drafted (a model call) only when
// /session next reaches it. Every question was drafted at once, whatever
// the member's limit.
func TestSessionDraftsTakeTheMembersRateLimit(t *testing.T) {
	t.Parallel()
	e := startEducatorWith(t, setup{limits: &state.Limits{User: state.Limit{Rate: 1, Burst: 1, Period: time.Hour}}})
	thread := e.startSession("Asia week")
	ctx := context.Background()
	first := seqOf(t, e.inThread(thread, eduMember, franceQ))
	e.until("the first question drafted", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+first)
		return err == nil && q.Draft != nil
	})
	second := seqOf(t, e.inThread(thread, eduMember, "Who is in the Quad?"))
	e.until("the second question drafted or deferred", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+second)
		return err == nil && q.Draft != nil || strings.Contains(e.log.String(), "session draft deferred")
	})
	if q, err := e.ed.Sessions.Question(ctx, thread, "q"+second); err != nil || q.Draft != nil || q.Status != session.StatusQueued {
		t.Fatalf("a question of a member over their limit: %+v %v, want queued without a draft", q, err)
	}
	// /session next is the educator's: the first, then the second,
	// drafted now.
	for _, seq := range []string{first, second} {
		if r := e.reply(e.slash(eduManager, thread, "session", sub("next"))); !strings.Contains(r.Content, "Posted question #"+seq) {
			t.Fatalf("next = %q, want question #%s posted", r.Content, seq)
		}
	}
	if p := e.posted(thread); len(p) != 2 || !strings.Contains(p[1].Content, "Who is in the Quad?") {
		t.Errorf("posted: %d answers", len(p))
	}
}
