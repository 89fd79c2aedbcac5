package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// A session's record lasts a month after its last write, and a store
// reset (a flush, a Redis without persistence restarted) loses it
// sooner. Its thread is still there, and its class still posts in it:
// their questions were dropped without a word, and /session end said
// there was no session in this channel, as if run in the wrong one.
// A thread known to have held a session says plainly that it is gone.

// wasSession reports whether channelID, whose session the store does
// not have, held one: this process saw it running, or it is a thread
// the bot opened under a session thread's name (in any language), as
// the gateway cache knows it.
func (e *educator) wasSession(channelID string) bool {
	if _, ok := e.liveThreads.Load(channelID); ok {
		return true
	}
	ch := e.b.cachedChannel(channelID)
	me := e.b.botUserID()
	return ch != nil && ch.IsThread() && ch.OwnerID != "" && ch.OwnerID == me && sessionThreadName(ch.Name)
}

// sessionThreadName reports whether name is a session thread's, in any
// language (msgSessionThreadName).
func sessionThreadName(name string) bool {
	for _, text := range catalogue[msgSessionThreadName] {
		if prefix, _, ok := strings.Cut(text, "%s"); ok && prefix != "" && strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// tellLost tells a member who posts in the thread of a session whose
// record is gone that their question was not queued, and why: once per
// member and thread.
func (e *educator) tellLost(ctx context.Context, m *discordgo.Message) {
	if !e.firstTime(ctx, "session-lost:"+m.ChannelID+":"+m.Author.ID, endedNoticeTTL) {
		return
	}
	done, ok := e.b.begin()
	if !ok {
		return
	}
	defer done()
	e.reply(m, tr(e.b.guildLocale(m.GuildID), msgSessionLost), nil)
}
