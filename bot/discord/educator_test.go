package discord

import (
	"context"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/quiz"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/bot/state"
	"github.com/briefbot/briefbot/knowledge"
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
}

func startEducator(t *testing.T) *eduHarness {
	t.Helper()
	h := start(t, setup{})
	rdb, err := state.Connect(context.Background(), h.rds.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rdb.Close() })
	p := h.rds.Prefix()
	gs := guild.New(rdb, guild.Options{Prefix: p, CacheTTL: -1})
	if err := gs.SetEducatorRole(context.Background(), h.guild, eduRoleID, true); err != nil {
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
	e := &eduHarness{harness: h, guilds: gs, ed: EducatorDeps{
		Quizzes:  quiz.NewStore(rdb, quiz.StoreOptions{Prefix: p}),
		Sessions: session.NewStore(rdb, session.Options{Prefix: p, Briefing: briefing}),
		Guilds:   gs,
	}}
	e.newBot()
	return e
}

// newBot replaces the running bot with a new one over the same fake
// Discord and the same Redis, as a restart of the process does.
func (e *eduHarness) newBot() {
	e.t.Helper()
	if err := e.shutdown(); err != nil {
		e.t.Fatal(err)
	}
	cfg := Config{Token: "test-token", APIURL: e.srv.APIBase(), GuildID: e.guild, EditInterval: 50 * time.Millisecond}
	logw := io.Writer(e.log)
	if testing.Verbose() {
		logw = io.MultiWriter(e.log, os.Stderr)
	}
	b, err := New(cfg, e.deps, slog.New(slog.NewTextHandler(logw, nil)))
	if err != nil {
		e.t.Fatal(err)
	}
	b.EnableEducator(e.ed)
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
	if r := e.reply(e.slash(eduMember, "", "quiz")); !ephemeral(r) || !strings.Contains(r.Content, "Only educators") {
		t.Fatalf("member's /quiz reply = %q", r.Content)
	}
	if n := len(e.srv.ChannelMessages(general)); n != 1 { // the ephemeral refusal only
		t.Fatalf("a refused /quiz posted something: %d messages", n)
	}

	i := e.slash(eduRole, "", "quiz", intOpt("questions", 3))
	if r := e.reply(i); !ephemeral(r) || !strings.Contains(r.Content, "Quiz posted (3 questions)") {
		t.Fatalf("/quiz reply = %q", r.Content)
	}
	var head *discordgo.Message
	var questions []*discordgo.Message
	for _, m := range e.srv.ChannelMessages(general) {
		ids := customIDs(m)
		switch {
		case len(ids) == 1 && strings.HasPrefix(ids[0], prefixQuizClose):
			head = m
		case len(ids) == quiz.Options && strings.HasPrefix(ids[0], prefixQuizAnswer):
			questions = append(questions, m)
		}
	}
	if head == nil || len(questions) != 3 {
		t.Fatalf("head %v, %d questions posted", head != nil, len(questions))
	}
	quizID := strings.TrimPrefix(customIDs(head)[0], prefixQuizClose)
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
	ids := customIDs(questions[0])
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
	e.reply(e.press(questions[1], customIDs(questions[1])[q1.Correct], eduMember2))

	// Only an educator closes it.
	if r := e.reply(e.press(head, customIDs(head)[0], eduMember)); !ephemeral(r) || !strings.Contains(r.Content, "Only educators") {
		t.Errorf("member's close = %q", r.Content)
	}
	r = e.reply(e.press(head, customIDs(head)[0], eduManager))
	if ephemeral(r) || !strings.Contains(r.Content, "leaderboard") {
		t.Fatalf("leaderboard (flags %b):\n%s", r.Flags, r.Content)
	}
	// Both have 1 right; eduMember answered last before eduMember2's second.
	first := strings.Index(r.Content, "<@"+eduMember+"> — 1/3 right")
	second := strings.Index(r.Content, "<@"+eduMember2+"> — 1/3 right (2 answered)")
	if first < 0 || second < 0 || first > second {
		t.Errorf("leaderboard:\n%s", r.Content)
	}
	if r := e.reply(e.press(questions[2], customIDs(questions[2])[0], eduMember)); !strings.Contains(r.Content, "closed") {
		t.Errorf("answer after close = %q", r.Content)
	}
	e.checkNoMentions()
}
