package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot/bot/asking"
	"github.com/bwmarrin/discordgo"
)

// sink is where an answer goes: an interaction's original response and its
// follow-ups, or a placeholder message in a channel and the messages after
// it.
type sink interface {
	// edit replaces the first message; components, when not nil, replace
	// its buttons.
	edit(content string, components *[]discordgo.MessageComponent) error
	// more sends one more message.
	more(content string, components []discordgo.MessageComponent) error
}

// askMessageCommand is the message command that asks a message's text.
const askMessageCommand = "Ask briefbot"

// runAsk handles /ask. In one of the bot's threads, or in a DM, the
// question follows that conversation. Whether the channel is one of the
// bot's threads is a store lookup that neither admitting the question nor
// acknowledging it needs: it is made after the acknowledgement.
func (b *Bot) runAsk(ctx context.Context, r *Reply) error {
	q := b.interactionQuestion(r, asking.SurfaceSlash)
	if o := r.option("question"); o != nil {
		q.Text = o.StringValue()
	}
	if o := r.option("private"); o != nil {
		private := o.BoolValue()
		q.Private = &private
	}
	var conversation func(context.Context) string
	if r.I.GuildID == "" {
		q.ConversationID = "dm:" + r.I.ChannelID
	} else {
		channel := r.I.ChannelID
		conversation = func(ctx context.Context) string {
			if b.deps.Questions.IsConversation(ctx, channel) {
				return channel
			}
			return ""
		}
	}
	return b.askInteraction(ctx, r, q, conversation)
}

// runAskMessage handles the "Ask briefbot" message command: the selected
// message's text is the question, and the answer is for the asker's eyes
// only (there is no option to say otherwise).
func (b *Bot) runAskMessage(ctx context.Context, r *Reply) error {
	data := r.I.ApplicationCommandData()
	var m *discordgo.Message
	if data.Resolved != nil {
		m = data.Resolved.Messages[data.TargetID]
	}
	if m == nil {
		return r.Respond(tr(r.I.Locale, msgUnreadableMessage), true, nil)
	}
	if m.Author != nil && m.Author.ID == b.botUserID() {
		return r.Respond(tr(r.I.Locale, msgOwnAnswer), true, nil)
	}
	q := b.interactionQuestion(r, asking.SurfaceMessage)
	q.Text = m.Content
	private := true
	q.Private = &private
	return b.askInteraction(ctx, r, q, nil)
}

// interactionQuestion is the question an interaction asks, without its
// text.
func (b *Bot) interactionQuestion(r *Reply, s asking.Surface) asking.Question {
	return asking.Question{
		Surface: s, GuildID: r.I.GuildID, ChannelID: r.I.ChannelID,
		UserID: r.UserID(), AnswerID: r.I.ID, FindParent: b.parentFinder(r.I.ChannelID),
	}
}

// askInteraction screens a question, acknowledges the interaction
// (deferred, public or private as screened), and only then drops a
// duplicate delivery and applies the rate limits, both round trips to the
// store that the acknowledgement does not wait for (a burst of questions
// would make them the acknowledgement's slowest part). A question over
// its limits is told so for the asker's eyes only (Reply.Refuse).
// conversation, when not nil, finds the question's conversation once the
// interaction is acknowledged (screening does not depend on it).
func (b *Bot) askInteraction(ctx context.Context, r *Reply, q asking.Question, conversation func(context.Context) string) error {
	t, err := b.deps.Questions.Screen(ctx, q)
	if err != nil {
		if err := r.Respond(localText(r.I.Locale, err), true, nil); err != nil && !alreadyAcknowledged(err) {
			return err
		}
		return nil
	}
	done, ok := b.begin()
	if !ok {
		return &UserError{Kind: KindRestarting}
	}
	defer done()
	if err := r.Defer(t.Private); err != nil {
		// A duplicate delivery loses the race for the acknowledgement to
		// its twin, which answers.
		if alreadyAcknowledged(err) {
			b.log.Info("duplicate event ignored", "id", "interaction:"+r.I.ID)
		} else {
			b.logErr(r.I, "acknowledging a question", err)
		}
		return nil // without an acknowledgement there is nothing to edit
	}
	// The HTTP endpoint may have deferred it privately for a late
	// handler: then the answer is private, whatever was asked.
	t.Private = r.Private()
	if !b.first(ctx, "interaction:"+r.I.ID, dedupeTimeout) {
		return nil // the first delivery answers; this one shares its response
	}
	if err := b.deps.Questions.Limit(ctx, t); err != nil {
		if err := r.Refuse(localText(r.I.Locale, err)); err != nil {
			b.logErr(r.I, "telling the asker they are rate limited", err)
		}
		return nil
	}
	if conversation != nil {
		t.ConversationID = conversation(ctx)
	}
	if !r.received.IsZero() {
		// The token the answer is written with expires: a slow model (a
		// long OPENAI_TIMEOUT) is stopped while the member can be told.
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, r.received.Add(b.cfg.AnswerWithin))
		defer cancel()
	}
	b.answer(ctx, t, answerView{echo: true, thread: b.canContinue(ctx, t), locale: r.I.Locale}, interactionSink{r})
	return nil
}

// canContinue says whether an answer gets "Continue in thread": a public
// answer in a server channel that is not a thread already.
func (b *Bot) canContinue(ctx context.Context, t asking.Ticket) bool {
	if t.Private || t.GuildID == "" || t.ConversationID != "" || t.AnswerID == "" {
		return false
	}
	return b.parentFinder(t.ChannelID)(ctx) == ""
}

// answerView is how an answer is shown: echo puts the question above it
// (where the question is not on screen), thread adds "Continue in thread";
// the bot's own lines and buttons are in locale's language (English when
// it has none).
type answerView struct {
	echo, thread bool
	locale       discordgo.Locale
}

// answer writes the answer to an admitted question into out, streaming
// checked sentences as they come, and always leaves the asker with an
// answer or a short reason why not.
func (b *Bot) answer(ctx context.Context, t asking.Ticket, view answerView, out sink) {
	out = &lastingSink{sink: out}
	shown := ""
	if view.echo {
		shown = t.Clean
	}
	t.Queued = func(ahead int) {
		if err := out.edit(renderQueued(view.locale, shown, ahead), nil); err != nil {
			b.log.Warn("telling the asker the question is queued", "err", err)
		}
	}
	last := ""
	st := newStreamer(b.cfg.EditInterval, func(text string) {
		// The streamer's own goroutine: dispatch's recover does not reach
		// it. A streamed edit lost to a bug leaves the final one to come.
		defer b.survive("a streamed edit")
		partial := renderPartial(view.locale, shown, text)
		if partial == last {
			// An answer past one message's length shows no more until it
			// is done: an edit that changes nothing costs a request of
			// the channel's rate limit all the same.
			return
		}
		last = partial
		if err := out.edit(partial, nil); err != nil {
			b.log.Warn("streaming edit failed", "err", err)
		}
	})
	res, err := b.deps.Questions.Answer(ctx, t, st.delta)
	st.stop()
	if err != nil {
		var refusal *asking.Refusal
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			// Only an interaction's answer has a deadline (askInteraction).
			b.log.Warn("answer stopped: its interaction's token expires soon", "err", err)
			err = &UserError{Kind: KindInternal, Err: err}
		case ctx.Err() != nil:
			err = &UserError{Kind: KindRestarting, Err: err}
		case !errors.As(err, &refusal):
			b.log.Warn("answer failed", "err", err)
		}
		if e := out.edit(localText(view.locale, err), &[]discordgo.MessageComponent{}); e != nil {
			b.log.Warn("telling the user an answer failed", "err", e)
		}
		return
	}
	parts := splitContent(renderAnswer(view.locale, shown, res.Answer), contentBudget)
	buttons := answerButtons(b.deps.Questions.Knowledge(), res.Answer, t.AnswerID, view.thread, b.approvable(t, res.Answer), view.locale)
	if err := b.deliver(out, parts, buttons); err != nil {
		b.log.Warn("delivering an answer failed", "err", err)
		if errors.Is(err, errAnswerCut) {
			if err := b.tellCut(view.locale, out, parts[0], buttons); err != nil {
				b.log.Warn("telling the asker part of their answer failed", "err", err)
			}
		}
	}
}

// errAnswerCut says the first part of a long answer was shown but a later
// one failed: it may or may not have been posted.
var errAnswerCut = errors.New("discord: a later part of the answer failed")

// deliver sends the parts of an answer: the first in place of the
// placeholder, the rest as new messages; the buttons go under the last.
// A later part is a new message, which the bot never posts twice: it is
// sent again only when Discord answers 503, having not taken it in
// (retryNotTakenIn; discordgo resends a 502 and waits out a 429 itself).
// A 500 or a 504 may come after Discord posted it, so it is not sent
// again, and the delivery ends there with errAnswerCut, as it does on any
// other failure.
func (b *Bot) deliver(out sink, parts []string, buttons []discordgo.MessageComponent) error {
	if len(parts) == 1 {
		return out.edit(parts[0], &buttons)
	}
	if err := out.edit(parts[0], &[]discordgo.MessageComponent{}); err != nil {
		return err
	}
	for i, p := range parts[1:] {
		var comps []discordgo.MessageComponent
		if i == len(parts)-2 {
			comps = buttons
		}
		if err := retryNotTakenIn(b.work, func() error { return out.more(p, comps) }); err != nil {
			return fmt.Errorf("%w: part %d of %d: %w", errAnswerCut, i+2, len(parts), err)
		}
	}
	return nil
}

// tellCut tells the member whose long answer failed part-way
// (errAnswerCut) that Discord had trouble posting part of it, in words
// true whether or not the failed part went out (a 500 or a 504 may have
// posted it): in one more message, which carries the answer's buttons,
// so that they are under what the member sees last. That notice is a new
// message too, and sent once, never again. When Discord did not post it
// (it refused it with a 4xx, or answered 503: not taken in, as in an
// outage, when the part before it failed the same way) the notice goes at
// the end of the first part instead, with the buttons: an edit, which may
// be sent again, of a message Discord took already. After a 500, a 504 or
// a timeout the notice may be there, and is not added a second time. The
// first part is at most contentBudget long, which leaves room for the
// notice.
func (b *Bot) tellCut(loc discordgo.Locale, out sink, first string, buttons []discordgo.MessageComponent) error {
	notice := tr(loc, msgAnswerCut)
	err := out.more(notice, buttons)
	if err == nil || !(refused(err) || notTakenIn(err)) {
		return err
	}
	first = truncateRunes(first, maxContent-utf8.RuneCountInString("\n\n"+notice))
	return errors.Join(err, out.edit(first+"\n\n"+notice, &buttons))
}

// lastingSink passes writes on until Discord refuses one for good: the
// message or its channel deleted (404), the bot's access to it gone
// (403), the interaction's token expired (401), its thread archived by a
// moderator (50083). The answer's later edits,
// its final one included, would only be refused again, each once a
// second while it streams, and each 401 or 403 counts toward the invalid
// requests Discord bans an IP for; they are skipped (and not reported
// again: the refusal was).
type lastingSink struct {
	sink
	gone atomic.Bool
}

func (s *lastingSink) edit(content string, c *[]discordgo.MessageComponent) error {
	if s.gone.Load() {
		return nil
	}
	return s.check(s.sink.edit(content, c))
}

func (s *lastingSink) more(content string, c []discordgo.MessageComponent) error {
	if s.gone.Load() {
		return nil
	}
	return s.check(s.sink.more(content, c))
}

func (s *lastingSink) check(err error) error {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return err
	}
	switch {
	case re.Response.StatusCode == http.StatusUnauthorized, re.Response.StatusCode == http.StatusForbidden,
		re.Response.StatusCode == http.StatusNotFound,
		re.Message != nil && re.Message.Code == discordgo.ErrCodePerformedOperationOnArchivedThread:
		s.gone.Store(true)
	}
	return err
}

// interactionSink delivers to an interaction.
type interactionSink struct{ r *Reply }

func (s interactionSink) edit(content string, c *[]discordgo.MessageComponent) error {
	defer s.r.b.timeEdit(time.Now())
	return redact(s.r.Edit(content, c), s.r.I.Token)
}

// timeEdit records one edit's latency.
func (b *Bot) timeEdit(start time.Time) { b.deps.Observer.Stage("edit", time.Since(start)) }

func (s interactionSink) more(content string, c []discordgo.MessageComponent) error {
	return redact(s.r.Followup(content, c), s.r.I.Token)
}

// redact blanks an interaction token in err's text: errors from the HTTP
// client quote the webhook URL, which carries it, and errors get logged.
func redact(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "<interaction-token>"))
}

// toldToWait remembers, for a while, the members told in a channel to
// wait out their rate limit, by channel and user, and until when. A
// message has no private reply: the wait is told in public once, not
// once per refused message (that would double a member's flood). The
// question service's own Refusal.Again cannot say it: it is set by any
// refusal, and one of /ask, told privately, left a member's mention
// afterwards with no reply at all.
type toldToWait struct {
	mu    sync.Mutex
	until map[string]time.Time
}

// toldToWaitKeep caps the members remembered; past it, expired ones are
// dropped.
const toldToWaitKeep = 4096

// first reports whether the member userID, refused with a wait of retry
// at now, has not been told in channelID during a refusal still running,
// and if so remembers them as told there until the wait ends. By
// channel: told in their thread, a member mentioning the bot in another
// channel is told there too, not met with silence.
func (w *toldToWait) first(channelID, userID string, retry time.Duration, now time.Time) bool {
	key := channelID + "/" + userID
	w.mu.Lock()
	defer w.mu.Unlock()
	if now.Before(w.until[key]) {
		return false
	}
	if w.until == nil {
		w.until = map[string]time.Time{}
	}
	if len(w.until) >= toldToWaitKeep {
		for k, t := range w.until {
			if !now.Before(t) {
				delete(w.until, k)
			}
		}
	}
	if len(w.until) < toldToWaitKeep {
		w.until[key] = now.Add(max(retry, time.Second))
	}
	return true
}
