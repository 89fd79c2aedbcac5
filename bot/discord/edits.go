package discord

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"
)

// A member who edits a question message (a mention, a DM, a message in
// the bot's thread) while its answer is being written sees the edited
// question answered, in the same message: the answer to the text they
// no longer stand by is stopped and what it had shown replaced. An edit
// after the answer is finished is left alone: the answer stays what it
// was (others may have read it, voted on it, continued from it), and a
// new question, or a reply to the answer, asks again; answering every
// later typo fix anew would post one more answer each time.

// flight is one message question being answered.
type flight struct {
	cancel context.CancelFunc
	text   string // the question as being answered
	// title is a forum post's title, which asks before its body (see
	// postQuestion), or the message a mention replies to (quotedBy): an
	// edit changes the member's own text only. "" for other messages.
	title string
	// next is the edited text, set with superseded (under the bot's
	// flightsMu, and mu).
	next       string
	superseded atomic.Bool
	// mu orders an edit against the answer's delivery: answered says the
	// final answer (the message with its buttons) is going out, after
	// which an edit is one of the answer given, left alone.
	mu       sync.Mutex
	answered bool
}

// deliver reports whether the answer's final message may go out, and
// from then on takes edits of the question for edits after the answer.
func (f *flight) deliver() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.superseded.Load() {
		return false
	}
	f.answered = true
	return true
}

// takeOff registers the answering of message id's question text (with
// the title of the forum post it opens, if any) and returns the context
// it is answered under, cancelled when the member edits the question.
func (b *Bot) takeOff(ctx context.Context, id, title, text string) (context.Context, *flight) {
	fctx, cancel := context.WithCancel(ctx)
	f := &flight{cancel: cancel, text: text, title: title}
	b.flightsMu.Lock()
	defer b.flightsMu.Unlock()
	if b.flights == nil {
		b.flights = map[string]*flight{}
	}
	b.flights[id] = f
	return fctx, f
}

// land ends f; edited says the question was edited meanwhile, to next.
func (b *Bot) land(id string, f *flight) (next string, edited bool) {
	f.cancel()
	b.flightsMu.Lock()
	defer b.flightsMu.Unlock()
	if b.flights[id] == f {
		delete(b.flights, id)
	}
	return f.next, f.superseded.Load()
}

// relaunch ends f and, when the question was edited meanwhile, registers
// the answering of the edited text in f's place at once, under the same
// lock: an edit made while the bot puts the placeholder back and admits
// the edited question (a second typo fix a moment after the first) finds
// a flight to supersede, instead of none, and is answered instead of
// being lost. It returns the edited question's flight (its text the
// edited question) and the context it is answered under; nil when the
// question was not edited.
func (b *Bot) relaunch(ctx context.Context, id string, f *flight) (context.Context, *flight) {
	f.cancel()
	b.flightsMu.Lock()
	defer b.flightsMu.Unlock()
	if b.flights[id] == f {
		delete(b.flights, id)
	}
	if !f.superseded.Load() {
		return nil, nil
	}
	fctx, cancel := context.WithCancel(ctx)
	nf := &flight{cancel: cancel, text: f.next, title: f.title}
	if b.flights == nil {
		b.flights = map[string]*flight{}
	}
	b.flights[id] = nf
	return fctx, nf
}

// sink wraps out so that nothing more is written once f is superseded:
// not the "restarting" line an answer cancelled mid-way would leave, not
// a late streamed edit of the old answer.
func (f *flight) sink(out sink) sink { return flightSink{sink: out, f: f} }

type flightSink struct {
	sink
	f *flight
}

// The message carrying the answer's buttons is its final one (deliver).
func (s flightSink) edit(content string, c *[]discordgo.MessageComponent) error {
	if final := c != nil && len(*c) > 0; final && !s.f.deliver() || !final && s.f.superseded.Load() {
		return nil
	}
	return s.sink.edit(content, c)
}

func (s flightSink) more(content string, c []discordgo.MessageComponent) error {
	if final := len(c) > 0; final && !s.f.deliver() || !final && s.f.superseded.Load() {
		return nil
	}
	return s.sink.more(content, c)
}

// onMessageUpdate restarts the answer to a question message its author
// edited while the answer was being written. Updates that are not the
// author's edit (Discord adding a link's preview: no edited_timestamp),
// that leave the question's words as they were, or of messages not being
// answered, change nothing.
func (b *Bot) onMessageUpdate(_ *discordgo.Session, mu *discordgo.MessageUpdate) {
	defer b.survive("an edited message")
	m := mu.Message
	me := b.botUserID()
	if m == nil || m.EditedTimestamp == nil || !fromMember(m, me) {
		return
	}
	q := strings.TrimSpace(stripMention(m.Content, me))
	if q == "" {
		return // emptied, or read without the Message Content intent
	}
	b.flightsMu.Lock()
	defer b.flightsMu.Unlock()
	f := b.flights[m.ID]
	if f == nil {
		return
	}
	if title := f.title; title != "" {
		if m.MessageReference != nil {
			// The quote of a message replied to (a forum post's first
			// message, whose title this is otherwise, replies to
			// nothing): it takes only the room the edited words leave,
			// or their end would be cut instead.
			title = fitQuote(title, q)
		}
		if title != "" {
			q = postQuestion(title, q)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.answered || f.text == q && !f.superseded.Load() || f.superseded.Load() && f.next == q {
		return // the answer is given: an edit after it is left alone
	}
	f.next = q
	f.superseded.Store(true)
	f.cancel()
}
