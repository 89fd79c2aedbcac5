package discord

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/quiz"
	"github.com/briefbot/briefbot/bot/redisstore"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge"
	"github.com/briefbot/briefbot/knowledge/redistest"
)

// The real stores satisfy the educator interfaces.
var (
	_ QuizStore      = (*quiz.Store)(nil)
	_ SessionStore   = (*session.Store)(nil)
	_ EducatorGuilds = (*guild.Store)(nil)
)

// Members of the educator tests.
const (
	eduManager = "210000000000000001" // has Manage Server
	eduRole    = "210000000000000002" // has the educator role
	eduMember  = "210000000000000003" // neither
	eduMember2 = "210000000000000004"
	eduRoleID  = "410000000000000001"
)

// eduHarness is a harness whose bot has the educator commands, over real
// Redis stores.
type eduHarness struct {
	*harness
	ed     EducatorDeps
	guilds *guild.Store
	// answerWithin is the bot's Config.AnswerWithin (setup.cfg's).
	answerWithin time.Duration
}

func startEducator(t *testing.T) *eduHarness {
	t.Helper()
	return startEducatorWith(t, setup{})
}

// startEducatorWith is startEducator on a harness set up as s says.
func startEducatorWith(t *testing.T, s setup) *eduHarness {
	t.Helper()
	h := start(t, s)
	ed, gs := educatorDeps(t, h.rds, h.guild)
	e := &eduHarness{harness: h, guilds: gs, ed: ed, answerWithin: s.cfg.AnswerWithin}
	e.newBot()
	return e
}

// educatorDeps are the educator commands' stores over rds, with
// eduRoleID an educator role of guildID.
func educatorDeps(t *testing.T, rds *redistest.Server, guildID string) (EducatorDeps, *guild.Store) {
	t.Helper()
	rdb, err := redisstore.Connect(context.Background(), rds.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	db := redisstore.New(rdb, redisstore.Options{Prefix: rds.Prefix()})
	gs := guild.New(db.Guilds(), guild.Options{CacheTTL: -1})
	if err := gs.SetEducatorRole(context.Background(), guildID, eduRoleID, true); err != nil {
		t.Fatal(err)
	}
	briefing := func(id string) (knowledge.Briefing, bool) {
		for _, b := range testKnowledge(t).Briefings {
			if b.ID == id {
				return b, true
			}
		}
		return knowledge.Briefing{}, false
	}
	return EducatorDeps{
		Quizzes:  quiz.NewStore(db.Quizzes(), quiz.StoreOptions{}),
		Sessions: session.NewStore(db.Sessions(), session.Options{Briefing: briefing}),
		Guilds:   gs,
		// Panels are edited at once in tests; coalescer_test.go checks
		// the spacing.
		PanelInterval: time.Millisecond,
	}, gs
}

// newBot replaces the running bot with a new one over the same fake
// Discord and the same Redis, as a restart of the process does.
func (e *eduHarness) newBot() {
	e.t.Helper()
	if err := e.shutdown(); err != nil {
		e.t.Fatal(err)
	}
	cfg := Config{Token: "test-token", APIURL: e.srv.APIBase(), GuildID: e.guild, EditInterval: 50 * time.Millisecond, AnswerWithin: e.answerWithin}
	logw := io.Writer(e.log)
	if testing.Verbose() {
		logw = io.MultiWriter(e.log, os.Stderr)
	}
	deps := e.deps
	deps.Educator = &e.ed
	b, err := New(cfg, deps, slog.New(slog.NewTextHandler(logw, nil)))
	if err != nil {
		e.t.Fatal(err)
	}
	e.bot = b
	e.restart()
}

// member is a guild member: with Manage Server for eduManager, the
// educator role for eduRole, nothing for the others.
func (e *eduHarness) member(id string) *discordgo.Member {
	m := &discordgo.Member{GuildID: e.guild, User: &discordgo.User{ID: id, Username: "u" + id}, Roles: []string{}}
	switch id {
	case eduManager:
		m.Permissions = discordgo.PermissionManageGuild
	case eduRole:
		m.Roles = []string{eduRoleID}
	case eduMember: // a nick with Markdown in it
		m.Nick = "Ann_the*great"
	case eduMember2: // a global name, no nick
		m.User.GlobalName = "Bob"
	}
	return m
}

// slash dispatches a command by a member, in channelID ("" for the
// general channel).
func (e *eduHarness) slash(userID, channelID, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: channelID, Member: e.member(userID),
		Data: discordgo.ApplicationCommandInteractionData{Name: name, Options: opts},
	})
}

func (e *eduHarness) press(m *discordgo.Message, customID, userID string) *discordgo.Interaction {
	return e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: m.ChannelID, Type: discordgo.InteractionMessageComponent, Message: m, Member: e.member(userID),
		Data: discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	})
}

// reply waits for an interaction's response message to be final.
func (e *eduHarness) reply(i *discordgo.Interaction) *discordgo.Message {
	e.t.Helper()
	return e.waitOriginal(i, func(m *discordgo.Message) bool {
		return m.Flags&discordgo.MessageFlagsLoading == 0 && m.Content != ""
	})
}

func intOpt(name string, v int) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: float64(v)}
}

func strOpt(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: v}
}

func boolOpt(name string, v bool) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: v}
}

func ephemeral(m *discordgo.Message) bool { return m.Flags&discordgo.MessageFlagsEphemeral != 0 }

// paragraph returns paragraph n (1-based) of the briefing.
func paragraph(t *testing.T, briefingID string, n int) string {
	t.Helper()
	for _, b := range testKnowledge(t).Briefings {
		if b.ID == briefingID && n >= 1 && n <= len(b.Paragraphs) {
			return b.Paragraphs[n-1]
		}
	}
	t.Fatalf("no paragraph %d in %s", n, briefingID)
	return ""
}

var quizIDRE = regexp.MustCompile(`^qz:([0-9a-f]+):(\d+):(\d+)$`)

func TestQuizAnswersCitationsAndLeaderboard(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	general := e.srv.GeneralChannel(e.guild)

	// A member without the permission is refused, even though Discord
	// delivered the command.
	if r := e.reply(e.slash(eduMember, "", "quiz", sub("start"))); !ephemeral(r) || !strings.Contains(r.Content, "Only educators") {
		t.Fatalf("member's /quiz reply = %q", r.Content)
	}
	if n := len(e.srv.ChannelMessages(general)); n != 1 { // the ephemeral refusal only
		t.Fatalf("a refused /quiz posted something: %d messages", n)
	}

	i := e.slash(eduRole, "", "quiz", sub("start", intOpt("questions", 3)))
	if r := e.reply(i); !ephemeral(r) || !strings.Contains(r.Content, "Quiz posted (3 questions)") {
		t.Fatalf("/quiz reply = %q", r.Content)
	}
	head, questions := e.postedQuiz(general)
	if head == nil || len(questions) != 3 {
		t.Fatalf("head %v, %d questions posted", head != nil, len(questions))
	}
	quizID := strings.TrimPrefix(buttonIDs(head)[0], prefixQuizClose)
	qz, err := e.ed.Quizzes.Get(context.Background(), quizID)
	if err != nil {
		t.Fatal(err)
	}

	// Every question's correct option is supported by its cited paragraph,
	// and the quote is that paragraph's own text; the wrong ones are not.
	for n, q := range qz.Questions {
		para := paragraph(t, qz.BriefingID, q.Paragraph)
		if !quiz.Supported(q.Answer(), para) || !strings.Contains(para, q.Quote) {
			t.Errorf("question %d: answer %q / quote %q not in ¶%d: %s", n, q.Answer(), q.Quote, q.Paragraph, para)
		}
		for j, o := range q.Options {
			if j != q.Correct && quiz.Supported(o, para) {
				t.Errorf("question %d: wrong option %q is supported by ¶%d", n, o, q.Paragraph)
			}
		}
		if !strings.Contains(questions[n].Content, q.Options[0]) {
			t.Errorf("question %d message lacks its options: %s", n, questions[n].Content)
		}
	}

	q0 := qz.Questions[0]
	ids := buttonIDs(questions[0])
	wrong := (q0.Correct + 1) % quiz.Options
	if mm := quizIDRE.FindStringSubmatch(ids[q0.Correct]); mm == nil || mm[1] != quizID || mm[2] != "0" {
		t.Fatalf("custom id %q", ids[q0.Correct])
	}

	// Right: private, with the paragraph and its quote.
	r := e.reply(e.press(questions[0], ids[q0.Correct], eduMember))
	if !ephemeral(r) || !strings.Contains(r.Content, "✅ Right") ||
		!strings.Contains(r.Content, "¶"+strconv.Itoa(q0.Paragraph)) || !strings.Contains(r.Content, "> "+oneLine(q0.Quote)) {
		t.Errorf("right answer reply (flags %b):\n%s", r.Flags, r.Content)
	}
	// Wrong, by another member.
	r = e.reply(e.press(questions[0], ids[wrong], eduMember2))
	if !ephemeral(r) || !strings.Contains(r.Content, "❌") || !strings.Contains(r.Content, q0.Answer()) ||
		!strings.Contains(r.Content, "¶"+strconv.Itoa(q0.Paragraph)) {
		t.Errorf("wrong answer reply:\n%s", r.Content)
	}
	// The first answer counts.
	r = e.reply(e.press(questions[0], ids[wrong], eduMember))
	if !strings.Contains(r.Content, "already answered") || !strings.Contains(r.Content, "✅ Right") {
		t.Errorf("repeat answer reply:\n%s", r.Content)
	}
	q1 := qz.Questions[1]
	e.reply(e.press(questions[1], buttonIDs(questions[1])[q1.Correct], eduMember2))

	// Only an educator closes it.
	if r := e.reply(e.press(head, buttonIDs(head)[0], eduMember)); !ephemeral(r) || !strings.Contains(r.Content, "Only educators") {
		t.Errorf("member's close = %q", r.Content)
	}
	r = e.reply(e.press(head, buttonIDs(head)[0], eduManager))
	if ephemeral(r) || !strings.Contains(r.Content, "leaderboard") {
		t.Fatalf("leaderboard (flags %b):\n%s", r.Flags, r.Content)
	}
	// Both have 1 right; eduMember answered last before eduMember2's
	// second. Members are named by their display names (nick, else global
	// name), as plain text.
	first := strings.Index(r.Content, "🥇 Ann\\_the\\*great — 1/3 right")
	second := strings.Index(r.Content, "🥈 Bob — 1/3 right (2 answered)")
	if first < 0 || second < 0 || first > second || strings.Contains(r.Content, "<@") {
		t.Errorf("leaderboard:\n%s", r.Content)
	}
	// The buttons are retired: disabled, the right option in green.
	e.until("buttons disabled", func() bool {
		m := e.srv.Message(general, questions[0].ID)
		row, ok := m.Components[0].(*discordgo.ActionsRow)
		if !ok || len(row.Components) != quiz.Options {
			return false
		}
		for j, c := range row.Components {
			bt, ok := c.(*discordgo.Button)
			if !ok || !bt.Disabled || (j == q0.Correct) != (bt.Style == discordgo.SuccessButton) {
				return false
			}
		}
		return len(buttonIDs(e.srv.Message(general, head.ID))) == 0
	})
	if r := e.reply(e.press(questions[2], buttonIDs(questions[2])[0], eduMember)); !strings.Contains(r.Content, "closed") {
		t.Errorf("answer after close = %q", r.Content)
	}
	e.checkNoMentions()
}

// inThread posts a member's message in a channel and waits for the bot's
// reply to it.
func (e *eduHarness) inThread(thread, userID, text string) *discordgo.Message {
	e.t.Helper()
	m := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Content: text,
		Author: &discordgo.User{ID: userID, Username: "u" + userID}})
	var got *discordgo.Message
	e.until("the bot's reply to "+text, func() bool {
		for _, x := range e.srv.ChannelMessages(thread) {
			if x.MessageReference != nil && x.MessageReference.MessageID == m.ID {
				got = x
				return true
			}
		}
		return false
	})
	return got
}

// posted lists the answers posted in the thread.
func (e *eduHarness) posted(thread string) []*discordgo.Message {
	var out []*discordgo.Message
	for _, m := range e.srv.ChannelMessages(thread) {
		if strings.HasPrefix(m.Content, "**Question #") {
			out = append(out, m)
		}
	}
	return out
}

func sub(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}
}

var threadRE = regexp.MustCompile(`<#(\d+)>`)

const moonQuestion = "How many astronauts will the lunar base house?"

func TestSessionQueueApprovalRestartTranscript(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	const a, b, c = eduMember, eduMember2, "210000000000000005"

	// Refused to a member even when Discord delivered the command.
	if r := e.reply(e.slash(eduMember, "", "session", sub("start", strOpt("title", "Asia week")))); !ephemeral(r) || !strings.Contains(r.Content, "Only educators") {
		t.Fatalf("member's /session start = %q", r.Content)
	}
	if n := e.srv.Hits("POST", "/channels/"+e.srv.GeneralChannel(e.guild)+"/threads"); n != 0 {
		t.Fatalf("a refused start opened %d threads", n)
	}

	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Asia week"), boolOpt("approve", true))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil || !ephemeral(r) {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	msgs := e.srv.ChannelMessages(thread)
	if len(msgs) == 0 || !msgs[0].Pinned || !strings.Contains(msgs[0].Content, "Live Q&A: Asia week") {
		t.Fatalf("panel: %+v", msgs)
	}
	if ch := e.srv.Channel(thread); ch == nil || !ch.IsThread() {
		t.Fatalf("session channel %+v is not a thread", ch)
	}

	// Questions join the queue; a near-duplicate is merged.
	r1 := e.inThread(thread, a, franceQ)
	if !strings.Contains(r1.Content, "Queued as question #") || len(buttonIDs(r1)) != 1 {
		t.Fatalf("queued reply: %q %v", r1.Content, buttonIDs(r1))
	}
	// Question numbers come from the store (they may skip one when a
	// store transaction is retried).
	france := seqOf(t, r1)
	if r := e.inThread(thread, b, "why does france oppose a nato office in tokyo"); !strings.Contains(r.Content, "Same as question #"+france) ||
		!strings.Contains(r.Content, "now 2 votes") {
		t.Fatalf("merged reply: %q", r.Content)
	}
	moon := seqOf(t, e.inThread(thread, c, moonQuestion))
	r3 := e.inThread(thread, b, "Who is in the Quad?")
	quad := seqOf(t, r3)
	if france == moon || moon == quad || quad == france {
		t.Fatalf("questions %s %s %s not distinct", france, moon, quad)
	}

	// Upvotes: once per member.
	up := buttonIDs(r3)[0]
	if r := e.reply(e.press(r3, up, c)); !ephemeral(r) || !strings.Contains(r.Content, "Upvoted — 2 votes") {
		t.Errorf("upvote = %q", r.Content)
	}
	if r := e.reply(e.press(r3, up, c)); !strings.Contains(r.Content, "already") {
		t.Errorf("second upvote = %q", r.Content)
	}
	if r := e.reply(e.press(r3, up, b)); !strings.Contains(r.Content, "already asked or upvoted") {
		t.Errorf("asker's upvote = %q", r.Content)
	}
	e.reply(e.press(r3, up, a))

	// Every question gets a draft.
	e.until("drafts", func() bool {
		for _, id := range []string{"q" + france, "q" + moon, "q" + quad} {
			q, err := e.ed.Sessions.Question(ctx, thread, id)
			if err != nil || q.Draft == nil {
				return false
			}
		}
		return true
	})

	// A restart in the middle: a new Bot over the same Redis keeps the
	// session, its queue and its drafts, and still queues new questions.
	e.newBot()
	if r := e.inThread(thread, c, "What is AUKUS?"); !strings.Contains(r.Content, "Queued as question #") {
		t.Fatalf("after restart: %q", r.Content)
	}

	// Members cannot run next or end.
	for _, s := range []string{"next", "end"} {
		if r := e.reply(e.slash(a, thread, "session", sub(s))); !strings.Contains(r.Content, "Only educators") {
			t.Errorf("member's /session %s = %q", s, r.Content)
		}
	}

	// With approval on, next shows the educator the top draft, privately.
	r = e.reply(e.slash(eduRole, thread, "session", sub("next")))
	ids := buttonIDs(r)
	if !ephemeral(r) || !strings.Contains(r.Content, "question #"+quad) || len(ids) != 3 {
		t.Fatalf("review: %q %v", r.Content, ids)
	}
	if len(e.posted(thread)) != 0 {
		t.Fatal("an answer was posted before approval")
	}
	if r := e.reply(e.press(r, ids[0], a)); !strings.Contains(r.Content, "Only educators") {
		t.Errorf("member's approve = %q", r.Content)
	}
	if r := e.reply(e.press(r, ids[0], eduRole)); !strings.Contains(r.Content, "Approved question #"+quad) {
		t.Fatalf("approve = %q", r.Content)
	}
	if r := e.reply(e.slash(eduRole, thread, "session", sub("next"))); !strings.Contains(r.Content, "Posted question #"+quad) {
		t.Fatalf("next after approval = %q", r.Content)
	}
	p := e.posted(thread)
	if len(p) != 1 || !strings.Contains(p[0].Content, "**Question #"+quad+"** · 3 votes") || !strings.Contains(p[0].Content, "Who is in the Quad?") ||
		!strings.Contains(p[0].Content, "Sources") {
		t.Fatalf("posted: %+v", p)
	}
	// Asked again once answered: pointed to the answer, with nothing to
	// upvote.
	if r := e.inThread(thread, c, "who is in the quad"); !strings.Contains(r.Content, "Same as question #"+quad) ||
		!strings.Contains(r.Content, "answered above") || len(buttonIDs(r)) != 0 {
		t.Errorf("asked again after the answer: %q %v", r.Content, buttonIDs(r))
	}

	// Next: question #1 (2 votes); the educator edits it.
	r = e.reply(e.slash(eduRole, thread, "session", sub("next")))
	ids = buttonIDs(r)
	if !strings.Contains(r.Content, "question #"+france) || len(ids) != 3 {
		t.Fatalf("review #1: %q", r.Content)
	}
	q1, err := e.ed.Sessions.Question(ctx, thread, "q"+france)
	if err != nil {
		t.Fatal(err)
	}
	ed := e.press(r, ids[1], eduRole)
	cb := e.waitCallback(ed)
	if cb.Type != discordgo.InteractionResponseModal || !strings.Contains(string(cb.Data), prefixSessionModal+thread+":q"+france) ||
		!strings.Contains(string(cb.Data), mustJSON(q1.Draft.Text)[1:20]) {
		t.Fatalf("edit modal: type %d %s", cb.Type, cb.Data)
	}
	submit := func(text string) *discordgo.Message {
		t.Helper()
		return e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
			GuildID: e.guild, ChannelID: thread, Type: discordgo.InteractionModalSubmit, Member: e.member(eduRole),
			Data: modalData{CustomID: prefixSessionModal + thread + ":q" + france,
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.TextInput{CustomID: "text", Value: text}}}}},
		}))
	}
	if r := submit(q1.Draft.Text + " See also [9]."); !strings.Contains(r.Content, "not saved") {
		t.Errorf("edit with an unknown marker = %q", r.Content)
	}
	short := q1.Draft.Text
	if i := strings.Index(short, "[1]"); i > 0 {
		short = short[:i+3]
	}
	t.Logf("draft %d bytes; edit %q", len(q1.Draft.Text), short)
	if r := submit("In short: " + short); !strings.Contains(r.Content, "Edited and approved question #"+france) {
		t.Fatalf("edit = %q", r.Content)
	}
	e.reply(e.slash(eduRole, thread, "session", sub("next")))
	p = e.posted(thread)
	if len(p) != 2 || !strings.Contains(p[1].Content, "**Question #"+france+"**") || !strings.Contains(p[1].Content, "In short:") ||
		!strings.Contains(p[1].Content, "reviewed by the educator") {
		t.Fatalf("posted edit: %+v", p)
	}

	// The moon question is not in the briefing: skipped.
	r = e.reply(e.slash(eduRole, thread, "session", sub("next")))
	ids = buttonIDs(r)
	if !strings.Contains(r.Content, "question #"+moon) || len(ids) != 3 {
		t.Fatalf("review #2: %q", r.Content)
	}
	if r := e.reply(e.press(r, ids[2], eduRole)); !strings.Contains(r.Content, "Skipped question #"+moon) {
		t.Fatalf("skip = %q", r.Content)
	}
	// Buttons that outlived their question say so.
	if r := e.reply(e.press(r, ids[0], eduRole)); !ephemeral(r) || !strings.Contains(r.Content, "already been posted or skipped") {
		t.Errorf("approve after skip = %q", r.Content)
	}
	if r := e.reply(e.press(r, prefixSession+"a:"+thread+":q999", eduRole)); !strings.Contains(r.Content, "That question is gone") {
		t.Errorf("approve of an unknown question = %q", r.Content)
	}

	// End: a transcript attachment, then the thread is locked and archived.
	if r := e.reply(e.slash(eduRole, thread, "session", sub("end"))); !strings.Contains(r.Content, "Session ended") {
		t.Fatalf("end = %q", r.Content)
	}
	e.until("the thread locked", func() bool {
		ch := e.srv.Channel(thread)
		return ch != nil && ch.ThreadMetadata != nil && ch.ThreadMetadata.Locked && ch.ThreadMetadata.Archived
	})
	var md string
	for _, m := range e.srv.ChannelMessages(thread) {
		for _, at := range m.Attachments {
			if at.Filename == "transcript.md" {
				data, ok := e.srv.Attachment(at.URL)
				if !ok {
					t.Fatalf("attachment %s not served", at.URL)
				}
				md = string(data)
			}
		}
	}
	for _, want := range []string{"# Asia week", "Who is in the Quad?", franceQ, "In short:", "## Not covered by the briefing\n\n- " + moonQuestion,
		"## Not reached", "What is AUKUS?", "paragraph "} {
		if !strings.Contains(md, want) {
			t.Errorf("transcript lacks %q:\n%s", want, md)
		}
	}
	e.checkNoMentions()
}

// modalData is a modal submit's data as Discord sends it: discordgo's own
// type leaves its components out when marshalled.
type modalData struct {
	CustomID   string                       `json:"custom_id"`
	Components []discordgo.MessageComponent `json:"components"`
}

func (modalData) Type() discordgo.InteractionType { return discordgo.InteractionModalSubmit }

var seqRE = regexp.MustCompile(`question #(\d+)`)

// seqOf is the question number a queue reply names.
func seqOf(t testing.TB, m *discordgo.Message) string {
	t.Helper()
	mm := seqRE.FindStringSubmatch(m.Content)
	if mm == nil {
		t.Fatalf("no question number in %q", m.Content)
	}
	return mm[1]
}

func TestSessionWithoutApprovalPostsDraftsDirectly(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	r := e.reply(e.slash(eduManager, "", "session", sub("start", strOpt("title", "Drop-in"))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	// Outside the session's thread, next is refused.
	if r := e.reply(e.slash(eduManager, "", "session", sub("next"))); !strings.Contains(r.Content, "no session in this channel") {
		t.Errorf("next outside the thread = %q", r.Content)
	}
	if r := e.reply(e.slash(eduManager, thread, "session", sub("next"))); !strings.Contains(r.Content, "No questions waiting") {
		t.Errorf("next on an empty queue = %q", r.Content)
	}
	q := seqOf(t, e.inThread(thread, eduMember, franceQ))
	// A session of another guild is out of reach of this guild's educators.
	if _, err := e.ed.Sessions.Start(context.Background(), "300000000000000099", "500000000000000001", "Elsewhere", testKnowledge(t).Briefings[0].ID, true, "x"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.ed.Sessions.Add(context.Background(), "500000000000000001", "x", "", "What is AUKUS?"); err != nil {
		t.Fatal(err)
	}
	panel := e.srv.ChannelMessages(thread)[0]
	if r := e.reply(e.press(panel, prefixSession+"s:500000000000000001:q1", eduManager)); !strings.Contains(r.Content, "don't know that") {
		t.Errorf("skip in another guild's session = %q", r.Content)
	}
	if q, err := e.ed.Sessions.Question(context.Background(), "500000000000000001", "q1"); err != nil || q.Status != session.StatusQueued {
		t.Errorf("the other guild's question: %+v %v", q, err)
	}
	// A mention in the session thread joins the queue; it is not answered
	// as a normal mention (no thread, no second reply).
	ment := e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild,
		Content: "<@" + e.srv.BotUserID() + "> What is AUKUS?", Author: &discordgo.User{ID: eduMember2, Username: "m2"}})
	e.until("the mention queued", func() bool {
		for _, x := range e.srv.ChannelMessages(thread) {
			if x.MessageReference != nil && x.MessageReference.MessageID == ment.ID && strings.Contains(x.Content, "Queued as question #") {
				return true
			}
		}
		return false
	})
	time.Sleep(300 * time.Millisecond)
	replies := 0
	for _, x := range e.srv.ChannelMessages(thread) {
		if x.Author != nil && x.Author.ID == e.srv.BotUserID() && (x.MessageReference != nil && x.MessageReference.MessageID == ment.ID || x.Content == thinkingText) {
			replies++
		}
	}
	if replies != 1 {
		t.Errorf("the mention got %d replies, want the queue's one", replies)
	}
	if r := e.reply(e.slash(eduManager, thread, "session", sub("next"))); !ephemeral(r) || !strings.Contains(r.Content, "Posted question #"+q) {
		t.Fatalf("next = %q", r.Content)
	}
	p := e.posted(thread)
	if len(p) != 1 || !strings.Contains(p[0].Content, franceQ) || !strings.Contains(p[0].Content, "¶") {
		t.Fatalf("posted: %+v", p)
	}
	if r := e.reply(e.slash(eduManager, thread, "session", sub("end"))); !strings.Contains(r.Content, "Session ended") {
		t.Fatalf("end = %q", r.Content)
	}
	// An ended session takes no more commands.
	if r := e.reply(e.slash(eduManager, thread, "session", sub("next"))); !strings.Contains(r.Content, "has ended") {
		t.Errorf("next after end = %q", r.Content)
	}
	e.checkNoMentions()
}

// /session next on a question whose draft is still being written writes
// it itself and shows it for review; the draft started when the question
// arrived does not then overwrite what the educator saw.
func TestSessionNextDraftsAQuestionNotYetDrafted(t *testing.T) {
	t.Parallel()
	g := newGated(newEngine(t))
	e := startEducatorWith(t, setup{answerer: g})
	r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "Drafts"), boolOpt("approve", true))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	seq := seqOf(t, e.inThread(thread, eduMember, franceQ))
	<-g.started // the draft begun on arrival, held
	panel := e.srv.ChannelMessages(thread)[0]
	if r := e.reply(e.press(panel, prefixSession+"e:"+thread+":q"+seq, eduRole)); !ephemeral(r) || !strings.Contains(r.Content, "no draft yet") {
		t.Errorf("edit before the draft = %q", r.Content)
	}
	next := e.slash(eduRole, thread, "session", sub("next"))
	<-g.started // next's own draft
	if q, ok, err := e.ed.Sessions.Next(context.Background(), thread); err != nil || !ok || q.Draft != nil {
		t.Fatalf("before release: %+v %v %v, want the question without a draft", q, ok, err)
	}
	close(g.release)
	rv := e.reply(next)
	if !strings.Contains(rv.Content, "#"+seq) || !strings.Contains(rv.Content, "Macron") || len(buttonIDs(rv)) == 0 {
		t.Fatalf("next = %q %v, want question #%s's draft for review", rv.Content, buttonIDs(rv), seq)
	}
	if n := len(g.requests()); n != 2 {
		t.Errorf("%d answers asked for, want the arrival's and next's", n)
	}
	e.checkNoMentions()
}

// TestEducatorRendering keeps examples of the educator messages, as
// members see them, in testdata/educator_*.golden.
func TestEducatorRendering(t *testing.T) {
	br := testKnowledge(t).Briefings[0]
	qs, err := quiz.Generate(br, 1, 1)
	if err != nil || len(qs) != 1 {
		t.Fatalf("generate: %v %v", qs, err)
	}
	q := qs[0]
	wrong := (q.Correct + 1) % len(q.Options)
	var b strings.Builder
	b.WriteString(renderQuizQuestion(english, 0, 1, q))
	b.WriteString("\n[buttons] ")
	for _, c := range quizButtons("0123456789abcdef", 0, q)[0].(discordgo.ActionsRow).Components {
		bt := c.(discordgo.Button)
		b.WriteString("[" + bt.Label + "] ")
	}
	b.WriteString("\n\n--- right\n" + renderQuizResult(english, quiz.Result{Correct: true, Chosen: q.Correct, Question: q}))
	b.WriteString("\n\n--- wrong\n" + renderQuizResult(english, quiz.Result{Chosen: wrong, Question: q}))
	b.WriteString("\n\n--- leaderboard\n" + renderLeaderboard(english, 5, []quiz.Entry{
		{UserID: "210000000000000003", Correct: 5, Answered: 5}, {UserID: "210000000000000004", Correct: 3, Answered: 4},
		{UserID: "210000000000000005", Correct: 1, Answered: 1},
	}, map[string]string{"210000000000000003": "Ann_the*great", "210000000000000004": "@everyone [click](https://x.test) <@1>"}))
	golden(t, "educator_quiz.golden", b.String()+"\n")

	a, err := newEngine(t).Ask(context.Background(), answer.Request{Question: franceQ}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sq := session.Question{ID: "q3", Seq: 3, Text: franceQ, Votes: 4, Status: session.StatusApproved, Draft: &a}
	golden(t, "educator_session.golden", renderReview(english, sq)+"\n\n--- posted\n"+renderSessionAnswer(english, sq)+"\n")
}

// quizModel is a quiz.Model that proposes fixed questions.
type quizModel struct{ reply string }

func (m quizModel) Write(context.Context, string, string, quiz.Generation) (string, error) {
	return m.reply, nil
}

func TestQuizFromModelIsCheckedAgainstItsParagraph(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	// One proposal its paragraph supports, one whose "correct" option
	// paragraph 3 does not say: that one is replaced by an extractive one.
	e.ed.QuizModel = quizModel{reply: `{"questions":[
		{"paragraph":11,"question":"Who has expressed concerns that a NATO office in Tokyo could provoke China?","correct":"French President Emmanuel Macron","wrong":["Jens Stoltenberg","Lin Jian","Joe Biden"]},
		{"paragraph":3,"question":"How many times have Asian partners been invited to the summit?","correct":"For the fifth year","wrong":["Once","Twice","Never"]}]}`}
	e.newBot()
	br := testKnowledge(t).Briefings[0]
	r := e.reply(e.slash(eduManager, "", "quiz", sub("start", intOpt("questions", 2), strOpt("briefing", br.ID))))
	if !strings.Contains(r.Content, "Quiz posted (2 questions)") {
		t.Fatalf("/quiz = %q", r.Content)
	}
	general := e.srv.GeneralChannel(e.guild)
	var macron *discordgo.Message
	var quizID string
	for _, m := range e.srv.ChannelMessages(general) {
		if strings.Contains(m.Content, "For the fifth year") {
			t.Errorf("the unsupported proposal was posted: %s", m.Content)
		}
		if strings.Contains(m.Content, "French President Emmanuel Macron") {
			macron = m
			quizID = quizIDRE.FindStringSubmatch(buttonIDs(m)[0])[1]
		}
	}
	if macron == nil {
		t.Fatal("the model's good question was not posted")
	}
	qz, err := e.ed.Quizzes.Get(context.Background(), quizID)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []quiz.Kind
	for _, q := range qz.Questions {
		kinds = append(kinds, q.Kind)
		if para := paragraph(t, br.ID, q.Paragraph); !quiz.Supported(q.Answer(), para) || !strings.Contains(para, q.Quote) {
			t.Errorf("%q: answer %q not supported by ¶%d", q.Text, q.Answer(), q.Paragraph)
		}
	}
	if len(kinds) != 2 || !slices.Contains(kinds, quiz.KindModel) || kinds[0] == kinds[1] {
		t.Errorf("kinds = %v, want one model question and one extractive", kinds)
	}
	qi, _ := strconv.Atoi(quizIDRE.FindStringSubmatch(buttonIDs(macron)[0])[2])
	q := qz.Questions[qi]
	res := e.reply(e.press(macron, buttonIDs(macron)[q.Correct], eduMember))
	if !strings.Contains(res.Content, "✅ Right") || !strings.Contains(res.Content, "From ¶11") ||
		!strings.Contains(res.Content, "Macron") || !strings.Contains(paragraph(t, br.ID, 11), q.Quote) {
		t.Errorf("verdict:\n%s", res.Content)
	}
}

func TestEducatorBriefingAutocomplete(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	br := testKnowledge(t).Briefings[0]
	word := strings.Fields(br.Title)[0]
	i := e.srv.DispatchInteraction(&discordgo.Interaction{GuildID: e.guild, Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "session", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			sub("start", &discordgo.ApplicationCommandInteractionDataOption{Name: "briefing", Type: discordgo.ApplicationCommandOptionString, Value: strings.ToLower(word), Focused: true}),
		}}})
	cb := e.waitCallback(i)
	if cb.Type != discordgo.InteractionApplicationCommandAutocompleteResult || !strings.Contains(string(cb.Data), `"value":"`+br.ID+`"`) {
		t.Errorf("autocomplete: type %d %s", cb.Type, cb.Data)
	}
}

// /session start's refusals: no title, a briefing it does not know, and a
// channel where Discord will not let it open a thread.
func TestSessionStartRefusals(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	if r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "  ")))); !ephemeral(r) || !strings.Contains(r.Content, "Please give the session a title") {
		t.Errorf("no title = %q", r.Content)
	}
	if r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "T"), strOpt("briefing", "no-such-briefing")))); !ephemeral(r) || !strings.Contains(r.Content, "I don't know that briefing") {
		t.Errorf("unknown briefing = %q", r.Content)
	}
	general := e.srv.GeneralChannel(e.guild)
	e.srv.FailNext("POST", "/channels/"+general+"/threads", http.StatusForbidden)
	if r := e.reply(e.slash(eduRole, "", "session", sub("start", strOpt("title", "T")))); !ephemeral(r) || !strings.Contains(r.Content, "I can't open a thread here") {
		t.Errorf("thread refused = %q", r.Content)
	}
	if n := e.srv.Hits("POST", "/channels/"+general+"/threads"); n != 1 {
		t.Errorf("%d thread creations tried, want the one refused", n)
	}
}

// longDraftSession starts a session with approval on whose answers are
// a long draft (over 2,000 characters, every sentence citing ¶11), and
// queues one question; it returns once the question is drafted, with
// the session's thread and the question's number.
func longDraftSession(t *testing.T) (e *eduHarness, thread, seq string) {
	t.Helper()
	k := testKnowledge(t)
	br := k.Briefings[0]
	long := strings.Repeat("Macron opposed the office in Tokyo [1]. ", 60) + "The last word on the office [1]."
	e = startEducatorWith(t, setup{answerer: fixed{answer.Answer{Text: long, Mode: answer.ModeLLM, KnowledgeVersion: k.Version,
		Citations: []answer.Citation{{N: 1, Briefing: br.Title, Paragraph: 11, ChunkID: br.ID + "#p11", Quote: br.Paragraphs[10]}}}}})
	r := e.reply(e.slash(eduManager, "", "session", sub("start", strOpt("title", "Long"), boolOpt("approve", true))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread = mm[1]
	seq = seqOf(t, e.inThread(thread, eduMember, franceQ))
	e.until("the draft", func() bool {
		q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq)
		return err == nil && q.Draft != nil
	})
	return e, thread, seq
}

// A long draft is shown to the reviewing educator whole, over as many
// private messages as it takes, with Approve / Edit / Skip under the
// last: what they approve is what gets posted, not its first 1,900
// characters.
func TestSessionReviewOfALongDraftShowsItWhole(t *testing.T) {
	t.Parallel()
	e, thread, _ := longDraftSession(t)
	next := e.slash(eduManager, thread, "session", sub("next"))
	e.reply(next)
	var shown []*discordgo.Message
	e.until("the whole review", func() bool {
		shown = append([]*discordgo.Message{e.srv.Original(next.Token)}, e.srv.Followups(next.Token)...)
		last := shown[len(shown)-1]
		return len(buttonIDs(last)) == 3
	})
	var all strings.Builder
	for _, m := range shown {
		if !ephemeral(m) {
			t.Errorf("a review message is public: %q", truncateRunes(m.Content, 80))
		}
		all.WriteString(m.Content + "\n")
	}
	for _, want := range []string{"The last word on the office [1].", "Sources", tr(english, msgEduReviewHowTo)} {
		if !strings.Contains(all.String(), want) {
			last := []rune(shown[len(shown)-1].Content)
			t.Errorf("the review lacks %q: %d messages, the last ends:\n%s", want, len(shown), string(last[max(0, len(last)-200):]))
		}
	}
}

// Renaming a session's thread posts a system message whose content is
// the new name: it is not a member's question and joins no queue.
func TestSessionThreadRenameIsNotQueued(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	r := e.reply(e.slash(eduManager, "", "session", sub("start", strOpt("title", "Asia week"))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	e.srv.DispatchMessage(&discordgo.Message{ChannelID: thread, GuildID: e.guild, Type: discordgo.MessageTypeChannelNameChange,
		Content: "Q&A: Why is Japan hesitant?", Author: &discordgo.User{ID: eduManager, Username: "m"}})
	e.inThread(thread, eduMember, franceQ)
	time.Sleep(300 * time.Millisecond)
	qs, err := e.ed.Sessions.Questions(context.Background(), thread)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 1 || qs[0].Text != franceQ {
		var texts []string
		for _, q := range qs {
			texts = append(texts, q.Text)
		}
		t.Errorf("queued: %q, want the member's question only", texts)
	}
}

// A quiz question is the briefing's sentence with a blank, "_____", and
// options from the briefing (or a model): in Discord's Markdown five
// underscores are an underlined "_", not a blank, and a "*" or "~~" in a
// sentence or an option would style what follows. They show as written,
// as the cited passages do.
func TestQuizTextShowsAsWritten(t *testing.T) {
	q := quiz.Question{
		Text:    "Which organisation completes this sentence from the briefing?\n“They do not require _____’s *direct* involvement.”",
		Options: []string{"NATO", "SCO", "ASEAN_PLUS", "the ~~Quad~~"}, Correct: 0, Paragraph: 6,
		Quote: "They do not require NATO’s *direct* involvement.",
	}
	shown := renderQuizQuestion(english, 0, 1, q)
	for _, want := range []string{`require \_\_\_\_\_’s \*direct\* involvement`, `ASEAN\_PLUS`, `the \~\~Quad\~\~`} {
		if !strings.Contains(shown, want) {
			t.Errorf("question lacks %q:\n%s", want, shown)
		}
	}
	res := renderQuizResult(english, quiz.Result{Correct: true, Question: q})
	if want := `> They do not require NATO’s \*direct\* involvement.`; !strings.Contains(res, want) {
		t.Errorf("verdict lacks %q:\n%s", want, res)
	}
}

// The Edit form holds a long draft (its field takes 4,000 characters),
// and what it holds can be saved: an educator who corrects one word of a
// 2,400-character draft must not be told it is too long, and lose the
// edit with the closed form.
func TestSessionEditOfALongDraftIsSaved(t *testing.T) {
	t.Parallel()
	e, thread, seq := longDraftSession(t)
	q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq)
	if err != nil {
		t.Fatal(err)
	}
	edit := e.press(e.srv.ChannelMessages(thread)[0], prefixSession+"e:"+thread+":q"+seq, eduManager)
	if cb := e.waitCallback(edit); cb.Type != discordgo.InteractionResponseModal {
		t.Fatalf("edit: callback type %d", cb.Type)
	}
	edited := strings.Replace(q.Draft.Text, "The last word", "The final word", 1)
	r := e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: thread, Type: discordgo.InteractionModalSubmit, Member: e.member(eduManager),
		Data: modalData{CustomID: prefixSessionModal + thread + ":q" + seq,
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "text", Value: edited}}}}},
	}))
	if !strings.Contains(r.Content, "Edited and approved question #"+seq) {
		t.Fatalf("a %d-character edit: %q", utf8.RuneCountInString(edited), r.Content)
	}
	if q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq); err != nil || !strings.Contains(q.Draft.Text, "The final word") {
		t.Errorf("the edit was not kept: %v", err)
	}
}

// An edit refused for its citations says why, however many sentences
// fail: the reasons, one per sentence quoting it, run past the 2,000
// characters of a Discord message for a long edit, and the reply with
// them was refused, leaving the educator with neither their edit nor why.
func TestSessionEditRefusedForManySentencesSaysWhy(t *testing.T) {
	t.Parallel()
	e, thread, seq := longDraftSession(t)
	q, err := e.ed.Sessions.Question(context.Background(), thread, "q"+seq)
	if err != nil {
		t.Fatal(err)
	}
	edit := e.press(e.srv.ChannelMessages(thread)[0], prefixSession+"e:"+thread+":q"+seq, eduManager)
	if cb := e.waitCallback(edit); cb.Type != discordgo.InteractionResponseModal {
		t.Fatalf("edit: callback type %d", cb.Type)
	}
	uncited := strings.ReplaceAll(q.Draft.Text, " [1]", "")
	r := e.reply(e.srv.DispatchInteraction(&discordgo.Interaction{
		GuildID: e.guild, ChannelID: thread, Type: discordgo.InteractionModalSubmit, Member: e.member(eduManager),
		Data: modalData{CustomID: prefixSessionModal + thread + ":q" + seq,
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: "text", Value: uncited}}}}},
	}))
	if !strings.Contains(r.Content, "That edit was not saved") || !strings.Contains(r.Content, "cites nothing") {
		t.Fatalf("a refused %d-character edit: %q", utf8.RuneCountInString(uncited), r.Content)
	}
}

// A transcript Discord refused (the bot may not attach files in the
// thread, say) is not lost: the educator is given it privately, the
// thread is left open, and once the educator has fixed that, /session
// end again posts it. The session had ended at the first try.
func TestSessionEndAgainPostsATranscriptThatFailed(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	r := e.reply(e.slash(eduManager, "", "session", sub("start", strOpt("title", "Asia week"))))
	mm := threadRE.FindStringSubmatch(r.Content)
	if mm == nil {
		t.Fatalf("/session start reply = %q", r.Content)
	}
	thread := mm[1]
	e.inThread(thread, eduMember, franceQ)
	e.srv.FailNext("POST", "/channels/"+thread+"/messages", http.StatusForbidden)
	if r := e.reply(e.slash(eduManager, thread, "session", sub("end"))); !ephemeral(r) || len(r.Attachments) != 1 ||
		strings.Contains(r.Content, "thread locked") {
		t.Fatalf("end with the transcript refused (%d files) = %q", len(r.Attachments), r.Content)
	}
	if ch := e.srv.Channel(thread); ch.ThreadMetadata.Locked {
		t.Fatal("thread locked with no transcript posted in it")
	}
	if r := e.reply(e.slash(eduManager, thread, "session", sub("end"))); !strings.Contains(r.Content, "Session ended") {
		t.Fatalf("end again = %q", r.Content)
	}
	posted := false
	for _, m := range e.srv.ChannelMessages(thread) {
		for _, at := range m.Attachments {
			if at.Filename == "transcript.md" {
				data, _ := e.srv.Attachment(at.URL)
				posted = strings.Contains(string(data), franceQ)
			}
		}
	}
	if !posted {
		t.Error("no transcript posted")
	}
	if r := e.reply(e.slash(eduMember, thread, "session", sub("end"))); !strings.Contains(r.Content, "Only educators") {
		t.Errorf("a member's end of an ended session = %q", r.Content)
	}
}
