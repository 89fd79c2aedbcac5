package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// maxParents bounds the parent cache; past it the cache starts over.
const maxParents = 10_000

// parentFinder returns a lookup of a channel's parent for the question
// service's channel rules, which calls it only when a rule may depend on
// it: the gateway cache first, then one REST call, remembered (a thread's
// parent never changes). "" for a channel that is not a thread or when
// Discord cannot say.
func (b *Bot) parentFinder(channelID string) func(context.Context) string {
	return func(ctx context.Context) string {
		b.parentsMu.Lock()
		p, ok := b.parents[channelID]
		b.parentsMu.Unlock()
		if ok {
			return p
		}
		ch, err := b.s.State.Channel(channelID)
		if err != nil {
			if ch, err = b.s.Channel(channelID, discordgo.WithContext(ctx)); err != nil {
				return ""
			}
		}
		if ch.IsThread() {
			p = ch.ParentID
		}
		b.parentsMu.Lock()
		if len(b.parents) >= maxParents {
			clear(b.parents)
		}
		b.parents[channelID] = p
		b.parentsMu.Unlock()
		return p
	}
}
