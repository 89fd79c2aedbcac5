package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/quiz"
)

// A quiz is closed by its "Close quiz" button or by /quiz close, with the
// same result: no more answers, the leaderboard posted in the quiz's
// channel, and the quiz's buttons retired.

// onQuizClose closes a quiz (educators only) and posts its leaderboard as
// the button's public reply.
func (e *educator) onQuizClose(ctx context.Context, r *Reply, id string) error {
	if ok, err := e.educatorOrRefuse(ctx, r); !ok {
		return err
	}
	quizID := strings.TrimPrefix(id, prefixQuizClose)
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	qz, err := e.d.Quizzes.Get(sctx, quizID)
	if errors.Is(err, quiz.ErrNotFound) || (err == nil && qz.GuildID != r.I.GuildID) {
		return eduRefuse(r, tr(r.I.Locale, msgQuizGone))
	}
	if err != nil {
		return err
	}
	entries, closed, err := e.d.Quizzes.CloseFirst(sctx, quizID)
	if err != nil {
		return err
	}
	if !closed {
		// Closed by an earlier press or another educator's, which posted
		// its leaderboard — or failed to: the educator gets it, privately.
		// Buttons still live mean their retiring failed or is under way:
		// retire them (again).
		// Naming the members may take requests to Discord (up to
		// nameLookupTimeout): acknowledge first, as the first press does.
		err := r.Defer(true)
		if err == nil {
			err = r.Edit(truncateRunes(tr(r.I.Locale, msgEduQuizClosedAlready)+"\n"+e.leaderboardIn(ctx, r.I.Locale, qz, entries), contentBudget), nil)
		}
		e.retireQuiz(qz)
		return err
	}
	// Naming the members may take requests to Discord: acknowledge first.
	err = r.Defer(false)
	board := e.leaderboard(ctx, qz, entries) // public: the guild's locale
	if err == nil {
		err = r.Edit(board, nil)
	}
	if err != nil {
		if !refused(err) && !notTakenIn(err) {
			return err // Discord may have shown it: not posted twice
		}
		// The press's reply not taken (answered too late, its edit
		// refused): closed, the quiz is never announced again, so its
		// leaderboard goes in its channel, as /quiz close posts it.
		e.b.log.Info("quiz close: the press's reply not taken; leaderboard posted in the channel", "quiz", qz.ID, "err", err)
		if perr := e.post(qz.ChannelID, board, nil); perr != nil {
			return errors.Join(err, perr)
		}
	}
	e.retireQuiz(qz)
	return nil
}

// closeQuizCommand is /quiz close: the quiz named by id (autocompleted
// from the channel's open quizzes), or the latest open one in the
// channel. The command's own reply is private; the leaderboard goes in
// the quiz's channel for everyone.
func (e *educator) closeQuizCommand(ctx context.Context, r *Reply, id string) error {
	// Finding the latest quiz reads the channel's messages: acknowledge
	// first.
	if err := r.Defer(true); err != nil {
		return err
	}
	var qz quiz.Quiz
	if id = strings.TrimSpace(id); id == "" || id == quizChoiceNoHistory {
		// The channel's quizzes are found among its messages, which
		// Discord lists empty without Read Message History.
		if !mayReadHistory(r.I) {
			return r.Edit(e.noHistoryText(r.I), nil)
		}
		open, err := e.openQuizzes(ctx, r.I.GuildID, r.I.ChannelID, 1)
		if historyRefused(err) {
			e.b.log.Info("cannot list the channel's quizzes", "channel", r.I.ChannelID, "err", err)
			return r.Edit(e.noHistoryText(r.I), nil)
		}
		if err != nil {
			return err
		}
		if len(open) == 0 {
			return r.Edit(tr(r.I.Locale, msgEduNoOpenQuiz), nil)
		}
		qz = open[0]
	} else {
		sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
		got, err := e.d.Quizzes.Get(sctx, id)
		cancel()
		switch {
		case errors.Is(err, quiz.ErrNotFound) || errors.Is(err, quiz.ErrInvalid) || (err == nil && got.GuildID != r.I.GuildID):
			return r.Edit(tr(r.I.Locale, msgEduUnknownQuiz), nil)
		case err != nil:
			return err
		}
		qz = got
	}
	sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	entries, closed, err := e.d.Quizzes.CloseFirst(sctx, qz.ID)
	cancel()
	if err != nil {
		return err
	}
	if !closed { // before, or by someone else meanwhile, who posted its leaderboard (or failed to)
		return r.Edit(truncateRunes(tr(r.I.Locale, msgEduQuizClosedAlready)+"\n"+e.leaderboardIn(ctx, r.I.Locale, qz, entries), contentBudget), nil)
	}
	if err := e.post(qz.ChannelID, e.leaderboard(ctx, qz, entries), nil); err != nil {
		// Closed, so never announced again: the educator has it.
		e.b.log.Warn("quiz leaderboard not posted", "guild", qz.GuildID, "channel", qz.ChannelID, "err", err)
		e.retireQuiz(qz)
		return r.Edit(truncateRunes(tr(r.I.Locale, msgEduQuizBoardNotPosted, "<#"+qz.ChannelID+">")+"\n"+e.leaderboardIn(ctx, r.I.Locale, qz, entries), contentBudget), nil)
	}
	e.retireQuiz(qz)
	if qz.ChannelID != r.I.ChannelID {
		return r.Edit(tr(r.I.Locale, msgEduQuizClosedIn, "<#"+qz.ChannelID+">"), nil)
	}
	return r.Edit(tr(r.I.Locale, msgEduQuizClosedHere), nil)
}

// quizChoiceNoHistory is the value of the one choice /quiz close offers
// where the bot cannot list the channel's quizzes: picked, it is the
// command without quiz:, which says what to do.
const quizChoiceNoHistory = "-no-history"

// mayReadHistory reports whether the bot may read the interaction's
// channel's message history, as far as the interaction's app
// permissions say (an interaction without them: as far as we know).
func mayReadHistory(i *discordgo.Interaction) bool {
	p := i.AppPermissions
	return p == 0 || p&(discordgo.PermissionReadMessageHistory|discordgo.PermissionAdministrator) != 0
}

// historyRefused reports whether Discord refused to list a channel's
// messages for want of access (403).
func historyRefused(err error) bool {
	return restStatus(err) == http.StatusForbidden
}

// noHistoryText tells an educator that the channel's quizzes cannot be
// listed and what to do, naming the Close quiz button as the channel
// shows it.
func (e *educator) noHistoryText(i *discordgo.Interaction) string {
	return tr(i.Locale, msgEduQuizNoHistory, tr(e.b.publicLocale(i), msgCloseQuiz))
}

// openQuizzes lists the open quizzes of guildID posted in channelID among
// its last 100 messages, newest first, at most max of them.
func (e *educator) openQuizzes(ctx context.Context, guildID, channelID string, max int) ([]quiz.Quiz, error) {
	msgs, err := e.b.s.ChannelMessages(channelID, 100, "", "", "", discordgo.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	var out []quiz.Quiz
	for _, m := range msgs {
		if m.Author == nil || m.Author.ID != e.b.botUserID() {
			continue
		}
		ids := buttonIDs(m)
		if len(ids) != 1 || !strings.HasPrefix(ids[0], prefixQuizClose) {
			continue
		}
		sctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
		qz, err := e.d.Quizzes.Get(sctx, strings.TrimPrefix(ids[0], prefixQuizClose))
		cancel()
		if errors.Is(err, quiz.ErrNotFound) || (err == nil && (qz.Closed || qz.GuildID != guildID)) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if out = append(out, qz); len(out) == max {
			break
		}
	}
	return out, nil
}

// openQuizChoices autocompletes /quiz close with the channel's open
// quizzes, for educators.
func (e *educator) openQuizChoices(ctx context.Context, r *Reply) []*discordgo.ApplicationCommandOptionChoice {
	if !e.isEducator(ctx, r.I) {
		return nil
	}
	// Discord waits 3 s for choices.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	noHistory := []*discordgo.ApplicationCommandOptionChoice{{Name: truncateRunes(tr(r.I.Locale, msgEduQuizChoiceNoHistory), 100), Value: quizChoiceNoHistory}}
	if !mayReadHistory(r.I) {
		return noHistory
	}
	open, err := e.openQuizzes(ctx, r.I.GuildID, r.I.ChannelID, 25)
	if err != nil {
		e.b.log.Info("cannot list the channel's quizzes", "channel", r.I.ChannelID, "err", err)
		if historyRefused(err) {
			return noHistory
		}
		return nil
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, qz := range open {
		name := quizChoiceName(r.I.Locale, e.panelBriefing(qz.BriefingID).Title, len(qz.Questions), qz.CreatedAt)
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: qz.ID})
	}
	return out
}

// quizChoiceName names an open quiz among /quiz close's choices, in loc
// (the educator's): its briefing, its size and when it was made, in UTC,
// with English month names in English and numbers elsewhere.
func quizChoiceName(loc discordgo.Locale, title string, questions int, created time.Time) string {
	title = truncateRunes(oneLine(title), 60)
	when := created.UTC().Format("2006-01-02 15:04 UTC")
	if lang(loc) == english {
		when = created.UTC().Format("Jan 2 15:04 UTC")
	}
	name := tr(loc, msgEduQuizChoiceMany, title, questions, when)
	if questions == 1 {
		name = tr(loc, msgEduQuizChoiceOne, title, when)
	}
	return truncateRunes(name, 100)
}

// leaderboard renders a closed quiz's leaderboard with its members'
// display names, in the guild's locale: it is posted for everyone.
func (e *educator) leaderboard(ctx context.Context, qz quiz.Quiz, entries []quiz.Entry) string {
	return e.leaderboardIn(ctx, e.b.guildLocale(qz.GuildID), qz, entries)
}

// leaderboardIn is the leaderboard in l: an educator's private copy is in
// their own language.
func (e *educator) leaderboardIn(ctx context.Context, l discordgo.Locale, qz quiz.Quiz, entries []quiz.Entry) string {
	shown := entries[:min(len(entries), leaderboardRows)]
	ids := make([]string, len(shown))
	for i, en := range shown {
		ids[i] = en.UserID
	}
	return renderLeaderboard(l, len(qz.Questions), entries, e.displayNames(ctx, qz.GuildID, ids))
}

// leaderboardRows is how many members a leaderboard names.
const leaderboardRows = 20

// retireQuiz disables the closed quiz's buttons, showing each question's
// correct option in green: its messages by their ids, kept when it was
// posted, or for a quiz stored without them, found among the channel's
// recent messages (which needs Read Message History).
func (e *educator) retireQuiz(qz quiz.Quiz) {
	if len(qz.Messages) == len(qz.Questions)+1 {
		for k, id := range qz.Messages {
			e.retireMessage(qz, qz.ChannelID, id, k-1)
		}
		return
	}
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
		switch {
		case ids[0] == prefixQuizClose+qz.ID:
			e.retireMessage(qz, m.ChannelID, m.ID, -1)
		case strings.HasPrefix(ids[0], prefixQuizAnswer+qz.ID+":"):
			parts := strings.Split(strings.TrimPrefix(ids[0], prefixQuizAnswer), ":")
			if qi, err := strconv.Atoi(parts[1]); err == nil {
				e.retireMessage(qz, m.ChannelID, m.ID, qi)
			}
		}
	}
}

// retireMessage retires one message of a closed quiz: question qi
// (0-based) with its buttons disabled and its correct option in green,
// or for qi -1 the quiz's head, without its Close quiz button.
func (e *educator) retireMessage(qz quiz.Quiz, channelID, messageID string, qi int) {
	if qi >= len(qz.Questions) {
		return
	}
	comps := []discordgo.MessageComponent{}
	if qi >= 0 {
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
	}
	_, err := e.b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
		ID: messageID, Channel: channelID, Components: &comps, AllowedMentions: noMentions(), Flags: answerFlags,
	})
	if err != nil {
		e.b.log.Info("cannot retire a quiz message's buttons", "quiz", qz.ID, "message", messageID, "err", err)
	}
}

// renderLeaderboard ranks members by their display names (names maps user
// ids to them). A member without a known name is shown as a mention,
// which never pings: every message carries allowed_mentions with an
// empty parse list, and Discord shows the mention as the member's name.
func renderLeaderboard(loc discordgo.Locale, questions int, entries []quiz.Entry, names map[string]string) string {
	var b strings.Builder
	b.WriteString(tr(loc, msgBoardHead) + "\n")
	if len(entries) == 0 {
		b.WriteString("\n" + tr(loc, msgBoardNobody))
		return b.String()
	}
	medals := []string{"🥇", "🥈", "🥉"}
	for i, en := range entries {
		rank := fmt.Sprintf("%d.", i+1)
		if i < len(medals) {
			rank = medals[i]
		}
		who := "<@" + en.UserID + ">"
		if n := plainName(names[en.UserID]); n != "" {
			who = n
		}
		row := "\n" + tr(loc, msgBoardRow, rank, who, en.Correct, questions)
		if en.Answered < questions {
			row += tr(loc, msgBoardAnswered, en.Answered)
		}
		// At most leaderboardRows rows, and no more than one message
		// holds (long names, escaped, in a wordy language), with room
		// for the line saying how many more there are.
		more := "\n" + tr(loc, msgBoardMore, len(entries)-i)
		if i == leaderboardRows || utf8.RuneCountInString(b.String()+row+more) > contentBudget {
			b.WriteString(more)
			break
		}
		b.WriteString(row)
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
