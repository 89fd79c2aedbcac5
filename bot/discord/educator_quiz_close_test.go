package discord

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/quiz"
)

// postQuiz runs /quiz start in channelID and returns the quiz's id and
// its question messages.
func (e *eduHarness) postQuiz(channelID string, n int) (string, []*discordgo.Message) {
	e.t.Helper()
	if r := e.reply(e.slash(eduRole, channelID, "quiz", sub("start", intOpt("questions", n)))); !strings.Contains(r.Content, "Quiz posted") {
		e.t.Fatalf("/quiz start = %q", r.Content)
	}
	if channelID == "" {
		channelID = e.srv.GeneralChannel(e.guild)
	}
	head, qs := e.postedQuiz(channelID)
	if head == nil || len(qs) != n {
		e.t.Fatalf("quiz head %v with %d questions posted", head != nil, len(qs))
	}
	return strings.TrimPrefix(buttonIDs(head)[0], prefixQuizClose), qs
}

// postedQuiz finds the latest quiz posted in a channel: its head (with
// Close quiz) and its question messages.
func (e *eduHarness) postedQuiz(channelID string) (head *discordgo.Message, questions []*discordgo.Message) {
	for _, m := range e.srv.ChannelMessages(channelID) {
		ids := buttonIDs(m)
		switch {
		case len(ids) == 1 && strings.HasPrefix(ids[0], prefixQuizClose):
			head, questions = m, nil // the latest quiz's questions follow its head
		case len(ids) > 0 && strings.HasPrefix(ids[0], prefixQuizAnswer):
			questions = append(questions, m)
		}
	}
	return head, questions
}

// leaderboards lists the leaderboards posted in a channel.
func (e *eduHarness) leaderboards(channelID string) []string {
	var out []string
	for _, m := range e.srv.ChannelMessages(channelID) {
		if strings.HasPrefix(m.Content, "🏁 **Quiz closed") {
			out = append(out, m.Content)
		}
	}
	return out
}

func TestQuizCloseCommand(t *testing.T) {
	t.Parallel()
	e := startEducator(t)
	ctx := context.Background()
	general := e.srv.GeneralChannel(e.guild)
	const elsewhere = "555000000000000021"
	other, _ := e.postQuiz(elsewhere, 1)
	older, _ := e.postQuiz("", 1)
	latest, qs := e.postQuiz("", 2)
	qz, err := e.ed.Quizzes.Get(ctx, latest)
	if err != nil {
		t.Fatal(err)
	}
	e.reply(e.press(qs[0], buttonIDs(qs[0])[qz.Questions[0].Correct], eduMember))
	e.reply(e.press(qs[0], buttonIDs(qs[0])[(qz.Questions[0].Correct+1)%quiz.Options], eduMember2))

	// Members cannot close a quiz.
	if r := e.reply(e.slash(eduMember, "", "quiz", sub("close"))); !strings.Contains(r.Content, "Only educators") {
		t.Errorf("member's /quiz close = %q", r.Content)
	}
	// The open quizzes of the channel are offered, newest first.
	ac := e.srv.DispatchInteraction(&discordgo.Interaction{GuildID: e.guild, ChannelID: general, Type: discordgo.InteractionApplicationCommandAutocomplete,
		Member: e.member(eduRole), Data: discordgo.ApplicationCommandInteractionData{Name: "quiz", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			sub("close", &discordgo.ApplicationCommandInteractionDataOption{Name: "quiz", Type: discordgo.ApplicationCommandOptionString, Value: "", Focused: true}),
		}}})
	var choices struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	}
	if err := json.Unmarshal(e.waitCallback(ac).Data, &choices); err != nil {
		t.Fatal(err)
	}
	if c := choices.Choices; len(c) != 2 || c[0].Value != latest || c[1].Value != older || !strings.Contains(c[0].Name, "2 questions") {
		t.Errorf("choices = %s", mustJSON(c))
	}

	// A restart: the names are not remembered any more, so they are asked
	// of Discord.
	e.newBot()
	lookups := e.srv.Hits("GET", "/guilds/"+e.guild+"/members/")
	r := e.reply(e.slash(eduManager, "", "quiz", sub("close")))
	if !ephemeral(r) || r.Content != "Quiz closed; its leaderboard is posted here." {
		t.Fatalf("/quiz close = %q", r.Content)
	}
	boards := e.leaderboards(general)
	if len(boards) != 1 || !strings.Contains(boards[0], "🥇 Ann\\_the\\*great — 1/2 right (1 answered)") ||
		!strings.Contains(boards[0], "🥈 Bob — 0/2 right (1 answered)") || strings.Contains(boards[0], "<@") {
		t.Fatalf("leaderboards = %q", boards)
	}
	if n := e.srv.Hits("GET", "/guilds/"+e.guild+"/members/") - lookups; n != 2 {
		t.Errorf("%d member lookups, want 2", n)
	}
	if got, _ := e.ed.Quizzes.Get(ctx, latest); !got.Closed {
		t.Error("the quiz is still open")
	}
	// As with the button, its buttons are retired.
	e.until("the buttons retired", func() bool {
		row, ok := e.srv.Message(general, qs[1].ID).Components[0].(*discordgo.ActionsRow)
		return ok && row.Components[0].(*discordgo.Button).Disabled
	})
	if r := e.reply(e.press(qs[1], buttonIDs(qs[1])[0], eduMember)); !strings.Contains(r.Content, "closed") {
		t.Errorf("answer after close = %q", r.Content)
	}

	// Again: the next open quiz here is the older one.
	if r := e.reply(e.slash(eduManager, "", "quiz", sub("close"))); !strings.Contains(r.Content, "posted here") {
		t.Errorf("second /quiz close = %q", r.Content)
	}
	if b := e.leaderboards(general); len(b) != 2 || !strings.Contains(b[1], "Nobody answered") {
		t.Errorf("leaderboards = %q", b)
	}
	if r := e.reply(e.slash(eduManager, "", "quiz", sub("close"))); !strings.Contains(r.Content, "no open quiz in this channel") {
		t.Errorf("/quiz close with none open = %q", r.Content)
	}
	// A quiz named by id, from another channel: its leaderboard goes there.
	r = e.reply(e.slash(eduManager, "", "quiz", sub("close", strOpt("quiz", other))))
	if r.Content != "Quiz closed; its leaderboard is posted in <#"+elsewhere+">." || len(e.leaderboards(elsewhere)) != 1 {
		t.Errorf("/quiz close quiz:%s = %q, leaderboards there %q", other, r.Content, e.leaderboards(elsewhere))
	}
	for id, want := range map[string]string{other: "closed already", "0123456789abcdef": "don't know that quiz"} {
		if r := e.reply(e.slash(eduManager, "", "quiz", sub("close", strOpt("quiz", id)))); !strings.Contains(r.Content, want) {
			t.Errorf("/quiz close quiz:%s = %q, want %q", id, r.Content, want)
		}
	}
	e.checkNoMentions()
}
