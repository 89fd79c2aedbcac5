package discord

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// A question and the same question in other words: an edit from one to
// the other is the same question reworded, in place (session.Reword).
const franceAsked, franceReworded = "Why does France oppose a NATO office in Tokyo?", "Why is France opposed to NATO's Tokyo office?"

// A member who edits their waiting question has it read as edited: its
// words in the queue change, it is drafted again for them, and /session
// next posts the edited question with that answer, its number and votes
// kept. Before, the queue kept the old words, and their draft answered
// those. An edit into another question leaves the first (withdrawn: its
// votes were for what it asked) and is queued on its own.
func TestSessionEditedQuestionIsReworded(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Edits")
	const asked, edited = franceAsked, franceReworded
	reply := e.inThread(thread, eduMember, asked)
	seq := seqOf(t, reply)
	e.until("the first draft", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Draft != nil
	})
	if r := e.reply(e.press(reply, buttonIDs(reply)[0], eduMember2)); !strings.Contains(r.Content, "Upvoted") {
		t.Fatalf("upvote = %q", r.Content)
	}
	edit := func(m *discordgo.Message, text string) {
		at := time.Now()
		e.srv.Dispatch("MESSAGE_UPDATE", &discordgo.Message{ID: m.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild,
			Content: text, EditedTimestamp: &at, Author: &discordgo.User{ID: eduMember, Username: "u" + eduMember}})
	}
	edit(reply, edited)
	var q session.Question
	e.until("the edited question drafted again", func() bool {
		var err error
		q, err = e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Text == edited && q.Rev == 1 && q.Draft != nil
	})
	if q.Votes != 2 {
		t.Errorf("the edited question has %d votes, want 2 (kept)", q.Votes)
	}
	r := e.reply(e.slash(eduRole, thread, "session", sub("next")))
	if !strings.Contains(r.Content, "Posted question #"+seq) {
		t.Fatalf("next = %q", r.Content)
	}
	ps := e.posted(thread)
	if len(ps) != 1 || !strings.Contains(ps[0].Content, "Tokyo office") || strings.Contains(ps[0].Content, asked) {
		t.Errorf("posted: %v", ps)
	}

	// Into another question: queued anew, the bot says so under it.
	other := e.inThread(thread, eduMember, moonQuestion)
	oseq := seqOf(t, other)
	edit(other, "Who is in the Quad?")
	e.until("the edit queued as a new question", func() bool {
		for _, m := range e.srv.ChannelMessages(thread) {
			if m.MessageReference != nil && m.MessageReference.MessageID == other.MessageReference.MessageID && m.ID != other.ID {
				return true
			}
		}
		return false
	})
	if old, err := e.ed.Sessions.Question(ctx, thread, "q"+oseq); err != nil || old.Status != session.StatusWithdrawn {
		t.Errorf("the question asked before the edit: %+v %v", old, err)
	}
	qs, _ := e.ed.Sessions.Questions(ctx, thread)
	if n := qs[len(qs)-1]; n.Text != "Who is in the Quad?" || n.Status == session.StatusWithdrawn {
		t.Errorf("the edit's question: %+v", n)
	}
	e.checkNoMentions()
}

// A member who deletes their waiting question takes it out of the queue,
// votes and all: /session next never posts it. Before, it stayed queued
// and was posted later with its words quoted, for the whole class. A
// moderator's bulk delete does the same. A question already posted is
// left posted.
func TestSessionDeletedQuestionLeavesTheQueue(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Deletes")
	const secret = "Who is in the Quad?"
	deleted := e.inThread(thread, eduMember, secret)
	// Upvoted, so that it would be next.
	if r := e.reply(e.press(deleted, buttonIDs(deleted)[0], eduMember2)); !strings.Contains(r.Content, "Upvoted") {
		t.Fatalf("upvote = %q", r.Content)
	}
	kept := e.inThread(thread, eduMember2, moonQuestion)
	bulk1 := e.inThread(thread, eduMember2, "Why does France oppose a NATO office in Tokyo?")
	posted := e.inThread(thread, eduMember2, "What did the Japanese prime minister say about NATO?")
	ds, bs, ps := seqOf(t, deleted), seqOf(t, bulk1), seqOf(t, posted)

	gone := func(seq string) bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Status == session.StatusWithdrawn && q.Text == ""
	}
	e.srv.Dispatch("MESSAGE_DELETE", &discordgo.MessageDelete{Message: &discordgo.Message{
		ID: deleted.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild}})
	e.until("the deleted question out of the session", func() bool { return gone(ds) })

	// Posted first (upvoted to be next), then deleted in bulk with
	// another: the posted one stays as it was (the deletion cannot
	// unpublish it); the other goes.
	if r := e.reply(e.press(posted, buttonIDs(posted)[0], eduMember)); !strings.Contains(r.Content, "Upvoted") {
		t.Fatalf("upvote = %q", r.Content)
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); !strings.Contains(r.Content, "Posted question #"+ps) {
		t.Fatalf("next = %q", r.Content)
	}
	e.srv.Dispatch("MESSAGE_DELETE_BULK", &discordgo.MessageDeleteBulk{ChannelID: thread, GuildID: e.guild,
		Messages: []string{bulk1.MessageReference.MessageID, posted.MessageReference.MessageID}})
	e.until("the bulk-deleted question out of the session", func() bool { return gone(bs) })
	if q, err := e.ed.Sessions.Question(ctx, thread, "q"+ps); err != nil || q.Status != session.StatusPosted {
		t.Errorf("the posted question after its deletion: %+v %v", q, err)
	}

	// What is left waiting is the one kept; the deleted one is never
	// posted.
	qs, err := e.ed.Sessions.Questions(ctx, thread)
	if err != nil {
		t.Fatal(err)
	}
	waiting := 0
	for _, q := range qs {
		if q.Status != session.StatusPosted && q.Status != session.StatusWithdrawn {
			waiting++
		}
	}
	if waiting != 1 {
		t.Errorf("%d questions wait, want 1 (%s)", waiting, seqOf(t, kept))
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); !strings.Contains(r.Content, "#"+seqOf(t, kept)) {
		t.Errorf("next = %q", r.Content)
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); strings.Contains(r.Content, "Posted") {
		t.Errorf("next with nothing waiting = %q", r.Content)
	}
	for _, m := range e.posted(thread) {
		if strings.Contains(m.Content, secret) {
			t.Errorf("the deleted question was posted: %q", m.Content)
		}
	}
	e.checkNoMentions()
}

// An educator reviewing a draft whose question its asker then edits or
// deletes cannot approve, edit or skip what they saw: the buttons and the
// form name the revision they were shown, and are refused on another
// ("changed since you saw it"), the educator's edited answer handed back
// as a file. /session next then shows the question as it is now.
func TestSessionReviewOfAChangedQuestionIsRefused(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Review", boolOpt("approve", true))
	asked := e.inThread(thread, eduMember, "Why does France oppose a NATO office in Tokyo?")
	seq := seqOf(t, asked)
	review := e.reply(e.slash(eduRole, thread, "session", sub("next")))
	ids := buttonIDs(review)
	if !strings.Contains(review.Content, "Why does France oppose") || len(ids) != 3 || !strings.HasSuffix(ids[0], ":q"+seq+":0") {
		t.Fatalf("review: %q %v", review.Content, ids)
	}
	// The form is opened before the edit, and submitted after it.
	if cb := e.waitCallback(e.press(review, ids[1], eduRole)); cb.Type != discordgo.InteractionResponseModal ||
		!strings.Contains(string(cb.Data), prefixSessionModal+thread+":q"+seq+":0") {
		t.Fatalf("edit form: type %d %s", cb.Type, cb.Data)
	}

	const edited = "Why is France opposed to a NATO office in Tokyo?"
	at := time.Now()
	e.srv.Dispatch("MESSAGE_UPDATE", &discordgo.Message{ID: asked.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild,
		Content: edited, EditedTimestamp: &at, Author: &discordgo.User{ID: eduMember, Username: "u" + eduMember}})
	e.until("the edited question drafted again", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Text == edited && q.Draft != nil
	})

	for i, name := range []string{"Approve", "Edit", "Skip"} {
		if r := e.reply(e.press(review, ids[i], eduRole)); !strings.Contains(r.Content, "changed since you saw it") {
			t.Errorf("%s of the old words = %q", name, r.Content)
		}
	}
	const answerText = "Macron fears provoking China [1]."
	submitted := e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: thread, Type: discordgo.InteractionModalSubmit, Member: e.member(eduRole),
		Data: modalData{CustomID: prefixSessionModal + thread + ":q" + seq + ":0",
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "text", Value: answerText}}}}},
	}))
	if !strings.Contains(submitted.Content, "changed since you saw it") || len(submitted.Attachments) != 1 {
		t.Errorf("the edit form of the old words = %q, %d attachments", submitted.Content, len(submitted.Attachments))
	}
	if q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq); err != nil || q.Status != session.StatusDrafted || q.Edited {
		t.Fatalf("after the refused actions: %+v %v", q, err)
	}

	// Shown again, as it is now, and approved: the new words are posted.
	review = e.reply(e.slash(eduRole, thread, "session", sub("next")))
	ids = buttonIDs(review)
	if !strings.Contains(review.Content, edited) || len(ids) != 3 || !strings.HasSuffix(ids[0], ":q"+seq+":1") {
		t.Fatalf("second review: %q %v", review.Content, ids)
	}
	if r := e.reply(e.press(review, ids[0], eduRole)); !strings.Contains(r.Content, "Approved question #"+seq) {
		t.Fatalf("approve = %q", r.Content)
	}

	// Deleted after its approval: never posted.
	e.srv.Dispatch("MESSAGE_DELETE", &discordgo.MessageDelete{Message: &discordgo.Message{
		ID: asked.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild}})
	e.until("the question withdrawn", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Status == session.StatusWithdrawn
	})
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); strings.Contains(r.Content, "Posted") {
		t.Errorf("next after the deletion = %q", r.Content)
	}
	if ps := e.posted(thread); len(ps) != 0 {
		t.Errorf("posted: %v", ps)
	}
}

// A message whose deletion is handled before its creation (the gateway's
// events are handled concurrently) is not queued, and the bot says
// nothing about it.
func TestSessionMessageDeletedBeforeItIsHandled(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Late")
	const id = "990000000000000001"
	e.srv.Dispatch("MESSAGE_DELETE", &discordgo.MessageDelete{Message: &discordgo.Message{ID: id, ChannelID: thread, GuildID: e.guild}})
	e.until("the deletion recorded", func() bool {
		sess, err := e.ed.Sessions.Get(ctx, thread)
		return err == nil && slices.Contains(sess.Deleted, id)
	})
	e.srv.DispatchMessage(&discordgo.Message{ID: id, ChannelID: thread, GuildID: e.guild, Content: "Who is in the Quad?",
		Author: &discordgo.User{ID: eduMember, Username: "u" + eduMember}})
	later := e.inThread(thread, eduMember2, moonQuestion)
	if seqOf(t, later) != "1" {
		t.Errorf("the next question is #%s, want #1", seqOf(t, later))
	}
	qs, err := e.ed.Sessions.Questions(ctx, thread)
	if err != nil || len(qs) != 1 {
		t.Errorf("questions: %+v %v", qs, err)
	}
	for _, m := range e.srv.ChannelMessages(thread) {
		if m.MessageReference != nil && m.MessageReference.MessageID == id {
			t.Errorf("the bot replied to the deleted message: %q", m.Content)
		}
	}
}

// An edit after the session ended changes nothing: its unreached
// question stays as it was asked (a transcript asked for again says what
// was asked), and no model drafts it for a session that will never post
// it.
func TestSessionEditAfterEndChangesNothing(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Edits after end")
	reply := e.inThread(thread, eduMember, moonQuestion)
	seq := seqOf(t, reply)
	e.until("the first draft", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Draft != nil
	})
	if r := e.reply(e.slash(eduRole, thread, "session", sub("end"))); !strings.Contains(r.Content, "Session ended") {
		t.Fatalf("end = %q", r.Content)
	}
	const edited = "Why does France oppose a NATO office in Tokyo?"
	at := time.Now()
	e.srv.Dispatch("MESSAGE_UPDATE", &discordgo.Message{ID: reply.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild,
		Content: edited, EditedTimestamp: &at, Author: &discordgo.User{ID: eduMember, Username: "u" + eduMember}})
	deadline := time.Now().Add(1500 * time.Millisecond)
	for time.Now().Before(deadline) {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		if err == nil && q.Text == edited && q.Draft != nil {
			t.Fatalf("after the end, the question was reworded and drafted again by the model: %q / %q", q.Text, q.Draft.Text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A deletion handled while Redis stalls is not given up: tried again, the
// question leaves the queue once Redis answers.
func TestSessionDeletionDuringAStallIsFollowedLater(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Stall")
	asked := e.inThread(thread, eduMember, "Who is in the Quad?")
	seq := seqOf(t, asked)

	proxy := e.sessionsThroughProxy()

	proxy.Pause()
	t.Cleanup(proxy.Resume)
	e.srv.Dispatch("MESSAGE_DELETE", &discordgo.MessageDelete{Message: &discordgo.Message{
		ID: asked.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild}})
	e.until("the failed try logged", func() bool { return strings.Contains(e.log.String(), "trying again") })
	proxy.Resume()
	e.until("the question withdrawn", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && q.Status == session.StatusWithdrawn
	})
}

// sessionsThroughProxy restarts the bot with its sessions' store behind a
// proxy the test can stall, and returns the proxy.
func (e *eduHarness) sessionsThroughProxy() *redistest.Proxy {
	e.t.Helper()
	proxy := redistest.StartProxy(e.t, e.rds.Addr())
	rdb, err := redisstore.Connect(context.Background(), "redis://"+proxy.Addr())
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { rdb.Close() })
	e.ed.Sessions = session.NewStore(redisstore.New(rdb, redisstore.Options{Prefix: e.rds.Prefix()}).Sessions(), session.Options{})
	e.newBot()
	return proxy
}

// The bot's reply to a merged question quotes the first asker's words;
// when they delete or edit their message, the reply is edited to the
// words the question is now asked in: the deleted ones do not stay in
// the thread under another member's message.
func TestSessionMergedReplyFollowsTheQuotedWords(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	p := e.askMerged("Quotes")
	thread := p.thread
	if !strings.Contains(p.merged.Content, "Why does France") {
		t.Fatalf("merged reply: %q", p.merged.Content)
	}
	reply := func() string { return e.messageText(thread, p.merged.ID) }
	e.untilMergedReplyRecorded(p)
	// The first asker edits their words: the quote follows.
	e.editMessage(thread, p.asked, eduMember, "Why does France oppose a NATO office in Tokyo, exactly?")
	e.until("the reply quoting the edited words", func() bool { return strings.Contains(reply(), "exactly") })
	// Then deletes it: the question is the second asker's, in their words.
	e.deleteMessage(thread, p.asked.MessageReference.MessageID)
	e.until("the reply quoting the second asker's words", func() bool { return strings.Contains(reply(), "why does france") })
	// The panel names the next question: in the words it is asked in now.
	e.until("the panel's next question in the second asker's words", func() bool {
		return strings.Contains(e.srv.ChannelMessages(thread)[0].Content, "“why does france")
	})
	for _, m := range e.srv.ChannelMessages(thread) {
		if m.Author != nil && m.Author.Bot && (strings.Contains(m.Content, "Why does France") || strings.Contains(m.Content, "exactly")) {
			t.Errorf("the bot still quotes deleted words: %q", m.Content)
		}
	}
	e.checkNoMentions()
}

// The first asker's edit handled while the bot's "same as" reply to a
// merged message is on its way (before the reply's id is recorded): once
// recorded, the reply is brought to the question's words now. Recorded
// late, it would quote the words edited away.
func TestSessionMergedReplyRecordedAfterAnEdit(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Late reply")
	asked := e.inThread(thread, eduMember, mergedFirst)
	seq := seqOf(t, asked)
	posting, releaseOnce := e.holdMergedReply(thread)
	m2 := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: mergedSecond,
		Author: &discordgo.User{ID: eduMember2, Username: "u" + eduMember2}})
	<-posting
	e.editMessage(thread, asked, eduMember, mergedFirst+" Exactly why?")
	e.until("the question reworded", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && strings.Contains(q.Text, "Exactly")
	})
	releaseOnce()
	e.until("the late reply in the question's words now", func() bool {
		for _, m := range e.srv.ChannelMessages(thread) {
			if m.MessageReference != nil && m.MessageReference.MessageID == m2.ID {
				return strings.Contains(m.Content, "Exactly why")
			}
		}
		return false
	})
}

// A question posted in a session's thread while the store does not
// answer (past the wait a short stall gets) is not dropped in silence:
// the member is told to send it again. A thread the bot has not seen a
// session in is left alone (it may be no session's).
func TestSessionQuestionDuringAnOutageIsToldNotQueued(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Outage")
	proxy := e.sessionsThroughProxy()
	// The new process sees the session at its first message.
	e.inThread(thread, eduMember, "Who is in the Quad?")
	proxy.Pause()
	t.Cleanup(proxy.Resume)
	if r := e.inThread(thread, eduMember2, moonQuestion); !strings.Contains(r.Content, "could not add your question") {
		t.Errorf("reply during the outage = %q", r.Content)
	}
	// Once a minute a member at most: their next message gets none,
	// another member's does (its reply, a little later, is the cue).
	again := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: "How many astronauts will the lunar base house, really?",
		Author: &discordgo.User{ID: eduMember2, Username: "u" + eduMember2}})
	time.Sleep(100 * time.Millisecond)
	if r := e.inThread(thread, eduMember, franceQ); !strings.Contains(r.Content, "could not add your question") {
		t.Errorf("another member's reply during the outage = %q", r.Content)
	}
	for _, m := range e.srv.ChannelMessages(thread) {
		if m.MessageReference != nil && m.MessageReference.MessageID == again.ID {
			t.Errorf("a second notice to one member within the minute: %q", m.Content)
		}
	}
}

// The second asker deletes their message while the bot's "same as" reply
// to it is on its way: once posted, the reply is deleted (it would quote
// the question under a message that is gone, for good: its ask is no
// longer there to follow).
func TestSessionMergedReplyToADeletedMessageIsDeleted(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Late reply")
	seq := seqOf(t, e.inThread(thread, eduMember, mergedFirst))
	posting, releaseOnce := e.holdMergedReply(thread)
	m2 := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: mergedSecond,
		Author: &discordgo.User{ID: eduMember2, Username: "u" + eduMember2}})
	<-posting
	e.deleteMessage(thread, m2.ID)
	e.until("the deleted message's ask taken out", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq)
		return err == nil && len(q.Asks) == 1
	})
	releaseOnce()
	e.until("the late reply to the deleted message deleted", func() bool {
		posted := false
		for _, r := range e.srv.Requests() {
			posted = posted || r.Method == http.MethodDelete && strings.HasPrefix(r.Path, "/channels/"+thread+"/messages/")
		}
		return posted
	})
	for _, m := range e.srv.ChannelMessages(thread) {
		if m.MessageReference != nil && m.MessageReference.MessageID == m2.ID {
			t.Errorf("the reply to the deleted message stays: %q", m.Content)
		}
	}
}

// An edit that makes a waiting question too long takes it out of the
// queue, and the member is told why.
func TestSessionEditTooLongIsTold(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Long")
	asked := e.inThread(thread, eduMember, "Who is in the Quad?")
	seq := seqOf(t, asked)
	e.editMessage(thread, asked, eduMember, "Who is in the Quad? "+strings.Repeat("And why? ", 120))
	e.until("the too-long edit told", func() bool {
		for _, m := range e.srv.ChannelMessages(thread) {
			if m.MessageReference != nil && m.MessageReference.MessageID == asked.MessageReference.MessageID && strings.Contains(m.Content, "too long") {
				return true
			}
		}
		return false
	})
	if q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq); err != nil || q.Status != session.StatusWithdrawn {
		t.Errorf("the question after a too-long edit: %+v %v", q, err)
	}
}

// failingAdd is a session store whose Add fails, as Redis failing
// between the session's lookup and the queue's write does.
type failingAdd struct{ SessionStore }

func (failingAdd) Add(context.Context, string, string, string, string) (session.Question, bool, error) {
	return session.Question{}, false, errors.New("redis: i/o timeout")
}

// A question the queue's write fails for is told it was not queued, to
// send it again.
func TestSessionQueueWriteFailureIsTold(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	thread := e.startSession("Failing")
	e.ed.Sessions = failingAdd{e.ed.Sessions}
	e.newBot()
	if r := e.inThread(thread, eduMember, "Who is in the Quad?"); !strings.Contains(r.Content, "could not add your question") {
		t.Errorf("reply = %q", r.Content)
	}
}

// The two askers' words of a merged question, the first's quoted in the
// bot's reply to the second.
const mergedFirst, mergedSecond = "Why does France oppose a NATO office in Tokyo?", "why does france oppose a nato office in tokyo"

// merged is a session with one question asked twice (mergedFirst, then
// mergedSecond): the bot's replies to each.
type merged struct {
	thread, seq   string
	asked, merged *discordgo.Message
}

// askMerged starts a session and asks its merged question.
func (e *eduHarness) askMerged(title string) merged {
	e.t.Helper()
	p := merged{thread: e.startSession(title)}
	p.asked = e.inThread(p.thread, eduMember, mergedFirst)
	p.merged = e.inThread(p.thread, eduMember2, mergedSecond)
	p.seq = seqOf(e.t, p.asked)
	if !strings.Contains(p.merged.Content, "Same as question #"+p.seq) {
		e.t.Fatalf("merged reply: %q", p.merged.Content)
	}
	return p
}

// untilMergedReplyRecorded waits until the bot's reply to the second
// asker is recorded with its ask (it follows the question's words from
// then on).
func (e *eduHarness) untilMergedReplyRecorded(p merged) {
	e.t.Helper()
	e.until("the merged reply recorded", func() bool {
		q, err := e.ed.Sessions.Question(context.Background(), p.thread, "q"+p.seq)
		return err == nil && len(q.Asks) == 2 && q.Asks[1].Reply == p.merged.ID
	})
}

// holdMergedReply holds the bot's next "same as" reply in thread until
// released (holdFirst).
func (e *eduHarness) holdMergedReply(thread string) (posting <-chan struct{}, release func()) {
	return e.holdFirst(func(r discordtest.Request) bool {
		return r.Method == http.MethodPost && r.Path == "/channels/"+thread+"/messages" && strings.Contains(string(r.Body), "Same as question")
	})
}

// editMessage sends MESSAGE_UPDATE for the member's message that reply
// answers, now in text.
func (e *eduHarness) editMessage(thread string, reply *discordgo.Message, userID, text string) {
	at := time.Now()
	e.srv.Dispatch("MESSAGE_UPDATE", &discordgo.Message{ID: reply.MessageReference.MessageID, ChannelID: thread, GuildID: e.guild,
		Content: text, EditedTimestamp: &at, Author: &discordgo.User{ID: userID, Username: "u" + userID}})
}

// deleteMessage sends MESSAGE_DELETE for message id.
func (e *eduHarness) deleteMessage(thread, id string) {
	e.srv.Dispatch("MESSAGE_DELETE", &discordgo.MessageDelete{Message: &discordgo.Message{ID: id, ChannelID: thread, GuildID: e.guild}})
}

// messageText is message id's content in thread now, "" if it is gone.
func (e *eduHarness) messageText(thread, id string) string {
	for _, m := range e.srv.ChannelMessages(thread) {
		if m.ID == id {
			return m.Content
		}
	}
	return ""
}

// An edit handled before its message's creation is applied once the
// creation is queued: the two are gateway events, handled concurrently,
// and a typo fixed a moment after sending can be handled while the
// creation's handler is still in its Redis call. Before, the edit found
// no question, and the queue kept the first words for good.
func TestSessionEditBeforeCreationIsApplied(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Early edit")
	const first, fixed = franceAsked, franceReworded
	e.editBeforeCreation(thread, first, fixed)
	e.until("the edit applied to the question its creation queued", func() bool {
		qs, err := e.ed.Sessions.Questions(ctx, thread)
		return err == nil && len(qs) == 1 && qs[0].Text == fixed && qs[0].Rev == 1
	})
	// What is drafted and posted is what is asked now.
	e.until("the fixed question drafted", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q1")
		return err == nil && q.Draft != nil && q.Rev == 1
	})
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); !strings.Contains(r.Content, "Posted question #1") {
		t.Fatalf("next = %q", r.Content)
	}
	if ps := e.posted(thread); len(ps) != 1 || !strings.Contains(ps[0].Content, "Tokyo office") || strings.Contains(ps[0].Content, first) {
		t.Errorf("posted: %v", ps)
	}
}

// An edit into chat ("?") handled before its message's creation takes the
// question the creation queued out again: it asks nothing now.
func TestSessionEditIntoChatBeforeCreationWithdraws(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Early withdrawal")
	e.editBeforeCreation(thread, franceAsked, "?")
	e.until("the question its creation queued withdrawn", func() bool {
		qs, err := e.ed.Sessions.Questions(ctx, thread)
		return err == nil && len(qs) == 1 && qs[0].Status == session.StatusWithdrawn
	})
}

// editBeforeCreation sends a member's edit of a new message (to edited)
// and, a moment later, the message's creation (in first words): the order
// in which concurrent handlers may see them.
func (e *eduHarness) editBeforeCreation(thread, first, edited string) {
	e.t.Helper()
	// A snowflake of now, as Discord's are.
	id := strconv.FormatInt((time.Now().UnixMilli()-1420070400000)<<22|1<<21, 10)
	author := &discordgo.User{ID: eduMember, Username: "u" + eduMember}
	at := time.Now()
	e.srv.Dispatch("MESSAGE_UPDATE", &discordgo.Message{ID: id, ChannelID: thread, GuildID: e.guild,
		Content: edited, EditedTimestamp: &at, Author: author})
	// The edit's handler looks first, finds nothing and waits; the
	// creation comes after it.
	time.Sleep(100 * time.Millisecond)
	e.srv.DispatchMessage(&discordgo.Message{ID: id, ChannelID: thread, GuildID: e.guild, Content: first, Author: author})
}

// A message that asked nothing — too long and told so, or chat ("?") —
// edited into a question is queued, with the reply a new question gets.
// Before, the member shortened their question as told and nothing
// happened: the edit found no question to reword.
func TestSessionMessageEditedIntoAQuestionIsQueued(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	thread := e.startSession("Edited into a question")
	long := e.inThread(thread, eduMember, "Who is in the Quad? "+strings.Repeat("And why? ", 120))
	if !strings.Contains(long.Content, "too long") {
		t.Fatalf("reply to a long question = %q", long.Content)
	}
	if qs, err := e.ed.Sessions.Questions(ctx, thread); err != nil || len(qs) != 0 {
		t.Fatalf("queued before the edit: %v %v", qs, err)
	}
	e.editMessage(thread, long, eduMember, "Who is in the Quad?")
	queued := e.replyTo(thread, long.MessageReference.MessageID, "question #")
	seq := seqOf(t, queued)
	if q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq); err != nil || q.Text != "Who is in the Quad?" || q.Status != session.StatusQueued {
		t.Errorf("the shortened question: %+v %v", q, err)
	}

	// Chat, which the bot does not answer, edited into a question.
	chat := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: "?",
		Author: &discordgo.User{ID: eduMember2, Username: "u" + eduMember2}})
	e.editMessage(thread, &discordgo.Message{MessageReference: &discordgo.MessageReference{MessageID: chat.ID}}, eduMember2, franceAsked)
	seq2 := seqOf(t, e.replyTo(thread, chat.ID, "question #"))
	if q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq2); err != nil || q.Text != franceAsked || seq2 == seq {
		t.Errorf("the chat edited into a question: #%s %+v %v", seq2, q, err)
	}
	// Edited again, the question is reworded, not queued twice.
	e.editMessage(thread, &discordgo.Message{MessageReference: &discordgo.MessageReference{MessageID: chat.ID}}, eduMember2, franceReworded)
	e.until("the question reworded", func() bool {
		q, err := e.ed.Sessions.Question(ctx, thread, "q"+seq2)
		return err == nil && q.Text == franceReworded
	})
	if qs, _ := e.ed.Sessions.Questions(ctx, thread); len(qs) != 2 {
		t.Errorf("%d questions, want 2: %+v", len(qs), qs)
	}
}

// replyTo waits for the bot's reply to message id in thread holding want.
func (e *eduHarness) replyTo(thread, id, want string) *discordgo.Message {
	e.t.Helper()
	var got *discordgo.Message
	e.until("the bot's reply holding "+want, func() bool {
		for _, m := range e.srv.ChannelMessages(thread) {
			if m.MessageReference != nil && m.MessageReference.MessageID == id && strings.Contains(m.Content, want) {
				got = m
				return true
			}
		}
		return false
	})
	return got
}
