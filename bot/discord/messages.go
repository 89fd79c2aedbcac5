package discord

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/asking"
)

// where says how a message question is answered.
type where int

const (
	inNewThread where = iota // a mention in a channel: open a thread from it
	inPlace                  // a DM, or a message in one of the bot's threads
)

// onMessage answers mentions (in a thread it opens), messages in its
// threads (follow-ups, from anyone, no mention needed), DMs, and in the
// channels set to answer every question, questions and forum posts with no
// mention. Bots, webhooks, the bot itself and Discord's system messages
// are ignored (fromMember).
func (b *Bot) onMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	defer b.survive("a message")
	m := mc.Message
	me := b.botUserID()
	if !fromMember(m, me) {
		return
	}
	q := strings.TrimSpace(stripMention(m.Content, me))
	if b.isClosing() {
		// Asked (a DM, a mention, a reply to an answer), as far as can be
		// told without the store or a REST call; chat and thread
		// follow-ups, which may be chat, are left alone.
		if q != "" && (m.GuildID == "" || mentions(m, me) || repliesTo(m, me) != "") {
			b.tellRestarting(m)
		}
		return
	}
	ctx := b.work
	switch {
	case m.GuildID == "":
		if q != "" {
			b.answerMessage(ctx, m, "", q, inPlace, "dm:"+m.ChannelID, asking.SurfaceDM, true)
		}
	case mentions(m, me) || repliesTo(m, me) != "" || b.mentionsMyRole(ctx, m):
		if b.inSession(ctx, m.ChannelID) {
			return // a question for the session's queue (educator_session.go)
		}
		quoted := quotedBy(m, me, q)
		if b.deps.Questions.IsConversation(ctx, m.ChannelID) {
			b.answerMessage(ctx, m, quoted, q, inPlace, m.ChannelID, asking.SurfaceThread, true)
			return
		}
		b.answerMessage(ctx, m, quoted, q, inNewThread, "", asking.SurfaceMention, true)
	case q != "":
		// Without the Message Content intent q is empty here and the
		// message is skipped before any Redis call.
		if b.deps.Questions.IsConversation(ctx, m.ChannelID) {
			b.answerMessage(ctx, m, "", q, inPlace, m.ChannelID, asking.SurfaceThread, false)
			return
		}
		b.autoAnswer(ctx, m, q)
	case m.ID == m.ChannelID:
		// A post (of a forum, maybe) whose first message has no words:
		// only an image, or read without the Message Content intent
		// (which leaves out its text and attachments alike). Its title
		// may still ask.
		b.autoAnswer(ctx, m, "")
	}
}

// maxQuoted bounds the text of a message replied to that a question
// carries; minQuoted is the least worth carrying.
const (
	maxQuoted = 300
	minQuoted = 40
)

// quotedBy is the text of the message m replies to when m addresses the
// bot in a reply to someone else's message ("@bot is this true?", or the
// mention alone): that message is what the member asks about, and their
// own words (own) say little without it. "" when m replies to nothing,
// or to the bot (a follow-up of an answer, whose record gives its
// context). It takes only the room own leaves in a question
// (answer.MaxQuestionRunes, which cuts a question's end): the member's
// own words, which come after it, are never what is cut.
func quotedBy(m *discordgo.Message, me, own string) string {
	ref := m.ReferencedMessage
	if m.MessageReference == nil || ref == nil || ref.Author == nil || ref.Author.ID == me {
		return ""
	}
	return fitQuote(strings.TrimSpace(stripMention(ref.Content, me)), own)
}

// fitQuote cuts a quoted message to the room the member's own words leave
// in a question (at most maxQuoted), or drops it when that is under
// minQuoted.
func fitQuote(quote, own string) string {
	room := min(maxQuoted, answer.MaxQuestionRunes-utf8.RuneCountInString(own)-2)
	if room < minQuoted {
		return ""
	}
	return truncateRunes(quote, room)
}

// tellRestarting tells a member who asked the bot something by message
// while it shuts down to ask again, as an /ask is told: the process that
// starts next will not see the message.
func (b *Bot) tellRestarting(m *discordgo.Message) {
	b.send(m.ChannelID, localText(b.guildLocale(m.GuildID), &UserError{Kind: KindRestarting}), m)
}

// fromMember reports whether m is a member's own message: not the bot's,
// another bot's or a webhook's, and not one of Discord's system messages
// (a thread renamed or created, a pin, a member joining), whose text is
// Discord's (a thread's new name), not anyone's question.
func fromMember(m *discordgo.Message, me string) bool {
	if m == nil || m.Author == nil || m.Author.Bot || m.Author.ID == me || m.WebhookID != "" || me == "" {
		return false
	}
	return m.Type == discordgo.MessageTypeDefault || m.Type == discordgo.MessageTypeReply
}

// autoAnswer answers, unasked, where the moderators set the bot to answer
// every question: a new forum post in the post itself, a question-like
// message in a channel in a thread opened from it. Other messages there
// (chat, and threads the bot did not open) are left alone.
func (b *Bot) autoAnswer(ctx context.Context, m *discordgo.Message, q string) {
	findParent := b.parentFinder(m.ChannelID)
	if !b.deps.Questions.AutoAnswers(ctx, m.GuildID, m.ChannelID, findParent) {
		return
	}
	if m.ID == m.ChannelID {
		// A forum post's first message has the post's (the thread's) id.
		if b.inSession(ctx, m.ChannelID) {
			return
		}
		title := strings.TrimSpace(b.channelName(ctx, m.ChannelID))
		if title == "" && q == "" {
			return // no title, no text: nothing asked
		}
		b.deps.Questions.StartConversation(ctx, m.ChannelID, m.Author.ID)
		b.answerMessage(ctx, m, title, q, inPlace, m.ChannelID, asking.SurfaceAuto, false)
		return
	}
	if q == "" || findParent(ctx) != "" || !asking.LooksLikeQuestion(q) {
		return
	}
	b.answerMessage(ctx, m, "", q, inNewThread, "", asking.SurfaceAuto, false)
}

// postQuestion is a forum post asked as one question: its title, when the
// body does not already start with it, then its body.
func postQuestion(title, body string) string {
	title = strings.TrimSpace(title)
	if title == "" || strings.HasPrefix(strings.ToLower(body), strings.ToLower(title)) {
		return body
	}
	if !strings.ContainsAny(title[len(title)-1:], ".?!") {
		title += "."
	}
	return title + " " + body
}

// answerMessage answers a message question in a new thread or in place.
// title is what asks before m's text: the title of the forum post whose
// first message m is, or the message m replies to (quotedBy); "" for
// other messages.
// asked says the member addressed the bot (a mention, a reply to it, a
// DM): a message without a word to ask is then told how to ask; one the
// bot reads unaddressed (in its threads, in channels it answers every
// question of) is chat ("👍"), left alone.
func (b *Bot) answerMessage(ctx context.Context, m *discordgo.Message, title, q string, w where, convID string, surface asking.Surface, asked bool) {
	if title != "" {
		q = postQuestion(title, q)
	}
	if b.cannotPost(m.ChannelID) {
		return
	}
	if !b.first(ctx, "message:"+m.ID, dedupeTimeout) {
		return
	}
	done, ok := b.begin()
	if !ok {
		if asked {
			b.tellRestarting(m)
		}
		return
	}
	defer done()
	// The answer is in flight from here: an edit of the question made
	// while its thread or placeholder are still being opened (a typo
	// fixed at once) is the question to answer.
	fctx, f := b.takeOff(ctx, m.ID, title, q)
	defer func() { b.land(m.ID, f) }()
	t, err := b.deps.Questions.Admit(ctx, asking.Question{
		Surface: surface, GuildID: m.GuildID, ChannelID: m.ChannelID, FindParent: b.parentFinder(m.ChannelID),
		UserID: m.Author.ID, ConversationID: convID, AnswerID: m.ID, ReplyTo: repliesTo(m, b.botUserID()), Text: q,
	})
	// A message carries no locale: the guild's preferred one, if known.
	loc := b.guildLocale(m.GuildID)
	var refusal *asking.Refusal
	switch {
	case errors.As(err, &refusal) && refusal.Reason == asking.ChannelClosed:
		return // the moderators turned the bot off here: say nothing
	case errors.As(err, &refusal) && refusal.Reason == asking.EmptyQuestion && !asked:
		return // chat, not a question
	case errors.As(err, &refusal) && refusal.Reason == asking.RateLimited:
		// Told once, in public (a message has no private reply): one
		// reply per refused message would double a member's flood. Told
		// here, not by Refusal.Again: a member refused on /ask was told
		// privately, and the channel never saw it.
		if answer.IsSmallTalk(q) {
			return // "thanks!" at the limit asks nothing to wait for
		}
		if b.told.first(m.ChannelID, m.Author.ID, refusal.RetryAfter, time.Now()) {
			b.send(m.ChannelID, localText(loc, err), m)
		}
		return
	case err != nil:
		b.send(m.ChannelID, localText(loc, err), m)
		return
	}
	channelID, replyTo := m.ChannelID, m
	opened := "" // the thread opened for the answer, bound once posted in
	if w == inNewThread {
		var th *discordgo.Channel
		err := waitOutRateLimits(ctx, func(opts ...discordgo.RequestOption) error {
			var err error
			th, err = b.s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
				Name: threadName(t.Clean), AutoArchiveDuration: 1440,
			}, opts...)
			return err
		})
		var re *discordgo.RESTError
		switch {
		case errors.As(err, &re) && re.Message != nil && re.Message.Code == discordgo.ErrCodeUnknownMessage:
			// The question was deleted before its thread could open: an
			// answer in the channel would answer nobody, in everyone's view.
			b.log.Info("question deleted before it was answered", "channel", m.ChannelID)
			return
		case err != nil:
			// A mention inside a thread that is not ours, a channel without
			// threads, or no permission: answer in place as a reply. The
			// channel is not bound, or the bot would answer all its traffic.
			b.log.Info("cannot open a thread; answering in the channel", "channel", m.ChannelID, "err", err)
		default:
			channelID, replyTo, t.ConversationID = th.ID, nil, th.ID
			opened = th.ID
		}
	}
	var ph *discordgo.Message
	post := func() error {
		return waitOutRateLimits(ctx, func(opts ...discordgo.RequestOption) error {
			var err error
			ph, err = b.s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
				Content: tr(loc, msgThinking), Flags: answerFlags, AllowedMentions: noMentions(), Reference: reference(replyTo),
			}, opts...)
			return err
		})
	}
	err = post()
	if err != nil && channelID != m.ChannelID && restStatus(err) == http.StatusForbidden {
		// The bot may open threads here but not post in them (Send
		// Messages in Threads denied): the member would be left with an
		// empty thread and no answer. They are answered in the channel,
		// as where no thread can open.
		b.log.Info("cannot post in the thread it opened; answering in the channel", "thread", channelID, "err", err)
		b.refusedPost(channelID, err)
		channelID, replyTo, t.ConversationID = m.ChannelID, m, convID
		err = post()
	}
	if err != nil {
		b.log.Warn("cannot post in the channel", "channel", channelID, "err", err)
		b.refusedPost(channelID, err)
		return
	}
	if opened != "" && channelID == opened {
		// Bound once the bot has posted in it: a thread it may not post
		// in (the answer went to the channel) would otherwise take every
		// follow-up there, each refused again with a 403.
		b.deps.Questions.StartConversation(ctx, opened, m.Author.ID)
	}
	// The parts of a long answer after its first reply to what its first
	// replies to (the question), or to the first part: a member replying
	// to any part (the last holds the buttons) is then taken to reply to
	// the answer (repliesTo), whose record its follow-up needs.
	partsReply := reference(replyTo)
	if replyTo == nil {
		// The answer opens a thread and replies to nothing (its question is
		// in the channel the thread came from): a reply to it can only name
		// the answer by the answer's own id (repliesTo), so that is the id
		// its record and buttons go by.
		t.AnswerID = ph.ID
		partsReply = reference(ph)
	}
	out := channelSink{b: b, channelID: channelID, messageID: ph.ID, partsReply: partsReply}
	for {
		if !f.superseded.Load() { // else edited before its answer began
			b.answer(fctx, t, answerView{locale: loc}, f.sink(out))
		}
		nctx, nf := b.relaunch(ctx, m.ID, f)
		if nf == nil {
			return
		}
		// The deferred land ends the edited question's flight from here.
		fctx, f = nctx, nf
		if ctx.Err() != nil {
			return
		}
		// The member edited the question while its answer was written:
		// what was shown of the old one goes, and the edited question is
		// answered in its place (a new question: admitted again).
		q = f.text
		if err := out.edit(tr(loc, msgThinking), &[]discordgo.MessageComponent{}); err != nil {
			b.log.Info("the answer to an edited question is gone", "channel", channelID, "err", err)
			return
		}
		nt, err := b.deps.Questions.Admit(ctx, asking.Question{
			Surface: surface, GuildID: m.GuildID, ChannelID: m.ChannelID, FindParent: b.parentFinder(m.ChannelID),
			UserID: m.Author.ID, ConversationID: t.ConversationID, AnswerID: t.AnswerID, ReplyTo: t.ReplyTo, Text: q,
		})
		if err != nil {
			if e := out.edit(localText(loc, err), &[]discordgo.MessageComponent{}); e != nil {
				b.log.Warn("telling the user an edited question was refused", "err", e)
			}
			return
		}
		t = nt
	}
}

func reference(m *discordgo.Message) *discordgo.MessageReference {
	if m == nil {
		return nil
	}
	// fail_if_not_exists false: a deleted question still gets its answer.
	no := false
	return &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &no}
}

// send posts a short notice, as a reply to m when given.
func (b *Bot) send(channelID, text string, m *discordgo.Message) {
	_, err := b.s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
		Content: text, Flags: answerFlags, AllowedMentions: noMentions(), Reference: reference(m),
	})
	if err != nil {
		b.log.Warn("cannot post in the channel", "channel", channelID, "err", err)
	}
}

// mentions reports whether m mentions the user id (not @everyone).
func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+id+">") || strings.Contains(m.Content, "<@!"+id+">")
}

// repliesTo returns the answer id of the bot's answer m replies to, ""
// when m replies to none. A reply counts as a mention even with the
// reply's ping turned off. The answer id is the interaction's for an
// answer to a command, else the question message's, which the bot's
// answer in a channel replies to.
func repliesTo(m *discordgo.Message, botID string) string {
	ref := m.ReferencedMessage
	if m.MessageReference == nil || ref == nil || ref.Author == nil || ref.Author.ID != botID {
		return ""
	}
	switch {
	case ref.InteractionMetadata != nil && ref.InteractionMetadata.ID != "":
		return ref.InteractionMetadata.ID
	case ref.MessageReference != nil && ref.MessageReference.MessageID != "":
		return ref.MessageReference.MessageID
	}
	return ref.ID // an answer whose question is unknown: still a reply to the bot
}

// spoiler is a Markdown spoiler, ||hidden text|| (a single | may be in
// it); codeSpan is `code`, in which || is code ("a || b"), not a spoiler.
var (
	spoiler  = regexp.MustCompile(`(?s)\|\|.+?\|\|`)
	codeSpan = regexp.MustCompile("`[^`]*`")
)

// hideSpoilers replaces each spoiler of q outside code spans with ▒▒▒.
func hideSpoilers(q string) string {
	var b strings.Builder
	last := 0
	for _, m := range codeSpan.FindAllStringIndex(q, -1) {
		b.WriteString(spoiler.ReplaceAllString(q[last:m[0]], "▒▒▒"))
		b.WriteString(q[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(spoiler.ReplaceAllString(q[last:], "▒▒▒"))
	return b.String()
}

func stripMention(s, id string) string {
	s = strings.ReplaceAll(s, "<@!"+id+">", " ")
	return strings.ReplaceAll(s, "<@"+id+">", " ")
}

// threadName is a question cut to a thread title (Discord allows 100).
// A title shows no Markdown, so what the member hid behind a spoiler
// (||…||) would be shown to everyone in it: it is left out.
func threadName(q string) string {
	name := truncateRunes(oneLine(hideSpoilers(q)), 90)
	if name == "" {
		return "Question"
	}
	return name
}

// channelSink delivers to a placeholder message in a channel and new
// messages after it.
type channelSink struct {
	b         *Bot
	channelID string
	messageID string
	// partsReply is what the parts after the first reply to.
	partsReply *discordgo.MessageReference
}

func (c channelSink) edit(content string, comps *[]discordgo.MessageComponent) error {
	defer c.b.timeEdit(time.Now())
	return retryServerErrors(c.b.work, func() error {
		return waitOutRateLimits(c.b.work, func(opts ...discordgo.RequestOption) error {
			_, err := c.b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
				ID: c.messageID, Channel: c.channelID, Content: &content, Components: comps,
				AllowedMentions: noMentions(), Flags: answerFlags,
			}, opts...)
			return err
		})
	})
}

func (c channelSink) more(content string, comps []discordgo.MessageComponent) error {
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	return waitOutRateLimits(c.b.work, func(opts ...discordgo.RequestOption) error {
		_, err := c.b.s.ChannelMessageSendComplex(c.channelID, &discordgo.MessageSend{
			Content: content, Components: comps, Flags: answerFlags, AllowedMentions: noMentions(), Reference: c.partsReply,
		}, opts...)
		return err
	})
}

// barredFor is how long the bot leaves a channel alone after Discord
// refused its post there: every member message in a busy thread the bot
// can no longer post in was one more 403, and 401, 403 and 429 responses
// count towards the 10,000 in 10 minutes that ban the bot's IP. Short, so
// that restored permissions are soon used.
const barredFor = 2 * time.Minute

// maxBarred bounds the channels remembered; past it they are forgotten.
const maxBarred = 10_000

// refusedPost remembers a channel whose post Discord refused for want of
// permission (403), for barredFor.
func (b *Bot) refusedPost(channelID string, err error) {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil || re.Response.StatusCode != http.StatusForbidden {
		return
	}
	b.barredMu.Lock()
	defer b.barredMu.Unlock()
	if b.barred == nil || len(b.barred) >= maxBarred {
		b.barred = map[string]time.Time{}
	}
	b.barred[channelID] = time.Now().Add(barredFor)
}

// cannotPost reports whether Discord refused the bot's post in the
// channel within barredFor.
func (b *Bot) cannotPost(channelID string) bool {
	b.barredMu.Lock()
	defer b.barredMu.Unlock()
	until, ok := b.barred[channelID]
	if ok && time.Now().After(until) {
		delete(b.barred, channelID)
		return false
	}
	return ok
}
