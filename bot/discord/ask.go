package discord

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
	"github.com/briefbot/briefbot/bot/state"
)

// Conversation history: the last turns a follow-up sees, and how long a
// quiet conversation is remembered.
const (
	historyKeep = 6
	historyTTL  = 7 * 24 * time.Hour
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

// job is one question to answer.
type job struct {
	question string
	echo     bool   // show the question above the answer (slash commands)
	convID   string // conversation for history; "" for none
	answerID string // what votes refer to
	out      sink
	// where, for approved answers, channel rules and stats (admin.go)
	guildID, channelID, userID string
}

// runAsk handles /ask: checks, the deferred acknowledgement, the answer.
func (b *Bot) runAsk(ctx context.Context, r *Reply) error {
	var q string
	if o := r.option("question"); o != nil {
		q = o.StringValue()
	}
	private := b.privateByDefault(ctx, r.I.GuildID)
	if o := r.option("private"); o != nil {
		private = o.BoolValue()
	}
	if _, _, err := answer.CleanQuestion(q); err != nil {
		return &UserError{Kind: KindEmptyQuestion, Err: err}
	}
	if !b.channelAllowed(ctx, r.I.GuildID, r.I.ChannelID) {
		return r.Respond(channelRefusal, true, nil)
	}
	if d := b.allow(ctx, r.I.GuildID, r.UserID()); !d.Allowed {
		return &UserError{Kind: KindRateLimited, RetryAfter: d.RetryAfter, Scope: d.Scope}
	}
	done, ok := b.begin()
	if !ok {
		return &UserError{Kind: KindRestarting}
	}
	defer done()
	if err := r.Defer(private); err != nil {
		b.logErr(r.I, "acknowledging /ask", err)
		return nil // without an acknowledgement there is nothing to edit
	}
	b.answer(ctx, job{question: q, echo: true, answerID: r.I.ID, out: interactionSink{r},
		guildID: r.I.GuildID, channelID: r.I.ChannelID, userID: r.UserID()})
	return nil
}

// allow applies the rate limits; with Redis unavailable the question is
// answered anyway.
func (b *Bot) allow(ctx context.Context, guildID, userID string) state.Decision {
	if b.deps.Limiter == nil || userID == "" {
		return state.Decision{Allowed: true}
	}
	ctx, cancel := context.WithTimeout(ctx, preAckTimeout)
	defer cancel()
	d, err := b.deps.Limiter.Allow(ctx, guildID, userID)
	if err != nil {
		b.log.Warn("rate limits unavailable; answering without them", "err", err)
		return state.Decision{Allowed: true}
	}
	return d
}

// answer writes the answer to j, streaming it when the model streams, and
// always leaves the user with an answer or a short reason why not.
func (b *Bot) answer(ctx context.Context, j job) {
	empty := &[]discordgo.MessageComponent{}
	if err := b.acquire(ctx); err != nil {
		if e := j.out.edit(userText(err), empty); e != nil {
			b.log.Warn("telling the user the bot is busy", "err", e)
		}
		return
	}
	defer func() { <-b.sem }()

	hist := b.loadHistory(ctx, j.convID)
	echo := ""
	if j.echo {
		echo = j.question
	}
	st := newStreamer(b.cfg.EditInterval, func(text string) {
		if err := j.out.edit(renderPartial(echo, text), nil); err != nil {
			b.log.Warn("streaming edit failed", "err", err)
		}
	})
	a, err := b.deps.Answerer.Ask(ctx, answer.Request{Question: j.question, History: hist, GuildID: j.guildID}, st.delta)
	st.stop()
	if err != nil {
		if ctx.Err() != nil {
			err = &UserError{Kind: KindRestarting, Err: err}
		} else if !errors.Is(err, answer.ErrEmptyQuestion) {
			b.log.Warn("answer failed", "err", err)
		}
		if e := j.out.edit(userText(err), empty); e != nil {
			b.log.Warn("telling the user an answer failed", "err", e)
		}
		return
	}
	kb := b.deps.Answerer.Knowledge()
	parts := splitContent(renderAnswer(echo, a), contentBudget)
	buttons := answerButtons(kb, a, j.answerID)
	// The conversation turn, the answer's record and the stats event are
	// stored before the answer shows: a follow-up, a button click or a
	// moderator's /admin stats that comes the instant it appears must find
	// them. Each step degrades alone.
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
	defer cancel()
	b.saveRecord(bg, j.answerID, j.question, a)
	b.appendHistory(bg, j.convID, answer.Turn{Question: j.question, Answer: a.Text})
	b.recordAsked(bg, j, a)
	if err := b.deliver(j.out, parts, buttons); err != nil {
		b.log.Warn("delivering an answer failed", "err", err)
	}
}

// deliver sends the parts of an answer: the first in place of the
// placeholder, the rest as new messages; the buttons go under the last.
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
		if err := out.more(p, comps); err != nil {
			return err
		}
	}
	return nil
}

// acquire takes an answer slot, waiting up to QueueWait.
func (b *Bot) acquire(ctx context.Context) error {
	select {
	case b.sem <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(b.cfg.QueueWait)
	defer t.Stop()
	select {
	case b.sem <- struct{}{}:
		return nil
	case <-t.C:
		return &UserError{Kind: KindBusy}
	case <-ctx.Done():
		return &UserError{Kind: KindRestarting}
	}
}

func (b *Bot) loadHistory(ctx context.Context, convID string) []answer.Turn {
	if convID == "" || b.deps.History == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	raw, err := b.deps.History.Load(ctx, convID)
	if err != nil {
		b.log.Warn("conversation history unavailable; answering without it", "err", err)
		return nil
	}
	var turns []answer.Turn
	for _, r := range raw {
		var t answer.Turn
		if json.Unmarshal(r, &t) == nil {
			turns = append(turns, t)
		}
	}
	return turns
}

func (b *Bot) appendHistory(ctx context.Context, convID string, t answer.Turn) {
	if convID == "" || b.deps.History == nil {
		return
	}
	data, _ := json.Marshal(t)
	if err := b.deps.History.Append(ctx, convID, data, historyKeep, historyTTL); err != nil {
		b.log.Warn("conversation history not stored", "err", err)
	}
}

// interactionSink delivers to an interaction.
type interactionSink struct{ r *Reply }

func (s interactionSink) edit(content string, c *[]discordgo.MessageComponent) error {
	return redact(s.r.Edit(content, c), s.r.I.Token)
}

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
