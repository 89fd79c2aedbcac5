package discord

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"
)

// retentionTimeout bounds one guild's Forget or Keep (the store bounds
// each Redis call more tightly).
const retentionTimeout = 10 * time.Second

// retention forgets a guild's data, in time, when the guild removes the
// bot, and keeps it when the bot is in the guild.
type retention struct {
	b *Bot
	r GuildRetention
}

// addRetention registers the guild events. Call it from New only.
func (b *Bot) addRetention(r GuildRetention) {
	g := &retention{b: b, r: r}
	b.on(g.onGuildDelete)
	b.on(g.onGuildCreate)
}

// GUILD_DELETE says the bot was removed from the guild (kicked, banned,
// or the guild deleted), or, with unavailable set, that the guild is in
// an outage: the bot is still in it then, and nothing is forgotten.
//
// A guild that removed the bot while it was offline sends no GUILD_DELETE
// and is not forgotten here.
func (g *retention) onGuildDelete(_ *discordgo.Session, e *discordgo.GuildDelete) {
	if e.Guild == nil || e.ID == "" || e.Unavailable {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), retentionTimeout)
	defer cancel()
	n, err := g.r.Forget(ctx, e.ID)
	if err != nil {
		// GUILD_DELETE does not come again: the data stays until an
		// operator deletes it, hence the guild id.
		g.b.log.Warn("removed from a guild: its stored data could not be set to expire and stays", "guild", e.ID, "err", err)
		return
	}
	g.b.log.Info("removed from a guild: its stored data expires unless the bot is invited back in time", "guild", e.ID, "keys", n)
}

// GUILD_CREATE comes for every guild at every connection, and when the
// bot joins one (back, perhaps, before its data expired): its data is
// kept. One cheap call per guild, logged only when something was
// expiring; should it fail, the next connection tries again.
func (g *retention) onGuildCreate(_ *discordgo.Session, e *discordgo.GuildCreate) {
	if e.Guild == nil || e.ID == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), retentionTimeout)
	defer cancel()
	n, err := g.r.Keep(ctx, e.ID)
	if err != nil {
		g.b.log.Warn("in a guild: its stored data may still be set to expire; tried again at the next connection", "guild", e.ID, "err", err)
		return
	}
	if n > 0 {
		g.b.log.Info("back in a guild: its stored data no longer expires", "guild", e.ID, "keys", n)
	}
}
