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
	msgContinueInThread
	msgWriting
	msgThinking
	msgQueuedNext
	msgQueuedOne
	msgQueuedMany // %d questions ahead
	msgThanksUp
	msgThanksDown
	msgVoteNotSaved
	msgThreadFailed
	msgThreadNotRemembered // %s: the thread, as a channel mention
	msgContinueIn          // %s: the thread, as a channel mention
	msgUnreadableMessage
	msgOwnAnswer
	msgNotAnswered
	msgHelp

	// The educators' features, as members see them (educator*.go). What
	// only educators see follows from msgEduNoTitle on, what only
	// moderators see from msgAdminUnavailable on.
	msgNotEducator
	msgVoteOne
	msgVotesMany     // %d votes
	msgSessionQueued // %d: the question's number
	msgSessionMerged // %d: the question's number; %s: its text; %s: its votes
	msgSessionTooLong
	msgUpvote         // the button's label
	msgUpvoted        // %s: votes
	msgAlreadyUpvoted // %s: votes
	msgSessionEnded
	msgQuestionGone
	msgQuestionDone
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

	// What only educators see (educator*.go): the replies to /quiz and
	// /session, the review with Approve / Edit / Skip, the edit modal, the
	// choices of /quiz close, in the educator's own locale.
	msgEduNoTitle
	msgEduUnknownBriefing
	msgEduNoThread
	msgEduSessionStarted // %s: the thread, as a channel mention
	msgEduNoSession
	msgEduNoneWaiting
	msgEduPosted // %d: the question's number
	msgEduQueueChanging
	msgEduSessionClosed
	msgEduReviewHead // %d: the question's number; %s: its votes
	msgEduReviewHowTo
	msgEduApprove  // the button's label
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
	msgEduQuizClosedAlready
	msgEduQuizClosedHere
	msgEduQuizClosedIn   // %s: the quiz's channel, as a channel mention
	msgEduQuizChoiceOne  // %s: the briefing; %s: when the quiz was made
	msgEduQuizChoiceMany // %s: the briefing; %d questions; %s: when

	// What members see of the moderators' features (admin*.go): the
	// refusal of /admin, the Approve button under public answers and its
	// refusal.
	msgAdminRefused
	msgApproveButton // the button's label
	msgApproveRefused

	// What only moderators see (admin*.go): the replies of /admin, its
	// reports' headings and labels, the Approve form, in the moderator's
	// own locale. Data (titles, questions, ids, file names, figures, what a
	// store or parser says of an input) is shown as it is.
	msgAdminUnavailable
	msgAdminNotChanged // %s: why
	msgAdminSaved
	msgAdminBadRule
	msgAdminSavedAllow // %s: the channel, as a channel mention
	msgAdminSavedDeny  // %s: the channel, as a channel mention
	msgAdminSavedClear // %s: the channel, as a channel mention
	msgAdminSavedAuto  // %s: the channel, as a channel mention
	msgAdminOnlyIn     // %s: channel mentions
	msgAdminDenied     // %s: channel mentions; follows msgAdminOnlyIn
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
	msgAdminExported // %s: the period's text; %d questions
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
	msgAdminTooLarge   // %s: the file's name; %d KiB
	msgAdminNoDownload // %s: the file's name
	msgAdminNotAdded   // %s: why
	msgAdminAdded      // %s: id; %s: title; %s: date; %d paragraphs; %s: version
	msgAdminNotRemoved // %s: why
	msgAdminRemoved    // %s: id; %s: title; %s: version
	msgAdminReindexFailed
	msgAdminReindexed    // %d briefings; %s: version
	msgAdminCannotAnswer // %s: why
	msgAdminNotCovered
	msgAdminNotApproved // %s: why
	msgAdminApproved    // %s: id; %s: the question; %s: the approved text
	msgAdminNoApprovals
	msgAdminApprovalsHead // %d approvals
	msgAdminServed
	msgAdminSuspended       // %s: why, as the store says it
	msgAdminMoreApprovals   // %d not shown
	msgAdminApprovalRemoved // %s: id; %s: the question
	msgAdminServedAgain     // %s: id; %s: version
	msgAdminNoRecord
	msgAdminTooLongForForm
	msgAdminFormTitle // the modal's title; %s: the question
	msgAdminNoRecordNotApproved
	msgAdminCheckSetUnreadable // %s: the briefing's id
	msgAdminNoCheckSet         // %s: the briefing's id; %s: the briefing's id
	msgAdminEvalHead           // %d passed of %d
	msgAdminMorePassed         // %d rows
	msgAdminNoEvalQuestions
	msgAdminStorage
	msgAdminFolderPermission // %s: the folder
	msgAdminFolderReadOnly   // %s: the folder
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

// guildLocale is the preferred locale of a guild the gateway cache knows
// (the bot asks for the Guilds intent), else English; "" (a DM) is English.
func (b *Bot) guildLocale(guildID string) discordgo.Locale {
	if guildID == "" || b.s == nil {
		return english
	}
	// Only the gateway cache of the guild's shard knows it.
	st := b.sessionFor(guildID).State
	if st == nil {
		return english
	}
	g, err := st.Guild(guildID)
	if err != nil {
		return english
	}
	// The cache updates a guild in place under its lock: read under it.
	st.RLock()
	loc := g.PreferredLocale
	st.RUnlock()
	if loc == "" {
		return english
	}
	return discordgo.Locale(loc)
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
var catalogue = [msgCount]texts{
	msgInternal: {
		english:                "Something went wrong on my side while answering. Please try again.",
		discordgo.German:       "Bei mir ist beim Antworten etwas schiefgelaufen. Bitte versuch es noch einmal.",
		discordgo.SpanishES:    "Algo salió mal por mi parte al responder. Inténtalo de nuevo.",
		discordgo.French:       "Un problème est survenu de mon côté pendant la réponse. Veuillez réessayer.",
		discordgo.Japanese:     "回答中にこちらで問題が発生しました。もう一度お試しください。",
		discordgo.PortugueseBR: "Algo deu errado do meu lado ao responder. Tente novamente.",
		discordgo.ChineseCN:    "回答时我这边出了点问题，请重试。",
	},
	msgRestarting: {
		english:                RestartText,
		discordgo.German:       "Der Bot startet neu — bitte frag gleich noch einmal.",
		discordgo.SpanishES:    "El bot se está reiniciando — vuelve a preguntar en un momento.",
		discordgo.French:       "Le bot redémarre — veuillez reposer votre question dans un instant.",
		discordgo.Japanese:     "ボットを再起動しています。少し待ってからもう一度質問してください。",
		discordgo.PortugueseBR: "O bot está reiniciando — pergunte de novo em instantes.",
		discordgo.ChineseCN:    "机器人正在重启，请稍后再问。",
	},
	msgUnknown: {
		english:                "I don't know that command or button any more — try `/help`.",
		discordgo.German:       "Diesen Befehl oder Button kenne ich nicht mehr — versuch `/hilfe`.",
		discordgo.SpanishES:    "Ya no conozco ese comando o botón — prueba `/ayuda`.",
		discordgo.French:       "Je ne connais plus cette commande ou ce bouton — essayez `/aide`.",
		discordgo.Japanese:     "そのコマンドまたはボタンはもう使えません。`/ヘルプ` をお試しください。",
		discordgo.PortugueseBR: "Não conheço mais esse comando ou botão — tente `/ajuda`.",
		discordgo.ChineseCN:    "我已不再支持该命令或按钮——试试 `/帮助`。",
	},
	msgExpired: {
		english:                "That answer is too old for this button — ask again to get a fresh one.",
		discordgo.German:       "Diese Antwort ist zu alt für diesen Button — frag noch einmal, um eine neue zu bekommen.",
		discordgo.SpanishES:    "Esa respuesta es demasiado antigua para este botón — vuelve a preguntar para obtener una nueva.",
		discordgo.French:       "Cette réponse est trop ancienne pour ce bouton — reposez la question pour en obtenir une nouvelle.",
		discordgo.Japanese:     "この回答は古いため、このボタンは使えません。もう一度質問して新しい回答を受け取ってください。",
		discordgo.PortugueseBR: "Essa resposta é antiga demais para este botão — pergunte de novo para receber uma nova.",
		discordgo.ChineseCN:    "这条回答太旧，无法使用此按钮——请重新提问以获取新的回答。",
	},
	msgEmptyQuestion: {
		english:                "Please ask a question, for example: `/ask question: What is the briefing about?`",
		discordgo.German:       "Bitte stell eine Frage, zum Beispiel: `/fragen frage: Worum geht es im Briefing?`",
		discordgo.SpanishES:    "Haz una pregunta, por ejemplo: `/preguntar pregunta: ¿De qué trata el informe?`",
		discordgo.French:       "Posez une question, par exemple : `/demander question: De quoi parle le briefing ?`",
		discordgo.Japanese:     "質問を入力してください。例: `/質問する 質問: ブリーフィングの内容は？`",
		discordgo.PortugueseBR: "Faça uma pergunta, por exemplo: `/perguntar pergunta: Do que trata o briefing?`",
		discordgo.ChineseCN:    "请提出一个问题，例如：`/提问 问题: 这份简报讲了什么？`",
	},
	msgChannelClosed: {
		english:                "I don't answer in this channel — the moderators turned me off here. Try another channel, or DM me.",
		discordgo.German:       "In diesem Kanal antworte ich nicht — die Moderatoren haben mich hier abgeschaltet. Versuch es in einem anderen Kanal oder schreib mir eine DM.",
		discordgo.SpanishES:    "No respondo en este canal — los moderadores me desactivaron aquí. Prueba en otro canal o envíame un MD.",
		discordgo.French:       "Je ne réponds pas dans ce salon — les modérateurs m'y ont désactivé. Essayez un autre salon, ou écrivez-moi en MP.",
		discordgo.Japanese:     "このチャンネルでは回答しません（モデレーターが無効にしています）。別のチャンネルか DM でどうぞ。",
		discordgo.PortugueseBR: "Não respondo neste canal — os moderadores me desativaram aqui. Tente outro canal ou me mande uma DM.",
		discordgo.ChineseCN:    "我不在此频道回答——管理员已在这里关闭了我。请换个频道，或私信我。",
	},
	msgRateLimitedUser: {
		english:                "You're asking quickly — please try again in %d s.",
		discordgo.German:       "Du fragst gerade sehr schnell — bitte versuch es in %d s erneut.",
		discordgo.SpanishES:    "Estás preguntando muy rápido — inténtalo de nuevo en %d s.",
		discordgo.French:       "Vous posez des questions très vite — réessayez dans %d s.",
		discordgo.Japanese:     "質問のペースが速すぎます。%d 秒後にもう一度お試しください。",
		discordgo.PortugueseBR: "Você está perguntando rápido demais — tente de novo em %d s.",
		discordgo.ChineseCN:    "你提问太快了——请在 %d 秒后重试。",
	},
	msgRateLimitedGuild: {
		english:                "This server is asking a lot right now — please try again in %d s.",
		discordgo.German:       "Auf diesem Server wird gerade sehr viel gefragt — bitte versuch es in %d s erneut.",
		discordgo.SpanishES:    "Este servidor está haciendo muchas preguntas ahora mismo — inténtalo de nuevo en %d s.",
		discordgo.French:       "Ce serveur pose beaucoup de questions en ce moment — réessayez dans %d s.",
		discordgo.Japanese:     "このサーバーでは今、質問が集中しています。%d 秒後にもう一度お試しください。",
		discordgo.PortugueseBR: "Este servidor está perguntando muito agora — tente de novo em %d s.",
		discordgo.ChineseCN:    "本服务器当前提问过多——请在 %d 秒后重试。",
	},
	msgBusy: {
		english:                "I'm answering a lot of questions right now — please ask again in a minute.",
		discordgo.German:       "Ich beantworte gerade sehr viele Fragen — bitte frag in einer Minute noch einmal.",
		discordgo.SpanishES:    "Estoy respondiendo muchas preguntas ahora mismo — vuelve a preguntar en un minuto.",
		discordgo.French:       "Je réponds à beaucoup de questions en ce moment — reposez la vôtre dans une minute.",
		discordgo.Japanese:     "現在、多くの質問に回答中です。1 分ほどしてからもう一度質問してください。",
		discordgo.PortugueseBR: "Estou respondendo muitas perguntas agora — pergunte de novo daqui a um minuto.",
		discordgo.ChineseCN:    "我现在正在回答很多问题——请一分钟后再问。",
	},
	msgCannotAnswer: {
		english:                "I can't answer that right now.",
		discordgo.German:       "Darauf kann ich gerade nicht antworten.",
		discordgo.SpanishES:    "Ahora mismo no puedo responder a eso.",
		discordgo.French:       "Je ne peux pas répondre à cela pour le moment.",
		discordgo.Japanese:     "今はその質問に回答できません。",
		discordgo.PortugueseBR: "Não consigo responder a isso agora.",
		discordgo.ChineseCN:    "我现在无法回答这个问题。",
	},
	msgShowPassages: {
		english:                "Show passages",
		discordgo.German:       "Textstellen zeigen",
		discordgo.SpanishES:    "Ver pasajes",
		discordgo.French:       "Voir les passages",
		discordgo.Japanese:     "引用箇所を表示",
		discordgo.PortugueseBR: "Ver trechos",
		discordgo.ChineseCN:    "显示原文段落",
	},
	msgContinueInThread: {
		english:                "Continue in thread",
		discordgo.German:       "Im Thread weiter",
		discordgo.SpanishES:    "Seguir en un hilo",
		discordgo.French:       "Continuer dans un fil",
		discordgo.Japanese:     "スレッドで続ける",
		discordgo.PortugueseBR: "Continuar em um tópico",
		discordgo.ChineseCN:    "在子区继续",
	},
	msgWriting: {
		english:                writingLine,
		discordgo.German:       "-# ✍️ schreibe…",
		discordgo.SpanishES:    "-# ✍️ escribiendo…",
		discordgo.French:       "-# ✍️ rédaction…",
		discordgo.Japanese:     "-# ✍️ 作成中…",
		discordgo.PortugueseBR: "-# ✍️ escrevendo…",
		discordgo.ChineseCN:    "-# ✍️ 正在撰写…",
	},
	msgThinking: {
		english:                thinkingText,
		discordgo.German:       "🔎 Ich sehe im Briefing nach…",
		discordgo.SpanishES:    "🔎 Buscando en el informe…",
		discordgo.French:       "🔎 Je cherche dans le briefing…",
		discordgo.Japanese:     "🔎 ブリーフィングを確認中…",
		discordgo.PortugueseBR: "🔎 Procurando no briefing…",
		discordgo.ChineseCN:    "🔎 正在查阅简报…",
	},
	msgQueuedNext: {
		english:                "-# ⏳ Many questions at once — yours is next in line. The answer will appear here.",
		discordgo.German:       "-# ⏳ Viele Fragen gleichzeitig — deine ist als Nächste dran. Die Antwort erscheint hier.",
		discordgo.SpanishES:    "-# ⏳ Muchas preguntas a la vez — la tuya es la siguiente. La respuesta aparecerá aquí.",
		discordgo.French:       "-# ⏳ Beaucoup de questions à la fois — la vôtre est la prochaine. La réponse apparaîtra ici.",
		discordgo.Japanese:     "-# ⏳ 質問が集中しています。次があなたの番です。回答はここに表示されます。",
		discordgo.PortugueseBR: "-# ⏳ Muitas perguntas ao mesmo tempo — a sua é a próxima. A resposta aparecerá aqui.",
		discordgo.ChineseCN:    "-# ⏳ 同时有很多问题——下一个就轮到你。回答会显示在这里。",
	},
	msgQueuedOne: {
		english:                "-# ⏳ Many questions at once — 1 question is ahead of yours. The answer will appear here.",
		discordgo.German:       "-# ⏳ Viele Fragen gleichzeitig — 1 Frage ist vor deiner. Die Antwort erscheint hier.",
		discordgo.SpanishES:    "-# ⏳ Muchas preguntas a la vez — hay 1 pregunta antes que la tuya. La respuesta aparecerá aquí.",
		discordgo.French:       "-# ⏳ Beaucoup de questions à la fois — 1 question passe avant la vôtre. La réponse apparaîtra ici.",
		discordgo.Japanese:     "-# ⏳ 質問が集中しています。あなたの前に 1 件の質問があります。回答はここに表示されます。",
		discordgo.PortugueseBR: "-# ⏳ Muitas perguntas ao mesmo tempo — há 1 pergunta antes da sua. A resposta aparecerá aqui.",
		discordgo.ChineseCN:    "-# ⏳ 同时有很多问题——你前面还有 1 个问题。回答会显示在这里。",
	},
	msgQueuedMany: {
		english:                "-# ⏳ Many questions at once — %d questions are ahead of yours. The answer will appear here.",
		discordgo.German:       "-# ⏳ Viele Fragen gleichzeitig — %d Fragen sind vor deiner. Die Antwort erscheint hier.",
		discordgo.SpanishES:    "-# ⏳ Muchas preguntas a la vez — hay %d preguntas antes que la tuya. La respuesta aparecerá aquí.",
		discordgo.French:       "-# ⏳ Beaucoup de questions à la fois — %d questions passent avant la vôtre. La réponse apparaîtra ici.",
		discordgo.Japanese:     "-# ⏳ 質問が集中しています。あなたの前に %d 件の質問があります。回答はここに表示されます。",
		discordgo.PortugueseBR: "-# ⏳ Muitas perguntas ao mesmo tempo — há %d perguntas antes da sua. A resposta aparecerá aqui.",
		discordgo.ChineseCN:    "-# ⏳ 同时有很多问题——你前面还有 %d 个问题。回答会显示在这里。",
	},
	msgThanksUp: {
		english:                "Thanks — noted. 👍",
		discordgo.German:       "Danke — notiert. 👍",
		discordgo.SpanishES:    "Gracias — anotado. 👍",
		discordgo.French:       "Merci — c'est noté. 👍",
		discordgo.Japanese:     "ありがとうございます。記録しました。👍",
		discordgo.PortugueseBR: "Obrigado — anotado. 👍",
		discordgo.ChineseCN:    "谢谢——已记录。👍",
	},
	msgThanksDown: {
		english:                "Thanks — noted. Sorry it missed; moderators look at answers members disliked.",
		discordgo.German:       "Danke — notiert. Schade, dass es nicht gepasst hat; die Moderatoren sehen sich Antworten an, die Mitgliedern nicht gefallen haben.",
		discordgo.SpanishES:    "Gracias — anotado. Siento no haber acertado; los moderadores revisan las respuestas que no gustaron a los miembros.",
		discordgo.French:       "Merci — c'est noté. Désolé d'être passé à côté ; les modérateurs examinent les réponses que les membres n'ont pas aimées.",
		discordgo.Japanese:     "ありがとうございます。記録しました。お役に立てずすみません。評価の低い回答はモデレーターが確認します。",
		discordgo.PortugueseBR: "Obrigado — anotado. Desculpe não ter acertado; os moderadores revisam as respostas que os membros não curtiram.",
		discordgo.ChineseCN:    "谢谢——已记录。抱歉没能帮上忙；管理员会查看成员不满意的回答。",
	},
	msgVoteNotSaved: {
		english:                "Thanks — but I couldn't save your vote just now. Please try again in a minute.",
		discordgo.German:       "Danke — aber ich konnte deine Stimme gerade nicht speichern. Bitte versuch es in einer Minute noch einmal.",
		discordgo.SpanishES:    "Gracias — pero ahora mismo no pude guardar tu voto. Inténtalo de nuevo en un minuto.",
		discordgo.French:       "Merci — mais je n'ai pas pu enregistrer votre vote pour l'instant. Réessayez dans une minute.",
		discordgo.Japanese:     "ありがとうございます。ただ、今は評価を保存できませんでした。1 分ほどしてからもう一度お試しください。",
		discordgo.PortugueseBR: "Obrigado — mas não consegui salvar seu voto agora. Tente de novo daqui a um minuto.",
		discordgo.ChineseCN:    "谢谢——但暂时无法保存你的投票。请一分钟后重试。",
	},
	msgThreadFailed: {
		english:                "I couldn't open a thread here — ask a follow-up by mentioning me, or with `/ask`.",
		discordgo.German:       "Ich konnte hier keinen Thread öffnen — stell eine Folgefrage, indem du mich erwähnst, oder mit `/fragen`.",
		discordgo.SpanishES:    "No pude abrir un hilo aquí — haz otra pregunta mencionándome o con `/preguntar`.",
		discordgo.French:       "Je n'ai pas pu ouvrir de fil ici — posez une question de suivi en me mentionnant, ou avec `/demander`.",
		discordgo.Japanese:     "ここではスレッドを開けませんでした。続きの質問は、私をメンションするか `/質問する` でどうぞ。",
		discordgo.PortugueseBR: "Não consegui abrir um tópico aqui — faça outra pergunta me mencionando ou com `/perguntar`.",
		discordgo.ChineseCN:    "无法在这里开启子区——请提及我，或使用 `/提问` 继续提问。",
	},
	msgThreadNotRemembered: {
		english:                "The thread is open: %s — but I can't remember it just now, so mention me there to ask.",
		discordgo.German:       "Der Thread ist offen: %s — aber ich kann ihn mir gerade nicht merken, also erwähne mich dort, um zu fragen.",
		discordgo.SpanishES:    "El hilo está abierto: %s — pero ahora mismo no puedo recordarlo, así que mencióname allí para preguntar.",
		discordgo.French:       "Le fil est ouvert : %s — mais je ne peux pas m'en souvenir pour l'instant ; mentionnez-moi là-bas pour poser une question.",
		discordgo.Japanese:     "スレッドを開きました: %s ただ、今はこのスレッドを記憶できないため、質問するときはそこで私をメンションしてください。",
		discordgo.PortugueseBR: "O tópico está aberto: %s — mas não consigo me lembrar dele agora, então me mencione lá para perguntar.",
		discordgo.ChineseCN:    "子区已开启：%s——但我暂时无法记住它，请在那里提及我来提问。",
	},
	msgContinueIn: {
		english:                "Continue in %s — ask there without mentioning me; I remember this answer.",
		discordgo.German:       "Weiter in %s — frag dort, ohne mich zu erwähnen; ich erinnere mich an diese Antwort.",
		discordgo.SpanishES:    "Continúa en %s — pregunta allí sin mencionarme; recuerdo esta respuesta.",
		discordgo.French:       "Continuez dans %s — posez vos questions sans me mentionner ; je me souviens de cette réponse.",
		discordgo.Japanese:     "%s で続けてください。メンションなしで質問できます。この回答は覚えています。",
		discordgo.PortugueseBR: "Continue em %s — pergunte lá sem me mencionar; eu me lembro desta resposta.",
		discordgo.ChineseCN:    "请在 %s 继续——无需提及我即可提问；我记得这条回答。",
	},
	msgUnreadableMessage: {
		english:                "I couldn't read that message — try `/ask` with the question instead.",
		discordgo.German:       "Ich konnte diese Nachricht nicht lesen — stell die Frage stattdessen mit `/fragen`.",
		discordgo.SpanishES:    "No pude leer ese mensaje — prueba `/preguntar` con la pregunta.",
		discordgo.French:       "Je n'ai pas pu lire ce message — utilisez plutôt `/demander` avec la question.",
		discordgo.Japanese:     "そのメッセージを読み取れませんでした。代わりに `/質問する` で質問してください。",
		discordgo.PortugueseBR: "Não consegui ler essa mensagem — tente `/perguntar` com a pergunta.",
		discordgo.ChineseCN:    "无法读取该消息——请改用 `/提问` 提出问题。",
	},
	msgOwnAnswer: {
		english:                "That is one of my answers. Ask about it with `/ask`, or press 📖 under it for its passages.",
		discordgo.German:       "Das ist eine meiner Antworten. Frag mit `/fragen` danach, oder drück 📖 darunter für die Textstellen.",
		discordgo.SpanishES:    "Esa es una de mis respuestas. Pregunta sobre ella con `/preguntar` o pulsa 📖 debajo para ver sus pasajes.",
		discordgo.French:       "C'est l'une de mes réponses. Posez une question à son sujet avec `/demander`, ou appuyez sur 📖 en dessous pour voir ses passages.",
		discordgo.Japanese:     "それは私の回答です。`/質問する` で質問するか、その下の 📖 を押して引用箇所を表示してください。",
		discordgo.PortugueseBR: "Essa é uma das minhas respostas. Pergunte sobre ela com `/perguntar` ou toque em 📖 abaixo dela para ver os trechos.",
		discordgo.ChineseCN:    "这是我的一条回答。可用 `/提问` 就它提问，或点击其下方的 📖 查看引用段落。",
	},
	msgNotAnswered: {
		english:                "This question was not answered.",
		discordgo.German:       "Diese Frage wurde nicht beantwortet.",
		discordgo.SpanishES:    "Esta pregunta no se respondió.",
		discordgo.French:       "Cette question n'a pas reçu de réponse.",
		discordgo.Japanese:     "この質問には回答していません。",
		discordgo.PortugueseBR: "Esta pergunta não foi respondida.",
		discordgo.ChineseCN:    "此问题未作回答。",
	},
	msgHelp: {
		english: helpText,
		discordgo.German: "**briefbot** beantwortet Fragen zu den Briefings, die es kennt — nur aus deren Text — und zitiert die verwendeten Absätze.\n\n" +
			"• `/fragen frage:` — fragen; mit der Option `privat` siehst nur du die Antwort.\n" +
			"• **Erwähne mich** in einem Kanal oder **antworte** auf eine meiner Antworten — ich antworte in einem Thread; dort kann jeder ohne Erwähnung weiterfragen.\n" +
			"• **Apps → briefbot fragen** bei einer beliebigen Nachricht — ich beantworte ihren Text als Frage, nur für dich.\n" +
			"• **Schreib mir eine DM** — auch dort antworte ich und merke mir das Gespräch.\n" +
			"• `/briefing` — was ich weiß, mit Beispielfragen.\n\n" +
			"Unter jeder Antwort: **Textstellen zeigen** zitiert die Absätze vollständig; 👍/👎 zeigt den Moderatoren, was funktioniert hat; **Im Thread weiter** öffnet einen Thread, der sich an die Antwort erinnert.\n" +
			"Wenn das Briefing eine Frage nicht abdeckt, sage ich das, statt zu raten.",
		discordgo.SpanishES: "**briefbot** responde preguntas sobre los informes que conoce — solo a partir de su texto — y cita los párrafos que usó.\n\n" +
			"• `/preguntar pregunta:` — pregunta; con la opción `privado` solo tú verás la respuesta.\n" +
			"• **Mencióname** en un canal o **responde** a una de mis respuestas — respondo en un hilo; sigue preguntando ahí sin mencionarme (cualquiera puede).\n" +
			"• **Aplicaciones → Preguntar a briefbot** en cualquier mensaje — respondo a su texto como pregunta, solo para ti.\n" +
			"• **Envíame un MD** — también respondo ahí y recuerdo la conversación.\n" +
			"• `/informe` — lo que sé, con preguntas de ejemplo.\n\n" +
			"Debajo de cada respuesta: **Ver pasajes** muestra completos los párrafos citados; 👍/👎 indica a los moderadores qué funcionó; **Seguir en un hilo** abre un hilo que la recuerda.\n" +
			"Cuando el informe no cubre una pregunta, lo digo en vez de adivinar.",
		discordgo.French: "**briefbot** répond aux questions sur les briefings qu'il connaît — uniquement à partir de leur texte — et cite les paragraphes utilisés.\n\n" +
			"• `/demander question:` — posez une question ; avec l'option `privé`, vous seul voyez la réponse.\n" +
			"• **Mentionnez-moi** dans un salon, ou **répondez** à l'une de mes réponses — je réponds dans un fil ; continuez-y sans me mentionner (tout le monde peut).\n" +
			"• **Applications → Demander à briefbot** sur n'importe quel message — je réponds à son texte comme à une question, pour vous seul.\n" +
			"• **Écrivez-moi en MP** — j'y réponds aussi, en me souvenant de la conversation.\n" +
			"• `/briefing` — ce que je sais, avec des exemples de questions.\n\n" +
			"Sous chaque réponse : **Voir les passages** cite les paragraphes en entier ; 👍/👎 indique aux modérateurs ce qui a fonctionné ; **Continuer dans un fil** ouvre un fil qui se souvient de la réponse.\n" +
			"Quand le briefing ne couvre pas une question, je le dis plutôt que de deviner.",
		discordgo.Japanese: "**briefbot** は、知っているブリーフィングについての質問に本文だけをもとに回答し、使った段落を引用します。\n\n" +
			"• `/質問する 質問:` — 質問します。`非公開` オプションを付けると、回答はあなただけに表示されます。\n" +
			"• チャンネルで**メンション**するか、私の回答に**返信**してください — スレッドで回答します。そこではメンションなしで続けて質問できます（誰でも可）。\n" +
			"• 任意のメッセージで **アプリ → briefbotに質問** — そのメッセージを質問として、あなただけに回答します。\n" +
			"• **DM** でも回答し、会話を覚えています。\n" +
			"• `/ブリーフィング` — 私が知っている内容と質問例。\n\n" +
			"各回答の下: **引用箇所を表示** で引用段落の全文を表示、👍/👎 で役立ったかどうかをモデレーターに伝え、**スレッドで続ける** でその回答を覚えたスレッドを開きます。\n" +
			"ブリーフィングにない質問には、推測せずにそう伝えます。",
		discordgo.PortugueseBR: "**briefbot** responde perguntas sobre os briefings que conhece — só a partir do texto deles — e cita os parágrafos que usou.\n\n" +
			"• `/perguntar pergunta:` — pergunte; com a opção `privado`, só você vê a resposta.\n" +
			"• **Me mencione** em um canal ou **responda** a uma das minhas respostas — respondo em um tópico; continue perguntando lá sem me mencionar (qualquer pessoa pode).\n" +
			"• **Apps → Perguntar ao briefbot** em qualquer mensagem — respondo ao texto dela como pergunta, só para você.\n" +
			"• **Me mande uma DM** — também respondo lá, lembrando a conversa.\n" +
			"• `/briefing` — o que eu sei, com perguntas de exemplo.\n\n" +
			"Abaixo de cada resposta: **Ver trechos** mostra os parágrafos citados por inteiro; 👍/👎 diz aos moderadores o que funcionou; **Continuar em um tópico** abre um tópico que se lembra da resposta.\n" +
			"Quando o briefing não cobre uma pergunta, eu digo isso em vez de chutar.",
		discordgo.ChineseCN: "**briefbot** 只根据已知简报的原文回答相关问题，并引用所用的段落。\n\n" +
			"• `/提问 问题:` — 提问；加上 `私密` 选项则只有你能看到回答。\n" +
			"• 在频道中**提及我**，或**回复**我的某条回答——我会在子区中回答；之后在那里无需提及我即可继续提问（任何人都可以）。\n" +
			"• 在任意消息上选择 **应用 → 询问 briefbot**——我会把它的内容当作问题，只回答给你看。\n" +
			"• **私信我**——我也会在那里回答，并记住对话。\n" +
			"• `/简报`——我知道的内容及示例问题。\n\n" +
			"每条回答下方：**显示原文段落** 完整引用所引段落；👍/👎 告诉管理员哪些回答有用；**在子区继续** 会开启一个记得该回答的子区。\n" +
			"如果简报没有涉及某个问题，我会直说，而不是猜测。",
	},

	// The educators' features, as members see them.
	msgNotEducator: {
		english:                notEducatorText,
		discordgo.German:       "Das dürfen nur Lehrende: Bitte einen Moderator um die Lehrenden-Rolle (`/admin educators`), oder du brauchst die Berechtigung „Server verwalten“.",
		discordgo.SpanishES:    "Solo los educadores pueden hacer eso: pide a un moderador el rol de educador (`/admin educators`), o necesitas el permiso Gestionar servidor.",
		discordgo.French:       "Seuls les enseignants peuvent faire cela : demandez à un modérateur le rôle d'enseignant (`/admin educators`), ou il vous faut la permission Gérer le serveur.",
		discordgo.Japanese:     "これは講師だけが実行できます。モデレーターに講師ロールを付与してもらう（`/admin educators`）か、「サーバー管理」権限が必要です。",
		discordgo.PortugueseBR: "Só educadores podem fazer isso: peça a um moderador o cargo de educador (`/admin educators`), ou você precisa da permissão Gerenciar servidor.",
		discordgo.ChineseCN:    "只有讲师可以这样做：请让管理员授予你讲师身份组（`/admin educators`），或者你需要“管理服务器”权限。",
	},
	msgVoteOne: {
		english:                "1 vote",
		discordgo.German:       "1 Stimme",
		discordgo.SpanishES:    "1 voto",
		discordgo.French:       "1 vote",
		discordgo.Japanese:     "1 票",
		discordgo.PortugueseBR: "1 voto",
		discordgo.ChineseCN:    "1 票",
	},
	msgVotesMany: {
		english:                "%d votes",
		discordgo.German:       "%d Stimmen",
		discordgo.SpanishES:    "%d votos",
		discordgo.French:       "%d votes",
		discordgo.Japanese:     "%d 票",
		discordgo.PortugueseBR: "%d votos",
		discordgo.ChineseCN:    "%d 票",
	},
	msgSessionQueued: {
		english:                "📥 Queued as question #%d. Upvote it if you want it answered too.",
		discordgo.German:       "📥 Eingereiht als Frage #%d. Stimm dafür, wenn du auch eine Antwort darauf möchtest.",
		discordgo.SpanishES:    "📥 En la cola como pregunta #%d. Vótala si tú también quieres que se responda.",
		discordgo.French:       "📥 Ajoutée à la file : question n° %d. Votez pour elle si vous voulez aussi une réponse.",
		discordgo.Japanese:     "📥 質問 #%d としてキューに追加しました。回答してほしい場合は投票してください。",
		discordgo.PortugueseBR: "📥 Na fila como pergunta #%d. Vote nela se você também quer que ela seja respondida.",
		discordgo.ChineseCN:    "📥 已作为问题 #%d 加入队列。如果你也想得到回答，请为它投票。",
	},
	msgSessionMerged: {
		english:                "➕ Same as question #%d — “%s” — now %s.",
		discordgo.German:       "➕ Wie Frage #%d — „%s“ — jetzt %s.",
		discordgo.SpanishES:    "➕ Igual que la pregunta #%d — «%s» — ahora %s.",
		discordgo.French:       "➕ Identique à la question n° %d — « %s » — désormais %s.",
		discordgo.Japanese:     "➕ 質問 #%d と同じです —「%s」— 現在 %s。",
		discordgo.PortugueseBR: "➕ Igual à pergunta #%d — “%s” — agora %s.",
		discordgo.ChineseCN:    "➕ 与问题 #%d 相同——“%s”——现在 %s。",
	},
	msgSessionTooLong: {
		english:                "That is too long for a question — please keep it short.",
		discordgo.German:       "Das ist zu lang für eine Frage — bitte fass dich kurz.",
		discordgo.SpanishES:    "Es demasiado largo para una pregunta — hazla más breve, por favor.",
		discordgo.French:       "C'est trop long pour une question — faites plus court, s'il vous plaît.",
		discordgo.Japanese:     "質問としては長すぎます。短くまとめてください。",
		discordgo.PortugueseBR: "Isso é longo demais para uma pergunta — seja breve, por favor.",
		discordgo.ChineseCN:    "作为问题太长了——请简短一些。",
	},
	msgUpvote: {
		english:                "Upvote",
		discordgo.German:       "Dafür stimmen",
		discordgo.SpanishES:    "Votar",
		discordgo.French:       "Voter",
		discordgo.Japanese:     "投票する",
		discordgo.PortugueseBR: "Votar",
		discordgo.ChineseCN:    "投票",
	},
	msgUpvoted: {
		english:                "⬆️ Upvoted — %s.",
		discordgo.German:       "⬆️ Stimme abgegeben — %s.",
		discordgo.SpanishES:    "⬆️ Voto registrado — %s.",
		discordgo.French:       "⬆️ Vote enregistré — %s.",
		discordgo.Japanese:     "⬆️ 投票しました（%s）。",
		discordgo.PortugueseBR: "⬆️ Voto registrado — %s.",
		discordgo.ChineseCN:    "⬆️ 已投票（%s）。",
	},
	msgAlreadyUpvoted: {
		english:                "You have already asked or upvoted this question (%s).",
		discordgo.German:       "Du hast diese Frage schon gestellt oder dafür gestimmt (%s).",
		discordgo.SpanishES:    "Ya hiciste esta pregunta o ya la votaste (%s).",
		discordgo.French:       "Vous avez déjà posé cette question ou voté pour elle (%s).",
		discordgo.Japanese:     "この質問はすでに質問済みか投票済みです（%s）。",
		discordgo.PortugueseBR: "Você já fez esta pergunta ou já votou nela (%s).",
		discordgo.ChineseCN:    "你已经提过这个问题或为它投过票（%s）。",
	},
	msgSessionEnded: {
		english:                "This session has ended.",
		discordgo.German:       "Diese Sitzung ist beendet.",
		discordgo.SpanishES:    "Esta sesión ha terminado.",
		discordgo.French:       "Cette session est terminée.",
		discordgo.Japanese:     "このセッションは終了しました。",
		discordgo.PortugueseBR: "Esta sessão foi encerrada.",
		discordgo.ChineseCN:    "本次会话已结束。",
	},
	msgQuestionGone: {
		english:                "That question is gone.",
		discordgo.German:       "Diese Frage gibt es nicht mehr.",
		discordgo.SpanishES:    "Esa pregunta ya no existe.",
		discordgo.French:       "Cette question n'existe plus.",
		discordgo.Japanese:     "その質問はもうありません。",
		discordgo.PortugueseBR: "Essa pergunta não existe mais.",
		discordgo.ChineseCN:    "该问题已不存在。",
	},
	msgQuestionDone: {
		english:                "That question has already been posted or skipped.",
		discordgo.German:       "Diese Frage wurde schon gepostet oder übersprungen.",
		discordgo.SpanishES:    "Esa pregunta ya se publicó o se omitió.",
		discordgo.French:       "Cette question a déjà été publiée ou ignorée.",
		discordgo.Japanese:     "その質問はすでに投稿済みか、スキップされています。",
		discordgo.PortugueseBR: "Essa pergunta já foi publicada ou pulada.",
		discordgo.ChineseCN:    "该问题已发布或已跳过。",
	},
	msgSessionQuestionHead: {
		english:                "**Question #%d** · %s",
		discordgo.German:       "**Frage #%d** · %s",
		discordgo.SpanishES:    "**Pregunta #%d** · %s",
		discordgo.French:       "**Question n° %d** · %s",
		discordgo.Japanese:     "**質問 #%d** · %s",
		discordgo.PortugueseBR: "**Pergunta #%d** · %s",
		discordgo.ChineseCN:    "**问题 #%d** · %s",
	},
	msgSessionReviewed: {
		english:                " · answer reviewed by the educator",
		discordgo.German:       " · Antwort von der Lehrkraft geprüft",
		discordgo.SpanishES:    " · respuesta revisada por el educador",
		discordgo.French:       " · réponse relue par l'enseignant",
		discordgo.Japanese:     " · 講師が確認した回答",
		discordgo.PortugueseBR: " · resposta revisada pelo educador",
		discordgo.ChineseCN:    " · 回答已经讲师审核",
	},
	msgSessionEndedPost: {
		english:                "🏁 **Session ended.** The transcript is attached: every question, its answer and sources, and what the briefing did not cover.",
		discordgo.German:       "🏁 **Sitzung beendet.** Das Protokoll ist angehängt: jede Frage mit Antwort und Quellen, und was das Briefing nicht abgedeckt hat.",
		discordgo.SpanishES:    "🏁 **Sesión terminada.** La transcripción va adjunta: cada pregunta con su respuesta y sus fuentes, y lo que el informe no cubría.",
		discordgo.French:       "🏁 **Session terminée.** La transcription est jointe : chaque question avec sa réponse et ses sources, et ce que le briefing ne couvrait pas.",
		discordgo.Japanese:     "🏁 **セッション終了。** 記録を添付しました。各質問とその回答・出典、ブリーフィングで扱われていなかった内容をまとめています。",
		discordgo.PortugueseBR: "🏁 **Sessão encerrada.** A transcrição está anexada: cada pergunta com a resposta e as fontes, e o que o briefing não cobria.",
		discordgo.ChineseCN:    "🏁 **会话已结束。** 已附上记录：每个问题及其回答和来源，以及简报未涵盖的内容。",
	},
	msgPanelTitle: {
		english:                "🎙️ **Live Q&A: %s**\nOn *%s*.",
		discordgo.German:       "🎙️ **Live-Fragerunde: %s**\nZu *%s*.",
		discordgo.SpanishES:    "🎙️ **Preguntas en directo: %s**\nSobre *%s*.",
		discordgo.French:       "🎙️ **Questions-réponses en direct : %s**\nSur *%s*.",
		discordgo.Japanese:     "🎙️ **ライブ Q&A: %s**\nテーマ: *%s*",
		discordgo.PortugueseBR: "🎙️ **Perguntas ao vivo: %s**\nSobre *%s*.",
		discordgo.ChineseCN:    "🎙️ **实时问答：%s**\n主题：*%s*",
	},
	msgPanelTitleDated: {
		english:                "🎙️ **Live Q&A: %s**\nOn *%s* (%s).",
		discordgo.German:       "🎙️ **Live-Fragerunde: %s**\nZu *%s* (%s).",
		discordgo.SpanishES:    "🎙️ **Preguntas en directo: %s**\nSobre *%s* (%s).",
		discordgo.French:       "🎙️ **Questions-réponses en direct : %s**\nSur *%s* (%s).",
		discordgo.Japanese:     "🎙️ **ライブ Q&A: %s**\nテーマ: *%s*（%s）",
		discordgo.PortugueseBR: "🎙️ **Perguntas ao vivo: %s**\nSobre *%s* (%s).",
		discordgo.ChineseCN:    "🎙️ **实时问答：%s**\n主题：*%s*（%s）",
	},
	msgPanelHowTo: {
		english:                "Ask your questions here, one per message. Each joins the queue (similar questions are merged); **Upvote** the ones you want answered. Answers come from the briefing only, with their sources.",
		discordgo.German:       "Stell deine Fragen hier, eine pro Nachricht. Jede kommt in die Warteschlange (ähnliche Fragen werden zusammengefasst); drück **Dafür stimmen** bei denen, die beantwortet werden sollen. Die Antworten stammen nur aus dem Briefing, mit Quellen.",
		discordgo.SpanishES:    "Haz tus preguntas aquí, una por mensaje. Cada una entra en la cola (las preguntas parecidas se agrupan); pulsa **Votar** en las que quieras que se respondan. Las respuestas salen solo del informe, con sus fuentes.",
		discordgo.French:       "Posez vos questions ici, une par message. Chacune rejoint la file (les questions similaires sont regroupées) ; cliquez sur **Voter** pour celles auxquelles vous voulez une réponse. Les réponses viennent uniquement du briefing, avec leurs sources.",
		discordgo.Japanese:     "ここで質問してください（1 メッセージにつき 1 問）。質問はキューに入ります（似た質問はまとめられます）。回答してほしい質問には **投票する** を押してください。回答はブリーフィングだけに基づき、出典付きです。",
		discordgo.PortugueseBR: "Faça suas perguntas aqui, uma por mensagem. Cada uma entra na fila (perguntas parecidas são agrupadas); toque em **Votar** nas que você quer ver respondidas. As respostas vêm só do briefing, com as fontes.",
		discordgo.ChineseCN:    "请在这里提问，每条消息一个问题。每个问题都会进入队列（相似的问题会合并）；为你想得到回答的问题点 **投票**。回答只来自简报，并附有来源。",
	},
	msgPanelApprove: {
		english:                "-# An educator reviews every answer before it is posted.",
		discordgo.German:       "-# Eine Lehrkraft prüft jede Antwort, bevor sie gepostet wird.",
		discordgo.SpanishES:    "-# Un educador revisa cada respuesta antes de publicarla.",
		discordgo.French:       "-# Un enseignant relit chaque réponse avant sa publication.",
		discordgo.Japanese:     "-# 各回答は投稿前に講師が確認します。",
		discordgo.PortugueseBR: "-# Um educador revisa cada resposta antes de ela ser publicada.",
		discordgo.ChineseCN:    "-# 每条回答在发布前都会由讲师审核。",
	},
	msgPanelEndedNote: {
		english:                "This session has ended; its transcript is attached below.",
		discordgo.German:       "Diese Sitzung ist beendet; das Protokoll ist unten angehängt.",
		discordgo.SpanishES:    "Esta sesión ha terminado; la transcripción va adjunta más abajo.",
		discordgo.French:       "Cette session est terminée ; sa transcription est jointe ci-dessous.",
		discordgo.Japanese:     "このセッションは終了しました。記録は下に添付されています。",
		discordgo.PortugueseBR: "Esta sessão foi encerrada; a transcrição está anexada abaixo.",
		discordgo.ChineseCN:    "本次会话已结束；记录附在下方。",
	},
	msgPanelQueue: {
		english:                "📊 **Queue:** %s",
		discordgo.German:       "📊 **Warteschlange:** %s",
		discordgo.SpanishES:    "📊 **Cola:** %s",
		discordgo.French:       "📊 **File d'attente :** %s",
		discordgo.Japanese:     "📊 **キュー:** %s",
		discordgo.PortugueseBR: "📊 **Fila:** %s",
		discordgo.ChineseCN:    "📊 **队列：** %s",
	},
	msgPanelFinal: {
		english:                "📊 **Final:** %s",
		discordgo.German:       "📊 **Ergebnis:** %s",
		discordgo.SpanishES:    "📊 **Resultado:** %s",
		discordgo.French:       "📊 **Bilan :** %s",
		discordgo.Japanese:     "📊 **最終結果:** %s",
		discordgo.PortugueseBR: "📊 **Resultado:** %s",
		discordgo.ChineseCN:    "📊 **最终结果：** %s",
	},
	msgPanelEmpty: {
		english:                "📊 **Queue:** no questions yet.",
		discordgo.German:       "📊 **Warteschlange:** noch keine Fragen.",
		discordgo.SpanishES:    "📊 **Cola:** aún no hay preguntas.",
		discordgo.French:       "📊 **File d'attente :** pas encore de questions.",
		discordgo.Japanese:     "📊 **キュー:** まだ質問はありません。",
		discordgo.PortugueseBR: "📊 **Fila:** ainda não há perguntas.",
		discordgo.ChineseCN:    "📊 **队列：** 还没有问题。",
	},
	// The counts of the panel: a form that reads right for any number
	// ("label: n" where the word would agree with it).
	msgCountWaiting: {
		english:                "%d waiting",
		discordgo.German:       "%d offen",
		discordgo.SpanishES:    "en espera: %d",
		discordgo.French:       "à traiter : %d",
		discordgo.Japanese:     "待機中 %d 件",
		discordgo.PortugueseBR: "aguardando: %d",
		discordgo.ChineseCN:    "等待中 %d 个",
	},
	msgCountApproved: {
		english:                " (%d approved)",
		discordgo.German:       " (%d freigegeben)",
		discordgo.SpanishES:    " (aprobadas: %d)",
		discordgo.French:       " (approuvées : %d)",
		discordgo.Japanese:     "（うち承認済み %d 件）",
		discordgo.PortugueseBR: " (aprovadas: %d)",
		discordgo.ChineseCN:    "（其中已批准 %d 个）",
	},
	msgCountAnswered: {
		english:                "%d answered",
		discordgo.German:       "%d beantwortet",
		discordgo.SpanishES:    "respondidas: %d",
		discordgo.French:       "répondues : %d",
		discordgo.Japanese:     "回答済み %d 件",
		discordgo.PortugueseBR: "respondidas: %d",
		discordgo.ChineseCN:    "已回答 %d 个",
	},
	msgCountSkipped: {
		english:                "%d skipped",
		discordgo.German:       "%d übersprungen",
		discordgo.SpanishES:    "omitidas: %d",
		discordgo.French:       "ignorées : %d",
		discordgo.Japanese:     "スキップ %d 件",
		discordgo.PortugueseBR: "puladas: %d",
		discordgo.ChineseCN:    "已跳过 %d 个",
	},
	msgCountNotReached: {
		english:                "%d not reached",
		discordgo.German:       "%d nicht mehr drangekommen",
		discordgo.SpanishES:    "sin tratar: %d",
		discordgo.French:       "non traitées : %d",
		discordgo.Japanese:     "未対応 %d 件",
		discordgo.PortugueseBR: "ficaram de fora: %d",
		discordgo.ChineseCN:    "未轮到 %d 个",
	},
	msgPanelNext: {
		english:                "⬆️ Next up: **#%d** “%s” — %s",
		discordgo.German:       "⬆️ Als Nächstes: **#%d** „%s“ — %s",
		discordgo.SpanishES:    "⬆️ La siguiente: **#%d** «%s» — %s",
		discordgo.French:       "⬆️ Prochaine : **n° %d** « %s » — %s",
		discordgo.Japanese:     "⬆️ 次の質問: **#%d**「%s」— %s",
		discordgo.PortugueseBR: "⬆️ A seguir: **#%d** “%s” — %s",
		discordgo.ChineseCN:    "⬆️ 下一个：**#%d** “%s”——%s",
	},
	msgQuizHeadOne: {
		english:                "📝 **Quiz** on *%s* (%s) — 1 question. Pick an answer with the buttons; only your first answer counts, and only you see whether you were right.",
		discordgo.German:       "📝 **Quiz** zu *%s* (%s) — 1 Frage. Wähl eine Antwort mit den Buttons; nur deine erste Antwort zählt, und nur du siehst, ob sie richtig war.",
		discordgo.SpanishES:    "📝 **Cuestionario** sobre *%s* (%s) — 1 pregunta. Elige una respuesta con los botones; solo cuenta tu primera respuesta, y solo tú ves si acertaste.",
		discordgo.French:       "📝 **Quiz** sur *%s* (%s) — 1 question. Choisissez une réponse avec les boutons ; seule votre première réponse compte, et vous seul voyez si elle était juste.",
		discordgo.Japanese:     "📝 *%s*（%s）の**クイズ** — 全 1 問。ボタンで答えを選んでください。最初の回答だけが有効で、正解かどうかはあなたにだけ表示されます。",
		discordgo.PortugueseBR: "📝 **Quiz** sobre *%s* (%s) — 1 pergunta. Escolha uma resposta com os botões; só a sua primeira resposta conta, e só você vê se acertou.",
		discordgo.ChineseCN:    "📝 关于 *%s*（%s）的**测验**——共 1 题。请用按钮选择答案；只有第一次作答计分，且只有你自己能看到是否答对。",
	},
	msgQuizHeadMany: {
		english:                "📝 **Quiz** on *%s* (%s) — %d questions. Pick an answer with the buttons; only your first answer counts, and only you see whether you were right.",
		discordgo.German:       "📝 **Quiz** zu *%s* (%s) — %d Fragen. Wähl eine Antwort mit den Buttons; nur deine erste Antwort zählt, und nur du siehst, ob sie richtig war.",
		discordgo.SpanishES:    "📝 **Cuestionario** sobre *%s* (%s) — %d preguntas. Elige una respuesta con los botones; solo cuenta tu primera respuesta, y solo tú ves si acertaste.",
		discordgo.French:       "📝 **Quiz** sur *%s* (%s) — %d questions. Choisissez une réponse avec les boutons ; seule votre première réponse compte, et vous seul voyez si elle était juste.",
		discordgo.Japanese:     "📝 *%s*（%s）の**クイズ** — 全 %d 問。ボタンで答えを選んでください。最初の回答だけが有効で、正解かどうかはあなたにだけ表示されます。",
		discordgo.PortugueseBR: "📝 **Quiz** sobre *%s* (%s) — %d perguntas. Escolha uma resposta com os botões; só a sua primeira resposta conta, e só você vê se acertou.",
		discordgo.ChineseCN:    "📝 关于 *%s*（%s）的**测验**——共 %d 题。请用按钮选择答案；只有第一次作答计分，且只有你自己能看到是否答对。",
	},
	msgCloseQuiz: {
		english:                "Close quiz",
		discordgo.German:       "Quiz schließen",
		discordgo.SpanishES:    "Cerrar cuestionario",
		discordgo.French:       "Clore le quiz",
		discordgo.Japanese:     "クイズを締め切る",
		discordgo.PortugueseBR: "Encerrar quiz",
		discordgo.ChineseCN:    "关闭测验",
	},
	msgQuizQuestion: {
		english:                "**Question %d/%d.**",
		discordgo.German:       "**Frage %d/%d.**",
		discordgo.SpanishES:    "**Pregunta %d/%d.**",
		discordgo.French:       "**Question %d/%d.**",
		discordgo.Japanese:     "**問題 %d/%d**",
		discordgo.PortugueseBR: "**Pergunta %d/%d.**",
		discordgo.ChineseCN:    "**第 %d/%d 题**",
	},
	msgQuizRepeat: {
		english:                "You already answered this one (**%s**) — your first answer counts.",
		discordgo.German:       "Diese Frage hast du schon beantwortet (**%s**) — deine erste Antwort zählt.",
		discordgo.SpanishES:    "Ya respondiste a esta (**%s**) — cuenta tu primera respuesta.",
		discordgo.French:       "Vous avez déjà répondu à celle-ci (**%s**) — c'est votre première réponse qui compte.",
		discordgo.Japanese:     "この問題にはすでに回答しています（**%s**）。最初の回答が有効です。",
		discordgo.PortugueseBR: "Você já respondeu a esta (**%s**) — vale a sua primeira resposta.",
		discordgo.ChineseCN:    "你已经回答过这道题（**%s**）——以第一次作答为准。",
	},
	msgQuizRight: {
		english:                "✅ Right! The answer is **%s. %s**.",
		discordgo.German:       "✅ Richtig! Die Antwort ist **%s. %s**.",
		discordgo.SpanishES:    "✅ ¡Correcto! La respuesta es **%s. %s**.",
		discordgo.French:       "✅ Exact ! La réponse est **%s. %s**.",
		discordgo.Japanese:     "✅ 正解です！答えは **%s. %s** です。",
		discordgo.PortugueseBR: "✅ Certo! A resposta é **%s. %s**.",
		discordgo.ChineseCN:    "✅ 答对了！答案是 **%s. %s**。",
	},
	msgQuizWrong: {
		english:                "❌ Not quite — the answer is **%s. %s**.",
		discordgo.German:       "❌ Nicht ganz — die Antwort ist **%s. %s**.",
		discordgo.SpanishES:    "❌ No exactamente — la respuesta es **%s. %s**.",
		discordgo.French:       "❌ Pas tout à fait — la réponse est **%s. %s**.",
		discordgo.Japanese:     "❌ 残念！答えは **%s. %s** です。",
		discordgo.PortugueseBR: "❌ Não exatamente — a resposta é **%s. %s**.",
		discordgo.ChineseCN:    "❌ 不太对——答案是 **%s. %s**。",
	},
	msgQuizFrom: {
		english:                "From ¶%d of the briefing:",
		discordgo.German:       "Aus ¶%d des Briefings:",
		discordgo.SpanishES:    "Del ¶%d del informe:",
		discordgo.French:       "Extrait du ¶%d du briefing :",
		discordgo.Japanese:     "ブリーフィングの ¶%d より:",
		discordgo.PortugueseBR: "Do ¶%d do briefing:",
		discordgo.ChineseCN:    "出自简报 ¶%d：",
	},
	msgQuizClosed: {
		english:                "This quiz is closed.",
		discordgo.German:       "Dieses Quiz ist geschlossen.",
		discordgo.SpanishES:    "Este cuestionario está cerrado.",
		discordgo.French:       "Ce quiz est clos.",
		discordgo.Japanese:     "このクイズは締め切られました。",
		discordgo.PortugueseBR: "Este quiz está encerrado.",
		discordgo.ChineseCN:    "此测验已关闭。",
	},
	msgQuizGone: {
		english:                "This quiz is gone.",
		discordgo.German:       "Dieses Quiz gibt es nicht mehr.",
		discordgo.SpanishES:    "Este cuestionario ya no existe.",
		discordgo.French:       "Ce quiz n'existe plus.",
		discordgo.Japanese:     "このクイズはもうありません。",
		discordgo.PortugueseBR: "Este quiz não existe mais.",
		discordgo.ChineseCN:    "此测验已不存在。",
	},
	msgBoardHead: {
		english:                "🏁 **Quiz closed — leaderboard**",
		discordgo.German:       "🏁 **Quiz geschlossen — Bestenliste**",
		discordgo.SpanishES:    "🏁 **Cuestionario cerrado — clasificación**",
		discordgo.French:       "🏁 **Quiz clos — classement**",
		discordgo.Japanese:     "🏁 **クイズ終了 — ランキング**",
		discordgo.PortugueseBR: "🏁 **Quiz encerrado — ranking**",
		discordgo.ChineseCN:    "🏁 **测验已关闭——排行榜**",
	},
	msgBoardNobody: {
		english:                "Nobody answered.",
		discordgo.German:       "Niemand hat geantwortet.",
		discordgo.SpanishES:    "Nadie respondió.",
		discordgo.French:       "Personne n'a répondu.",
		discordgo.Japanese:     "回答者はいませんでした。",
		discordgo.PortugueseBR: "Ninguém respondeu.",
		discordgo.ChineseCN:    "没有人作答。",
	},
	msgBoardMore: {
		english:                "…and %d more.",
		discordgo.German:       "…und %d weitere.",
		discordgo.SpanishES:    "…y %d más.",
		discordgo.French:       "…et %d de plus.",
		discordgo.Japanese:     "…ほか %d 人。",
		discordgo.PortugueseBR: "…e mais %d.",
		discordgo.ChineseCN:    "……还有 %d 人。",
	},
	msgBoardRow: {
		english:                "%s %s — %d/%d right",
		discordgo.German:       "%s %s — %d/%d richtig",
		discordgo.SpanishES:    "%s %s — %d/%d correctas",
		discordgo.French:       "%s %s — %d/%d bonnes réponses",
		discordgo.Japanese:     "%s %s — %d/%d 問正解",
		discordgo.PortugueseBR: "%s %s — %d/%d certas",
		discordgo.ChineseCN:    "%s %s — 答对 %d/%d",
	},
	msgBoardAnswered: {
		english:                " (%d answered)",
		discordgo.German:       " (%d beantwortet)",
		discordgo.SpanishES:    " (respondidas: %d)",
		discordgo.French:       " (a répondu à %d)",
		discordgo.Japanese:     "（%d 問回答）",
		discordgo.PortugueseBR: " (respondidas: %d)",
		discordgo.ChineseCN:    "（已答 %d 题）",
	},

	// What only educators see.
	msgEduNoTitle: {
		english:                "Please give the session a title.",
		discordgo.German:       "Bitte gib der Sitzung einen Titel.",
		discordgo.SpanishES:    "Ponle un título a la sesión.",
		discordgo.French:       "Veuillez donner un titre à la session.",
		discordgo.Japanese:     "セッションのタイトルを入力してください。",
		discordgo.PortugueseBR: "Dê um título à sessão.",
		discordgo.ChineseCN:    "请为会话设置一个标题。",
	},
	msgEduUnknownBriefing: {
		english:                "I don't know that briefing — pick one from the list.",
		discordgo.German:       "Dieses Briefing kenne ich nicht — wähl eins aus der Liste.",
		discordgo.SpanishES:    "No conozco ese informe — elige uno de la lista.",
		discordgo.French:       "Je ne connais pas ce briefing — choisissez-en un dans la liste.",
		discordgo.Japanese:     "そのブリーフィングは見つかりません。一覧から選んでください。",
		discordgo.PortugueseBR: "Não conheço esse briefing — escolha um da lista.",
		discordgo.ChineseCN:    "找不到这份简报——请从列表中选择一份。",
	},
	msgEduNoThread: {
		english:                "I can't open a thread here — run `/session start` in a text channel where I may create threads.",
		discordgo.German:       "Ich kann hier keinen Thread öffnen — führ `/session start` in einem Textkanal aus, in dem ich Threads erstellen darf.",
		discordgo.SpanishES:    "No puedo abrir un hilo aquí — usa `/session start` en un canal de texto donde pueda crear hilos.",
		discordgo.French:       "Je ne peux pas ouvrir de fil ici — lancez `/session start` dans un salon textuel où j'ai le droit de créer des fils.",
		discordgo.Japanese:     "ここではスレッドを作成できません。スレッドを作成できるテキストチャンネルで `/session start` を実行してください。",
		discordgo.PortugueseBR: "Não consigo abrir um tópico aqui — use `/session start` em um canal de texto onde eu possa criar tópicos.",
		discordgo.ChineseCN:    "我无法在这里创建子区——请在我有权创建子区的文字频道中运行 `/session start`。",
	},
	msgEduSessionStarted: {
		english:                "Session started in %s. Use `/session next` there to post the top question, `/session end` to close it.",
		discordgo.German:       "Sitzung in %s gestartet. Dort postet `/session next` die Frage mit den meisten Stimmen, `/session end` beendet die Sitzung.",
		discordgo.SpanishES:    "Sesión iniciada en %s. Usa allí `/session next` para publicar la pregunta más votada y `/session end` para cerrarla.",
		discordgo.French:       "Session ouverte dans %s. Là-bas, `/session next` publie la question la plus votée et `/session end` clôt la session.",
		discordgo.Japanese:     "%s でセッションを開始しました。そこで `/session next` を使うと最も票の多い質問を投稿し、`/session end` で終了します。",
		discordgo.PortugueseBR: "Sessão iniciada em %s. Lá, use `/session next` para publicar a pergunta mais votada e `/session end` para encerrá-la.",
		discordgo.ChineseCN:    "会话已在 %s 中开始。在那里使用 `/session next` 发布票数最多的问题，使用 `/session end` 结束会话。",
	},
	msgEduNoSession: {
		english:                "There is no session in this channel — run this in the session's thread.",
		discordgo.German:       "In diesem Kanal läuft keine Sitzung — führ den Befehl im Thread der Sitzung aus.",
		discordgo.SpanishES:    "No hay ninguna sesión en este canal — ejecuta esto en el hilo de la sesión.",
		discordgo.French:       "Il n'y a pas de session dans ce salon — lancez cette commande dans le fil de la session.",
		discordgo.Japanese:     "このチャンネルにはセッションがありません。セッションのスレッドで実行してください。",
		discordgo.PortugueseBR: "Não há sessão neste canal — use isto no tópico da sessão.",
		discordgo.ChineseCN:    "此频道中没有会话——请在会话的子区中运行此命令。",
	},
	msgEduNoneWaiting: {
		english:                "No questions waiting.",
		discordgo.German:       "Keine Fragen in der Warteschlange.",
		discordgo.SpanishES:    "No hay preguntas en espera.",
		discordgo.French:       "Aucune question en attente.",
		discordgo.Japanese:     "待機中の質問はありません。",
		discordgo.PortugueseBR: "Nenhuma pergunta aguardando.",
		discordgo.ChineseCN:    "没有等待中的问题。",
	},
	msgEduPosted: {
		english:                "Posted question #%d.",
		discordgo.German:       "Frage #%d gepostet.",
		discordgo.SpanishES:    "Pregunta #%d publicada.",
		discordgo.French:       "Question n° %d publiée.",
		discordgo.Japanese:     "質問 #%d を投稿しました。",
		discordgo.PortugueseBR: "Pergunta #%d publicada.",
		discordgo.ChineseCN:    "已发布问题 #%d。",
	},
	msgEduQueueChanging: {
		english:                "The queue keeps changing — try again.",
		discordgo.German:       "Die Warteschlange ändert sich ständig — versuch es noch einmal.",
		discordgo.SpanishES:    "La cola no para de cambiar — inténtalo de nuevo.",
		discordgo.French:       "La file d'attente change sans cesse — réessayez.",
		discordgo.Japanese:     "キューが変化し続けています。もう一度お試しください。",
		discordgo.PortugueseBR: "A fila não para de mudar — tente de novo.",
		discordgo.ChineseCN:    "队列一直在变化——请重试。",
	},
	msgEduSessionClosed: {
		english:                "Session ended; transcript posted, thread locked.",
		discordgo.German:       "Sitzung beendet; Protokoll gepostet, Thread gesperrt.",
		discordgo.SpanishES:    "Sesión terminada; transcripción publicada, hilo bloqueado.",
		discordgo.French:       "Session terminée ; transcription publiée, fil verrouillé.",
		discordgo.Japanese:     "セッションを終了しました。記録を投稿し、スレッドをロックしました。",
		discordgo.PortugueseBR: "Sessão encerrada; transcrição publicada, tópico trancado.",
		discordgo.ChineseCN:    "会话已结束；记录已发布，子区已锁定。",
	},
	msgEduReviewHead: {
		english:                "**Review — question #%d** (%s)",
		discordgo.German:       "**Zur Freigabe — Frage #%d** (%s)",
		discordgo.SpanishES:    "**Revisión — pregunta #%d** (%s)",
		discordgo.French:       "**Relecture — question n° %d** (%s)",
		discordgo.Japanese:     "**確認 — 質問 #%d**（%s）",
		discordgo.PortugueseBR: "**Revisão — pergunta #%d** (%s)",
		discordgo.ChineseCN:    "**审核——问题 #%d**（%s）",
	},
	msgEduReviewHowTo: {
		english:                "-# Approve it as it is, edit it, or skip the question; then `/session next` posts it.",
		discordgo.German:       "-# Gib die Antwort unverändert frei, bearbeite sie oder überspring die Frage; danach postet `/session next` sie.",
		discordgo.SpanishES:    "-# Apruébala tal cual, edítala u omite la pregunta; después `/session next` la publica.",
		discordgo.French:       "-# Approuvez-la telle quelle, modifiez-la ou ignorez la question ; ensuite `/session next` la publie.",
		discordgo.Japanese:     "-# そのまま承認するか、編集するか、質問をスキップしてください。その後 `/session next` で投稿されます。",
		discordgo.PortugueseBR: "-# Aprove como está, edite ou pule a pergunta; depois, `/session next` a publica.",
		discordgo.ChineseCN:    "-# 可直接批准、编辑，或跳过该问题；之后 `/session next` 会发布它。",
	},
	msgEduApprove: {
		english:                "Approve",
		discordgo.German:       "Freigeben",
		discordgo.SpanishES:    "Aprobar",
		discordgo.French:       "Approuver",
		discordgo.Japanese:     "承認",
		discordgo.PortugueseBR: "Aprovar",
		discordgo.ChineseCN:    "批准",
	},
	msgEduEdit: {
		english:                "Edit",
		discordgo.German:       "Bearbeiten",
		discordgo.SpanishES:    "Editar",
		discordgo.French:       "Modifier",
		discordgo.Japanese:     "編集",
		discordgo.PortugueseBR: "Editar",
		discordgo.ChineseCN:    "编辑",
	},
	msgEduSkip: {
		english:                "Skip",
		discordgo.German:       "Überspringen",
		discordgo.SpanishES:    "Omitir",
		discordgo.French:       "Ignorer",
		discordgo.Japanese:     "スキップ",
		discordgo.PortugueseBR: "Pular",
		discordgo.ChineseCN:    "跳过",
	},
	msgEduApproved: {
		english:                "✅ Approved question #%d — `/session next` posts it.",
		discordgo.German:       "✅ Frage #%d freigegeben — `/session next` postet sie.",
		discordgo.SpanishES:    "✅ Pregunta #%d aprobada — `/session next` la publica.",
		discordgo.French:       "✅ Question n° %d approuvée — `/session next` la publie.",
		discordgo.Japanese:     "✅ 質問 #%d を承認しました。`/session next` で投稿されます。",
		discordgo.PortugueseBR: "✅ Pergunta #%d aprovada — `/session next` a publica.",
		discordgo.ChineseCN:    "✅ 已批准问题 #%d——`/session next` 会发布它。",
	},
	msgEduSkipped: {
		english:                "⏭️ Skipped question #%d.",
		discordgo.German:       "⏭️ Frage #%d übersprungen.",
		discordgo.SpanishES:    "⏭️ Pregunta #%d omitida.",
		discordgo.French:       "⏭️ Question n° %d ignorée.",
		discordgo.Japanese:     "⏭️ 質問 #%d をスキップしました。",
		discordgo.PortugueseBR: "⏭️ Pergunta #%d pulada.",
		discordgo.ChineseCN:    "⏭️ 已跳过问题 #%d。",
	},
	msgEduNoDraft: {
		english:                "That question has no draft yet.",
		discordgo.German:       "Für diese Frage gibt es noch keinen Entwurf.",
		discordgo.SpanishES:    "Esa pregunta aún no tiene borrador.",
		discordgo.French:       "Cette question n'a pas encore de brouillon.",
		discordgo.Japanese:     "その質問の下書きはまだありません。",
		discordgo.PortugueseBR: "Essa pergunta ainda não tem rascunho.",
		discordgo.ChineseCN:    "该问题还没有草稿。",
	},
	// The edit modal: Discord takes at most 45 characters for its title
	// and for its input's label (TestEducatorLabelsWithinDiscordLimits).
	msgEduEditTitle: {
		english:                "Edit the answer to #%d",
		discordgo.German:       "Antwort auf Frage #%d bearbeiten",
		discordgo.SpanishES:    "Editar la respuesta a la pregunta #%d",
		discordgo.French:       "Modifier la réponse au n° %d",
		discordgo.Japanese:     "質問 #%d の回答を編集",
		discordgo.PortugueseBR: "Editar a resposta à pergunta #%d",
		discordgo.ChineseCN:    "编辑问题 #%d 的回答",
	},
	msgEduEditLabel: {
		english:                "Answer (keep the [n] markers)",
		discordgo.German:       "Antwort (die [n]-Markierungen beibehalten)",
		discordgo.SpanishES:    "Respuesta (conserva las marcas [n])",
		discordgo.French:       "Réponse (gardez les repères [n])",
		discordgo.Japanese:     "回答（[n] の印は残してください）",
		discordgo.PortugueseBR: "Resposta (mantenha as marcações [n])",
		discordgo.ChineseCN:    "回答（请保留 [n] 标记）",
	},
	msgEduEditNotSaved: {
		english:                "That edit was not saved: %s.",
		discordgo.German:       "Die Änderung wurde nicht gespeichert: %s.",
		discordgo.SpanishES:    "La edición no se guardó: %s.",
		discordgo.French:       "La modification n'a pas été enregistrée : %s.",
		discordgo.Japanese:     "編集は保存されませんでした（%s）。",
		discordgo.PortugueseBR: "A edição não foi salva: %s.",
		discordgo.ChineseCN:    "编辑未保存：%s。",
	},
	msgEduEdited: {
		english:                "✏️ Edited and approved question #%d — `/session next` posts it.\n\n%s",
		discordgo.German:       "✏️ Frage #%d bearbeitet und freigegeben — `/session next` postet sie.\n\n%s",
		discordgo.SpanishES:    "✏️ Pregunta #%d editada y aprobada — `/session next` la publica.\n\n%s",
		discordgo.French:       "✏️ Question n° %d modifiée et approuvée — `/session next` la publie.\n\n%s",
		discordgo.Japanese:     "✏️ 質問 #%d を編集して承認しました。`/session next` で投稿されます。\n\n%s",
		discordgo.PortugueseBR: "✏️ Pergunta #%d editada e aprovada — `/session next` a publica.\n\n%s",
		discordgo.ChineseCN:    "✏️ 已编辑并批准问题 #%d——`/session next` 会发布它。\n\n%s",
	},
	msgEduNoQuizQuestions: {
		english:                "This briefing has nothing I can make a question of.",
		discordgo.German:       "Aus diesem Briefing kann ich keine Frage machen.",
		discordgo.SpanishES:    "No puedo sacar ninguna pregunta de este informe.",
		discordgo.French:       "Je ne peux tirer aucune question de ce briefing.",
		discordgo.Japanese:     "このブリーフィングからは問題を作れません。",
		discordgo.PortugueseBR: "Não consigo tirar nenhuma pergunta deste briefing.",
		discordgo.ChineseCN:    "这份简报里没有可以出题的内容。",
	},
	// A count that reads right for any number, as the panel's.
	msgEduQuizPosted: {
		english:                "Quiz posted (%d questions). Close it with **%s** or `/quiz close` to post the leaderboard.",
		discordgo.German:       "Quiz gepostet (Fragen: %d). Schließ es mit **%s** oder `/quiz close`, um die Bestenliste zu posten.",
		discordgo.SpanishES:    "Cuestionario publicado (preguntas: %d). Ciérralo con **%s** o `/quiz close` para publicar la clasificación.",
		discordgo.French:       "Quiz publié (questions : %d). Clôturez-le avec **%s** ou `/quiz close` pour publier le classement.",
		discordgo.Japanese:     "クイズを投稿しました（全 %d 問）。**%s** または `/quiz close` で締め切ると、ランキングが投稿されます。",
		discordgo.PortugueseBR: "Quiz publicado (perguntas: %d). Encerre com **%s** ou `/quiz close` para publicar o ranking.",
		discordgo.ChineseCN:    "测验已发布（共 %d 题）。用 **%s** 或 `/quiz close` 关闭测验，即可发布排行榜。",
	},
	msgEduNoOpenQuiz: {
		english:                "There is no open quiz in this channel (among its last 100 messages). Name one with `quiz:`.",
		discordgo.German:       "In diesem Kanal gibt es kein offenes Quiz (unter den letzten 100 Nachrichten). Gib eins mit `quiz:` an.",
		discordgo.SpanishES:    "No hay ningún cuestionario abierto en este canal (entre sus últimos 100 mensajes). Indica uno con `quiz:`.",
		discordgo.French:       "Il n'y a pas de quiz ouvert dans ce salon (parmi ses 100 derniers messages). Indiquez-en un avec `quiz:`.",
		discordgo.Japanese:     "このチャンネル（直近 100 件のメッセージ）に受付中のクイズはありません。`quiz:` で指定してください。",
		discordgo.PortugueseBR: "Não há quiz aberto neste canal (entre as últimas 100 mensagens). Indique um com `quiz:`.",
		discordgo.ChineseCN:    "此频道（最近 100 条消息中）没有进行中的测验。请用 `quiz:` 指定一个。",
	},
	msgEduUnknownQuiz: {
		english:                "I don't know that quiz — pick one from the list.",
		discordgo.German:       "Dieses Quiz kenne ich nicht — wähl eins aus der Liste.",
		discordgo.SpanishES:    "No conozco ese cuestionario — elige uno de la lista.",
		discordgo.French:       "Je ne connais pas ce quiz — choisissez-en un dans la liste.",
		discordgo.Japanese:     "そのクイズは見つかりません。一覧から選んでください。",
		discordgo.PortugueseBR: "Não conheço esse quiz — escolha um da lista.",
		discordgo.ChineseCN:    "找不到这个测验——请从列表中选择一个。",
	},
	msgEduQuizClosedAlready: {
		english:                "That quiz is closed already.",
		discordgo.German:       "Dieses Quiz ist schon geschlossen.",
		discordgo.SpanishES:    "Ese cuestionario ya está cerrado.",
		discordgo.French:       "Ce quiz est déjà clos.",
		discordgo.Japanese:     "そのクイズはすでに締め切られています。",
		discordgo.PortugueseBR: "Esse quiz já está encerrado.",
		discordgo.ChineseCN:    "该测验已经关闭。",
	},
	msgEduQuizClosedHere: {
		english:                "Quiz closed; its leaderboard is posted here.",
		discordgo.German:       "Quiz geschlossen; die Bestenliste ist hier gepostet.",
		discordgo.SpanishES:    "Cuestionario cerrado; su clasificación está publicada aquí.",
		discordgo.French:       "Quiz clos ; son classement est publié ici.",
		discordgo.Japanese:     "クイズを締め切りました。ランキングをここに投稿しました。",
		discordgo.PortugueseBR: "Quiz encerrado; o ranking foi publicado aqui.",
		discordgo.ChineseCN:    "测验已关闭；排行榜已发布在这里。",
	},
	msgEduQuizClosedIn: {
		english:                "Quiz closed; its leaderboard is posted in %s.",
		discordgo.German:       "Quiz geschlossen; die Bestenliste ist in %s gepostet.",
		discordgo.SpanishES:    "Cuestionario cerrado; su clasificación está publicada en %s.",
		discordgo.French:       "Quiz clos ; son classement est publié dans %s.",
		discordgo.Japanese:     "クイズを締め切りました。ランキングを %s に投稿しました。",
		discordgo.PortugueseBR: "Quiz encerrado; o ranking foi publicado em %s.",
		discordgo.ChineseCN:    "测验已关闭；排行榜已发布在 %s。",
	},
	// The choices of /quiz close (at most 100 characters, the briefing's
	// title cut to 60).
	msgEduQuizChoiceOne: {
		english:                "%s — 1 question, %s",
		discordgo.German:       "%s — 1 Frage, %s",
		discordgo.SpanishES:    "%s — 1 pregunta, %s",
		discordgo.French:       "%s — 1 question (%s)",
		discordgo.Japanese:     "%s — 1 問、%s",
		discordgo.PortugueseBR: "%s — 1 pergunta, %s",
		discordgo.ChineseCN:    "%s — 1 题，%s",
	},
	msgEduQuizChoiceMany: {
		english:                "%s — %d questions, %s",
		discordgo.German:       "%s — %d Fragen, %s",
		discordgo.SpanishES:    "%s — %d preguntas, %s",
		discordgo.French:       "%s — %d questions (%s)",
		discordgo.Japanese:     "%s — %d 問、%s",
		discordgo.PortugueseBR: "%s — %d perguntas, %s",
		discordgo.ChineseCN:    "%s — %d 题，%s",
	},

	// What members see of the moderators' features.
	msgAdminRefused: {
		english:                refusedText,
		discordgo.German:       "Nur Moderatoren (mit der Berechtigung „Server verwalten“) können `/admin` verwenden.",
		discordgo.SpanishES:    "Solo los moderadores (con el permiso Gestionar servidor) pueden usar `/admin`.",
		discordgo.French:       "Seuls les modérateurs (avec la permission Gérer le serveur) peuvent utiliser `/admin`.",
		discordgo.Japanese:     "`/admin` を使えるのはモデレーター（「サーバー管理」権限を持つメンバー）だけです。",
		discordgo.PortugueseBR: "Só moderadores (com a permissão Gerenciar servidor) podem usar `/admin`.",
		discordgo.ChineseCN:    "只有管理员（拥有“管理服务器”权限）才能使用 `/admin`。",
	},
	msgApproveButton: {
		english:                "Approve",
		discordgo.German:       "Freigeben",
		discordgo.SpanishES:    "Aprobar",
		discordgo.French:       "Approuver",
		discordgo.Japanese:     "承認",
		discordgo.PortugueseBR: "Aprovar",
		discordgo.ChineseCN:    "批准",
	},
	msgApproveRefused: {
		english:                approveRefusedText,
		discordgo.German:       "Nur Moderatoren (mit der Berechtigung „Server verwalten“) können Antworten freigeben. Was du von dieser Antwort hältst, kannst du ihnen mit 👍 oder 👎 zeigen.",
		discordgo.SpanishES:    "Solo los moderadores (con el permiso Gestionar servidor) pueden aprobar respuestas. Para decirles qué te parece esta, usa 👍 o 👎.",
		discordgo.French:       "Seuls les modérateurs (avec la permission Gérer le serveur) peuvent approuver des réponses. Pour leur dire ce que vous pensez de celle-ci, utilisez 👍 ou 👎.",
		discordgo.Japanese:     "回答を承認できるのはモデレーター（「サーバー管理」権限を持つメンバー）だけです。この回答についての意見は 👍 か 👎 で伝えてください。",
		discordgo.PortugueseBR: "Só moderadores (com a permissão Gerenciar servidor) podem aprovar respostas. Para dizer a eles o que você acha desta, use 👍 ou 👎.",
		discordgo.ChineseCN:    "只有管理员（拥有“管理服务器”权限）才能批准回答。想让他们知道你对这条回答的看法，请点 👍 或 👎。",
	},

	// What only moderators see: the replies of /admin and the Approve
	// form. The form's title and its input's label take at most 45
	// characters (TestAdminLabelsWithinDiscordLimits); its label is
	// msgEduEditLabel, the educators' edit modal's.
	msgAdminUnavailable: {
		english:                unavailableText,
		discordgo.German:       "Das gibt es bei diesem Bot nicht.",
		discordgo.SpanishES:    "Eso no está disponible en este bot.",
		discordgo.French:       "Cette fonction n'est pas disponible sur ce bot.",
		discordgo.Japanese:     "このボットではその機能は使えません。",
		discordgo.PortugueseBR: "Isso não está disponível neste bot.",
		discordgo.ChineseCN:    "此机器人不提供该功能。",
	},
	msgAdminNotChanged: {
		english:                "Not changed: %s",
		discordgo.German:       "Nicht geändert: %s",
		discordgo.SpanishES:    "Sin cambios: %s",
		discordgo.French:       "Rien n'a été modifié : %s",
		discordgo.Japanese:     "変更されませんでした: %s",
		discordgo.PortugueseBR: "Nada foi alterado: %s",
		discordgo.ChineseCN:    "未更改：%s",
	},
	msgAdminSaved: {
		english:                "Saved.",
		discordgo.German:       "Gespeichert.",
		discordgo.SpanishES:    "Guardado.",
		discordgo.French:       "Enregistré.",
		discordgo.Japanese:     "保存しました。",
		discordgo.PortugueseBR: "Salvo.",
		discordgo.ChineseCN:    "已保存。",
	},
	msgAdminBadRule: {
		english:                "The rule must be allow, deny, auto or clear.",
		discordgo.German:       "Die Regel muss allow, deny, auto oder clear sein.",
		discordgo.SpanishES:    "La regla debe ser allow, deny, auto o clear.",
		discordgo.French:       "La règle doit être allow, deny, auto ou clear.",
		discordgo.Japanese:     "ルールは allow、deny、auto、clear のいずれかにしてください。",
		discordgo.PortugueseBR: "A regra deve ser allow, deny, auto ou clear.",
		discordgo.ChineseCN:    "规则必须是 allow、deny、auto 或 clear。",
	},
	msgAdminSavedAllow: {
		english:                "Saved: I answer in %s.",
		discordgo.German:       "Gespeichert: Ich antworte in %s.",
		discordgo.SpanishES:    "Guardado: respondo en %s.",
		discordgo.French:       "Enregistré : je réponds dans %s.",
		discordgo.Japanese:     "保存しました: %s で回答します。",
		discordgo.PortugueseBR: "Salvo: respondo em %s.",
		discordgo.ChineseCN:    "已保存：我会在 %s 中回答。",
	},
	msgAdminSavedDeny: {
		english:                "Saved: I don't answer in %s.",
		discordgo.German:       "Gespeichert: Ich antworte nicht in %s.",
		discordgo.SpanishES:    "Guardado: no respondo en %s.",
		discordgo.French:       "Enregistré : je ne réponds pas dans %s.",
		discordgo.Japanese:     "保存しました: %s では回答しません。",
		discordgo.PortugueseBR: "Salvo: não respondo em %s.",
		discordgo.ChineseCN:    "已保存：我不会在 %s 中回答。",
	},
	msgAdminSavedClear: {
		english:                "Saved: %s has no rule of its own.",
		discordgo.German:       "Gespeichert: %s hat keine eigene Regel.",
		discordgo.SpanishES:    "Guardado: %s no tiene regla propia.",
		discordgo.French:       "Enregistré : %s n'a pas de règle propre.",
		discordgo.Japanese:     "保存しました: %s には個別のルールがありません。",
		discordgo.PortugueseBR: "Salvo: %s não tem regra própria.",
		discordgo.ChineseCN:    "已保存：%s 没有单独的规则。",
	},
	msgAdminSavedAuto: {
		english:                "Saved: I answer every question in %s without a mention — each in a thread of its own (a forum: each new post).",
		discordgo.German:       "Gespeichert: Ich beantworte jede Frage in %s ohne Erwähnung — jede in einem eigenen Thread (in einem Forum: jeden neuen Beitrag).",
		discordgo.SpanishES:    "Guardado: respondo a toda pregunta en %s sin que me mencionen — cada una en su propio hilo (en un foro: cada publicación nueva).",
		discordgo.French:       "Enregistré : je réponds à toute question dans %s sans mention — chacune dans son propre fil (dans un forum : chaque nouvelle publication).",
		discordgo.Japanese:     "保存しました: %s ではメンションなしですべての質問に回答します — 質問ごとに専用のスレッドで（フォーラムでは新しい投稿ごとに）。",
		discordgo.PortugueseBR: "Salvo: respondo a toda pergunta em %s sem menção — cada uma em um tópico próprio (em um fórum: cada nova postagem).",
		discordgo.ChineseCN:    "已保存：我会回答 %s 中的每个问题，无需提及 — 每个问题各开一个子区（论坛中：每个新帖子）。",
	},
	msgAdminOnlyIn: {
		english:                "I answer only in: %s.",
		discordgo.German:       "Ich antworte nur in: %s.",
		discordgo.SpanishES:    "Solo respondo en: %s.",
		discordgo.French:       "Je ne réponds que dans : %s.",
		discordgo.Japanese:     "回答するのは次の場所だけです: %s。",
		discordgo.PortugueseBR: "Só respondo em: %s.",
		discordgo.ChineseCN:    "我只在这些地方回答：%s。",
	},
	msgAdminDenied: {
		english:                " Denied: %s.",
		discordgo.German:       " Gesperrt: %s.",
		discordgo.SpanishES:    " Bloqueados: %s.",
		discordgo.French:       " Bloqués : %s.",
		discordgo.Japanese:     "拒否: %s。",
		discordgo.PortugueseBR: " Bloqueados: %s.",
		discordgo.ChineseCN:    "已禁止：%s。",
	},
	msgAdminEveryChannel: {
		english:                "I answer in every channel.",
		discordgo.German:       "Ich antworte in jedem Kanal.",
		discordgo.SpanishES:    "Respondo en todos los canales.",
		discordgo.French:       "Je réponds dans tous les salons.",
		discordgo.Japanese:     "すべてのチャンネルで回答します。",
		discordgo.PortugueseBR: "Respondo em todos os canais.",
		discordgo.ChineseCN:    "我会在所有频道中回答。",
	},
	msgAdminEveryExcept: {
		english:                "I answer in every channel except: %s.",
		discordgo.German:       "Ich antworte in jedem Kanal außer: %s.",
		discordgo.SpanishES:    "Respondo en todos los canales excepto: %s.",
		discordgo.French:       "Je réponds dans tous les salons sauf : %s.",
		discordgo.Japanese:     "次を除くすべてのチャンネルで回答します: %s。",
		discordgo.PortugueseBR: "Respondo em todos os canais, exceto: %s.",
		discordgo.ChineseCN:    "除以下频道外，我会在所有频道中回答：%s。",
	},
	msgAdminAutoIn: {
		english:                " Every question answered in: %s.",
		discordgo.German:       " Jede Frage beantwortet in: %s.",
		discordgo.SpanishES:    " Respondo a toda pregunta en: %s.",
		discordgo.French:       " Réponse à toute question dans : %s.",
		discordgo.Japanese:     "すべての質問に回答: %s。",
		discordgo.PortugueseBR: " Respondo a toda pergunta em: %s.",
		discordgo.ChineseCN:    "回答所有问题：%s。",
	},
	msgAdminNoEducators: {
		english:                "Saved. Only members with Manage Server can run sessions and quizzes.",
		discordgo.German:       "Gespeichert. Nur Mitglieder mit „Server verwalten“ können Sitzungen und Quizze leiten.",
		discordgo.SpanishES:    "Guardado. Solo los miembros con Gestionar servidor pueden dirigir sesiones y cuestionarios.",
		discordgo.French:       "Enregistré. Seuls les membres avec la permission Gérer le serveur peuvent animer des sessions et des quiz.",
		discordgo.Japanese:     "保存しました。セッションとクイズを実施できるのは「サーバー管理」権限を持つメンバーだけです。",
		discordgo.PortugueseBR: "Salvo. Só membros com Gerenciar servidor podem conduzir sessões e quizzes.",
		discordgo.ChineseCN:    "已保存。只有拥有“管理服务器”权限的成员才能主持会话和测验。",
	},
	msgAdminEducators: {
		english:                "Saved. Educators: %s (and anyone with Manage Server).",
		discordgo.German:       "Gespeichert. Lehrende: %s (und alle mit „Server verwalten“).",
		discordgo.SpanishES:    "Guardado. Educadores: %s (y cualquiera con Gestionar servidor).",
		discordgo.French:       "Enregistré. Enseignants : %s (et toute personne avec la permission Gérer le serveur).",
		discordgo.Japanese:     "保存しました。講師: %s（と「サーバー管理」権限を持つ全員）。",
		discordgo.PortugueseBR: "Salvo. Educadores: %s (e qualquer pessoa com Gerenciar servidor).",
		discordgo.ChineseCN:    "已保存。讲师：%s（以及所有拥有“管理服务器”权限的人）。",
	},
	msgAdminLimitsCurrent: {
		english:                "Current settings",
		discordgo.German:       "Aktuelle Einstellungen",
		discordgo.SpanishES:    "Configuración actual",
		discordgo.French:       "Réglages actuels",
		discordgo.Japanese:     "現在の設定",
		discordgo.PortugueseBR: "Configurações atuais",
		discordgo.ChineseCN:    "当前设置",
	},
	msgAdminLimitsSaved: {
		english:                "Saved %s",
		discordgo.German:       "Gespeichert: %s",
		discordgo.SpanishES:    "Guardado: %s",
		discordgo.French:       "Enregistré : %s",
		discordgo.Japanese:     "保存しました: %s",
		discordgo.PortugueseBR: "Salvo: %s",
		discordgo.ChineseCN:    "已保存：%s",
	},
	msgAdminMemberLimit: {
		english:                "member limit",
		discordgo.German:       "Limit pro Mitglied",
		discordgo.SpanishES:    "límite por miembro",
		discordgo.French:       "limite par membre",
		discordgo.Japanese:     "メンバーごとの制限",
		discordgo.PortugueseBR: "limite por membro",
		discordgo.ChineseCN:    "每位成员的限制",
	},
	msgAdminServerLimit: {
		english:                "server limit",
		discordgo.German:       "Limit für den Server",
		discordgo.SpanishES:    "límite del servidor",
		discordgo.French:       "limite du serveur",
		discordgo.Japanese:     "サーバー全体の制限",
		discordgo.PortugueseBR: "limite do servidor",
		discordgo.ChineseCN:    "服务器的限制",
	},
	msgAdminPrivateDefault: {
		english:                "private default",
		discordgo.German:       "private Antworten als Standard",
		discordgo.SpanishES:    "respuestas privadas por defecto",
		discordgo.French:       "réponses privées par défaut",
		discordgo.Japanese:     "既定で非公開",
		discordgo.PortugueseBR: "respostas privadas por padrão",
		discordgo.ChineseCN:    "默认私密回答",
	},
	msgAdminLimits: {
		english:                "%s:\n• per member: %s\n• per server: %s\n• answers private by default: %s",
		discordgo.German:       "%s:\n• pro Mitglied: %s\n• pro Server: %s\n• Antworten standardmäßig privat: %s",
		discordgo.SpanishES:    "%s:\n• por miembro: %s\n• por servidor: %s\n• respuestas privadas por defecto: %s",
		discordgo.French:       "%s :\n• par membre : %s\n• par serveur : %s\n• réponses privées par défaut : %s",
		discordgo.Japanese:     "%s:\n• メンバーごと: %s\n• サーバー全体: %s\n• 既定で回答を非公開: %s",
		discordgo.PortugueseBR: "%s:\n• por membro: %s\n• por servidor: %s\n• respostas privadas por padrão: %s",
		discordgo.ChineseCN:    "%s：\n• 每位成员：%s\n• 整个服务器：%s\n• 默认私密回答：%s",
	},
	msgAdminDefaultLimit: {
		english:                "the bot's default",
		discordgo.German:       "Standard des Bots",
		discordgo.SpanishES:    "el valor por defecto del bot",
		discordgo.French:       "la valeur par défaut du bot",
		discordgo.Japanese:     "ボットの既定値",
		discordgo.PortugueseBR: "o padrão do bot",
		discordgo.ChineseCN:    "机器人的默认值",
	},
	msgAdminPerPeriod: {
		english:                "%d per %s",
		discordgo.German:       "%d pro %s",
		discordgo.SpanishES:    "%d cada %s",
		discordgo.French:       "%d par %s",
		discordgo.Japanese:     "%d 件／%s",
		discordgo.PortugueseBR: "%d a cada %s",
		discordgo.ChineseCN:    "%d 次／%s",
	},
	msgAdminYes: {
		english:                "yes",
		discordgo.German:       "ja",
		discordgo.SpanishES:    "sí",
		discordgo.French:       "oui",
		discordgo.Japanese:     "はい",
		discordgo.PortugueseBR: "sim",
		discordgo.ChineseCN:    "是",
	},
	msgAdminNo: {
		english:                "no",
		discordgo.German:       "nein",
		discordgo.SpanishES:    "no",
		discordgo.French:       "non",
		discordgo.Japanese:     "いいえ",
		discordgo.PortugueseBR: "não",
		discordgo.ChineseCN:    "否",
	},
	// In English the stats store's own text is shown, which says also
	// when a period is longer than a year.
	msgAdminBadPeriod: {
		english:                "Period %q: want a number of hours, days or weeks (24h, 7d, 30d, 2w) or all",
		discordgo.German:       "Zeitraum %q: erwartet wird eine Zahl von Stunden, Tagen oder Wochen (24h, 7d, 30d, 2w), höchstens ein Jahr, oder all.",
		discordgo.SpanishES:    "Periodo %q: indica un número de horas, días o semanas (24h, 7d, 30d, 2w), como mucho un año, o all.",
		discordgo.French:       "Période %q : indiquez un nombre d'heures, de jours ou de semaines (24h, 7d, 30d, 2w), un an au plus, ou all.",
		discordgo.Japanese:     "期間 %q: 時間・日・週の数（24h、7d、30d、2w、最長 1 年）または all を指定してください。",
		discordgo.PortugueseBR: "Período %q: informe um número de horas, dias ou semanas (24h, 7d, 30d, 2w), no máximo um ano, ou all.",
		discordgo.ChineseCN:    "时间段 %q：请填写小时、天或周数（24h、7d、30d、2w，最长一年）或 all。",
	},
	msgAdminAllTime: {
		english:                "all time",
		discordgo.German:       "gesamter Zeitraum",
		discordgo.SpanishES:    "todo el tiempo",
		discordgo.French:       "depuis le début",
		discordgo.Japanese:     "全期間",
		discordgo.PortugueseBR: "todo o período",
		discordgo.ChineseCN:    "全部时间",
	},
	msgAdminLastPeriod: {
		english:                "the last %s",
		discordgo.German:       "die letzten %s",
		discordgo.SpanishES:    "los últimos %s",
		discordgo.French:       "les derniers %s",
		discordgo.Japanese:     "直近 %s",
		discordgo.PortugueseBR: "os últimos %s",
		discordgo.ChineseCN:    "最近 %s",
	},
	msgAdminStatsTitle: {
		english:                "Questions — %s",
		discordgo.German:       "Fragen — %s",
		discordgo.SpanishES:    "Preguntas — %s",
		discordgo.French:       "Questions — %s",
		discordgo.Japanese:     "質問 — %s",
		discordgo.PortugueseBR: "Perguntas — %s",
		discordgo.ChineseCN:    "提问 — %s",
	},
	msgAdminStatsSummary: {
		english:                "**%d** asked by %d member(s) · **%d** answered · **%d** not covered · 👍 %d 👎 %d",
		discordgo.German:       "**%d** gestellt von Mitgliedern: %d · **%d** beantwortet · **%d** nicht abgedeckt · 👍 %d 👎 %d",
		discordgo.SpanishES:    "**%d** hechas por miembros: %d · **%d** respondidas · **%d** sin cobertura · 👍 %d 👎 %d",
		discordgo.French:       "**%d** posées (membres : %d) · **%d** avec réponse · **%d** non couvertes · 👍 %d 👎 %d",
		discordgo.Japanese:     "**%d** 件（質問したメンバー %d 人）· 回答 **%d** 件 · 対象外 **%d** 件 · 👍 %d 👎 %d",
		discordgo.PortugueseBR: "**%d** feitas por membros: %d · **%d** respondidas · **%d** sem cobertura · 👍 %d 👎 %d",
		discordgo.ChineseCN:    "**%d** 个提问（提问成员 %d 人）· 已回答 **%d** · 未覆盖 **%d** · 👍 %d 👎 %d",
	},
	msgAdminWordings: {
		english:                " (+%d wording(s))",
		discordgo.German:       " (+%d Formulierung(en))",
		discordgo.SpanishES:    " (+%d redacción(es))",
		discordgo.French:       " (+%d formulation(s))",
		discordgo.Japanese:     "（ほか %d 通りの言い方）",
		discordgo.PortugueseBR: " (+%d formulação(ões))",
		discordgo.ChineseCN:    "（另有 %d 种问法）",
	},
	msgAdminTopQuestions: {
		english:                "Top questions",
		discordgo.German:       "Häufigste Fragen",
		discordgo.SpanishES:    "Preguntas más frecuentes",
		discordgo.French:       "Questions les plus posées",
		discordgo.Japanese:     "よくある質問",
		discordgo.PortugueseBR: "Perguntas mais frequentes",
		discordgo.ChineseCN:    "热门问题",
	},
	msgAdminUncovered: {
		english:                "Not covered by the briefings",
		discordgo.German:       "Nicht von den Briefings abgedeckt",
		discordgo.SpanishES:    "Sin cobertura en los informes",
		discordgo.French:       "Non couvertes par les briefings",
		discordgo.Japanese:     "ブリーフィングの対象外",
		discordgo.PortugueseBR: "Sem cobertura nos briefings",
		discordgo.ChineseCN:    "简报未覆盖的问题",
	},
	msgAdminVotedDown: {
		english:                "Voted down",
		discordgo.German:       "Negativ bewertet",
		discordgo.SpanishES:    "Con votos negativos",
		discordgo.French:       "Votes négatifs",
		discordgo.Japanese:     "低評価",
		discordgo.PortugueseBR: "Com votos negativos",
		discordgo.ChineseCN:    "被点踩",
	},
	msgAdminBusiest: {
		english:                "Busiest channels",
		discordgo.German:       "Aktivste Kanäle",
		discordgo.SpanishES:    "Canales con más actividad",
		discordgo.French:       "Salons les plus actifs",
		discordgo.Japanese:     "質問の多いチャンネル",
		discordgo.PortugueseBR: "Canais mais movimentados",
		discordgo.ChineseCN:    "最活跃的频道",
	},
	msgAdminExported: {
		english:                "Stats for %s (%d questions).",
		discordgo.German:       "Statistiken für %s (Fragen: %d).",
		discordgo.SpanishES:    "Estadísticas de %s (preguntas: %d).",
		discordgo.French:       "Statistiques pour %s (questions : %d).",
		discordgo.Japanese:     "%s の統計（質問 %d 件）。",
		discordgo.PortugueseBR: "Estatísticas de %s (perguntas: %d).",
		discordgo.ChineseCN:    "%s的统计（共 %d 个提问）。",
	},
	msgAdminNoBriefings: {
		english:                "I don't know any briefing yet. Add one with `/admin briefing-add`.",
		discordgo.German:       "Ich kenne noch kein Briefing. Füg eins mit `/admin briefing-add` hinzu.",
		discordgo.SpanishES:    "Aún no conozco ningún informe. Añade uno con `/admin briefing-add`.",
		discordgo.French:       "Je ne connais encore aucun briefing. Ajoutez-en un avec `/admin briefing-add`.",
		discordgo.Japanese:     "まだブリーフィングがありません。`/admin briefing-add` で追加してください。",
		discordgo.PortugueseBR: "Ainda não conheço nenhum briefing. Adicione um com `/admin briefing-add`.",
		discordgo.ChineseCN:    "我还没有任何简报。请用 `/admin briefing-add` 添加一份。",
	},
	msgAdminBriefingsHead: {
		english:                "**%d briefing(s)** · knowledge version `%s`",
		discordgo.German:       "**%d Briefing(s)** · Wissensversion `%s`",
		discordgo.SpanishES:    "**%d informe(s)** · versión del conocimiento `%s`",
		discordgo.French:       "**%d briefing(s)** · version des connaissances `%s`",
		discordgo.Japanese:     "**ブリーフィング %d 件** · ナレッジのバージョン `%s`",
		discordgo.PortugueseBR: "**%d briefing(s)** · versão do conhecimento `%s`",
		discordgo.ChineseCN:    "**%d 份简报** · 知识版本 `%s`",
	},
	msgAdminOriginAdded: {
		english:                "added",
		discordgo.German:       "hinzugefügt",
		discordgo.SpanishES:    "añadido",
		discordgo.French:       "ajouté",
		discordgo.Japanese:     "追加",
		discordgo.PortugueseBR: "adicionado",
		discordgo.ChineseCN:    "已添加",
	},
	msgAdminOriginBuiltIn: {
		english:                "built in",
		discordgo.German:       "eingebaut",
		discordgo.SpanishES:    "integrado",
		discordgo.French:       "intégré",
		discordgo.Japanese:     "組み込み",
		discordgo.PortugueseBR: "embutido",
		discordgo.ChineseCN:    "内置",
	},
	msgAdminBriefingRow: {
		english:                "• `%s` **%s** — %s · %d paragraphs · %s",
		discordgo.German:       "• `%s` **%s** — %s · %d Absätze · %s",
		discordgo.SpanishES:    "• `%s` **%s** — %s · %d párrafos · %s",
		discordgo.French:       "• `%s` **%s** — %s · %d paragraphes · %s",
		discordgo.Japanese:     "• `%s` **%s** — %s · %d 段落 · %s",
		discordgo.PortugueseBR: "• `%s` **%s** — %s · %d parágrafos · %s",
		discordgo.ChineseCN:    "• `%s` **%s** — %s · %d 段 · %s",
	},
	msgAdminLeftOut: {
		english:                "⚠️ **%d file(s) left out** — fix them, then `/admin reindex`:",
		discordgo.German:       "⚠️ **%d Datei(en) ausgelassen** — korrigier sie, dann `/admin reindex`:",
		discordgo.SpanishES:    "⚠️ **%d archivo(s) omitido(s)** — corrígelos y luego usa `/admin reindex`:",
		discordgo.French:       "⚠️ **%d fichier(s) écarté(s)** — corrigez-les, puis `/admin reindex` :",
		discordgo.Japanese:     "⚠️ **%d 件のファイルを除外しました** — 修正してから `/admin reindex` を実行してください:",
		discordgo.PortugueseBR: "⚠️ **%d arquivo(s) deixado(s) de fora** — corrija-os e depois use `/admin reindex`:",
		discordgo.ChineseCN:    "⚠️ **%d 个文件未被收录** — 请修正后运行 `/admin reindex`：",
	},
	msgAdminUnchecked: {
		english:                "⚠️ Approved answers could not be checked against the new knowledge; they are not served until they are.",
		discordgo.German:       "⚠️ Freigegebene Antworten konnten nicht mit dem neuen Wissen abgeglichen werden; bis dahin werden sie nicht ausgeliefert.",
		discordgo.SpanishES:    "⚠️ No se pudieron comprobar las respuestas aprobadas con el nuevo conocimiento; no se usan hasta que se comprueben.",
		discordgo.French:       "⚠️ Les réponses approuvées n'ont pas pu être vérifiées avec les nouvelles connaissances ; elles ne sont pas servies tant qu'elles ne le sont pas.",
		discordgo.Japanese:     "⚠️ 承認済みの回答を新しいナレッジで確認できませんでした。確認できるまで使用されません。",
		discordgo.PortugueseBR: "⚠️ Não foi possível verificar as respostas aprovadas com o novo conhecimento; elas não são usadas até serem verificadas.",
		discordgo.ChineseCN:    "⚠️ 无法依据新知识检查已批准的回答；检查通过前不会使用它们。",
	},
	msgAdminSuspendedHead: {
		english:                "⚠️ Suspended approved answers (review with `/admin review`):",
		discordgo.German:       "⚠️ Ausgesetzte freigegebene Antworten (prüfen mit `/admin review`):",
		discordgo.SpanishES:    "⚠️ Respuestas aprobadas suspendidas (revísalas con `/admin review`):",
		discordgo.French:       "⚠️ Réponses approuvées suspendues (à revoir avec `/admin review`) :",
		discordgo.Japanese:     "⚠️ 停止中の承認済み回答（`/admin review` で確認してください）:",
		discordgo.PortugueseBR: "⚠️ Respostas aprovadas suspensas (revise com `/admin review`):",
		discordgo.ChineseCN:    "⚠️ 已暂停的已批准回答（请用 `/admin review` 审核）：",
	},
	msgAdminAttachFile: {
		english:                "Attach a briefing file (.md or .txt).",
		discordgo.German:       "Häng eine Briefing-Datei an (.md oder .txt).",
		discordgo.SpanishES:    "Adjunta un archivo de informe (.md o .txt).",
		discordgo.French:       "Joignez un fichier de briefing (.md ou .txt).",
		discordgo.Japanese:     "ブリーフィングのファイル（.md または .txt）を添付してください。",
		discordgo.PortugueseBR: "Anexe um arquivo de briefing (.md ou .txt).",
		discordgo.ChineseCN:    "请附上简报文件（.md 或 .txt）。",
	},
	msgAdminNoAttachment: {
		english:                "I couldn't find the attached file; please attach it again.",
		discordgo.German:       "Ich habe die angehängte Datei nicht gefunden; bitte häng sie noch einmal an.",
		discordgo.SpanishES:    "No encontré el archivo adjunto; adjúntalo de nuevo.",
		discordgo.French:       "Je n'ai pas trouvé le fichier joint ; veuillez le joindre à nouveau.",
		discordgo.Japanese:     "添付ファイルが見つかりませんでした。もう一度添付してください。",
		discordgo.PortugueseBR: "Não encontrei o arquivo anexado; anexe-o de novo.",
		discordgo.ChineseCN:    "找不到附件，请重新附上。",
	},
	msgAdminTooLarge: {
		english:                "%s is too large: at most %d KiB.",
		discordgo.German:       "%s ist zu groß: höchstens %d KiB.",
		discordgo.SpanishES:    "%s es demasiado grande: como mucho %d KiB.",
		discordgo.French:       "%s est trop volumineux : %d Kio au plus.",
		discordgo.Japanese:     "%s は大きすぎます（上限 %d KiB）。",
		discordgo.PortugueseBR: "%s é grande demais: no máximo %d KiB.",
		discordgo.ChineseCN:    "%s 太大了：最多 %d KiB。",
	},
	msgAdminNoDownload: {
		english:                "I couldn't download %s; please try again.",
		discordgo.German:       "Ich konnte %s nicht herunterladen; bitte versuch es noch einmal.",
		discordgo.SpanishES:    "No pude descargar %s; inténtalo de nuevo.",
		discordgo.French:       "Je n'ai pas pu télécharger %s ; veuillez réessayer.",
		discordgo.Japanese:     "%s をダウンロードできませんでした。もう一度お試しください。",
		discordgo.PortugueseBR: "Não consegui baixar %s; tente novamente.",
		discordgo.ChineseCN:    "无法下载 %s，请重试。",
	},
	msgAdminNotAdded: {
		english:                "Not added: %s",
		discordgo.German:       "Nicht hinzugefügt: %s",
		discordgo.SpanishES:    "No añadido: %s",
		discordgo.French:       "Non ajouté : %s",
		discordgo.Japanese:     "追加されませんでした: %s",
		discordgo.PortugueseBR: "Não adicionado: %s",
		discordgo.ChineseCN:    "未添加：%s",
	},
	msgAdminAdded: {
		english:                "Added `%s` **%s** (%s, %d paragraphs) — knowledge version `%s`. Members can ask about it now.",
		discordgo.German:       "`%s` **%s** hinzugefügt (%s, %d Absätze) — Wissensversion `%s`. Mitglieder können jetzt danach fragen.",
		discordgo.SpanishES:    "Añadido `%s` **%s** (%s, %d párrafos) — versión del conocimiento `%s`. Los miembros ya pueden preguntar sobre él.",
		discordgo.French:       "Ajouté : `%s` **%s** (%s, %d paragraphes) — version des connaissances `%s`. Les membres peuvent poser leurs questions dès maintenant.",
		discordgo.Japanese:     "`%s` **%s**（%s、%d 段落）を追加しました — ナレッジのバージョン `%s`。メンバーはすぐに質問できます。",
		discordgo.PortugueseBR: "Adicionado `%s` **%s** (%s, %d parágrafos) — versão do conhecimento `%s`. Os membros já podem perguntar sobre ele.",
		discordgo.ChineseCN:    "已添加 `%s` **%s**（%s，%d 段）— 知识版本 `%s`。成员现在就可以就此提问。",
	},
	msgAdminNotRemoved: {
		english:                "Not removed: %s",
		discordgo.German:       "Nicht entfernt: %s",
		discordgo.SpanishES:    "No quitado: %s",
		discordgo.French:       "Non retiré : %s",
		discordgo.Japanese:     "削除されませんでした: %s",
		discordgo.PortugueseBR: "Não removido: %s",
		discordgo.ChineseCN:    "未移除：%s",
	},
	msgAdminRemoved: {
		english:                "Removed `%s` **%s** — knowledge version `%s`.",
		discordgo.German:       "`%s` **%s** entfernt — Wissensversion `%s`.",
		discordgo.SpanishES:    "Quitado `%s` **%s** — versión del conocimiento `%s`.",
		discordgo.French:       "Retiré : `%s` **%s** — version des connaissances `%s`.",
		discordgo.Japanese:     "`%s` **%s** を削除しました — ナレッジのバージョン `%s`。",
		discordgo.PortugueseBR: "Removido `%s` **%s** — versão do conhecimento `%s`.",
		discordgo.ChineseCN:    "已移除 `%s` **%s** — 知识版本 `%s`。",
	},
	msgAdminReindexFailed: {
		english:                "Reindex failed: %s",
		discordgo.German:       "Neu einlesen fehlgeschlagen: %s",
		discordgo.SpanishES:    "La relectura falló: %s",
		discordgo.French:       "La relecture a échoué : %s",
		discordgo.Japanese:     "再読み込みに失敗しました: %s",
		discordgo.PortugueseBR: "A releitura falhou: %s",
		discordgo.ChineseCN:    "重新读取失败：%s",
	},
	msgAdminReindexed: {
		english:                "Reindexed %d briefing(s) — knowledge version `%s`.",
		discordgo.German:       "Briefings neu eingelesen: %d — Wissensversion `%s`.",
		discordgo.SpanishES:    "Informes releídos: %d — versión del conocimiento `%s`.",
		discordgo.French:       "Briefings relus : %d — version des connaissances `%s`.",
		discordgo.Japanese:     "%d 件のブリーフィングを再読み込みしました — ナレッジのバージョン `%s`。",
		discordgo.PortugueseBR: "Briefings relidos: %d — versão do conhecimento `%s`.",
		discordgo.ChineseCN:    "已重新读取 %d 份简报 — 知识版本 `%s`。",
	},
	msgAdminCannotAnswer: {
		english:                "I couldn't answer that question: %s",
		discordgo.German:       "Diese Frage konnte ich nicht beantworten: %s",
		discordgo.SpanishES:    "No pude responder a esa pregunta: %s",
		discordgo.French:       "Je n'ai pas pu répondre à cette question : %s",
		discordgo.Japanese:     "その質問に回答できませんでした: %s",
		discordgo.PortugueseBR: "Não consegui responder a essa pergunta: %s",
		discordgo.ChineseCN:    "无法回答这个问题：%s",
	},
	msgAdminNotCovered: {
		english:                "The briefings don't cover that question, so there is no answer to approve.",
		discordgo.German:       "Die Briefings decken diese Frage nicht ab, also gibt es keine Antwort zum Freigeben.",
		discordgo.SpanishES:    "Los informes no cubren esa pregunta, así que no hay respuesta que aprobar.",
		discordgo.French:       "Les briefings ne couvrent pas cette question : il n'y a donc pas de réponse à approuver.",
		discordgo.Japanese:     "その質問はブリーフィングの対象外のため、承認できる回答がありません。",
		discordgo.PortugueseBR: "Os briefings não cobrem essa pergunta, então não há resposta para aprovar.",
		discordgo.ChineseCN:    "简报没有涵盖这个问题，因此没有可批准的回答。",
	},
	msgAdminNotApproved: {
		english:                "Not approved: %s",
		discordgo.German:       "Nicht freigegeben: %s",
		discordgo.SpanishES:    "No aprobada: %s",
		discordgo.French:       "Non approuvée : %s",
		discordgo.Japanese:     "承認されませんでした: %s",
		discordgo.PortugueseBR: "Não aprovada: %s",
		discordgo.ChineseCN:    "未批准：%s",
	},
	msgAdminApproved: {
		english:                "Approved #%s for “%s”. Equal and near-equal questions now get this answer without a model call:\n%s",
		discordgo.German:       "#%s für „%s“ freigegeben. Gleiche und fast gleiche Fragen bekommen jetzt diese Antwort ohne Modellaufruf:\n%s",
		discordgo.SpanishES:    "Aprobada #%s para «%s». Las preguntas iguales o casi iguales reciben ahora esta respuesta sin llamar al modelo:\n%s",
		discordgo.French:       "Réponse n° %s approuvée pour « %s ». Les questions identiques ou presque reçoivent désormais cette réponse sans appel au modèle :\n%s",
		discordgo.Japanese:     "回答 #%s（「%s」への回答）を承認しました。同じ質問やほぼ同じ質問には、今後モデルを呼ばずにこの回答を返します:\n%s",
		discordgo.PortugueseBR: "Aprovada #%s para “%s”. Perguntas iguais ou quase iguais agora recebem esta resposta sem chamar o modelo:\n%s",
		discordgo.ChineseCN:    "已批准 #%s，对应“%s”。相同或几乎相同的问题现在会直接得到这条回答，无需调用模型：\n%s",
	},
	msgAdminNoApprovals: {
		english:                "No approved answers yet. Approve one with `/admin approve`.",
		discordgo.German:       "Noch keine freigegebenen Antworten. Gib eine mit `/admin approve` frei.",
		discordgo.SpanishES:    "Aún no hay respuestas aprobadas. Aprueba una con `/admin approve`.",
		discordgo.French:       "Aucune réponse approuvée pour l'instant. Approuvez-en une avec `/admin approve`.",
		discordgo.Japanese:     "承認済みの回答はまだありません。`/admin approve` で承認してください。",
		discordgo.PortugueseBR: "Ainda não há respostas aprovadas. Aprove uma com `/admin approve`.",
		discordgo.ChineseCN:    "还没有已批准的回答。请用 `/admin approve` 批准一条。",
	},
	msgAdminApprovalsHead: {
		english:                "**%d approved answer(s)**",
		discordgo.German:       "**%d freigegebene Antwort(en)**",
		discordgo.SpanishES:    "**%d respuesta(s) aprobada(s)**",
		discordgo.French:       "**%d réponse(s) approuvée(s)**",
		discordgo.Japanese:     "**承認済みの回答 %d 件**",
		discordgo.PortugueseBR: "**%d resposta(s) aprovada(s)**",
		discordgo.ChineseCN:    "**%d 条已批准的回答**",
	},
	msgAdminServed: {
		english:                "served",
		discordgo.German:       "aktiv",
		discordgo.SpanishES:    "en uso",
		discordgo.French:       "servie",
		discordgo.Japanese:     "使用中",
		discordgo.PortugueseBR: "em uso",
		discordgo.ChineseCN:    "使用中",
	},
	msgAdminSuspended: {
		english:                "⚠️ suspended: %s",
		discordgo.German:       "⚠️ ausgesetzt: %s",
		discordgo.SpanishES:    "⚠️ suspendida: %s",
		discordgo.French:       "⚠️ suspendue : %s",
		discordgo.Japanese:     "⚠️ 停止中: %s",
		discordgo.PortugueseBR: "⚠️ suspensa: %s",
		discordgo.ChineseCN:    "⚠️ 已暂停：%s",
	},
	msgAdminMoreApprovals: {
		english:                "…and %d older served one(s), not shown.",
		discordgo.German:       "…und %d ältere aktive, hier nicht gezeigt.",
		discordgo.SpanishES:    "…y %d más antigua(s) en uso, no mostrada(s).",
		discordgo.French:       "…et %d plus ancienne(s) servie(s), non affichée(s).",
		discordgo.Japanese:     "…ほかに使用中の古い回答が %d 件（表示していません）。",
		discordgo.PortugueseBR: "…e mais %d antiga(s) em uso, não mostrada(s).",
		discordgo.ChineseCN:    "……另有 %d 条较早的使用中回答，未显示。",
	},
	msgAdminApprovalRemoved: {
		english:                "Removed approved answer #%s (“%s”).",
		discordgo.German:       "Freigegebene Antwort #%s entfernt („%s“).",
		discordgo.SpanishES:    "Respuesta aprobada #%s eliminada («%s»).",
		discordgo.French:       "Réponse approuvée n° %s supprimée (« %s »).",
		discordgo.Japanese:     "承認済みの回答 #%s（「%s」）を削除しました。",
		discordgo.PortugueseBR: "Resposta aprovada #%s removida (“%s”).",
		discordgo.ChineseCN:    "已删除已批准的回答 #%s（“%s”）。",
	},
	msgAdminServedAgain: {
		english:                "Approved answer #%s is served again (knowledge version `%s`).",
		discordgo.German:       "Freigegebene Antwort #%s ist wieder aktiv (Wissensversion `%s`).",
		discordgo.SpanishES:    "La respuesta aprobada #%s vuelve a estar en uso (versión del conocimiento `%s`).",
		discordgo.French:       "La réponse approuvée n° %s est de nouveau servie (version des connaissances `%s`).",
		discordgo.Japanese:     "承認済みの回答 #%s の使用を再開しました（ナレッジのバージョン `%s`）。",
		discordgo.PortugueseBR: "A resposta aprovada #%s voltou a ser usada (versão do conhecimento `%s`).",
		discordgo.ChineseCN:    "已批准的回答 #%s 已恢复使用（知识版本 `%s`）。",
	},
	msgAdminNoRecord: {
		english:                "I have no record of this answer any more (answers are kept 30 days) — approve it with `/admin approve question:`.",
		discordgo.German:       "Zu dieser Antwort habe ich keinen Eintrag mehr (Antworten werden 30 Tage aufbewahrt) — gib sie mit `/admin approve question:` frei.",
		discordgo.SpanishES:    "Ya no tengo registro de esta respuesta (las respuestas se guardan 30 días) — apruébala con `/admin approve question:`.",
		discordgo.French:       "Je n'ai plus de trace de cette réponse (les réponses sont conservées 30 jours) — approuvez-la avec `/admin approve question:`.",
		discordgo.Japanese:     "この回答の記録はもうありません（回答の保存期間は 30 日です）。`/admin approve question:` で承認してください。",
		discordgo.PortugueseBR: "Não tenho mais registro desta resposta (as respostas ficam guardadas 30 dias) — aprove com `/admin approve question:`.",
		discordgo.ChineseCN:    "我已没有这条回答的记录（回答保留 30 天）——请用 `/admin approve question:` 批准。",
	},
	msgAdminTooLongForForm: {
		english:                "This answer is too long to edit in a form — approve it with `/admin approve question: text:`.",
		discordgo.German:       "Diese Antwort ist zu lang, um sie in einem Formular zu bearbeiten — gib sie mit `/admin approve question: text:` frei.",
		discordgo.SpanishES:    "Esta respuesta es demasiado larga para editarla en un formulario — apruébala con `/admin approve question: text:`.",
		discordgo.French:       "Cette réponse est trop longue pour être modifiée dans un formulaire — approuvez-la avec `/admin approve question: text:`.",
		discordgo.Japanese:     "この回答は長すぎてフォームで編集できません。`/admin approve question: text:` で承認してください。",
		discordgo.PortugueseBR: "Esta resposta é longa demais para editar em um formulário — aprove com `/admin approve question: text:`.",
		discordgo.ChineseCN:    "这条回答太长，无法在表单中编辑——请用 `/admin approve question: text:` 批准。",
	},
	msgAdminFormTitle: {
		english:                "Approve: %s",
		discordgo.German:       "Freigeben: %s",
		discordgo.SpanishES:    "Aprobar: %s",
		discordgo.French:       "Approuver : %s",
		discordgo.Japanese:     "承認: %s",
		discordgo.PortugueseBR: "Aprovar: %s",
		discordgo.ChineseCN:    "批准：%s",
	},
	msgAdminNoRecordNotApproved: {
		english:                "Not approved: I have no record of this answer any more — approve it with `/admin approve question:`.",
		discordgo.German:       "Nicht freigegeben: Zu dieser Antwort habe ich keinen Eintrag mehr — gib sie mit `/admin approve question:` frei.",
		discordgo.SpanishES:    "No aprobada: ya no tengo registro de esta respuesta — apruébala con `/admin approve question:`.",
		discordgo.French:       "Non approuvée : je n'ai plus de trace de cette réponse — approuvez-la avec `/admin approve question:`.",
		discordgo.Japanese:     "承認されませんでした: この回答の記録はもうありません。`/admin approve question:` で承認してください。",
		discordgo.PortugueseBR: "Não aprovada: não tenho mais registro desta resposta — aprove com `/admin approve question:`.",
		discordgo.ChineseCN:    "未批准：我已没有这条回答的记录——请用 `/admin approve question:` 批准。",
	},
	msgAdminCheckSetUnreadable: {
		english:                "`%s`: the check set cannot be read",
		discordgo.German:       "`%s`: Der Prüfsatz lässt sich nicht lesen",
		discordgo.SpanishES:    "`%s`: no se puede leer el conjunto de comprobación",
		discordgo.French:       "`%s` : le jeu de vérification est illisible",
		discordgo.Japanese:     "`%s`: チェックセットを読み込めません",
		discordgo.PortugueseBR: "`%s`: não é possível ler o conjunto de verificação",
		discordgo.ChineseCN:    "`%s`：无法读取检查集",
	},
	msgAdminNoCheckSet: {
		english:                "`%s`: no check set (add %s.eval.jsonl beside it)",
		discordgo.German:       "`%s`: kein Prüfsatz (leg %s.eval.jsonl daneben)",
		discordgo.SpanishES:    "`%s`: sin conjunto de comprobación (añade %s.eval.jsonl junto a él)",
		discordgo.French:       "`%s` : pas de jeu de vérification (ajoutez %s.eval.jsonl à côté)",
		discordgo.Japanese:     "`%s`: チェックセットがありません（同じ場所に %s.eval.jsonl を追加してください）",
		discordgo.PortugueseBR: "`%s`: sem conjunto de verificação (adicione %s.eval.jsonl ao lado dele)",
		discordgo.ChineseCN:    "`%s`：没有检查集（请在旁边添加 %s.eval.jsonl）",
	},
	msgAdminEvalHead: {
		english:                "**Grounding check: %d/%d passed**",
		discordgo.German:       "**Belegprüfung: %d/%d bestanden**",
		discordgo.SpanishES:    "**Comprobación de fuentes: %d/%d superadas**",
		discordgo.French:       "**Vérification des sources : %d/%d réussies**",
		discordgo.Japanese:     "**根拠チェック: %d/%d 件合格**",
		discordgo.PortugueseBR: "**Verificação de fontes: %d/%d aprovadas**",
		discordgo.ChineseCN:    "**依据检查：%d/%d 通过**",
	},
	msgAdminMorePassed: {
		english:                "… %d more passed",
		discordgo.German:       "… %d weitere bestanden",
		discordgo.SpanishES:    "… %d más superadas",
		discordgo.French:       "… %d autres réussies",
		discordgo.Japanese:     "… ほか %d 件合格",
		discordgo.PortugueseBR: "… mais %d aprovadas",
		discordgo.ChineseCN:    "… 另有 %d 项通过",
	},
	msgAdminNoEvalQuestions: {
		english:                "No grounding-check questions to run.",
		discordgo.German:       "Keine Fragen für die Belegprüfung vorhanden.",
		discordgo.SpanishES:    "No hay preguntas para la comprobación de fuentes.",
		discordgo.French:       "Aucune question à passer pour la vérification des sources.",
		discordgo.Japanese:     "根拠チェックで実行する質問がありません。",
		discordgo.PortugueseBR: "Não há perguntas para a verificação de fontes.",
		discordgo.ChineseCN:    "没有可运行的依据检查问题。",
	},
	msgAdminStorage: {
		english:                storageText,
		discordgo.German:       "Das hat nicht geklappt — der Speicher des Bots ist vielleicht nicht erreichbar. Bitte versuch es noch einmal.",
		discordgo.SpanishES:    "Eso no funcionó — puede que el almacenamiento del bot no esté disponible. Inténtalo de nuevo.",
		discordgo.French:       "Cela n'a pas fonctionné — le stockage du bot est peut-être indisponible. Veuillez réessayer.",
		discordgo.Japanese:     "うまくいきませんでした。ボットのストレージが利用できない可能性があります。もう一度お試しください。",
		discordgo.PortugueseBR: "Isso não funcionou — o armazenamento do bot pode estar indisponível. Tente novamente.",
		discordgo.ChineseCN:    "操作失败——机器人的存储可能暂时不可用。请重试。",
	},
	msgAdminFolderPermission: {
		english:                "I can't write to the briefings folder (`%s`): permission denied. The server's operator needs to make it writable by the bot's user.",
		discordgo.German:       "Ich kann nicht in den Briefing-Ordner (`%s`) schreiben: Zugriff verweigert. Der Betreiber des Servers muss ihn für den Benutzer des Bots beschreibbar machen.",
		discordgo.SpanishES:    "No puedo escribir en la carpeta de informes (`%s`): permiso denegado. El operador del servidor debe hacer que el usuario del bot pueda escribir en ella.",
		discordgo.French:       "Je ne peux pas écrire dans le dossier des briefings (`%s`) : permission refusée. L'exploitant du serveur doit le rendre accessible en écriture à l'utilisateur du bot.",
		discordgo.Japanese:     "ブリーフィングのフォルダー（`%s`）に書き込めません: 権限がありません。サーバーの運用者がボットのユーザーで書き込めるようにする必要があります。",
		discordgo.PortugueseBR: "Não consigo gravar na pasta de briefings (`%s`): permissão negada. O operador do servidor precisa torná-la gravável pelo usuário do bot.",
		discordgo.ChineseCN:    "无法写入简报文件夹（`%s`）：权限被拒绝。服务器运维人员需要让机器人的用户可以写入该文件夹。",
	},
	msgAdminFolderReadOnly: {
		english:                "I can't write to the briefings folder (`%s`): it is on a read-only file system. The server's operator needs to mount it writable.",
		discordgo.German:       "Ich kann nicht in den Briefing-Ordner (`%s`) schreiben: Er liegt auf einem schreibgeschützten Dateisystem. Der Betreiber des Servers muss ihn beschreibbar einbinden.",
		discordgo.SpanishES:    "No puedo escribir en la carpeta de informes (`%s`): está en un sistema de archivos de solo lectura. El operador del servidor debe montarla con escritura.",
		discordgo.French:       "Je ne peux pas écrire dans le dossier des briefings (`%s`) : il se trouve sur un système de fichiers en lecture seule. L'exploitant du serveur doit le monter en écriture.",
		discordgo.Japanese:     "ブリーフィングのフォルダー（`%s`）に書き込めません: 読み取り専用のファイルシステム上にあります。サーバーの運用者が書き込み可能でマウントする必要があります。",
		discordgo.PortugueseBR: "Não consigo gravar na pasta de briefings (`%s`): ela está em um sistema de arquivos somente leitura. O operador do servidor precisa montá-la com gravação.",
		discordgo.ChineseCN:    "无法写入简报文件夹（`%s`）：它位于只读文件系统上。服务器运维人员需要以可写方式挂载它。",
	},
	msgAdminUnsupported: {
		english:                "The answer is not supported by its citations:",
		discordgo.German:       "Die Antwort wird von ihren Belegen nicht gestützt:",
		discordgo.SpanishES:    "Las citas de la respuesta no la respaldan:",
		discordgo.French:       "La réponse n'est pas étayée par ses citations :",
		discordgo.Japanese:     "回答が引用元で裏付けられていません:",
		discordgo.PortugueseBR: "A resposta não é sustentada pelas citações:",
		discordgo.ChineseCN:    "该回答没有得到其引用的支持：",
	},
	msgAdminNoSuchApproval: {
		english:                "There is no approved answer with that id.",
		discordgo.German:       "Es gibt keine freigegebene Antwort mit dieser ID.",
		discordgo.SpanishES:    "No hay ninguna respuesta aprobada con ese id.",
		discordgo.French:       "Il n'y a pas de réponse approuvée avec cet identifiant.",
		discordgo.Japanese:     "その ID の承認済み回答はありません。",
		discordgo.PortugueseBR: "Não há resposta aprovada com esse id.",
		discordgo.ChineseCN:    "没有该 ID 的已批准回答。",
	},
}
