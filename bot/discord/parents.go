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
		ch := b.channel(ctx, channelID)
		if ch == nil {
			return ""
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

// channel is a channel from the gateway cache, else from one REST call;
// nil when Discord cannot say.
func (b *Bot) channel(ctx context.Context, id string) *discordgo.Channel {
	if c := b.cachedChannel(id); c != nil {
		return c
	}
	ch, err := b.s.Channel(id, discordgo.WithContext(ctx))
	if err != nil {
		return nil
	}
	return ch
}

// channelName is a channel's name (a forum post's title), "" when Discord
// cannot say.
func (b *Bot) channelName(ctx context.Context, id string) string {
	if ch := b.channel(ctx, id); ch != nil {
		return ch.Name
	}
	return ""
}

// cachedNonThread reports whether the gateway cache knows channelID as a
// channel that is not a thread (no REST call: false when it does not
// know).
func (b *Bot) cachedNonThread(channelID string) bool {
	ch := b.cachedChannel(channelID)
	return ch != nil && !ch.IsThread()
}

// cachedChannel is a copy of a channel from the gateway cache of the
// shard whose guild has it, nil when no shard of this process knows it.
func (b *Bot) cachedChannel(id string) *discordgo.Channel {
	for _, s := range b.sessions() {
		st := s.State
		if st == nil {
			continue
		}
		ch, err := st.Channel(id)
		if err != nil {
			continue
		}
		// The cache updates a channel in place under its lock: copy the
		// fields read here under it.
		st.RLock()
		c := &discordgo.Channel{ID: ch.ID, GuildID: ch.GuildID, ParentID: ch.ParentID, Name: ch.Name, Type: ch.Type, OwnerID: ch.OwnerID}
		st.RUnlock()
		return c
	}
	return nil
}
