package discord

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
)

// botUser is the bot as a mention in a message.
func botUser() *discordgo.User {
	return &discordgo.User{ID: discordtest.DefaultBotUserID, Username: discordtest.DefaultBotUsername, Bot: true}
}

// waitAnswerIn waits for a finished answer (not the placeholder, not
// streaming) in a channel, after skip earlier answers, and returns it.
func (h *harness) waitAnswerIn(channelID string, skip int) *discordgo.Message {
	h.t.Helper()
	var got *discordgo.Message
	h.until("an answer in channel "+channelID, func() bool {
		n := 0
		for _, m := range h.srv.ChannelMessages(channelID) {
			if m.Author == nil || m.Author.ID != discordtest.DefaultBotUserID {
				continue
			}
			if m.Content == thinkingText || strings.HasSuffix(m.Content, "…") || len(m.Components) == 0 {
				continue
			}
			if n == skip {
				got = m
				return true
			}
			n++
		}
		return false
	})
	return got
}

// mention sends a message mentioning the bot in the guild's general
// channel and waits for the thread the bot starts from it.
func (h *harness) mention(text string) *discordgo.Message {
	h.t.Helper()
	q := h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> " + text, Mentions: []*discordgo.User{botUser()},
	})
	h.until("the thread", func() bool { return h.srv.Channel(q.ID) != nil })
	return q
}

func TestMentionOpensThreadAndFollowUpsUseHistory(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	q := h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()},
	})
	// The thread started from the question has the question's id.
	h.until("the thread", func() bool { return h.srv.Channel(q.ID) != nil })
	th := h.srv.Channel(q.ID)
	if !th.IsThread() || th.ParentID != q.ChannelID {
		t.Fatalf("thread = %+v", th)
	}
	first := h.waitAnswerIn(th.ID, 0)
	if !strings.Contains(first.Content, "Macron") || !strings.Contains(first.Content, "¶11") {
		t.Errorf("first answer = %s", first.Content)
	}
	if strings.Contains(first.Content, "**Q:**") {
		t.Error("a thread answer repeats the question, which is right above it")
	}

	// Another member follows up in the thread, without a mention.
	other := &discordgo.User{ID: "200000000000000002", Username: "other"}
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: th.ID, Author: other, Content: "and what did the US say about it?"})
	h.waitAnswerIn(th.ID, 1)
	reqs := rec.requests()
	if len(reqs) != 2 {
		t.Fatalf("questions asked: %d, want 2", len(reqs))
	}
	if hist := reqs[1].History; len(hist) != 1 || hist[0].Question != franceQ || !strings.Contains(hist[0].Answer, "Macron") {
		t.Errorf("follow-up history = %+v", hist)
	}
	// A message in a channel that is not the bot's, without a mention, is
	// left alone.
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: "just chatting"})
	h.checkNoMentions()
	for _, m := range h.srv.ChannelMessages(q.ChannelID) {
		if m.Author.ID == discordtest.DefaultBotUserID {
			t.Errorf("the bot posted in the parent channel: %q", m.Content)
		}
	}
}

func TestFollowUpSurvivesBotRestart(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	h.shutdown()

	// A new bot process on the same Redis knows the thread and its history.
	b2, err := New(Config{Token: "t", APIURL: h.srv.APIBase(), GuildID: h.guild, EditInterval: h.bot.cfg.EditInterval}, h.deps, nil)
	if err != nil {
		t.Fatal(err)
	}
	h.bot = b2
	h.restart()
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Content: "what about Japan?"})
	h.waitAnswerIn(q.ID, 1)
	reqs := rec.requests()
	if len(reqs) != 2 || len(reqs[1].History) != 1 {
		t.Fatalf("after restart: %d questions, history %+v", len(reqs), reqs[len(reqs)-1].History)
	}
}

func TestDirectMessageAnsweredWithHistory(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	dm := h.srv.DispatchMessage(&discordgo.Message{Content: franceQ})
	a := h.waitAnswerIn(dm.ChannelID, 0)
	if !strings.Contains(a.Content, "Macron") {
		t.Errorf("DM answer = %s", a.Content)
	}
	h.srv.DispatchMessage(&discordgo.Message{ChannelID: dm.ChannelID, Content: "and Japan?"})
	h.waitAnswerIn(dm.ChannelID, 1)
	if reqs := rec.requests(); len(reqs) != 2 || len(reqs[1].History) != 1 {
		t.Errorf("DM follow-up history: %+v", reqs)
	}
}

func TestBotsAndSelfAreIgnored(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	h.srv.DispatchMessage(&discordgo.Message{Author: &discordgo.User{ID: "999", Bot: true}, Content: franceQ})
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Author: botUser(), Content: "<@" + discordtest.DefaultBotUserID + "> hi",
		Mentions: []*discordgo.User{botUser()}})
	// A member's DM afterwards is answered, and is the only question.
	dm := h.srv.DispatchMessage(&discordgo.Message{Content: franceQ})
	h.waitAnswerIn(dm.ChannelID, 0)
	if n := len(rec.requests()); n != 1 {
		t.Errorf("questions asked: %d, want 1", n)
	}
}

func TestMentionWhereNoThreadCanStartAnswersInPlace(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	// A thread that is not the bot's: Discord refuses a thread in a thread.
	th := h.srv.AddChannel(&discordgo.Channel{GuildID: h.guild, Type: discordgo.ChannelTypeGuildPublicThread,
		ParentID: h.srv.GeneralChannel(h.guild), Name: "members' thread"})
	q := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: th.ID,
		Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()}})
	a := h.waitAnswerIn(th.ID, 0)
	if a.MessageReference == nil || a.MessageReference.MessageID != q.ID {
		t.Errorf("answer is not a reply to the question: %+v", a.MessageReference)
	}
	if _, bound, _ := h.conv.Lookup(context.Background(), th.ID); bound {
		t.Error("a channel the bot did not open was bound as its conversation")
	}
}

// A mention deleted before the bot opens its thread (Discord: Unknown
// Message) is not answered in the channel instead: that fallback is for
// channels where no thread can open, and here it put an answer to a
// question nobody can see any more in the channel itself.
func TestMentionDeletedBeforeItsThreadIsNotAnsweredInTheChannel(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/threads") {
			return discordtest.JSONResponse(http.StatusNotFound, map[string]any{"code": discordgo.ErrCodeUnknownMessage, "message": "Unknown Message"})
		}
		return nil
	})
	q := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild,
		Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ, Mentions: []*discordgo.User{botUser()}})
	h.srv.WaitRequest(t, wait, func(r discordtest.Request) bool { return r.Method == "POST" && strings.HasSuffix(r.Path, "/threads") })
	// A later question, answered, shows the first was handled.
	h.waitFinal(h.ask(franceQ, false))
	for _, m := range h.srv.ChannelMessages(q.ChannelID) {
		if m.MessageReference != nil && m.MessageReference.MessageID == q.ID {
			t.Errorf("the bot answered the deleted question in the channel: %q", m.Content)
		}
	}
}

// Discord's system messages carry text too: renaming a thread posts one,
// by the member who renamed it, whose content is the new name (and
// creating a thread posts one in its channel with the thread's name).
// Nobody asked anything: the bot answers members' own messages only.
func TestSystemMessagesAreNotQuestions(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	member := &discordgo.User{ID: "200000000000000002", Username: "other"}
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Author: member,
		Type: discordgo.MessageTypeChannelNameChange, Content: "Why is Japan hesitant about NATO?"})
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Author: member, Content: "and what did the US say?"})
	h.waitAnswerIn(q.ID, 1)
	time.Sleep(300 * time.Millisecond)
	var asked []string
	for _, r := range rec.requests() {
		asked = append(asked, r.Question)
	}
	if len(asked) != 2 || !strings.Contains(asked[1], "what did the US say?") {
		t.Errorf("questions answered: %q, want the mention's and the follow-up only", asked)
	}
}

// In the bot's thread, where members talk without mentioning it, a
// message without a word in it ("👍", "?!") is chat, not a question: the
// bot leaves it alone rather than tell the member how to ask one.
// Mentioned with nothing to ask, it still says how to ask.
func TestWordlessChatInABotThreadIsLeftAlone(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	member := &discordgo.User{ID: "200000000000000002", Username: "other"}
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Author: member, Content: "👍"})
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Author: member, Content: "what did the US say?"})
	h.waitAnswerIn(q.ID, 1)
	time.Sleep(300 * time.Millisecond)
	told := func() int {
		n := 0
		for _, m := range h.srv.ChannelMessages(q.ID) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "Please ask a question") {
				n++
			}
		}
		return n
	}
	if n := told(); n != 0 {
		t.Errorf("the bot answered 👍 in its thread with how to ask (%d times)", n)
	}
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Author: member,
		Content: "<@" + discordtest.DefaultBotUserID + "> 👍", Mentions: []*discordgo.User{botUser()}})
	h.until("a bare mention told how to ask", func() bool { return told() == 1 })
}

// A member over their limit who keeps mentioning the bot is told the
// wait once, in the channel (a message has no private reply), not once
// per mention: the limit is there to keep the bot's messages from
// flooding a channel, and a reply to each of a member's spammed mentions
// doubles the flood.
func TestMentionsOverTheLimitAreToldOnce(t *testing.T) {
	t.Parallel()
	h := start(t, setup{limits: &limitsOne})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	told := func() int {
		n := 0
		for _, m := range h.srv.ChannelMessages(q.ChannelID) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "try again in") {
				n++
			}
		}
		return n
	}
	for range 4 {
		h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: "<@" + discordtest.DefaultBotUserID + "> " + franceQ,
			Mentions: []*discordgo.User{botUser()}})
	}
	h.until("the wait told", func() bool { return told() > 0 })
	time.Sleep(300 * time.Millisecond)
	if n := told(); n != 1 {
		t.Errorf("the wait was told %d times for 4 mentions over the limit, want once", n)
	}
}

// In the thread a mention opened, a reply to an earlier answer is
// answered after that answer, the thread's first answer included: it is
// not a reply to its question (which is in the channel the thread was
// opened from), so only its own id names it.
func TestReplyToAnEarlierAnswerInABotThread(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	q := h.mention(franceQ)
	first := h.waitAnswerIn(q.ID, 0)
	const japanQ = "Is Japan hesitant about NATO?"
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Content: japanQ})
	second := h.waitAnswerIn(q.ID, 1)
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Content: "What did China say?"})
	h.waitAnswerIn(q.ID, 2)
	for n, c := range []struct {
		answer *discordgo.Message
		want   string
	}{{second, japanQ}, {first, franceQ}} {
		h.srv.DispatchMessage(&discordgo.Message{
			GuildID: h.guild, ChannelID: q.ID, Content: "why?",
			MessageReference:  &discordgo.MessageReference{MessageID: c.answer.ID, ChannelID: q.ID, GuildID: h.guild},
			ReferencedMessage: c.answer,
		})
		h.waitAnswerIn(q.ID, 3+n)
		reqs := rec.requests()
		hist := reqs[len(reqs)-1].History
		if len(hist) == 0 || hist[len(hist)-1].Question != c.want {
			t.Errorf("a reply to the answer to %q: history = %+v, want that answer last", c.want, hist)
		}
	}
}

// trickle is an Answerer that streams its answer's text in n pieces,
// every, then gives the answer.
type trickle struct {
	inner asking.Answerer
	n     int
	every time.Duration
}

func (tr trickle) Ask(ctx context.Context, req answer.Request, onDelta func(string)) (answer.Answer, error) {
	for k := range tr.n {
		select {
		case <-time.After(tr.every):
		case <-ctx.Done():
			return answer.Answer{}, ctx.Err()
		}
		if onDelta != nil {
			onDelta(fmt.Sprintf("Piece %d. ", k))
		}
	}
	return tr.inner.Ask(ctx, req, nil)
}

func (tr trickle) Knowledge() *answer.Knowledge { return tr.inner.Knowledge() }

// An answer whose message is deleted while it is written (a moderator
// removed it, or the thread with it) is not edited on and on: the first
// edit Discord refuses for good (404, 403, 401) ends the edits, the final
// one included, and says so in the log once.
func TestAnswerDeletedWhileWrittenIsNotEditedFurther(t *testing.T) {
	t.Parallel()
	h := start(t, setup{answerer: trickle{inner: newEngine(t), n: 40, every: 20 * time.Millisecond}})
	q := h.mention(franceQ)
	var ph *discordgo.Message
	h.until("the answer streaming", func() bool {
		for _, m := range h.srv.ChannelMessages(q.ID) {
			if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "Piece") {
				ph = m
				return true
			}
		}
		return false
	})
	if err := h.bot.s.ChannelMessageDelete(q.ID, ph.ID); err != nil {
		t.Fatal(err)
	}
	// The answer is done once its turn is stored.
	h.until("the answer stored", func() bool {
		turns, _ := h.conv.Load(context.Background(), q.ID)
		return len(turns) == 1
	})
	time.Sleep(100 * time.Millisecond) // the final edit, were one made
	refused := 0
	for _, r := range h.srv.Requests() {
		if r.Method == "PATCH" && strings.HasSuffix(r.Path, "/messages/"+ph.ID) && r.Status == http.StatusNotFound {
			refused++
		}
	}
	if refused != 1 {
		t.Errorf("edits of the deleted answer: %d refused, want the first only%s", refused, h.summary())
	}
}

// The same for an answer to /ask whose token expires while it is written
// (Discord allows edits for 15 minutes), and for one in a thread a
// moderator archives meanwhile (50083).
func TestAnswerRefusedForGoodIsNotEditedFurther(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		status int
		code   int
		slash  bool
	}{
		{"token expired", http.StatusUnauthorized, 50027, true},
		{"thread archived", http.StatusBadRequest, discordgo.ErrCodePerformedOperationOnArchivedThread, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, setup{answerer: trickle{inner: newEngine(t), n: 40, every: 20 * time.Millisecond}})
			var target string // the path of the answer's edits
			if c.slash {
				i := h.ask(franceQ, false)
				h.waitOriginal(i, func(m *discordgo.Message) bool { return strings.Contains(m.Content, "Piece") })
				target = "/webhooks/" + discordtest.DefaultApplicationID + "/" + i.Token + "/messages/@original"
			} else {
				q := h.mention(franceQ)
				h.until("the answer streaming", func() bool {
					for _, m := range h.srv.ChannelMessages(q.ID) {
						if m.Author != nil && m.Author.ID == discordtest.DefaultBotUserID && strings.Contains(m.Content, "Piece") {
							target = "/channels/" + q.ID + "/messages/" + m.ID
							return true
						}
					}
					return false
				})
			}
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
				if r.Method == "PATCH" && r.Path == target {
					return discordtest.JSONResponse(c.status, map[string]any{"code": c.code, "message": c.name})
				}
				return nil
			})
			time.Sleep(40*20*time.Millisecond + 300*time.Millisecond) // the answer written, and its final edit
			refused := 0
			for _, r := range h.srv.Requests() {
				if r.Method == "PATCH" && r.Path == target && r.Status == c.status {
					refused++
				}
			}
			if refused != 1 {
				t.Errorf("edits refused: %d, want the first only%s", refused, h.summary())
			}
		})
	}
}

// The bot lost Send Messages in its thread: Discord's 403 to its post is
// not repeated for every member message there (each is an invalid request
// towards Discord's ban), until a while later.
func TestThreadTheBotCannotPostInIsLeftAlone(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	posts := func() int { return h.srv.Hits("POST", "/channels/"+q.ID+"/messages") }
	before := posts()
	h.srv.FailNext("POST", "/channels/"+q.ID+"/messages", http.StatusForbidden)
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Content: "and what did the US say?"})
	// The bar is set once the bot has read the 403, a moment after the
	// fake answered it: messages before that may still be tried.
	h.until("the refused post", func() bool { return posts() == before+1 && h.bot.cannotPost(q.ID) })
	for _, text := range []string{"hello?", "why no answer?"} {
		h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Content: text})
	}
	h.waitFinal(h.ask(franceQ, true)) // later events, handled after them
	if n := posts(); n != before+1 {
		t.Errorf("%d posts tried in the thread after the 403, want none", n-before-1)
	}
	if !h.bot.cannotPost(q.ID) || h.bot.cannotPost(h.srv.GeneralChannel(h.guild)) {
		t.Error("the thread should be left alone, and only the thread")
	}
}
