package discord

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/quiz"
)

// Quiz custom ids: "qz:<quiz id>:<question>:<option>" for an answer and
// "qzc:<quiz id>" for closing.
const (
	prefixQuizAnswer = "qz:"
	prefixQuizClose  = "qzc:"
)

// Quiz sizes.
const (
	quizDefaultQuestions = 5
	quizMaxQuestions     = 10
)

func quizCommandDef() *discordgo.ApplicationCommand {
	minQ, dm := float64(1), false
	return &discordgo.ApplicationCommand{
		Name:         "quiz",
		Description:  "Post a multiple-choice quiz on a briefing (educators)",
		DMPermission: &dm,
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "questions", Description: "How many questions (1–10, default 5)",
				MinValue: &minQ, MaxValue: quizMaxQuestions},
			{Type: discordgo.ApplicationCommandOptionString, Name: "briefing", Description: "Briefing id (default: the latest)", Autocomplete: true},
		},
	}
}

// runQuiz generates a quiz and posts its questions in the channel.
func (e *educator) runQuiz(ctx context.Context, r *Reply) error {
	if !e.isEducator(ctx, r.I) {
		return eduRefuse(r, notEducatorText)
	}
	opts := r.I.ApplicationCommandData().Options
	n := min(max(eduInt(opts, "questions", quizDefaultQuestions), 1), quizMaxQuestions)
	br, ok := e.briefing(eduString(opts, "briefing"))
	if !ok {
		return eduRefuse(r, "I don't know that briefing — pick one from the list.")
	}
	if err := r.Defer(true); err != nil {
		return err
	}
	var qs []quiz.Question
	var err error
	if e.d.QuizModel != nil {
		qs, _, err = quiz.GenerateWithModel(ctx, e.d.QuizModel, br, n)
	} else {
		qs, err = quiz.Generate(br, n, uint64(time.Now().UnixNano()))
	}
	if err != nil || len(qs) == 0 {
		if errors.Is(err, quiz.ErrNoQuestions) || len(qs) == 0 {
			return r.Edit("This briefing has nothing I can make a question of.", nil)
		}
		return err
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	qz, err := e.d.Quizzes.Create(sctx, quiz.Quiz{GuildID: r.I.GuildID, ChannelID: r.I.ChannelID,
		BriefingID: br.ID, CreatorID: r.UserID(), Questions: qs})
	cancel()
	if err != nil {
		return err
	}
	head := fmt.Sprintf("📝 **Quiz** on *%s* (%s) — %d question%s. Pick an answer with the buttons; only your first answer counts, and only you see whether you were right.",
		escapeMarkdown(oneLine(br.Title)), br.Date, len(qs), eduPlural(len(qs)))
	closeRow := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Style: discordgo.DangerButton, Label: "Close quiz", CustomID: prefixQuizClose + qz.ID},
	}}}
	if err := e.post(r.I.ChannelID, head, closeRow); err != nil {
		return err
	}
	for i, q := range qs {
		if err := e.post(r.I.ChannelID, renderQuizQuestion(i, len(qs), q), quizButtons(qz.ID, i, q)); err != nil {
			return err
		}
	}
	return r.Edit(fmt.Sprintf("Quiz posted (%d questions). Close it with **Close quiz** to post the leaderboard.", len(qs)), nil)
}

func eduPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// post sends a message with buttons and no pings.
func (e *educator) post(channelID, content string, comps []discordgo.MessageComponent) error {
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	_, err := e.b.s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
		Content: content, Components: comps, Flags: answerFlags, AllowedMentions: noMentions(),
	})
	return err
}

var quizLetters = []string{"A", "B", "C", "D", "E", "F"}

func renderQuizQuestion(i, n int, q quiz.Question) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**Question %d/%d.** %s\n", i+1, n, neutralise(strings.TrimSpace(q.Text)))
	for j, o := range q.Options {
		fmt.Fprintf(&b, "\n**%s.** %s", quizLetters[j], neutralise(oneLine(o)))
	}
	return truncateRunes(b.String(), contentBudget)
}

func quizButtons(quizID string, i int, q quiz.Question) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	for j, o := range q.Options {
		row = append(row, discordgo.Button{
			Style: discordgo.SecondaryButton, Label: truncateRunes(quizLetters[j]+". "+oneLine(o), 80),
			CustomID: fmt.Sprintf("%s%s:%d:%d", prefixQuizAnswer, quizID, i, j),
		})
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// onQuizAnswer records a member's answer and tells them privately whether
// it was right, citing the paragraph.
func (e *educator) onQuizAnswer(ctx context.Context, r *Reply, id string) error {
	parts := strings.Split(strings.TrimPrefix(id, prefixQuizAnswer), ":")
	if len(parts) != 3 {
		return &UserError{Kind: KindUnknown}
	}
	qi, err1 := strconv.Atoi(parts[1])
	oi, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil {
		return &UserError{Kind: KindUnknown}
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	res, err := e.d.Quizzes.Answer(sctx, parts[0], r.UserID(), qi, oi)
	cancel()
	switch {
	case errors.Is(err, quiz.ErrClosed):
		return eduRefuse(r, "This quiz is closed.")
	case errors.Is(err, quiz.ErrNotFound):
		return eduRefuse(r, "This quiz is gone.")
	case errors.Is(err, quiz.ErrInvalid):
		return &UserError{Kind: KindUnknown, Err: err}
	case err != nil:
		return err
	}
	return r.Respond(renderQuizResult(res), true, nil)
}

// renderQuizResult is the private verdict with the citation.
func renderQuizResult(res quiz.Result) string {
	var b strings.Builder
	q := res.Question
	if res.Repeat {
		fmt.Fprintf(&b, "You already answered this one (**%s**) — your first answer counts.\n", quizLetters[res.Chosen])
	}
	if res.Correct {
		fmt.Fprintf(&b, "✅ Right! The answer is **%s. %s**.", quizLetters[q.Correct], neutralise(oneLine(q.Answer())))
	} else {
		fmt.Fprintf(&b, "❌ Not quite — the answer is **%s. %s**.", quizLetters[q.Correct], neutralise(oneLine(q.Answer())))
	}
	fmt.Fprintf(&b, "\n\nFrom ¶%d of the briefing:\n> %s", q.Paragraph, neutralise(oneLine(q.Quote)))
	return truncateRunes(b.String(), contentBudget)
}

// onQuizClose closes a quiz (educators only) and posts its leaderboard.
func (e *educator) onQuizClose(ctx context.Context, r *Reply, id string) error {
	if !e.isEducator(ctx, r.I) {
		return eduRefuse(r, notEducatorText)
	}
	quizID := strings.TrimPrefix(id, prefixQuizClose)
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	qz, err := e.d.Quizzes.Get(sctx, quizID)
	if errors.Is(err, quiz.ErrNotFound) || (err == nil && qz.GuildID != r.I.GuildID) {
		return eduRefuse(r, "This quiz is gone.")
	}
	if err != nil {
		return err
	}
	entries, err := e.d.Quizzes.Close(sctx, quizID)
	if err != nil {
		return err
	}
	if err := r.Respond(renderLeaderboard(len(qz.Questions), entries), false, nil); err != nil {
		return err
	}
	e.retireQuiz(qz)
	return nil
}

// retireQuiz disables the closed quiz's buttons among the channel's recent
// messages, showing each question's correct option in green.
func (e *educator) retireQuiz(qz quiz.Quiz) {
	msgs, err := e.b.s.ChannelMessages(qz.ChannelID, 100, "", "", "")
	if err != nil {
		e.b.log.Info("cannot list the quiz's messages to retire its buttons", "quiz", qz.ID, "err", err)
		return
	}
	for _, m := range msgs {
		if m.Author == nil || m.Author.ID != e.b.botUserID() {
			continue
		}
		ids := buttonIDs(m)
		if len(ids) == 0 {
			continue
		}
		var comps []discordgo.MessageComponent
		switch {
		case ids[0] == prefixQuizClose+qz.ID:
			comps = []discordgo.MessageComponent{}
		case strings.HasPrefix(ids[0], prefixQuizAnswer+qz.ID+":"):
			parts := strings.Split(strings.TrimPrefix(ids[0], prefixQuizAnswer), ":")
			qi, err := strconv.Atoi(parts[1])
			if err != nil || qi < 0 || qi >= len(qz.Questions) {
				continue
			}
			comps = quizButtons(qz.ID, qi, qz.Questions[qi])
			row := comps[0].(discordgo.ActionsRow)
			for j, c := range row.Components {
				bt := c.(discordgo.Button)
				bt.Disabled = true
				if j == qz.Questions[qi].Correct {
					bt.Style = discordgo.SuccessButton
				}
				row.Components[j] = bt
			}
		default:
			continue
		}
		_, err := e.b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
			ID: m.ID, Channel: m.ChannelID, Components: &comps, AllowedMentions: noMentions(), Flags: answerFlags,
		})
		if err != nil {
			e.b.log.Info("cannot retire a quiz message's buttons", "quiz", qz.ID, "message", m.ID, "err", err)
		}
	}
}

// renderLeaderboard ranks members; users render as mentions, which never
// ping: every message carries allowed_mentions with an empty parse list.
func renderLeaderboard(questions int, entries []quiz.Entry) string {
	var b strings.Builder
	b.WriteString("🏁 **Quiz closed — leaderboard**\n")
	if len(entries) == 0 {
		b.WriteString("\nNobody answered.")
		return b.String()
	}
	medals := []string{"🥇", "🥈", "🥉"}
	for i, en := range entries {
		if i == 20 {
			fmt.Fprintf(&b, "\n…and %d more.", len(entries)-i)
			break
		}
		rank := fmt.Sprintf("%d.", i+1)
		if i < len(medals) {
			rank = medals[i]
		}
		fmt.Fprintf(&b, "\n%s <@%s> — %d/%d right", rank, en.UserID, en.Correct, questions)
		if en.Answered < questions {
			fmt.Fprintf(&b, " (%d answered)", en.Answered)
		}
	}
	return b.String()
}

// buttonIDs lists the custom ids of a message's buttons.
func buttonIDs(m *discordgo.Message) []string {
	var ids []string
	for _, c := range m.Components {
		if row, ok := c.(*discordgo.ActionsRow); ok {
			for _, x := range row.Components {
				if b, ok := x.(*discordgo.Button); ok {
					ids = append(ids, b.CustomID)
				}
			}
		}
	}
	return ids
}
