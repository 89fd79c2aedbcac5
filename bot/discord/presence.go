package discord

import (
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot/answer"
)

// maxStatus is the length Discord keeps of a custom status.
const maxStatus = 128

// presenceText is the bot's status line: what it answers about, so that a
// member sees it in the member list before asking.
func presenceText(kb *answer.Knowledge) string {
	if kb == nil || len(kb.Briefings) == 0 {
		return "/ask me about the briefings"
	}
	latest := kb.Briefings[0]
	for _, br := range kb.Briefings[1:] {
		if br.Date > latest.Date {
			latest = br
		}
	}
	text := "/ask about " + oneLine(latest.Title)
	if n := len(kb.Briefings) - 1; n > 0 {
		more := fmt.Sprintf(" and %d more", n)
		return truncateRunes(text, maxStatus-len(more)) + more
	}
	return truncateRunes(text, maxStatus)
}

// KnowledgeChanged tells the bot the briefings changed (main calls it
// after each swap): the status line of every connected shard follows. It
// never blocks on Discord.
func (b *Bot) KnowledgeChanged() {
	if ss := b.connectedSessions(); len(ss) > 0 {
		go b.updatePresence(ss...)
	}
}

// updatePresence sets the status line on these shards' connections (a
// presence belongs to one gateway connection); sent after each READY (a
// new connection starts without one) and after each change of the
// briefings.
func (b *Bot) updatePresence(ss ...*discordgo.Session) {
	text := presenceText(b.deps.Questions.Knowledge())
	b.presenceMu.Lock()
	defer b.presenceMu.Unlock()
	for _, s := range ss {
		if err := s.UpdateCustomStatus(text); err != nil {
			b.log.Info("status line not set", "shard", s.ShardID, "err", err)
		}
	}
}
