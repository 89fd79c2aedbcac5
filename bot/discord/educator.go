package discord

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/guild"
	"github.com/briefbot/briefbot/bot/quiz"
	"github.com/briefbot/briefbot/bot/session"
	"github.com/briefbot/briefbot/knowledge"
)

// QuizStore keeps quizzes and answers; *quiz.Store is the real one.
type QuizStore interface {
	Create(ctx context.Context, q quiz.Quiz) (quiz.Quiz, error)
	Get(ctx context.Context, id string) (quiz.Quiz, error)
	// AnswerIn records a member's answer to a quiz of their guild; a
	// quiz of another guild is quiz.ErrNotFound.
	AnswerIn(ctx context.Context, guildID, quizID, userID string, question, option int) (quiz.Result, error)
	Leaderboard(ctx context.Context, quizID string) ([]quiz.Entry, error)
	// CloseFirst closes a quiz; closed is false when it was closed
	// already, by an earlier call or one at the same time.
	CloseFirst(ctx context.Context, quizID string) (entries []quiz.Entry, closed bool, err error)
}

// SessionStore keeps live Q&A sessions; *session.Store is the real one.
type SessionStore interface {
	Start(ctx context.Context, guildID, threadID, title, briefingID string, approve bool, educatorID string) (session.Session, error)
	Get(ctx context.Context, threadID string) (session.Session, error)
	End(ctx context.Context, threadID string) (session.Session, bool, error)
	ClaimTranscript(ctx context.Context, threadID string) (bool, error)
	TranscriptPosted(ctx context.Context, threadID string, posted bool) error
	Add(ctx context.Context, threadID, userID, messageID, text string) (session.Question, bool, error)
	Withdraw(ctx context.Context, threadID string, messageIDs ...string) ([]session.Question, error)
	Unask(ctx context.Context, threadID, messageID string, edited time.Time) (session.Question, bool, error)
	Reword(ctx context.Context, threadID, userID, messageID, text string, edited time.Time) (session.Question, session.Rewording, bool, error)
	SetReply(ctx context.Context, threadID, messageID, replyID string, plain bool) (session.Question, bool, error)
	Upvote(ctx context.Context, threadID, questionID, userID string) (int, bool, error)
	Next(ctx context.Context, threadID string) (session.Question, bool, error)
	Question(ctx context.Context, threadID, questionID string) (session.Question, error)
	SetDraft(ctx context.Context, threadID, questionID string, rev int, a answer.Answer) (session.Question, error)
	Approve(ctx context.Context, threadID, questionID string, rev int) (session.Question, error)
	Edit(ctx context.Context, threadID, questionID string, rev int, newText string) (session.Question, error)
	Skip(ctx context.Context, threadID, questionID string, rev int) (session.Question, error)
	MarkPosted(ctx context.Context, threadID, questionID string) (session.Question, error)
	Unpost(ctx context.Context, threadID, questionID string) (session.Question, error)
	Transcript(ctx context.Context, threadID string, text session.TranscriptText) (string, error)
	Questions(ctx context.Context, threadID string) ([]session.Question, error)
	SetPanel(ctx context.Context, threadID, messageID string) (session.Session, error)
}

// EducatorGuilds reads a guild's settings; *guild.Store is the real one.
type EducatorGuilds interface {
	Get(ctx context.Context, guildID string) (guild.Settings, error)
}

// EducatorDeps are what /quiz and /session need. Quizzes or Sessions nil
// leaves that command out. Answers come from the bot's Answerer.
type EducatorDeps struct {
	Quizzes  QuizStore
	Sessions SessionStore
	// Guilds names each guild's educator roles; nil: only members with
	// Manage Server (or Administrator) are educators.
	Guilds EducatorGuilds
	// QuizModel writes quiz questions when set; nil: extractive quizzes.
	QuizModel quiz.Model
	// PanelInterval is the least time between two edits of a session's
	// panel; 0 means DefaultPanelInterval.
	PanelInterval time.Duration
}

// DefaultPanelInterval spaces the edits of a session's panel: a busy
// session changes its queue many times a second, and Discord limits how
// often a channel's messages may be edited.
const DefaultPanelInterval = 3 * time.Second

// educator is the state of the educator commands.
type educator struct {
	b      *Bot
	d      EducatorDeps
	panels *coalescer // session panel updates, by thread id
	names  *nameCache // members' display names, for leaderboards
	// liveThreads are the threads this process has seen a running
	// session in: a member's message there while the store is down is
	// told it was not queued, where one in any other thread is left
	// alone (it may be no session's). The value is the id of the
	// educator who runs it: theirs are no questions, even once the
	// session's record is gone.
	liveThreads sync.Map // thread id → educator's user id
	// notQueuedTold is when a member was last told their message was not
	// queued (thread and user id → time.Time): in process, since the
	// store that would dedupe it is the one down.
	notQueuedTold sync.Map
}

// addEducator adds /quiz and /session.
func (b *Bot) addEducator(d EducatorDeps) {
	e := &educator{b: b, d: d, names: newNameCache()}
	b.edu = e
	if d.Quizzes != nil {
		b.AddCommand(&Command{Def: localized(quizCommandDef()), Run: e.runQuiz, Autocomplete: e.quizChoices})
		b.AddComponent(prefixQuizAnswer, e.onQuizAnswer)
		b.AddComponent(prefixQuizClose, e.onQuizClose)
	}
	if d.Sessions != nil {
		if d.PanelInterval <= 0 {
			d.PanelInterval = DefaultPanelInterval
		}
		e.panels = newCoalescer(d.PanelInterval, e.refreshPanel)
		b.AddCommand(&Command{Def: localized(sessionCommandDef()), Run: e.runSession, Autocomplete: e.briefingChoices})
		b.AddComponent(prefixSession, e.onSessionButton)
		b.on(e.onSessionMessage)
		b.on(e.onSessionMessageDelete)
		b.on(e.onSessionMessageDeleteBulk)
		b.on(e.onSessionMessageUpdate)
		b.addModal(prefixSessionModal, e.onEdit)
	}
}

// refuse is an ephemeral refusal: a reply, not a failure to log. It is cut
// to one message: why a long edit was refused quotes each sentence that
// failed, and Discord refuses a reply over 2,000 characters whole.
func eduRefuse(r *Reply, text string) error {
	return r.Respond(truncateRunes(text, contentBudget), true, nil)
}

// What members see of the educators' features is in their language (the
// catalogue's msgNotEducator onwards): messages posted for everyone in
// the guild's preferred locale, replies to a member's button press in the
// interaction's locale. What only educators see (the replies to /quiz and
// /session, the review with Approve / Edit / Skip, the edit modal, the
// choices of /quiz close; msgEduNoTitle onwards) is in the educator's own
// locale, the interaction's. /admin, the moderators', stays English.

// notEducatorText is msgNotEducator's English; members see it when they
// try an educator's command or button: refuseNotEducator.
const notEducatorText = "Only educators can do that: ask a moderator for the educator role (`/admin educators`), or you need Manage Server."

// refuseNotEducator tells a member, in their language, that only
// educators may do that.
func refuseNotEducator(r *Reply) error { return eduRefuse(r, tr(r.I.Locale, msgNotEducator)) }

// isEducator checks, server-side, that the member who interacted has
// Manage Server (or Administrator) or one of the guild's educator roles:
// Discord's command permissions can be overridden by a server, so they are
// not relied on. A check that cannot be made (the guild's settings
// unavailable) says no.
func (e *educator) isEducator(ctx context.Context, i *discordgo.Interaction) bool {
	ok, _ := e.checkEducator(ctx, i)
	return ok
}

// educatorOrRefuse is isEducator for an action: ok for an educator, and
// otherwise the reply already made, or the error to reply with. A check
// that cannot be made is that error ("try again"), not a refusal: told
// they are not an educator, an educator by role would be sent to a
// moderator for a role they have.
func (e *educator) educatorOrRefuse(ctx context.Context, r *Reply) (ok bool, err error) {
	ok, err = e.checkEducator(ctx, r.I)
	switch {
	case ok:
		return true, nil
	case err != nil:
		return false, err
	}
	return false, refuseNotEducator(r)
}

// checkEducator is isEducator, with the error of a check that could not
// be made.
func (e *educator) checkEducator(ctx context.Context, i *discordgo.Interaction) (bool, error) {
	if i.GuildID == "" || i.Member == nil {
		return false, nil
	}
	if i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true, nil
	}
	if e.d.Guilds == nil {
		return false, nil
	}
	ctx, cancel := context.WithTimeout(ctx, preAckTimeout)
	defer cancel()
	s, err := e.d.Guilds.Get(ctx, i.GuildID)
	if err != nil {
		e.b.log.Warn("guild settings unavailable; educator check not made", "guild", i.GuildID, "err", err)
		return false, fmt.Errorf("educator check in guild %s: %w", i.GuildID, err)
	}
	return s.IsEducator(i.Member.Roles), nil
}

// briefing finds the briefing by id (or by a title no other briefing has,
// case-insensitively), or the most recent one when id is empty.
func (e *educator) briefing(id string) (knowledge.Briefing, bool) {
	br, ok, _ := e.findBriefing(id)
	return br, ok
}

// findBriefing is briefing, and whether id is a title several briefings
// share.
func (e *educator) findBriefing(id string) (_ knowledge.Briefing, ok, ambiguous bool) {
	k := e.b.deps.Questions.Knowledge()
	if k == nil {
		return knowledge.Briefing{}, false, false
	}
	return findBriefing(k.Briefings, id)
}

// findBriefing is briefing over brs; ambiguous says that id is a title
// more than one briefing has (none is taken).
func findBriefing(brs []knowledge.Briefing, id string) (_ knowledge.Briefing, ok, ambiguous bool) {
	if len(brs) == 0 {
		return knowledge.Briefing{}, false, false
	}
	id = strings.TrimSpace(id)
	if id == "" {
		best := brs[0]
		for _, br := range brs[1:] {
			if br.Date > best.Date {
				best = br
			}
		}
		return best, true, false
	}
	// An id first: it names one briefing, and a briefing may be titled
	// like another's id.
	for _, br := range brs {
		if br.ID == id {
			return br, true, false
		}
	}
	// Then a title, typed instead of picked from the list: two briefings
	// may share one, and then neither is taken for the other.
	var found []knowledge.Briefing
	for _, br := range brs {
		if strings.EqualFold(oneLine(br.Title), oneLine(id)) {
			found = append(found, br)
		}
	}
	if len(found) == 1 {
		return found[0], true, false
	}
	return knowledge.Briefing{}, false, len(found) > 1
}

// briefingChoices autocompletes a briefing option.
func (e *educator) briefingChoices(_ context.Context, r *Reply) []*discordgo.ApplicationCommandOptionChoice {
	k := e.b.deps.Questions.Knowledge()
	if k == nil {
		return nil
	}
	typed := ""
	for _, o := range eduOptions(r.I.ApplicationCommandData().Options) {
		if o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	return briefingChoiceList(k.Briefings, typed)
}

// briefingChoiceList is briefingChoices over brs, typed the text typed:
// "date title", and the id after a title two briefings share.
func briefingChoiceList(brs []knowledge.Briefing, typed string) []*discordgo.ApplicationCommandOptionChoice {
	typed = strings.ToLower(typed)
	titles := map[string]int{}
	for _, br := range brs {
		titles[strings.ToLower(oneLine(br.Title))]++
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, br := range brs {
		if typed != "" && !strings.Contains(strings.ToLower(br.ID+" "+br.Title), typed) {
			continue
		}
		// The choice carries the id; a title two briefings share is
		// told apart by it in the list as well (the id last, where a cut
		// would not reach it).
		title, id := oneLine(br.Title), ""
		if titles[strings.ToLower(title)] > 1 {
			id = " (" + br.ID + ")"
		}
		name := truncateRunes(br.Date+" "+title, 100-len([]rune(id))) + id
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: br.ID})
		if len(out) == 25 {
			break
		}
	}
	return out
}

// allOptions flattens subcommand options.
func eduOptions(opts []*discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandInteractionDataOption {
	var out []*discordgo.ApplicationCommandInteractionDataOption
	for _, o := range opts {
		out = append(out, o)
		out = append(out, eduOptions(o.Options)...)
	}
	return out
}

// optString, optInt and optBool read options at any depth.
func eduString(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range eduOptions(opts) {
		if o.Name == name {
			if s, ok := o.Value.(string); ok {
				return s
			}
		}
	}
	return ""
}

func eduInt(opts []*discordgo.ApplicationCommandInteractionDataOption, name string, def int) int {
	for _, o := range eduOptions(opts) {
		if o.Name == name {
			if f, ok := o.Value.(float64); ok {
				return int(f)
			}
		}
	}
	return def
}

func eduBool(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) bool {
	for _, o := range eduOptions(opts) {
		if o.Name == name {
			if v, ok := o.Value.(bool); ok {
				return v
			}
		}
	}
	return false
}

// eduStoreTimeout bounds a store call made while handling an interaction.
const eduStoreTimeout = 2 * time.Second

// inSession reports whether channelID is a Q&A session's thread (running
// or ended): messages there belong to the session's queue, not to the
// normal answering of mentions.
func (b *Bot) inSession(ctx context.Context, channelID string) bool {
	if b.edu == nil || b.edu.d.Sessions == nil {
		return false
	}
	// As long as the session's own lookup of the message waits
	// (onSessionMessage): given up sooner, a mention would be answered
	// here and queued there.
	ctx, cancel := context.WithTimeout(ctx, eduStoreTimeout)
	defer cancel()
	_, err := b.edu.d.Sessions.Get(ctx, channelID)
	return err == nil
}
