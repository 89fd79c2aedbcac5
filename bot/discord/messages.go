package discord

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// threadTTL is how long a quiet thread stays one of the bot's
// conversations.
const threadTTL = 30 * 24 * time.Hour

// where says how a message question is answered.
type where int

const (
	inNewThread where = iota // a mention in a channel: open a thread from it
	inPlace                  // a DM, or a message in one of the bot's threads
)

// onMessage answers mentions (in a thread it opens), messages in its
// threads (follow-ups, from anyone, no mention needed) and DMs. Bots,
// webhooks and the bot itself are ignored.
func (b *Bot) onMessage(_ *discordgo.Session, mc *discordgo.MessageCreate) {
	m := mc.Message
	me := b.botUserID()
	if m == nil || m.Author == nil || m.Author.Bot || m.Author.ID == me || m.WebhookID != "" || me == "" {
		return
	}
	if b.isClosing() {
		return
	}
	ctx := b.work
	q := strings.TrimSpace(stripMention(m.Content, me))
	switch {
	case m.GuildID == "":
		if q != "" {
			b.answerMessage(ctx, m, q, inPlace, "dm:"+m.ChannelID)
		}
	case mentions(m, me):
		if b.inSession(ctx, m.ChannelID) {
			return // a question for the session's queue (educator_session.go)
		}
		if b.isBotThread(ctx, m.ChannelID) {
			b.answerMessage(ctx, m, q, inPlace, m.ChannelID)
			return
		}
		b.answerMessage(ctx, m, q, inNewThread, "")
	case q != "":
		// Without the Message Content intent q is empty here and the
		// message is skipped before any Redis call.
		if b.isBotThread(ctx, m.ChannelID) {
			b.answerMessage(ctx, m, q, inPlace, m.ChannelID)
		}
	}
}

// answerMessage answers a message question in a new thread or in place.
func (b *Bot) answerMessage(ctx context.Context, m *discordgo.Message, q string, w where, convID string) {
	if !b.first(ctx, "message:"+m.ID) || !b.channelAllowed(ctx, m.GuildID, m.ChannelID) {
		return
	}
	done, ok := b.begin()
	if !ok {
		return
	}
	defer done()
	if q == "" {
		b.send(m.ChannelID, (&UserError{Kind: KindEmptyQuestion}).Text(), m)
		return
	}
	if d := b.allow(ctx, m.GuildID, m.Author.ID); !d.Allowed {
		b.send(m.ChannelID, (&UserError{Kind: KindRateLimited, RetryAfter: d.RetryAfter, Scope: d.Scope}).Text(), m)
		return
	}
	channelID, replyTo := m.ChannelID, m
	if w == inNewThread {
		th, err := b.s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
			Name: threadName(q), AutoArchiveDuration: 1440,
		})
		if err != nil {
			// A mention inside a thread that is not ours, a channel without
			// threads, or no permission: answer in place as a reply. The
			// channel is not bound, or the bot would answer all its traffic.
			b.log.Info("cannot open a thread; answering in the channel", "channel", m.ChannelID, "err", err)
		} else {
			channelID, replyTo, convID = th.ID, nil, th.ID
			b.bindThread(ctx, th.ID, m.Author.ID)
		}
	}
	ph, err := b.s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{
		Content: thinkingText, Flags: answerFlags, AllowedMentions: noMentions(), Reference: reference(replyTo),
	})
	if err != nil {
		b.log.Warn("cannot post in the channel", "channel", channelID, "err", err)
		return
	}
	b.answer(ctx, job{question: q, convID: convID, answerID: m.ID, out: channelSink{b: b, channelID: channelID, messageID: ph.ID},
		guildID: m.GuildID, channelID: m.ChannelID, userID: m.Author.ID})
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

// threadMeta is what a bound thread records.
type threadMeta struct {
	Owner   string    `json:"owner"`
	Started time.Time `json:"started"`
}

func (b *Bot) bindThread(ctx context.Context, threadID, owner string) {
	if b.deps.Threads == nil {
		return
	}
	meta, _ := json.Marshal(threadMeta{Owner: owner, Started: time.Now().UTC()})
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := b.deps.Threads.Bind(ctx, threadID, meta, threadTTL); err != nil {
		b.log.Warn("thread not remembered; follow-ups there will need a mention", "thread", threadID, "err", err)
	}
}

// isBotThread reports whether channelID is one of the bot's conversation
// threads. With Redis unavailable it says no: the bot then answers
// mentions only, rather than every message of every thread.
func (b *Bot) isBotThread(ctx context.Context, channelID string) bool {
	if b.deps.Threads == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, ok, err := b.deps.Threads.Lookup(ctx, channelID)
	if err != nil {
		b.log.Warn("thread lookup unavailable", "err", err)
		return false
	}
	return ok
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

func stripMention(s, id string) string {
	s = strings.ReplaceAll(s, "<@!"+id+">", " ")
	return strings.ReplaceAll(s, "<@"+id+">", " ")
}

// threadName is a question cut to a thread title (Discord allows 100).
func threadName(q string) string {
	name := truncateRunes(oneLine(q), 90)
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
}

func (c channelSink) edit(content string, comps *[]discordgo.MessageComponent) error {
	_, err := c.b.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
		ID: c.messageID, Channel: c.channelID, Content: &content, Components: comps,
		AllowedMentions: noMentions(), Flags: answerFlags,
	})
	return err
}

func (c channelSink) more(content string, comps []discordgo.MessageComponent) error {
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	_, err := c.b.s.ChannelMessageSendComplex(c.channelID, &discordgo.MessageSend{
		Content: content, Components: comps, Flags: answerFlags, AllowedMentions: noMentions(),
	})
	return err
}
