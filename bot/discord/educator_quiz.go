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
	minQ := float64(1)
	return &discordgo.ApplicationCommand{
		Name:        "quiz",
		Description: "Multiple-choice quizzes on a briefing (educators)",
		Contexts:    guildOnly(), IntegrationTypes: guildInstall(),
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "start", Description: "Post a quiz in this channel",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionInteger, Name: "questions", Description: "How many questions (1–10, default 5)",
						MinValue: &minQ, MaxValue: quizMaxQuestions},
					{Type: discordgo.ApplicationCommandOptionString, Name: "briefing", Description: "Briefing id (default: the latest)", Autocomplete: true},
				}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "close", Description: "Close a quiz and post its leaderboard",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "quiz", Description: "Which quiz (default: the latest open one here)", Autocomplete: true},
				}},
		},
	}
}

// runQuiz handles /quiz start|close, for educators only, checked here
// whatever Discord's permissions say.
func (e *educator) runQuiz(ctx context.Context, r *Reply) error {
	opts := r.I.ApplicationCommandData().Options
	if len(opts) == 0 {
		return &UserError{Kind: KindUnknown}
	}
	if ok, err := e.educatorOrRefuse(ctx, r); !ok {
		return err
	}
	switch opts[0].Name {
	case "start":
		return e.startQuiz(ctx, r, opts)
	case "close":
		return e.closeQuizCommand(ctx, r, eduString(opts, "quiz"))
	}
	return &UserError{Kind: KindUnknown}
}

// quizChoices autocompletes /quiz: briefings for start, open quizzes for
// close.
func (e *educator) quizChoices(ctx context.Context, r *Reply) []*discordgo.ApplicationCommandOptionChoice {
	for _, o := range eduOptions(r.I.ApplicationCommandData().Options) {
		if o.Focused && o.Name == "quiz" {
			return e.openQuizChoices(ctx, r)
		}
	}
	return e.briefingChoices(ctx, r)
}

// startQuiz generates a quiz and posts its questions in the channel.
func (e *educator) startQuiz(ctx context.Context, r *Reply, opts []*discordgo.ApplicationCommandInteractionDataOption) error {
	n := min(max(eduInt(opts, "questions", quizDefaultQuestions), 1), quizMaxQuestions)
	br, ok, ambiguous := e.findBriefing(eduString(opts, "briefing"))
	if ambiguous {
		return eduRefuse(r, tr(r.I.Locale, msgEduAmbiguousBriefing))
	}
	if !ok {
		return eduRefuse(r, tr(r.I.Locale, msgEduUnknownBriefing))
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
			return r.Edit(tr(r.I.Locale, msgEduNoQuizQuestions), nil)
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
	// The quiz is for everyone in the channel: the guild's locale.
	loc := e.b.publicLocale(r.I)
	// A title is cut as /briefing cuts it: a .txt briefing's first line
	// can be a paragraph, and the head must stay one message.
	title := titleText(truncateRunes(oneLine(br.Title), 200))
	head := tr(loc, msgQuizHeadOne, title, br.Date)
	if len(qs) != 1 {
		head = tr(loc, msgQuizHeadMany, title, br.Date, len(qs))
	}
	closeRow := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Style: discordgo.DangerButton, Label: tr(loc, msgCloseQuiz), CustomID: prefixQuizClose + qz.ID},
	}}}
	// Each message is sent again after a 503, which Discord answers
	// without having taken it in; a quiz Discord stops taking part-way
	// is withdrawn (withdrawQuiz), so that the educator, told to try
	// again, leaves the class no half quiz.
	var posted []*discordgo.Message
	send := func(content string, comps []discordgo.MessageComponent) error {
		return retryNotTakenIn(ctx, func() error {
			m, err := e.send(r.I.ChannelID, content, comps)
			if err == nil {
				posted = append(posted, m)
			}
			return err
		})
	}
	err = send(head, closeRow)
	for i := 0; err == nil && i < len(qs); i++ {
		err = send(renderQuizQuestion(loc, i, len(qs), qs[i]), quizButtons(qz.ID, i, qs[i]))
	}
	if err != nil {
		e.withdrawQuiz(ctx, qz, posted)
		if postRefused(err) {
			// Nothing left posted: the quiz is closed and unseen (no
			// message holds its buttons, so /quiz close never lists it,
			// and it expires), and the educator told what to fix, not
			// "something went wrong".
			e.b.log.Info("cannot post a quiz in the channel", "channel", r.I.ChannelID, "err", err)
			return r.Edit(tr(r.I.Locale, msgEduQuizNotPosted), nil)
		}
		return err
	}
	// Its messages are kept with it, so that closing it retires their
	// buttons without reading the channel's history.
	if ms, ok := e.d.Quizzes.(quizMessages); ok {
		ids := make([]string, len(posted))
		for k, m := range posted {
			ids[k] = m.ID
		}
		sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
		if err := ms.SetMessages(sctx, qz.ID, ids); err != nil {
			e.b.log.Warn("cannot keep the quiz's message ids; closing it will look for them in the channel", "quiz", qz.ID, "err", err)
		}
		cancel()
	}
	// The reply is the educator's own, naming the button as the channel
	// shows it.
	return r.Edit(tr(r.I.Locale, msgEduQuizPosted, len(qs), tr(loc, msgCloseQuiz)), nil)
}

// quizMessages is a QuizStore that keeps a quiz's message ids;
// *quiz.Store does.
type quizMessages interface {
	SetMessages(ctx context.Context, quizID string, ids []string) error
}

var _ quizMessages = (*quiz.Store)(nil)

// post sends a message with buttons and no pings.
func (e *educator) post(channelID, content string, comps []discordgo.MessageComponent) error {
	_, err := e.send(channelID, content, comps)
	return err
}

// send is post, returning the message.
func (e *educator) send(channelID, content string, comps []discordgo.MessageComponent) (*discordgo.Message, error) {
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	return e.b.s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
		Content: content, Components: comps, Flags: answerFlags, AllowedMentions: noMentions(),
	})
}

// withdrawQuiz takes back a quiz Discord did not take whole: closed, so
// that a message of it Discord posted despite an error (a 500 can come
// after) answers that it is closed, and its posted messages deleted.
func (e *educator) withdrawQuiz(ctx context.Context, qz quiz.Quiz, posted []*discordgo.Message) {
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	_, _, err := e.d.Quizzes.CloseFirst(sctx, qz.ID)
	cancel()
	if err != nil {
		e.b.log.Warn("cannot close a quiz not posted whole", "quiz", qz.ID, "err", err)
	}
	for _, m := range posted {
		if err := e.b.s.ChannelMessageDelete(m.ChannelID, m.ID); err != nil {
			e.b.log.Info("cannot delete a message of a quiz not posted whole", "quiz", qz.ID, "message", m.ID, "err", err)
		}
	}
}

var quizLetters = []string{"A", "B", "C", "D", "E", "F"}

// renderQuizQuestion is question i of n in loc; the question and its
// options are the quiz's own (the briefing's words, or a model's), shown
// as written: its blank is five underscores, which Markdown would read.
func renderQuizQuestion(loc discordgo.Locale, i, n int, q quiz.Question) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", tr(loc, msgQuizQuestion, i+1, n), escapeMarkdown(neutralise(strings.TrimSpace(q.Text))))
	for j, o := range q.Options {
		fmt.Fprintf(&b, "\n**%s.** %s", quizLetters[j], escapeMarkdown(neutralise(oneLine(o))))
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
	e.names.remember(r.I.GuildID, r.I.Member)
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	// The custom id is the client's to forge: a quiz of another guild is
	// gone, as far as this guild's members know.
	res, err := e.d.Quizzes.AnswerIn(sctx, r.I.GuildID, parts[0], r.UserID(), qi, oi)
	cancel()
	switch {
	case errors.Is(err, quiz.ErrClosed):
		return eduRefuse(r, tr(r.I.Locale, msgQuizClosed))
	case errors.Is(err, quiz.ErrNotFound):
		return eduRefuse(r, tr(r.I.Locale, msgQuizGone))
	case errors.Is(err, quiz.ErrInvalid):
		return &UserError{Kind: KindUnknown, Err: err}
	case err != nil:
		return err
	}
	return r.Respond(renderQuizResult(r.I.Locale, res), true, nil)
}

// renderQuizResult is the private verdict with the citation, in loc (the
// member's).
func renderQuizResult(loc discordgo.Locale, res quiz.Result) string {
	var b strings.Builder
	q := res.Question
	if res.Repeat {
		b.WriteString(tr(loc, msgQuizRepeat, quizLetters[res.Chosen]) + "\n")
	}
	verdict := msgQuizWrong
	if res.Correct {
		verdict = msgQuizRight
	}
	b.WriteString(tr(loc, verdict, quizLetters[q.Correct], escapeMarkdown(neutralise(oneLine(q.Answer())))))
	fmt.Fprintf(&b, "\n\n%s\n> %s", tr(loc, msgQuizFrom, q.Paragraph), escapeMarkdown(neutralise(oneLine(q.Quote))))
	return truncateRunes(b.String(), contentBudget)
}
