package discordtest

import "github.com/bwmarrin/discordgo"

// WithGuildLocale sets a guild's preferred locale (a community server's
// language), which GUILD_CREATE carries; the default is en-US, as on
// Discord.
func WithGuildLocale(guildID string, locale discordgo.Locale) Option {
	return func(c *config) {
		if c.guildLocales == nil {
			c.guildLocales = map[string]discordgo.Locale{}
		}
		c.guildLocales[guildID] = locale
	}
}

// preferredLocaleLocked is a guild's preferred locale.
func (s *Server) preferredLocaleLocked(guildID string) discordgo.Locale {
	if l, ok := s.cfg.guildLocales[guildID]; ok {
		return l
	}
	return discordgo.EnglishUS
}
