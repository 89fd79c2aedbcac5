package discord

import (
	"errors"
	"fmt"
	"math"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
	"github.com/briefbot/briefbot/bot/state"
)

// The bot's fixed texts in the languages it speaks besides English, the
// default. Answers themselves are not translated: they follow the
// question's language when a model writes them.
//
// An interaction carries its user's locale (Interaction.Locale); a message
// carries none, so mentions, DMs and thread follow-ups use the guild's
// preferred locale when the gateway cache knows the guild, else English.

// english is the locale of the default texts.
const english = discordgo.EnglishUS

// locales are the languages the bot has texts and command names for.
var locales = []discordgo.Locale{
	discordgo.German, discordgo.SpanishES, discordgo.French,
	discordgo.Japanese, discordgo.PortugueseBR, discordgo.ChineseCN,
}

// lang returns the locale whose texts serve l: l itself when the bot has
// texts for it, Spain's Spanish for Latin America's, else English.
func lang(l discordgo.Locale) discordgo.Locale {
	switch l {
	case discordgo.German, discordgo.SpanishES, discordgo.French,
		discordgo.Japanese, discordgo.PortugueseBR, discordgo.ChineseCN:
		return l
	case discordgo.SpanishLATAM:
		return discordgo.SpanishES
	}
	return english
}

// msg names one fixed text.
type msg int

// The fixed texts. Each has an entry in catalogue.
const (
	msgInternal msg = iota
	msgRestarting
	msgUnknown
	msgExpired
	msgEmptyQuestion
	msgChannelClosed
	msgRateLimitedUser  // %d seconds
	msgRateLimitedGuild // %d seconds
	msgBusy
	msgCannotAnswer
	msgShowPassages
	msgMorePassages
	msgContinueInThread
	msgWriting
	msgSources      // the word that opens the sources line under an answer
	msgApprovedMark // under an answer the moderators approved
	msgThinking
	msgQueuedNext
	msgQueuedOne
	msgQueuedMany // %d questions ahead
	msgThanksUp
	msgThanksDown
	msgVoteNotSaved
	msgVoteAlreadyUp
	msgVoteAlreadyDown
	msgVoteChangedUp
	msgVoteChangedDown
	msgThreadFailed
	msgThreadNotRemembered // %s: the thread, as a channel mention
	msgContinueIn          // %s: the thread, as a channel mention
	msgContinueTooOld
	msgContinueTooOldThread // %s: the thread, as a channel mention
	msgAnswerCut            // after a long answer part of which Discord may not have posted
	msgUnreadableMessage
	msgOwnAnswer
	msgNotAnswered
	msgHelp
	msgBriefingsNone
	msgBriefingsHead      // %d briefings
	msgBriefingParagraphs // %d paragraphs
	msgBriefingTopics     // %s: the topics
	msgBriefingTry

	// The educators' features, as members see them (educator*.go). What
	// only educators see follows from msgEduNoTitle on, what only
	// moderators see from msgAdminUnavailable on.
	msgNotEducator
	msgVoteOne
	msgVotesMany            // %d votes
	msgSessionQueued        // %d: the question's number
	msgSessionMerged        // %d: the question's number; %s: its text; %s: its votes
	msgSessionAnsweredAbove // %d: the question's number; %s: its text
	msgNoticeModelBusy
	msgNoticeModelSlow
	msgNoticeModelDown
	msgNoticeModelSetup // the model's server refused the bot's key
	msgNoticeModelRejected
	msgNoticeDropped // %d: sentences left out
	msgNoticeCut     // %d: the question's characters; %d: those used
	msgSessionTooLong
	msgUpvote         // the button's label
	msgUpvoted        // %s: votes
	msgAlreadyUpvoted // %s: votes
	msgSessionEnded
	msgQuestionGone
	msgQuestionDone
	msgQuestionChanged
	msgSessionThreadName
	msgSessionNotQueued
	msgSessionQuestionHead // %d: the question's number; %s: its votes
	msgSessionReviewed
	msgSessionEndedPost
	msgPanelTitle      // %s: the session's title; %s: the briefing's
	msgPanelTitleDated // %s: the session's title; %s: the briefing's; %s: its date
	msgPanelHowTo
	msgPanelApprove
	msgPanelEndedNote
	msgPanelQueue // %s: the counts
	msgPanelFinal // %s: the counts
	msgPanelEmpty
	msgCountWaiting    // %d
	msgCountApproved   // %d
	msgCountAnswered   // %d
	msgCountSkipped    // %d
	msgCountNotReached // %d
	msgPanelNext       // %d: the question's number; %s: its text; %s: its votes
	msgQuizHeadOne     // %s: the briefing; %s: its date
	msgQuizHeadMany    // %s: the briefing; %s: its date; %d questions
	msgCloseQuiz       // the button's label
	msgQuizQuestion    // %d: the question's number; %d: how many
	msgQuizRepeat      // %s: the letter first chosen
	msgQuizRight       // %s: the letter; %s: the option
	msgQuizWrong       // %s: the letter; %s: the option
	msgQuizFrom        // %d: the paragraph
	msgQuizClosed
	msgQuizGone
	msgBoardHead
	msgBoardNobody
	msgBoardMore     // %d members
	msgBoardRow      // %s: rank; %s: member; %d right of %d
	msgBoardAnswered // %d questions answered
	msgSessionEndedNotQueued
	msgSessionMemberFull // %d: the questions a member may have waiting
	msgSessionQueueFull  // %d: the questions a session may have waiting
	msgSessionLost       // a message in the thread of a session whose record is gone
	msgVoteNotRecorded   // an upvote the session store did not take (down)

	// A member asking their own waiting question again, told once.
	msgSessionAskedAlready // %d: the question's number

	// A session's transcript (transcriptText), posted for everyone: in
	// the guild's locale.
	msgTranscriptUntitled      // the title of a session without one
	msgTranscriptBriefing      // %s: the briefing
	msgTranscriptStarted       // %s: the UTC time stamp
	msgTranscriptEnded         // %s: the UTC time stamp
	msgTranscriptApproved      // answers approved before posting
	msgTranscriptQuestions     // %d questions: %d answered, %d not covered, %d skipped, %d unanswered
	msgTranscriptAnswered      // a section's heading
	msgTranscriptUncovered     // a section's heading
	msgTranscriptSkipped       // a section's heading
	msgTranscriptNotReached    // a section's heading
	msgTranscriptNone          // an empty section
	msgTranscriptNoneUncovered // an empty "not covered" section
	msgTranscriptEdited        // after an answered question's tally
	msgTranscriptSources       // over an answer's sources
	msgTranscriptSource        // %d: the paragraph; %s: the verbatim quote
	msgTranscriptAskerOne      // %d: who asked, when the number takes the singular (pluralOne)
	msgTranscriptAskersMany    // %d: who asked
	msgTranscriptVoteOne       // %d votes, when the number takes the singular (pluralOne)

	// What only educators see (educator*.go): the replies to /quiz and
	// /session, the review with Approve / Edit / Skip, the edit modal, the
	// choices of /quiz close, in the educator's own locale.
	msgEduNoTitle
	msgEduUnknownBriefing
	msgEduAmbiguousBriefing // the briefing typed is a title several briefings share
	msgEduNoThread
	msgEduSessionStarted // %s: the thread, as a channel mention
	msgEduNoSession
	msgEduNoneWaiting
	msgEduPosted // %d: the question's number
	msgEduQueueChanging
	msgEduSessionClosed
	msgEduReviewHead // %d: the question's number; %s: its votes
	msgEduReviewHowTo
	msgEduEdit     // the button's label
	msgEduSkip     // the button's label
	msgEduApproved // %d: the question's number
	msgEduSkipped  // %d: the question's number
	msgEduNoDraft
	msgEduEditTitle    // the modal's title; %d: the question's number
	msgEduEditLabel    // the modal's text input's label
	msgEduEditNotSaved // %s: why, as the session store says it (English)
	msgEduEdited       // %d: the question's number; %s: the edited answer
	msgEduNoQuizQuestions
	msgEduQuizPosted // %d questions; %s: the Close quiz button's label
	msgEduNoOpenQuiz
	msgEduUnknownQuiz
	msgEduQuizClosedAlready  // followed by the leaderboard
	msgEduQuizBoardNotPosted // %s: the channel
	msgEduQuizClosedHere
	msgEduQuizClosedIn   // %s: the quiz's channel, as a channel mention
	msgEduQuizChoiceOne  // %s: the briefing; %s: when the quiz was made
	msgEduQuizChoiceMany // %s: the briefing; %d questions; %s: when
	msgEduSessionClosedNotLocked
	msgEduTranscriptHere
	msgEduTranscriptPosted
	msgEduTranscriptUncertain
	msgEduPostRefused         // %d: the question's number, back in the queue
	msgEduPostFailed          // %d: the question's number, back in the queue
	msgEduPostUncertain       // %d: the question's number, left posted
	msgEduQuizNotPosted       // the quiz Discord refused to post in the channel
	msgEduPostedPartly        // %d: the question's number
	msgEduQuizNoHistory       // /quiz close cannot list the channel's quizzes; %s: the Close quiz button's label
	msgEduQuizChoiceNoHistory // the same, as /quiz close's one choice (≤ 100 characters)
	msgEduSessionLost         // /session next or end in the thread of a session whose record is gone
	msgEduStoreDown           // a /session command or review button the session store did not answer

	// What members see of the moderators' features (admin*.go): the
	// refusal of /admin, the Approve button under public answers and its
	// refusal.
	msgAdminRefused
	msgApproveButton // the label of Approve, under answers and in a session's review
	msgApproveRefused

	// What only moderators see (admin*.go): the replies of /admin, its
	// reports' headings and labels, the Approve form, in the moderator's
	// own locale. Data (titles, questions, ids, file names, figures, what a
	// store or parser says of an input) is shown as it is.
	msgAdminLibraryElsewhere
	msgAdminUnavailable
	msgAdminNotChanged // %s: why
	msgAdminSaved
	msgAdminBadRule
	msgAdminCategory
	msgAdminAutoVoice   // %s: the channel, as a channel mention
	msgAdminAutoStage   // %s: the channel, as a channel mention
	msgAdminAutoOther   // %s: the channel, as a channel mention
	msgAdminAutoThread  // %s: the thread, as a channel mention
	msgAdminSavedAllow  // %s: the channel, as a channel mention
	msgAdminSavedDeny   // %s: the channel, as a channel mention
	msgAdminSavedClear  // %s: the channel, as a channel mention
	msgAdminSavedAuto   // %s: the channel, as a channel mention
	msgAdminAllowUnseen // %s: the channel, as a channel mention; follows msgAdminSavedAllow
	msgAdminAutoUnseen  // %s: the channel
	msgAdminOnlyIn      // %s: channel mentions
	msgAdminDenied      // %s: channel mentions; follows msgAdminOnlyIn
	msgAdminEveryChannel
	msgAdminEveryExcept // %s: channel mentions
	msgAdminAutoIn      // %s: channel mentions; follows the rest
	msgAdminNoEducators
	msgAdminEducators // %s: role mentions
	msgAdminLimitsCurrent
	msgAdminLimitsSaved // %s: what changed, msgAdminMemberLimit…
	msgAdminMemberLimit
	msgAdminServerLimit
	msgAdminPrivateDefault
	msgAdminLimits // %s: the head; %s: per member; %s: per server; %s: yes or no
	msgAdminDefaultLimit
	msgAdminPerPeriod // %d questions; %s: the period ("1m")
	msgAdminYes
	msgAdminNo
	msgAdminBadPeriod // %q: the period given (English: the store's text)
	msgAdminAllTime
	msgAdminLastPeriod   // %s: the period ("7d")
	msgAdminStatsTitle   // %s: msgAdminAllTime or msgAdminLastPeriod
	msgAdminStatsSummary // %d asked, %d askers, %d answered, %d not covered, %d up, %d down
	msgAdminWordings     // %d other wordings
	msgAdminTopQuestions
	msgAdminUncovered
	msgAdminVotedDown
	msgAdminBusiest
	msgAdminExported  // %s: the period's text; %d questions
	msgAdminStatsFrom // %s: the oldest question counted ("2026-03-04 05:06 UTC")
	msgAdminNoBriefings
	msgAdminBriefingsHead // %d briefings; %s: the knowledge version
	msgAdminOriginAdded
	msgAdminOriginBuiltIn
	msgAdminBriefingRow // %s: id; %s: title; %s: date; %d paragraphs; %s: origin
	msgAdminLeftOut     // %d files
	msgAdminUnchecked
	msgAdminSuspendedHead
	msgAdminAttachFile
	msgAdminNoAttachment
	msgAdminTooLarge    // %s: the file's name; %d KiB
	msgAdminNoDownload  // %s: the file's name
	msgAdminNotAdded    // %s: why
	msgAdminTooMany     // %d: library.MaxAdded
	msgAdminAdded       // %s: id; %s: title; %s: date; %d paragraphs; %s: version
	msgAdminNotRemoved  // %s: why
	msgAdminRemoved     // %s: id; %s: title; %s: version
	msgAdminStillServed // %s: id; %s: the other file's name
	msgAdminReindexFailed
	msgAdminReindexed    // %d briefings; %s: version
	msgAdminCannotAnswer // %s: why
	msgAdminNotCovered
	msgAdminNotApproved // %s: why
	msgAdminApproved    // %s: id; %s: the question; %s: the approved text
	msgAdminNoApprovals
	msgAdminApprovalsHead // %d approvals
	msgAdminServed
	msgAdminSuspended         // %s: why, as the store says it
	msgAdminApprovalsPage     // page %d of %d, the next page's number
	msgAdminApprovalsLastPage // page %d of %d
	msgAdminApprovalRemoved   // %s: id; %s: the question
	msgAdminServedAgain       // %s: id; %s: version
	msgAdminNoRecord
	msgAdminTooLongForForm
	msgApproveFollowUp
	msgAdminFormTitle // the modal's title; %s: the question
	msgAdminNoRecordNotApproved
	msgAdminFormEmpty
	msgAdminCheckSetUnreadable // %s: the briefing's id
	msgAdminNoCheckSet         // %s: the briefing's id; %s: the briefing's id
	msgAdminEvalHead           // %d passed of %d
	msgAdminMorePassed         // %d rows
	msgAdminNoEvalQuestions
	msgAdminStorage
	msgAdminFolderPermission // %s: the folder
	msgAdminFolderReadOnly   // %s: the folder
	msgAdminFolderUnreadable // %s: the folder
	msgAdminFolderMissing    // %s: the folder
	msgAdminUnsupported
	msgAdminNoSuchApproval
	msgCount // not a text: how many there are
)

// texts are one text in each language, English under english.
type texts map[discordgo.Locale]string

// tr is text id in the language that serves l, formatted with args.
func tr(l discordgo.Locale, id msg, args ...any) string {
	t := catalogue[id]
	s, ok := t[lang(l)]
	if !ok || s == "" {
		s = t[english]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// pluralOne reports whether the count n takes a word's singular in l: 1
// does in English, German, Spanish and Portuguese; 0 and 1 do in French;
// none does in Japanese and Chinese, which have no plural forms (their
// one and many texts are the same).
func pluralOne(l discordgo.Locale, n int) bool {
	switch lang(l) {
	case discordgo.French:
		return n == 0 || n == 1
	case discordgo.Japanese, discordgo.ChineseCN:
		return false
	}
	return n == 1
}

// textIn is the user error's text in l.
func (e *UserError) textIn(l discordgo.Locale) string {
	switch e.Kind {
	case KindRestarting:
		return tr(l, msgRestarting)
	case KindUnknown:
		return tr(l, msgUnknown)
	case KindExpired:
		return tr(l, msgExpired)
	default:
		return tr(l, msgInternal)
	}
}

// refusalText is the question service's refusal in l, mapped by its
// reason; in English it is the service's own text.
func refusalText(l discordgo.Locale, r *asking.Refusal) string {
	if lang(l) == english {
		return r.Error()
	}
	switch r.Reason {
	case asking.EmptyQuestion:
		return tr(l, msgEmptyQuestion)
	case asking.ChannelClosed:
		return tr(l, msgChannelClosed)
	case asking.RateLimited:
		secs := max(int(math.Ceil(r.RetryAfter.Seconds())), 1)
		if r.Scope == state.ScopeGuild {
			return tr(l, msgRateLimitedGuild, secs)
		}
		return tr(l, msgRateLimitedUser, secs)
	case asking.Busy:
		return tr(l, msgBusy)
	}
	return tr(l, msgCannotAnswer)
}

// localText maps any error to the text a user sees, in l.
func localText(l discordgo.Locale, err error) string {
	var ue *UserError
	if errors.As(err, &ue) {
		return ue.textIn(l)
	}
	var refusal *asking.Refusal
	if errors.As(err, &refusal) {
		return refusalText(l, refusal)
	}
	if errors.Is(err, answer.ErrEmptyQuestion) {
		return refusalText(l, &asking.Refusal{Reason: asking.EmptyQuestion})
	}
	return (&UserError{Kind: KindInternal}).textIn(l)
}

// guildLocale is the preferred locale of a guild: as the gateway cache
// knows it (the bot asks for the Guilds intent), else as the guild's
// latest interaction said it (an HTTP-only replica has no gateway cache,
// nor has a process for the guilds of other processes' shards), else
// English; "" (a DM) is English.
func (b *Bot) guildLocale(guildID string) discordgo.Locale {
	if guildID == "" {
		return english
	}
	if loc := b.cachedGuildLocale(guildID); loc != "" {
		return discordgo.Locale(loc)
	}
	b.localesMu.Lock()
	loc := b.locales[guildID]
	b.localesMu.Unlock()
	if loc == "" {
		return english
	}
	return loc
}

// cachedGuildLocale is a guild's preferred locale as the gateway cache of
// its shard knows it, "" when it does not.
func (b *Bot) cachedGuildLocale(guildID string) string {
	if b.s == nil {
		return ""
	}
	// Only the gateway cache of the guild's shard knows it.
	st := b.sessionFor(guildID).State
	if st == nil {
		return ""
	}
	g, err := st.Guild(guildID)
	if err != nil {
		return ""
	}
	// The cache updates a guild in place under its lock: read under it.
	st.RLock()
	defer st.RUnlock()
	return g.PreferredLocale
}

// maxGuildLocales bounds the locales learned from interactions; past it
// they are learned again.
const maxGuildLocales = 10_000

// noteGuildLocale remembers the guild's preferred locale an interaction
// carries, for guildLocale.
func (b *Bot) noteGuildLocale(i *discordgo.Interaction) {
	if i.GuildID == "" || i.GuildLocale == nil || *i.GuildLocale == "" {
		return
	}
	b.localesMu.Lock()
	defer b.localesMu.Unlock()
	if b.locales[i.GuildID] == *i.GuildLocale {
		return
	}
	if len(b.locales) >= maxGuildLocales {
		clear(b.locales)
	}
	b.locales[i.GuildID] = *i.GuildLocale
}

// publicLocale is the locale of what an interaction posts for everyone in
// its channel: the guild's preferred locale, which Discord sends with the
// interaction, else as the gateway cache knows it; not the user's own.
func (b *Bot) publicLocale(i *discordgo.Interaction) discordgo.Locale {
	if i.GuildLocale != nil && *i.GuildLocale != "" {
		return *i.GuildLocale
	}
	return b.guildLocale(i.GuildID)
}

// catalogue holds every fixed text. Translations keep the English text's
// fmt verbs, Markdown and emoji, and name the commands by their localised
// names (see commandTexts), as the user's client shows them.
var catalogue = func() (c [msgCount]texts) {
	for _, part := range []map[msg]texts{memberTexts, educatorTexts, moderatorTexts} {
		for id, t := range part {
			if c[id] != nil {
				panic(fmt.Sprintf("locale: text %d is in two catalogues", id))
			}
			c[id] = t
		}
	}
	return c
}()
