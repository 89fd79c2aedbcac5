package discord

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/discord/discordtest"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/bwmarrin/discordgo"
)

// askMessage dispatches the "Ask briefbot" message command on m.
func (h *harness) askMessage(m *discordgo.Message) *discordgo.Interaction {
	data := discordgo.ApplicationCommandInteractionData{
		Name: askMessageCommand, CommandType: discordgo.MessageApplicationCommand, TargetID: m.ID,
		Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Messages: map[string]*discordgo.Message{m.ID: m}},
	}
	return h.srv.DispatchInteraction(&discordgo.Interaction{GuildID: h.guild, Data: data})
}

func TestAskMessageCommandAnswersPrivately(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	registered := false
	for _, c := range h.srv.Commands(h.guild) {
		registered = registered || (c.Name == askMessageCommand && c.Type == discordgo.MessageApplicationCommand)
	}
	if !registered {
		t.Fatal("the message command is not registered")
	}
	other := &discordgo.User{ID: "200000000000000002", Username: "other"}
	m := h.waitFinal(h.askMessage(&discordgo.Message{ID: "300000000000000001", Author: other, Content: "hey all, " + franceQ}))
	if m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("answer flags %b, want ephemeral", m.Flags)
	}
	if !strings.Contains(m.Content, "Macron") || !strings.Contains(m.Content, franceQ) {
		t.Errorf("answer = %s, want the question echoed and answered", m.Content)
	}

	// The bot's own answer is not a question.
	own := h.askMessage(&discordgo.Message{ID: "300000000000000002", Author: botUser(), Content: "An answer [1]."})
	if m := h.waitFinal(own); !strings.Contains(m.Content, "one of my answers") || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("own message: %q (flags %b)", m.Content, m.Flags)
	}
	// A message with no text to ask (an image, say) is told so.
	empty := h.askMessage(&discordgo.Message{ID: "300000000000000003", Author: other, Content: ""})
	if m := h.waitFinal(empty); !strings.Contains(m.Content, "Please ask a question") {
		t.Errorf("empty message: %q", m.Content)
	}
	h.checkNoMentions()
}

// "Ask briefbot" over the asker's limit: its private "thinking…" becomes
// the wait, and asking again meanwhile is refused at once, privately.
func TestAskMessageCommandRateLimited(t *testing.T) {
	t.Parallel()
	h := start(t, setup{limits: &limitsOne})
	other := &discordgo.User{ID: "200000000000000002", Username: "other"}
	msg := &discordgo.Message{ID: "300000000000000001", Author: other, Content: franceQ}
	h.waitFinal(h.askMessage(msg))
	over := h.askMessage(msg)
	if cb := h.waitCallback(over); cb.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("over the limit: callback type %d, want deferred (5)", cb.Type)
	}
	if m := h.waitFinal(over); !strings.Contains(m.Content, "try again in") || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("over the limit: %q (flags %b)", m.Content, m.Flags)
	}
	again := h.askMessage(msg)
	if cb := h.waitCallback(again); cb.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("asking again while limited: callback type %d, want a message (4)", cb.Type)
	}
	if m := h.srv.Original(again.Token); m == nil || !strings.Contains(m.Content, "try again in") || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("asking again while limited: %+v", m)
	}
}

func TestAskInBotThreadFollowsTheThread(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	h.waitFinal(h.ask("and what did the US say about it?", false, func(i *discordgo.Interaction) { i.ChannelID = q.ID }))
	reqs := rec.requests()
	if len(reqs) != 2 {
		t.Fatalf("questions asked: %d, want 2", len(reqs))
	}
	if hist := reqs[1].History; len(hist) != 1 || hist[0].Question != franceQ {
		t.Errorf("/ask in the bot's thread: history = %+v, want the thread's first turn", hist)
	}
	// /ask in an ordinary channel starts afresh.
	h.waitFinal(h.ask(franceQ, false))
	if hist := rec.requests()[2].History; len(hist) != 0 {
		t.Errorf("/ask in a channel: history = %+v, want none", hist)
	}
}

func TestReplyToAnAnswerIsAFollowUp(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	i := h.ask(franceQ, false)
	answerMsg := h.waitFinal(i)
	// A reply with its ping turned off: no mention of the bot, only the
	// reference to its answer.
	ref := &discordgo.Message{
		ID: answerMsg.ID, ChannelID: i.ChannelID, Author: botUser(), Content: answerMsg.Content,
		InteractionMetadata: &discordgo.MessageInteractionMetadata{ID: i.ID, Type: discordgo.InteractionApplicationCommand},
	}
	reply := h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, ChannelID: i.ChannelID, Content: "and what did the US say about it?",
		MessageReference: &discordgo.MessageReference{MessageID: answerMsg.ID, ChannelID: i.ChannelID, GuildID: h.guild}, ReferencedMessage: ref,
	})
	h.until("the thread", func() bool { return h.srv.Channel(reply.ID) != nil })
	h.waitAnswerIn(reply.ID, 0)
	reqs := rec.requests()
	if len(reqs) != 2 {
		t.Fatalf("questions asked: %d, want 2", len(reqs))
	}
	if hist := reqs[1].History; len(hist) != 1 || hist[0].Question != franceQ || !strings.Contains(hist[0].Answer, "Macron") {
		t.Errorf("reply history = %+v, want the replied answer", hist)
	}
	// The thread it opened remembers both turns.
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: reply.ID, Content: "and Japan?"})
	h.waitAnswerIn(reply.ID, 1)
	if hist := rec.requests()[2].History; len(hist) != 2 {
		t.Errorf("next follow-up history = %+v, want both turns", hist)
	}
	// A reply to someone else's message is left alone.
	before := len(rec.requests())
	h.srv.DispatchMessage(&discordgo.Message{
		GuildID: h.guild, ChannelID: i.ChannelID, Content: "I agree",
		MessageReference:  &discordgo.MessageReference{MessageID: reply.ID},
		ReferencedMessage: &discordgo.Message{ID: reply.ID, Author: &discordgo.User{ID: "200000000000000009"}},
	})
	h.waitFinal(h.ask(franceQ, true)) // a later event, handled after the reply
	if n := len(rec.requests()); n != before+1 {
		t.Errorf("questions after a reply to a member: %d, want %d", n, before+1)
	}
}

func TestContinueInThread(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	ids := buttonIDs(m)
	if len(ids) == 0 || ids[len(ids)-1] != prefixThread+i.ID {
		t.Fatalf("buttons = %v, want Continue in thread last", ids)
	}
	other := "200000000000000009"
	for range 2 { // a second click finds the first click's thread
		c := h.click(m, ids[len(ids)-1], other)
		r := h.waitFinal(c)
		if r.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Content, "<#"+m.ID+">") {
			t.Fatalf("continue reply = %q (flags %b), want a link to thread %s", r.Content, r.Flags, m.ID)
		}
	}
	th := h.srv.Channel(m.ID)
	if th == nil || !th.IsThread() || th.Name != franceQ {
		t.Fatalf("thread = %+v, want one named for the question", th)
	}
	// Asked there without a mention, the question follows the answer.
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: th.ID, Content: "and what did the US say about it?"})
	h.waitAnswerIn(th.ID, 0)
	reqs := rec.requests()
	if hist := reqs[len(reqs)-1].History; len(hist) != 1 || hist[0].Question != franceQ || !strings.Contains(hist[0].Answer, "Macron") {
		t.Errorf("history in the thread = %+v, want the answer it continues", hist)
	}

	// Private answers and answers in a thread get no such button.
	for _, a := range []*discordgo.Interaction{
		h.ask(franceQ, true),
		h.ask(franceQ, false, func(i *discordgo.Interaction) { i.ChannelID = th.ID }),
	} {
		for _, id := range buttonIDs(h.waitFinal(a)) {
			if strings.HasPrefix(id, prefixThread) {
				t.Errorf("button %s under an answer that cannot continue", id)
			}
		}
	}
}

func TestMentionOfTheBotsRoleIsAMention(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	// Another role first: left alone, and the roles are read once.
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: "<@&" + discordtest.DefaultOtherRoleID + "> " + franceQ,
		MentionRoles: []string{discordtest.DefaultOtherRoleID}})
	q := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: "<@&" + discordtest.DefaultBotRoleID + "> " + franceQ,
		MentionRoles: []string{discordtest.DefaultBotRoleID}})
	h.until("the thread", func() bool { return h.srv.Channel(q.ID) != nil })
	if a := h.waitAnswerIn(q.ID, 0); !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer = %s", a.Content)
	}
	reqs := rec.requests()
	if len(reqs) != 1 || reqs[0].Question != franceQ {
		t.Errorf("questions asked = %+v, want the role mention's only, without the mention", reqs)
	}
	n := 0
	for _, r := range h.srv.Requests() {
		if r.Method == "GET" && strings.HasSuffix(r.Path, "/roles") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("guild roles read %d times, want once", n)
	}
}

func TestStatusLineNamesTheBriefing(t *testing.T) {
	t.Parallel()
	h := start(t, setup{noRedis: true})
	title := testKnowledge(t).Briefings[0].Title
	var got []discordtest.Presence
	h.until("the status line", func() bool { got = h.srv.Presence(); return len(got) > 0 })
	if a := got[0].Activities; len(a) != 1 || a[0].Type != discordgo.ActivityTypeCustom || a[0].State != "/ask about "+title {
		t.Errorf("presence = %+v, want a custom status naming %q", got[0], title)
	}
	h.bot.KnowledgeChanged()
	h.until("a second status update", func() bool { return len(h.srv.Presence()) > 1 })
}

func TestPresenceText(t *testing.T) {
	kb := &answer.Knowledge{Briefings: []knowledge.Briefing{
		{Title: "Old news", Date: "2024-01-01"}, {Title: "NATO's push into the Indo-Pacific", Date: "2024-07-10"}, {Title: "Other", Date: "2023-05-05"},
	}}
	if got := presenceText(kb); got != "/ask about NATO's push into the Indo-Pacific and 2 more" {
		t.Errorf("presenceText = %q", got)
	}
	long := &answer.Knowledge{Briefings: []knowledge.Briefing{{Title: strings.Repeat("word ", 60)}}}
	if got := presenceText(long); utf8.RuneCountInString(got) > maxStatus {
		t.Errorf("status of %d runes, want at most %d", utf8.RuneCountInString(got), maxStatus)
	}
	if got := presenceText(nil); got == "" {
		t.Error("no status without briefings")
	}
}

func TestCommandsSayWhereTheyWork(t *testing.T) {
	t.Parallel()
	h := start(t, setup{noRedis: true})
	cmds := h.srv.Commands(h.guild)
	if len(cmds) == 0 {
		t.Fatal("no commands registered")
	}
	for _, c := range cmds {
		if c.DMPermission != nil {
			t.Errorf("%s: the deprecated dm_permission is set", c.Name)
		}
		if c.Contexts == nil || !slices.Contains(*c.Contexts, discordgo.InteractionContextGuild) ||
			c.IntegrationTypes == nil || !slices.Equal(*c.IntegrationTypes, []discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}) {
			t.Errorf("%s: contexts %v, integration types %v", c.Name, c.Contexts, c.IntegrationTypes)
		}
	}
	for _, def := range []*discordgo.ApplicationCommand{adminDef(), quizCommandDef(), sessionCommandDef()} {
		if def.DMPermission != nil || def.Contexts == nil || !slices.Equal(*def.Contexts, []discordgo.InteractionContextType{discordgo.InteractionContextGuild}) {
			t.Errorf("/%s: contexts %v, dm_permission %v; want servers only", def.Name, def.Contexts, def.DMPermission)
		}
	}
}

// The replies for what can go wrong with "Continue in thread" and "Ask
// briefbot": no thread permission, no conversation store, no message.
func TestContinueAndAskMessageFailures(t *testing.T) {
	t.Parallel()
	h := start(t, setup{noRedis: true}) // no store to remember threads in
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	ids := buttonIDs(m)
	cont := ids[len(ids)-1]
	if !strings.HasPrefix(cont, prefixThread) {
		t.Fatalf("buttons = %v", ids)
	}

	// Discord refuses the thread (no Create Public Threads here).
	h.srv.FailNext("POST", "/channels/"+m.ChannelID+"/messages/"+m.ID+"/threads", http.StatusForbidden)
	c := h.click(m, cont, "200000000000000009")
	if r := h.waitFinal(c); !strings.Contains(r.Content, "couldn't open a thread") {
		t.Errorf("thread refused: %q", r.Content)
	}
	// The thread opens, but without a store the bot cannot remember it.
	c = h.click(m, cont, "200000000000000009")
	if r := h.waitFinal(c); !strings.Contains(r.Content, "can't remember it just now") || !strings.Contains(r.Content, "<#"+m.ID+">") {
		t.Errorf("thread not remembered: %q", r.Content)
	}

	// A message command whose message Discord did not resolve.
	lost := h.srv.DispatchInteraction(&discordgo.Interaction{GuildID: h.guild, Data: discordgo.ApplicationCommandInteractionData{
		Name: askMessageCommand, CommandType: discordgo.MessageApplicationCommand, TargetID: "300000000000000099"}})
	if r := h.waitFinal(lost); !strings.Contains(r.Content, "couldn't read that message") || r.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("unresolved message: %q (flags %b)", r.Content, r.Flags)
	}
}

// A private /ask in the bot's thread follows the thread, but stays the
// asker's: the thread's later answers, which everyone sees, are not
// written in the light of it (its question and answer do not join the
// thread's history).
func TestPrivateAskInBotThreadStaysOutOfItsHistory(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	q := h.mention(franceQ)
	h.waitAnswerIn(q.ID, 0)
	const secret = "Is Japan hesitant about NATO?"
	h.waitFinal(h.ask(secret, true, func(i *discordgo.Interaction) { i.ChannelID = q.ID }))
	if hist := rec.requests()[1].History; len(hist) != 1 || hist[0].Question != franceQ {
		t.Errorf("the private /ask: history = %+v, want the thread's first turn", hist)
	}
	h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: q.ID, Content: "and what did the US say about it?",
		Author: &discordgo.User{ID: "200000000000000002", Username: "other"}})
	h.until("the follow-up asked", func() bool { return len(rec.requests()) == 3 })
	reqs := rec.requests()
	for _, turn := range reqs[2].History {
		if turn.Question == secret {
			t.Errorf("a public follow-up's history holds the private question: %+v", reqs[2].History)
		}
	}
}

// "Continue in thread" opens a thread before it can say where: when
// Discord rate-limits thread creation (discordgo waits out the 429), that
// takes longer than the 3 seconds Discord gives an interaction's first
// response, and the member would see "This interaction failed" though the
// thread opens. The click is acknowledged first.
func TestContinueInThreadAcknowledgedBeforeARateLimitedThread(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	i := h.ask(franceQ, false)
	m := h.waitFinal(i)
	ids := buttonIDs(m)
	h.srv.RateLimitNext("POST", "/channels/"+m.ChannelID+"/messages/"+m.ID+"/threads", 3*time.Second)
	sent := time.Now()
	c := h.click(m, ids[len(ids)-1], "200000000000000009")
	h.waitCallback(c)
	for _, r := range h.srv.Requests() {
		if r.Method == "POST" && strings.Contains(r.Path, "/callback") && strings.Contains(r.Path, c.ID) {
			if d := r.At.Sub(sent); d > 2500*time.Millisecond {
				t.Errorf("the click was acknowledged %v after it; Discord gives up at 3 s", d)
			}
		}
	}
	if r := h.waitFinal(c); r.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Content, "<#"+m.ID+">") {
		t.Errorf("continue reply = %q (flags %b), want a link to thread %s", r.Content, r.Flags, m.ID)
	}
}

// TestSlowRoleReadHoldsNoOtherGuild: reading one guild's roles (to see a
// mention of the bot's role) waits on Discord; a role mention in another
// guild meanwhile is answered without waiting for it.
func TestSlowRoleReadHoldsNoOtherGuild(t *testing.T) {
	t.Parallel()
	const slow = "300000000000000777"
	h := start(t, setup{srvOpts: []discordtest.Option{discordtest.WithGuilds(discordtest.DefaultGuildID, slow)}})
	release := make(chan struct{})
	defer close(release)
	held := make(chan struct{}, 1)
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Response {
		if r.Method == "GET" && r.Path == "/guilds/"+slow+"/roles" {
			held <- struct{}{}
			select {
			case <-release:
			case <-time.After(30 * time.Second):
			}
		}
		return nil
	})
	h.srv.DispatchMessage(&discordgo.Message{GuildID: slow, Content: "<@&" + discordtest.DefaultBotRoleID + "> " + franceQ,
		MentionRoles: []string{discordtest.DefaultBotRoleID}})
	<-held
	q := h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, Content: "<@&" + discordtest.DefaultBotRoleID + "> " + franceQ,
		MentionRoles: []string{discordtest.DefaultBotRoleID}})
	h.until("the thread", func() bool { return h.srv.Channel(q.ID) != nil })
	if a := h.waitAnswerIn(q.ID, 0); !strings.Contains(a.Content, "Macron") {
		t.Errorf("answer = %s", a.Content)
	}
}

// "Continue in thread" double-clicked (or clicked by two members at once)
// opens one thread, and a question there is answered with the answer it
// continues once: both clicks find the thread's history empty and open it
// with the answer, and the same turn twice would take the place of
// another in the history a follow-up is answered with.
func TestContinueInThreadClickedTwiceAtOnce(t *testing.T) {
	t.Parallel()
	rec := &recorder{inner: newEngine(t)}
	h := start(t, setup{answerer: rec})
	for n := range 8 {
		i := h.ask(franceQ, false)
		m := h.waitFinal(i)
		ids := buttonIDs(m)
		clicks := []*discordgo.Interaction{
			h.click(m, ids[len(ids)-1], discordtest.DefaultUserID),
			h.click(m, ids[len(ids)-1], "200000000000000009"),
		}
		for _, c := range clicks {
			if r := h.waitFinal(c); !strings.Contains(r.Content, "<#"+m.ID+">") {
				t.Fatalf("click %d: continue reply = %q, want a link to thread %s", n, r.Content, m.ID)
			}
		}
		h.srv.DispatchMessage(&discordgo.Message{GuildID: h.guild, ChannelID: m.ID, Content: "and what did the US say about it?"})
		h.waitAnswerIn(m.ID, 0)
		reqs := rec.requests()
		if hist := reqs[len(reqs)-1].History; len(hist) != 1 || hist[0].Question != franceQ {
			t.Fatalf("round %d: the follow-up's history = %+v, want the answer it continues once", n, hist)
		}
	}
}

// "Continue in thread" under an answer whose record has expired (kept
// 30 days) opens no thread: one would be answered as if nothing had been
// asked before, under the answer it seems to follow. The member is told
// to ask again; a thread an earlier click opened is still linked.
func TestContinueInThreadOnAnExpiredAnswer(t *testing.T) {
	t.Parallel()
	h := start(t, setup{})
	m := h.waitFinal(h.ask(franceQ, false))
	gone := prefixThread + "300000000000000404" // an answer id with no record
	c := h.click(m, gone, "200000000000000009")
	r := h.waitFinal(c)
	if r.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Content, "too old to continue") {
		t.Errorf("continue on an expired answer = %q (flags %b), want a private 'too old'", r.Content, r.Flags)
	}
	if th := h.srv.Channel(m.ID); th != nil {
		t.Errorf("a thread %+v was opened from an answer the bot no longer knows", th)
	}

	// The thread opened while the answer was known is still linked.
	ids := buttonIDs(m)
	if r := h.waitFinal(h.click(m, ids[len(ids)-1], "200000000000000009")); !strings.Contains(r.Content, "<#"+m.ID+">") {
		t.Fatalf("continue = %q", r.Content)
	}
	if r := h.waitFinal(h.click(m, gone, "200000000000000008")); !strings.Contains(r.Content, "<#"+m.ID+">") {
		t.Errorf("continue on an expired answer with its thread open = %q, want the thread linked", r.Content)
	}
}
